#!/usr/bin/env bash
# Renders the HTML report of a database in headless Chromium to a PNG, to look at it as a reader would.
#
# Usage: Scripts/render_report.sh DB [COHORT]
#   Writes report[-COHORT].html and report[-COHORT].png in $OUT_DIR (default: the current folder)
#   and prints the PNG's path. Extra options for `accelerator report` go in $REPORT_OPTIONS
#   (e.g. REPORT_OPTIONS="--as-of 2026-06-30").
#   The binary is $ACCELERATOR_BIN when set, else built with `swift build --product accelerator`
#   (scratch path $SCRATCH_PATH, default .build).
#   The PNG is as tall as the whole page (measured first at the same width), footer included.
#   Chromium comes from the system packages: apt-get install -y chromium
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 DB [COHORT]" >&2; exit 64; }
db=$1
cohort=${2:-}
out_dir=${OUT_DIR:-$PWD}
root=$(cd "$(dirname "$0")/.." && pwd)

if [ -n "${ACCELERATOR_BIN:-}" ]; then
  binary=$ACCELERATOR_BIN
else
  scratch=${SCRATCH_PATH:-.build}
  (cd "$root" && swift build --product accelerator --scratch-path "$scratch" >&2)
  binary="$(cd "$root" && swift build --scratch-path "$scratch" --show-bin-path)/accelerator"
fi
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "error: chromium is not installed (apt-get install -y chromium)" >&2; exit 69; }
[ -f "$db" ] || { echo "error: no database at $db" >&2; exit 66; }

mkdir -p "$out_dir"
name=report${cohort:+-$cohort}
html="$out_dir/$name.html"
png="$out_dir/$name.png"
args=(report --db "$db" --format html --output "$html")
[ -n "$cohort" ] && args+=(--cohort "$cohort")
# shellcheck disable=SC2206
[ -n "${REPORT_OPTIONS:-}" ] && args+=(${REPORT_OPTIONS})
"$binary" "${args[@]}"

# A throwaway profile and scratch folder: nothing of the user's browser is read or written.
scratch_dir=$(mktemp -d)
trap 'rm -rf "$scratch_dir"' EXIT
width=1200
render() {
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$scratch_dir/profile" "$@"
}

# A screenshot holds the window and no more, so the window must be as tall as the page. The page
# has no script (and keeps none): a copy of it with one line that writes its height into the DOM
# is laid out at the same width, and the height read back from the DOM Chromium dumps.
probe="$scratch_dir/probe.html"
sed 's#</body>#<script>document.body.setAttribute("data-page-height", document.documentElement.scrollHeight)</script></body>#' \
  "$html" >"$probe"
height=$(render --window-size="$width,1000" --virtual-time-budget=5000 --dump-dom "file://$probe" 2>/dev/null |
  sed -n 's/.*data-page-height="\([0-9]*\)".*/\1/p' | head -n 1)
[ -n "$height" ] || { echo "error: chromium did not lay out the page to measure it" >&2; exit 70; }

render --screenshot="$png" --window-size="$width,$height" \
  "file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")" >/dev/null 2>&1
[ -s "$png" ] || { echo "error: chromium wrote no screenshot" >&2; exit 70; }
echo "$png"
