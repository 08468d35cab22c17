# Shared by bench/dbscan.sh, bench/ward.sh and bench/silhouette.sh (sourced, not run).
#
# geo_data ROWS            sets $data to bench/out/customers-ROWS.csv, generating it if missing
# geo_compare CMD FILE [OUR ARGS...] -- [PEER ARGS...]
#                          runs bench-geo and peer_geo.py in turn ($RUNS times each, default 3),
#                          each under /usr/bin/time -v, and prints fit times (in-process, wall),
#                          peak memory of the whole process and the ratios ours/peer (medians).
# Both sides run with 2 threads (bench/peer-env.sh). PORTABLE=1 times the portable release build
# (build-portable: no -march=native) instead of the bench build.

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
source "$here/peer-env.sh"

if [ "${PORTABLE:-0}" = 1 ]; then
  build="$root/build-portable" native=false
else
  build="$root/build-bench" native=true
fi
if [ ! -d "$build" ]; then
  meson setup "$build" "$root" -Dbuildtype=release -Dnative=$native -Dapp=false >/dev/null
fi
ninja -C "$build" bench/bench-geo >/dev/null
ours_exe="$build/bench/bench-geo"

geo_data () {
  mkdir -p "$here/out"
  data="$here/out/customers-$1.csv"
  if [ ! -s "$data" ]; then
    /usr/bin/python3 "$here/gen_customers.py" "$data" --rows "$1" --cols 16 --clusters 8 --seed 1
  fi
}

geo_compare () {
  local cmd=$1 file=$2
  shift 2
  local ours_args=() peer_args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do ours_args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  peer_args=("$@")
  local tmp
  tmp=$(mktemp -d)
  for run in $(seq 1 "${RUNS:-3}"); do
    /usr/bin/time -v -o "$tmp/ours-$run.time" "$ours_exe" "$cmd" "$file" "${ours_args[@]}" >"$tmp/ours-$run.json"
    /usr/bin/time -v -o "$tmp/peer-$run.time" "$PEER_PYTHON" "$here/peer_geo.py" "$cmd" "$file" \
      "${ours_args[@]}" "${peer_args[@]}" >"$tmp/peer-$run.json"
  done
  GEO_BUILD=$(basename "$build") /usr/bin/python3 - "$tmp" "${RUNS:-3}" "$cmd" "$file" <<'PY'
import json, os, re, statistics, sys
tmp, runs, cmd, data = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def peak_mb(path):
    text = open(path).read()
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
rows = {"ours": [], "peer": []}
for side in rows:
    for r in range(1, runs + 1):
        result = json.load(open(f"{tmp}/{side}-{r}.json"))
        rows[side].append((result["seconds"], peak_mb(f"{tmp}/{side}-{r}.time"), result))
print(f"{cmd} on {data} ({rows['ours'][0][2]['rows']} x {rows['ours'][0][2]['cols']}), {runs} runs each, 2 threads, "
      f"ours: {os.environ.get('GEO_BUILD', '?')}")
for side, name in (("ours", "segmenta"), ("peer", "peer")):
    times = [t for t, _, _ in rows[side]]
    peaks = [m for _, m, _ in rows[side]]
    summary = {k: v for k, v in rows[side][-1][2].items()
               if k not in ("algorithm", "rows", "cols", "threads", "seconds", "cpu_seconds")}
    print(f"  {name:9s} fit {statistics.median(times):8.3f} s (min {min(times):.3f}, max {max(times):.3f})"
          f"   peak {statistics.median(peaks):8.1f} MB   {json.dumps(summary)}")
paired = [o[0] / p[0] for o, p in zip(rows["ours"], rows["peer"])]
print(f"  ratio ours/peer: time {statistics.median(paired):.3f} (median of paired runs), "
      f"peak memory {statistics.median(m for _, m, _ in rows['ours']) / statistics.median(m for _, m, _ in rows['peer']):.3f}")
PY
  rm -rf "$tmp"
}
