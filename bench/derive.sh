#!/bin/bash
# bench/derive.sh — customer features from a 5,000,000-line transaction log:
# `segmenta-cli derive` on a project holding the imported transactions, next to a pandas groupby
# computing the same features in one run (bench/peer_derive.py). Times (wall, median of RUNS, runs
# alternating) and peak memory (/usr/bin/time), then the ratios ours/peer.
#
#   bench/derive.sh                 ROWS=5000000 RUNS=5 by default
#   IMPORT_CLI=path/to/segmenta-cli bench/derive.sh   (another build's CLI for the import, optional)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/peer-env.sh

ROWS=${ROWS:-5000000}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/sg-bench}
BUILD=${BUILD:-build-bench}
CLI=${CLI:-$BUILD/src/cli/segmenta-cli}
IMPORT_CLI=${IMPORT_CLI:-$CLI}
DATA=$WORK/transactions-$ROWS.csv
PROJECT=$WORK/derive-$ROWS.segmenta

mkdir -p "$WORK"
if [ ! -x "$CLI" ]; then
  echo "build the bench build first: meson setup $BUILD -Dbuildtype=release -Dnative=true -Dapp=false && ninja -C $BUILD" >&2
  exit 1
fi
if ! "$IMPORT_CLI" import --help >/dev/null 2>&1; then
  echo "$IMPORT_CLI has no import command: set IMPORT_CLI to a segmenta-cli that has one" >&2
  exit 1
fi
if [ ! -f "$DATA" ]; then
  echo "generating $DATA …"
  "$PEER_PYTHON" bench/gen_transactions.py "$DATA" --rows "$ROWS" --customers $((ROWS / 50))
fi

# measure OUT CMD…: runs CMD, its output in OUT; prints "wall_seconds peak_kb"
measure () {
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time.txt" "$@" > "$out" 2>&1 || { cat "$out" >&2; exit 1; }
  cat "$WORK/time.txt"
}

median () { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rm -f "$PROJECT" "$PROJECT-wal" "$PROJECT-shm"
"$IMPORT_CLI" new "$PROJECT" > /dev/null
read -r import_s import_kb < <(measure "$WORK/import.txt" "$IMPORT_CLI" import "$PROJECT" "$DATA" --name transactions)

ours_s=(); ours_kb=(); ours_engine=(); peer_s=(); peer_kb=(); peer_read=(); peer_feat=()
for i in $(seq 1 "$RUNS"); do
  read -r s kb < <(measure "$WORK/ours.txt" "$CLI" derive "$PROJECT" --transactions transactions \
                   --category StockCode --channel Country --as "features $i" --json)
  ours_s+=("$s"); ours_kb+=("$kb")
  ours_engine+=("$(sed -n 's/.*"seconds" : \([0-9.e-]*\).*/\1/p' "$WORK/ours.txt")")
  ours_customers=$(sed -n 's/.*"customers" : \([0-9]*\).*/\1/p' "$WORK/ours.txt")
  read -r s kb < <(measure "$WORK/peer.txt" "$PEER_PYTHON" bench/peer_derive.py "$DATA")
  peer_s+=("$s"); peer_kb+=("$kb")
  peer_read+=("$(sed -n 's/^read \([0-9.]*\) s.*/\1/p' "$WORK/peer.txt")")
  peer_feat+=("$(sed -n 's/.*features \([0-9.]*\) s.*/\1/p' "$WORK/peer.txt")")
  peer_customers=$(sed -n 's/^customers \([0-9]*\).*/\1/p' "$WORK/peer.txt")
done

o=$(printf '%s\n' "${ours_s[@]}" | median); ok=$(printf '%s\n' "${ours_kb[@]}" | median)
oe=$(printf '%s\n' "${ours_engine[@]}" | median)
p=$(printf '%s\n' "${peer_s[@]}" | median); pk=$(printf '%s\n' "${peer_kb[@]}" | median)
pr=$(printf '%s\n' "${peer_read[@]}" | median); pf=$(printf '%s\n' "${peer_feat[@]}" | median)

echo "derive benchmark: $ROWS transaction lines ($DATA), medians of $RUNS runs"
echo "customers: ours $ours_customers, pandas $peer_customers"
printf '%-44s %9s %10s\n' "" "wall s" "peak MiB"
printf '%-44s %9.2f %10.0f\n' "segmenta import (once, not in the ratios)" "$import_s" "$(echo "$import_kb / 1024" | bc -l)"
printf '%-44s %9.2f %10.0f\n' "segmenta derive (load + derive + store)" "$o" "$(echo "$ok / 1024" | bc -l)"
printf '%-44s %9.2f %10s\n' "  of which the derivation itself" "$oe" ""
printf '%-44s %9.2f %10.0f\n' "pandas read_csv + groupby (one run)" "$p" "$(echo "$pk / 1024" | bc -l)"
printf '%-44s %9.2f %10s\n' "  of which read_csv" "$pr" ""
printf '%-44s %9.2f %10s\n' "  of which the features" "$pf" ""
printf 'ratio derive / pandas run:          %.3f\n' "$(echo "$o / $p" | bc -l)"
printf 'ratio derive / pandas features:     %.3f\n' "$(echo "$o / $pf" | bc -l)"
printf 'ratio import + derive / pandas run: %.3f\n' "$(echo "($import_s + $o) / $p" | bc -l)"
printf 'ratio peak memory derive / pandas:  %.3f\n' "$(echo "$ok / $pk" | bc -l)"
