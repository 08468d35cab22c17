#!/bin/sh
# bench/responsiveness.sh — does the window stay responsive while the Segment page segments 1,000,000
# customers? (A benchmark, not a test: it prints numbers, it asserts nothing.)
#
#   bench/responsiveness.sh                  # 1M × 16, k-means with k = 8; alone, while interacting, and
#                                            # the same window with no run (the machine's own noise)
#   ROWS=200000 K=auto REPEAT=5 bench/responsiveness.sh
#
# Generates the data once (bench/out/, not committed) with gen_customers.py, imports it with
# segmenta-cli into a fresh project, and runs bench/responsiveness-probe (the app's own window and
# Segment page, the run started through the page's action, i.e. sg_segment_dataset_async) on a private
# Xvfb unless a display is given. The probe reports main-loop gaps (a high-priority 1 ms timer) and frame
# intervals while the run goes: the target is no main-loop iteration longer than 50 ms.
set -eu
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
COLS=16
K=${K:-8}
BUILD=${BUILD:-build}
PROBE=$BUILD/bench/responsiveness-probe
CLI=$BUILD/src/cli/segmenta-cli
if [ ! -x "$PROBE" ] || [ ! -x "$CLI" ]; then
  echo "Build the app first (the default build, with the app): ninja -C $BUILD"
  exit 1
fi

mkdir -p bench/out
DATA=bench/out/customers_${ROWS}x${COLS}.csv
if [ ! -f "$DATA" ]; then
  echo "Generating $DATA"
  /usr/bin/python3 bench/gen_customers.py "$DATA" --rows "$ROWS" --cols "$COLS" --clusters 8 --seed 1
fi
PROJECT=bench/out/responsiveness_${ROWS}.segmenta
if [ ! -f "$PROJECT" ]; then
  echo "Importing into $PROJECT"
  rm -f "$PROJECT" "$PROJECT-wal" "$PROJECT-shm"
  "$CLI" new "$PROJECT.partial" >/dev/null
  "$CLI" import "$PROJECT.partial" "$DATA" >/dev/null
  mv "$PROJECT.partial" "$PROJECT"
fi

# Under Xvfb GTK would draw with GL on llvmpipe, a software rasteriser that takes the CPU the run needs and
# is no desktop's renderer: draw with cairo (GSK_RENDERER=gl to see the difference).
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$BUILD/data" NO_AT_BRIDGE=1 GSK_RENDERER=${GSK_RENDERER:-cairo}
REPEAT=${REPEAT:-3}
RESULTS=bench/out/responsiveness-results.jsonl
: > "$RESULTS"

probe() {
  # Each run starts from the imported project (runs are stored in a copy, not piled up).
  work=bench/out/responsiveness_work.segmenta
  rm -f "$work" "$work-wal" "$work-shm"
  cp "$PROJECT" "$work"
  if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    "$PROBE" --json --k "$K" "$@" "$work"
  else
    xvfb-run -a -s "-screen 0 1280x800x24" "$PROBE" --json --k "$K" "$@" "$work"
  fi
}

echo "$ROWS × $COLS, k-means with k = $K started from the Segment page, $REPEAT times each; renderer $GSK_RENDERER"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$REPEAT"); do
  probe | sed 's/^{/{"mode": "run", /' >> "$RESULTS"
  probe --interact | sed 's/^{/{"mode": "run+interact", /' >> "$RESULTS"
done
# The machine's own noise: the same window, no run, as long as the median run.
SECS=$(/usr/bin/python3 -c "import json,statistics;r=[json.loads(l) for l in open('$RESULTS')];print(round(statistics.median(x['run_seconds'] for x in r),1))")
for i in $(seq "$REPEAT"); do
  probe --baseline "$SECS" | sed 's/^{/{"mode": "no run", /' >> "$RESULTS"
  probe --baseline "$SECS" --interact | sed 's/^{/{"mode": "no run+interact", /' >> "$RESULTS"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

/usr/bin/python3 - "$RESULTS" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
med = statistics.median
print(f"{'':16} {'run s':>7} {'worst ms':>9} {'p99 ms':>7} {'p99.9 ms':>9} {'>50 ms':>7} {'frame worst':>12} {'frame p99':>10}   (medians of {len(rows)//4} each)")
for mode in ("run", "run+interact", "no run", "no run+interact"):
    r = [x for x in rows if x["mode"] == mode]
    m = [x["main_loop"] for x in r]; f = [x["frames"] for x in r]
    print(f"{mode:16} {med(x['run_seconds'] for x in r):7.1f} {med(x['worst_ms'] for x in m):9.1f} "
          f"{med(x['p99_ms'] for x in m):7.1f} {med(x['p999_ms'] for x in m):9.1f} {med(x['over_50_ms'] for x in m):7.0f} "
          f"{med(x['worst_ms'] for x in f):12.1f} {med(x['p99_ms'] for x in f):10.1f}")
a = [x["main_loop_advice"] for x in rows if x["mode"] == "run"]
print(f"feature advice (worker thread): {med(x['advice_seconds'] for x in rows):.1f} s, main-loop worst gap meanwhile "
      f"{med(x['worst_ms'] for x in a):.1f} ms (median)")
PY
