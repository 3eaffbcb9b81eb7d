#!/usr/bin/env bash
# Duplicate-finding benchmark: `accelerator duplicates` on ROWS startups (default 100,000) with 1,000
# planted duplicates (500 names with their second and third letters swapped, 500 with another startup's lead e-mail),
# against `sqlite3` pairing the same startups by one key alone (a self-join on the lead e-mail), in
# the same run. Prints the medians of BENCH_ROUNDS runs (3), their spread, the ratio, and how many of
# the planted pairs were found (all of them, or the script fails).
#
# Usage: [ACCELERATOR_BIN=BINARY] Scripts/bench_duplicates.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${ACCELERATOR_BIN:-}" ]; then
  binary=$ACCELERATOR_BIN
else
  swift build -c release --product accelerator >&2
  binary=.build/release/accelerator
fi
rows=${1:-100000}
rounds=${BENCH_ROUNDS:-3}
work=${BENCH_DIR:-/tmp/accelerator-bench}
mkdir -p "$work"
file="$work/applicants-$rows.csv"
[ -f "$file" ] || python3 Scripts/generate_applicants.py "$rows" "$file"
planted="$work/duplicates-$rows.csv"
python3 - "$file" "$planted" <<'PY'
import csv, sys
source, target = sys.argv[1:]
with open(source, newline="", encoding="utf-8") as f:
    reader = csv.DictReader(f)
    fields = reader.fieldnames
    originals = [row for _, row in zip(range(1000), reader)]
with open(target, "w", newline="", encoding="utf-8") as f:
    writer = csv.DictWriter(f, fieldnames=fields)
    writer.writeheader()
    for index, row in enumerate(originals):
        copy = dict(row, ice="", phone="", website="", cohort="2026-B", legal_name="")
        if index < 500:
            name = row["startup_name"]
            copy["startup_name"] = name[0] + name[2] + name[1] + name[3:]   # two letters swapped
            copy["email"] = f"someone{index}@example.org"
        else:
            copy["startup_name"] = f"Autre Projet {index}"                    # the same lead e-mail
        writer.writerow(copy)
PY

db="$work/duplicates.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
"$binary" init --db "$db" >/dev/null
"$binary" import "$file" --cohort 2026-A --db "$db" --exclusive --format json >/dev/null 2>&1
"$binary" import "$planted" --db "$db" --format json >/dev/null 2>&1

. Scripts/bench_lib.sh

find_runs=() join_runs=() peak=0
for _ in $(seq 1 "$rounds"); do
  read -r seconds kib <<<"$(measure "$binary" duplicates --db "$db" --format json)"
  find_runs+=("$seconds"); peak=$(( kib > peak ? kib : peak ))
  read -r seconds _ <<<"$(measure sqlite3 "$db" \
    "SELECT COUNT(*) FROM startup a JOIN startup b ON a.lead_email_key = b.lead_email_key AND a.id < b.id")"
  join_runs+=("$seconds")
done
found=$("$binary" duplicates --db "$db" --format json | python3 -c '
import json, sys
pairs = json.load(sys.stdin)["pairs"]
codes = [r["code"] for p in pairs for r in p["reasons"]]
# A swap of two equal letters (Irrigation) leaves the same name: found as such.
print(len(pairs), codes.count("near_name") + codes.count("same_name"), codes.count("same_lead_email"))')
read -r pairs near email <<<"$found"
python3 - "$rows" "${find_runs[*]}" "${join_runs[*]}" "$peak" "$pairs" "$near" "$email" <<'PY'
import statistics, sys
rows, f, j, peak, pairs, near, email = sys.argv[1:]
f = [float(x) for x in f.split()]; j = [float(x) for x in j.split()]
fm, jm = statistics.median(f), statistics.median(j)
print(f"startups {int(rows) + 1000:,}: duplicates {fm:.2f} s ({min(f):.2f}–{max(f):.2f}), peak {int(peak)/1024:.1f} MiB; "
      f"sqlite3 self-join on the lead e-mail {jm:.2f} s ({min(j):.2f}–{max(j):.2f}); ratio {fm/jm:.2f}")
print(f"pairs found {pairs}: {near} by near or same names (500 planted), {email} by lead e-mail (500 planted)")
if int(near) < 500 or int(email) < 500:
    sys.exit("a planted duplicate was missed")
PY
