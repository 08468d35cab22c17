#!/bin/sh
# make-screenshots.sh [BUILD_DIR] — the screenshots the AppStream metainfo shows.
#
# Builds the demo project, derives customer features from its purchases, makes a segmentation run, then
# opens each workflow step in a 1000×700 window, light and dark, and saves data/screenshots/STEP.png and
# STEP-dark.png (data, prepare, segment, segments, segment-detail — the first segment's details —,
# personas, export). Runs on the display it is given, or
# on a private Xvfb. BUILD_DIR defaults to ./build beside this checkout (configured with the app).
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
steps="data prepare segment segments segment-detail personas export"

ninja -C "$build" demo-project src/cli/segmenta-cli tests/sg-screenshot >/dev/null

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# Where a user keeps it: the window's subtitle reads "~/Documents".
mkdir -p "$tmp/home/Documents"
project="$tmp/home/Documents/Demo Shop.segmenta"
cli=$build/src/cli/segmenta-cli
cp "$build/data/demo/demo.segmenta" "$project"
"$cli" derive "$project" --transactions transactions --customers customers --join-on customer_id >/dev/null
"$cli" segment "$project" --dataset "Customer features" --seed 1 \
  --features recency_days,frequency,monetary,avg_order_value,tenure_days,n_categories,age \
  --log1p frequency,monetary,avg_order_value >/dev/null

# Numbers grouped as most readers expect ("1,933"): en_US, built privately if the system lacks it.
if locale -a 2>/dev/null | grep -qiE '^en_US\.utf-?8$'; then
  LC_ALL=en_US.UTF-8
elif mkdir -p "$tmp/locale" && localedef -i en_US -f UTF-8 "$tmp/locale/en_US.UTF-8" 2>/dev/null; then
  LOCPATH=$tmp/locale
  export LOCPATH
  LC_ALL=en_US.UTF-8
else
  LC_ALL=C.UTF-8
fi
HOME=$tmp/home
GSETTINGS_SCHEMA_DIR=$build/data
GSETTINGS_BACKEND=memory
NO_AT_BRIDGE=1
export HOME LC_ALL GSETTINGS_SCHEMA_DIR GSETTINGS_BACKEND NO_AT_BRIDGE

shoot() {
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    "$build/tests/sg-screenshot" "$@"
  else
    xvfb-run -a -s "-screen 0 1280x1024x24" "$build/tests/sg-screenshot" "$@"
  fi
}

# shellcheck disable=SC2086 # the steps are words
shoot --size 1000x700 "$project" "$here" $steps
# shellcheck disable=SC2086
shoot --dark --size 1000x700 "$project" "$here" $steps
