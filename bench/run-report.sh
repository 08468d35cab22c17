#!/bin/sh
# bench/run-report.sh — what the automatic profile step adds to a run, and what validation costs
#
#   bench/run-report.sh                 # 1M × 16, k = 8 (3 runs); validate --bootstrap 20 on 100k (3 runs)
#   ROWS=200000 REPEAT=5 bench/run-report.sh
#
# No peer: scikit-learn has no profile, naming or validation step to compare with. The data come from
# bench/gen_customers.py (bench/out/, not committed) and are imported with `segmenta-cli import`.
# bench-run-report prints, per run: the whole sg_segment_dataset() time, the part spent in the
# automatic report step (from the step's progress message to the end), and sg_run_report_refresh()
# timed alone (wall and CPU). Then `segmenta-cli validate --bootstrap 20` runs under /usr/bin/time.
set -eu
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
VROWS=${VROWS:-100000}
COLS=16
K=${K:-8}
REPEAT=${REPEAT:-3}
BUILD=${BUILD:-build-bench}

. bench/peer-env.sh
CLI=$BUILD/src/cli/segmenta-cli
OURS=$BUILD/bench/bench-run-report
if [ ! -x "$OURS" ]; then
  echo "Build the bench build first:"
  echo "  meson setup $BUILD -Dbuildtype=release -Dnative=true -Dapp=false && ninja -C $BUILD"
  exit 1
fi
FEATURES=$(seq -s, 1 $COLS | sed 's/\([0-9]*\)/f\1/g')

mkdir -p bench/out
project_for () {  # ROWS → a project holding the generated data as dataset "customers"
  data=bench/out/customers_${1}x${COLS}.csv
  project=bench/out/run-report-${1}.segmenta
  [ -f "$data" ] || "$PEER_PYTHON" bench/gen_customers.py "$data" --rows "$1" --cols "$COLS" --clusters 8 --seed 1
  rm -f "$project" "$project-wal" "$project-shm"
  "$CLI" new "$project" > /dev/null
  "$CLI" import "$project" "$data" --name customers > /dev/null
  echo "$project"
}

P=$(project_for "$ROWS")
echo "== automatic report step: $ROWS rows × $COLS, k-means k = $K"
for i in $(seq "$REPEAT"); do
  "$OURS" "$P" customers "$FEATURES" "$K"
done

P=$(project_for "$VROWS")
"$CLI" segment "$P" -d customers -f "$FEATURES" -k "$K" --name bench > /dev/null
echo "== validate --bootstrap 20: $VROWS rows × $COLS, k-means k = $K"
for i in $(seq "$REPEAT"); do
  /usr/bin/time -f "wall %e s  user %U s  peak %M KB" "$CLI" validate "$P" --run bench --bootstrap 20 > /dev/null
done
