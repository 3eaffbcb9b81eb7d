#!/usr/bin/env bash
# The sector check against the size of the rules' list: the same import with the default rules (17
# sectors) and with a rules file of 100,000 sectors, in the same run. The check is one hashed lookup
# per row, so the ratio must stay near 1 (a scan of the list made it 40-70x slower).
#
# Usage: Scripts/bench_sectors.sh [ROWS] [SECTORS]   (default: 100000 rows, 100000 sectors)
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-100000}
sectors=${2:-100000}
swift build -c release --product accelerator >&2
binary=.build/release/accelerator
work=${BENCH_DIR:-/tmp/accelerator-bench}
mkdir -p "$work"
file="$work/applicants-$rows.csv"
[ -f "$file" ] || python3 Scripts/generate_applicants.py "$rows" "$file"

rules="$work/rules-$sectors-sectors.toml"
python3 - "$sectors" "$rules" <<'PY'
import sys
count, path = int(sys.argv[1]), sys.argv[2]
default = ["AI", "FinTech", "AgriTech", "HealthTech", "EdTech", "CleanTech", "GreenHydrogen", "Cybersecurity",
           "Mobility", "Logistics", "GovTech", "Aerospace", "InsurTech", "PropTech", "E-commerce", "DeepTech", "IoT"]
names = [f"Sector{i}" for i in range(count - len(default))] + default
with open(path, "w") as out:
    out.write("sectors = [\n" + "".join(f'  "{name}",\n' for name in names) + "]\n")
PY

seconds() { /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null | tail -1; }
run() {
  local db="$work/sectors.sqlite"
  rm -f "$db" "$db-wal" "$db-shm"
  "$binary" init --db "$db" ${1:+--rules "$1"} >/dev/null
  seconds "$binary" import "$file" --cohort 2026-A --db "$db" --format json
}
default_s=$(run "")
large_s=$(run "$rules")
python3 -c "import sys; d, l = map(float, sys.argv[1:3]); print(f'import of {sys.argv[3]} rows: default rules {d:.2f} s, {sys.argv[4]} sectors {l:.2f} s, ratio {l/d:.2f}')" "$default_s" "$large_s" "$rows" "$sectors"
