#!/usr/bin/env bash
# bench/import.sh — CSV import: segmenta-cli import (parse + store in a project) against pandas.read_csv and
# data.table::fread (parse into memory only) on the same generated 1,000,000 × 16 numeric file.
#
#   bench/import.sh [RUNS]          (default 5; the machine is shared: medians and paired ratios)
#
# Each run: ours imports into a fresh project (created before the clock starts), then pandas, then fread,
# each timed as a whole process with /usr/bin/time -v (wall seconds, peak resident memory).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/peer-env.sh

RUNS=${1:-5}
ROWS=${ROWS:-1000000}
COLS=${COLS:-16}
OUT=bench/out
DATA=$OUT/customers_${ROWS}x${COLS}.csv
CLI=build-bench/src/cli/segmenta-cli
mkdir -p "$OUT"

if [ ! -d build-bench ]; then
  meson setup build-bench -Dbuildtype=release -Dnative=true -Dapp=false >/dev/null
fi
ninja -C build-bench src/cli/segmenta-cli >/dev/null

if [ ! -f "$DATA" ]; then
  echo "Generating $DATA…"
  "$PEER_PYTHON" bench/gen_customers.py "$DATA" --rows "$ROWS" --cols "$COLS"
fi
echo "Data: $DATA ($(du -h "$DATA" | cut -f1), $ROWS rows × $((COLS + 1)) columns); $RUNS runs; SG_THREADS=$SG_THREADS"
cat "$DATA" > /dev/null   # in the page cache for everyone

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Runs "$@" under /usr/bin/time -v; appends "wall_seconds peak_kb" to $TMP/$1.times.
measure () {
  local name=$1; shift
  /usr/bin/time -v -o "$TMP/time.txt" "$@" > "$TMP/$name.out" 2>&1
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
              /Maximum resident set size/ { kb = $2 }
              END { printf "%.3f %d\n", s, kb }' "$TMP/time.txt" >> "$TMP/$name.times"
}

for run in $(seq 1 "$RUNS"); do
  project=$TMP/bench-$run.segmenta
  "$CLI" new "$project" > /dev/null
  measure ours "$CLI" import "$project" "$DATA"
  rm -f "$project" "$project-wal" "$project-shm"
  measure pandas "$PEER_PYTHON" bench/peer_read.py "$DATA"
  measure fread Rscript bench/peer_read.R "$DATA"
done

grep -E "^Rows:" "$TMP/ours.out"
grep -E "^Took" "$TMP/ours.out" | sed 's/^/segmenta import (internal): /'
cat "$TMP/pandas.out" "$TMP/fread.out"

calc () { awk "BEGIN { print $1 }"; }
median () { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
printf "%-22s %12s %12s\n" "" "median wall s" "median peak MiB"
for name in ours pandas fread; do
  wall=$(cut -d' ' -f1 "$TMP/$name.times" | median)
  peak=$(cut -d' ' -f2 "$TMP/$name.times" | median)
  printf "%-22s %12.3f %12.1f\n" "$name" "$wall" "$(calc "$peak / 1024")"
  eval "wall_$name=$wall peak_$name=$peak"
done

# Paired ratios: run i of ours against run i of the peer, then the median.
paired () {
  paste -d' ' "$TMP/ours.times" "$TMP/$1.times" | awk -v f="$2" '{ print (f == 1 ? $1 / $3 : $2 / $4) }' | median
}
echo
printf "ratio ours/pandas: time %.2f (paired %.2f), peak memory %.2f (paired %.2f)\n" \
  "$(calc "$wall_ours / $wall_pandas")" "$(paired pandas 1)" \
  "$(calc "$peak_ours / $peak_pandas")" "$(paired pandas 2)"
printf "ratio ours/fread:  time %.2f (paired %.2f), peak memory %.2f (paired %.2f)\n" \
  "$(calc "$wall_ours / $wall_fread")" "$(paired fread 1)" \
  "$(calc "$peak_ours / $peak_fread")" "$(paired fread 2)"
echo "Targets: time ≤ 2× pandas with peak memory ≤ pandas'; beat fread."
