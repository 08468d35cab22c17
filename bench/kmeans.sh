#!/bin/sh
# bench/kmeans.sh — k-means: Segmenta against scikit-learn on generated customer-like data
#
#   bench/kmeans.sh                 # 1M × 16, k = 8, n_init 1 (seeds 0-4) and n_init 10 (seed 0)
#   ROWS=200000 SEEDS="0 1" bench/kmeans.sh
#
# Generates the data once (bench/out/, not committed), then runs our CLI (`segmenta-cli cluster`: reads
# the CSV, standardises, clusters — the whole process a user runs) and the peer (peer_kmeans.py: KMeans(lloyd)) one after the other, each under
# /usr/bin/time -v, both at 2 threads. Prints the fit time measured inside each process, the
# whole-process wall time and peak memory, iterations and inertia, and the ratios ours/scikit-learn
# (medians over the seeds). Lower inertia is better; with n_init 1 each seed may find a different
# local optimum, which is why several seeds are run.
set -eu
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
COLS=16
K=${K:-8}
SEEDS=${SEEDS:-0 1 2 3 4}
BUILD=${BUILD:-build-bench}

. bench/peer-env.sh
OURS=$BUILD/src/cli/segmenta-cli
if [ ! -x "$OURS" ]; then
  echo "Build the bench build first:"
  echo "  meson setup $BUILD -Dbuildtype=release -Dnative=true -Dapp=false && ninja -C $BUILD"
  exit 1
fi

mkdir -p bench/out
# Overlapping groups (spread 1.0): scikit-learn needs ~20 Lloyd iterations, as on real customers;
# well-separated blobs converge in a handful and measure little.
SPREAD=${SPREAD:-1.0}
DATA=bench/out/customers_${ROWS}x${COLS}_s${SPREAD}.csv
if [ ! -f "$DATA" ]; then
  echo "Generating $DATA"
  "$PEER_PYTHON" bench/gen_customers.py "$DATA" --rows "$ROWS" --cols "$COLS" --clusters 8 --seed 1 --spread "$SPREAD"
fi
RESULTS=bench/out/kmeans-results.jsonl
: > "$RESULTS"

# run TOOL N_INIT SEED COMMAND... : appends one JSON line with the program's own output, the
# wall time and the peak memory from /usr/bin/time -v.
run () {
  tool=$1 n_init=$2 seed=$3
  shift 3
  /usr/bin/time -v -o bench/out/time.txt "$@" > bench/out/run.json
  "$PEER_PYTHON" - "$tool" "$n_init" "$seed" >> "$RESULTS" <<'EOF'
import json, re, sys
tool, n_init, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
out = json.load(open("bench/out/run.json"))
t = open("bench/out/time.txt").read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1).split(":")
seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall)))
peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
print(json.dumps({"tool": tool, "n_init": n_init, "seed": seed, "fit": out["fit_seconds"],
                  "n_iter": out["n_iter"], "inertia": out["inertia"], "wall": seconds,
                  "peak_mb": peak_kb / 1024}))
EOF
}

for seed in $SEEDS; do
  run ours 1 "$seed" "$OURS" cluster "$DATA" --k "$K" --n-init 1 --threads 2 --seed "$seed"
  run sklearn 1 "$seed" "$PEER_PYTHON" bench/peer_kmeans.py "$DATA" --k "$K" --n-init 1 --seed "$seed"
done
run ours 10 0 "$OURS" cluster "$DATA" --k "$K" --n-init 10 --threads 2 --seed 0
run sklearn 10 0 "$PEER_PYTHON" bench/peer_kmeans.py "$DATA" --k "$K" --n-init 10 --seed 0

"$PEER_PYTHON" - "$RESULTS" "$ROWS" "$COLS" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
data_mb = int(sys.argv[2]) * int(sys.argv[3]) * 8 / 2**20
print(f"k-means, {sys.argv[2]} x {sys.argv[3]}, data matrix {data_mb:.0f} MB, 2 threads")
print(f"{'tool':8} {'n_init':>6} {'seed':>4} {'fit s':>8} {'iter':>5} {'inertia':>16} {'wall s':>7} {'peak MB':>8}")
for r in rows:
    print(f"{r['tool']:8} {r['n_init']:>6} {r['seed']:>4} {r['fit']:8.3f} {r['n_iter']:>5} {r['inertia']:16.3f} {r['wall']:7.2f} {r['peak_mb']:8.1f}")
for n_init in sorted({r["n_init"] for r in rows}):
    ours = [r for r in rows if r["tool"] == "ours" and r["n_init"] == n_init]
    peer = [r for r in rows if r["tool"] == "sklearn" and r["n_init"] == n_init]
    med = lambda rs, key: statistics.median(r[key] for r in rs)
    better = sum(o["inertia"] <= p["inertia"] * (1 + 1e-9) for o, p in zip(ours, peer))
    lowest = min(r["inertia"] for r in ours + peer)
    at_lowest = lambda rs: sum(r["inertia"] <= lowest * (1 + 1e-6) for r in rs)
    print(f"n_init {n_init}: ours/sklearn fit {med(ours, 'fit') / med(peer, 'fit'):.3f}, "
          f"whole process {med(ours, 'wall') / med(peer, 'wall'):.3f}, peak memory {med(ours, 'peak_mb') / med(peer, 'peak_mb'):.3f} "
          f"(ours {med(ours, 'peak_mb') / data_mb:.2f}x the data matrix); median inertia ours {med(ours, 'inertia'):.1f} "
          f"vs {med(peer, 'inertia'):.1f}; ours equal or lower in {better} of {len(ours)} seeds; "
          f"at the lowest inertia seen: ours {at_lowest(ours)}, sklearn {at_lowest(peer)} of {len(ours)}")
EOF
