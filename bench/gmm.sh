#!/bin/sh
# bench/gmm.sh — Gaussian mixtures: Segmenta against scikit-learn on generated customer-like data
#
#   bench/gmm.sh                    # 100k × 16, k = 8, full covariances, seeds 0-4, and 30 fixed iterations
#   ROWS=20000 COVARIANCE=diag bench/gmm.sh
#
# Generates the data once (bench/out/, not committed), then runs our driver (bench-gmm from the
# bench build) and the peer (peer_gmm.py: GaussianMixture) one after the other, each under
# /usr/bin/time -v, both at 2 threads. Prints the fit time measured inside each process, the
# whole-process wall time and peak memory, iterations and lower bound (higher is better), and the
# ratios ours/scikit-learn (medians over the seeds). Each seed starts from its own k-means run, so
# the two may converge to different optima in a different number of iterations; the run with a
# fixed number of iterations (tol 0) compares the cost of an EM iteration alone.
set -eu
cd "$(dirname "$0")/.."

ROWS=${ROWS:-100000}
COLS=16
K=${K:-8}
COVARIANCE=${COVARIANCE:-full}
SEEDS=${SEEDS:-0 1 2 3 4}
FIXED_ITER=${FIXED_ITER:-30}
BUILD=${BUILD:-build-bench}

. bench/peer-env.sh
OURS=$BUILD/bench/bench-gmm
CLI=$BUILD/src/cli/segmenta-cli
if [ ! -x "$OURS" ]; then
  echo "Build the bench build first:"
  echo "  meson setup $BUILD -Dbuildtype=release -Dnative=true -Dapp=false && ninja -C $BUILD"
  exit 1
fi

mkdir -p bench/out
DATA=bench/out/customers_${ROWS}x${COLS}.csv
if [ ! -f "$DATA" ]; then
  echo "Generating $DATA"
  "$PEER_PYTHON" bench/gen_customers.py "$DATA" --rows "$ROWS" --cols "$COLS" --clusters 8 --seed 1
fi
RESULTS=bench/out/gmm-results.jsonl
: > "$RESULTS"

# run TOOL LABEL SEED COMMAND... : appends one JSON line with the program's own output, the wall
# time and the peak memory from /usr/bin/time -v.
run () {
  tool=$1 label=$2 seed=$3
  shift 3
  /usr/bin/time -v -o bench/out/time.txt "$@" > bench/out/run.json
  "$PEER_PYTHON" - "$tool" "$label" "$seed" >> "$RESULTS" <<'PY'
import json, re, sys
tool, label, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
out = json.load(open("bench/out/run.json"))
t = open("bench/out/time.txt").read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1).split(":")
seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall)))
peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
print(json.dumps({"tool": tool, "run": label, "seed": seed, "fit": out["fit_seconds"],
                  "n_iter": out["n_iter"], "lower_bound": out["lower_bound"], "bic": out["bic"],
                  "wall": seconds, "peak_mb": peak_kb / 1024}))
PY
}

for seed in $SEEDS; do
  # To convergence through the CLI (the whole process a user runs); fixed iterations need the driver's --tol.
  run ours converge "$seed" "$CLI" cluster "$DATA" --algorithm gmm --k "$K" --covariance "$COVARIANCE" --threads 2 --seed "$seed"
  run sklearn converge "$seed" "$PEER_PYTHON" bench/peer_gmm.py "$DATA" --k "$K" --covariance "$COVARIANCE" --seed "$seed"
done
run ours "fixed$FIXED_ITER" 0 "$OURS" "$DATA" --k "$K" --covariance "$COVARIANCE" --threads 2 --seed 0 --tol 0 --max-iter "$FIXED_ITER"
run sklearn "fixed$FIXED_ITER" 0 "$PEER_PYTHON" bench/peer_gmm.py "$DATA" --k "$K" --covariance "$COVARIANCE" --seed 0 --tol 0 --max-iter "$FIXED_ITER"

"$PEER_PYTHON" - "$RESULTS" "$ROWS" "$COLS" "$COVARIANCE" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
data_mb = int(sys.argv[2]) * int(sys.argv[3]) * 8 / 2**20
print(f"Gaussian mixture ({sys.argv[4]}), {sys.argv[2]} x {sys.argv[3]}, data matrix {data_mb:.1f} MB, 2 threads")
print(f"{'tool':8} {'run':>9} {'seed':>4} {'fit s':>8} {'iter':>5} {'lower bound':>13} {'BIC':>14} {'wall s':>7} {'peak MB':>8}")
for r in rows:
    print(f"{r['tool']:8} {r['run']:>9} {r['seed']:>4} {r['fit']:8.3f} {r['n_iter']:>5} {r['lower_bound']:13.6f} {r['bic']:14.1f} {r['wall']:7.2f} {r['peak_mb']:8.1f}")
for label in dict.fromkeys(r["run"] for r in rows):
    ours = [r for r in rows if r["tool"] == "ours" and r["run"] == label]
    peer = [r for r in rows if r["tool"] == "sklearn" and r["run"] == label]
    med = lambda rs, key: statistics.median(r[key] for r in rs)
    better = sum(o["lower_bound"] >= p["lower_bound"] - 1e-9 * abs(p["lower_bound"]) for o, p in zip(ours, peer))
    print(f"{label}: ours/sklearn fit {med(ours, 'fit') / med(peer, 'fit'):.3f}, "
          f"whole process {med(ours, 'wall') / med(peer, 'wall'):.3f}, peak memory {med(ours, 'peak_mb') / med(peer, 'peak_mb'):.3f} "
          f"(ours {med(ours, 'peak_mb') / data_mb:.2f}x the data matrix); median lower bound ours "
          f"{med(ours, 'lower_bound'):.4f} vs {med(peer, 'lower_bound'):.4f}; ours equal or higher in {better} of {len(ours)}")
PY
