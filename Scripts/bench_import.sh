#!/usr/bin/env bash
# Import benchmark: accelerator import against sqlite3 .import of the same file, in the same run.
#
# Usage: [ACCELERATOR_BIN=BINARY] Scripts/bench_import.sh [ROWS[:narrow] ...]   (default: 100000 1000000 200000:narrow;
#        BENCH_ROUNDS=3 rounds each, medians reported). import_s is a first import with --exclusive,
#        wal_s without it; rows_s and re_rows_s are rows per second of the import and the re-import.
#        The rows are about 525 bytes; ":narrow" ones about 300 (a cost per row weighs more when
#        rows are short: 200,000 narrow rows are a 60 MB file).
# Targets (issue 3): import ≤ 1.5× .import; re-import of the same file ≤ 1.0×;
# peak RSS ≤ 64 MiB, and the same at 100k and 1M rows.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${ACCELERATOR_BIN:-}" ]; then
  binary=$ACCELERATOR_BIN   # say, an older build, to compare in the same run
else
  swift build -c release --product accelerator >&2
  binary=.build/release/accelerator
fi
# A build from before `--exclusive` wrote every first import through a rollback journal.
exclusive=(--exclusive)
"$binary" import --help 2>&1 | grep -q -- --exclusive || exclusive=()
work=${BENCH_DIR:-/tmp/accelerator-bench}
mkdir -p "$work"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000 200000:narrow)
rounds=${BENCH_ROUNDS:-3}

. Scripts/bench_lib.sh

printf '%-14s %-6s %9s %9s %10s %6s %8s %10s %10s %7s %9s %9s %10s\n' rows size sqlite3_s import_s reimport_s ratio re_ratio import_MiB sqlite_MiB wal_s wal_ratio rows_s re_rows_s
for case in "${sizes[@]}"; do
  rows=${case%%:*}
  if [ "$case" != "$rows" ]; then
    [ "${case#*:}" = narrow ] || { echo "unknown case $case (ROWS or ROWS:narrow)" >&2; exit 64; }
    file="$work/applicants-$rows-narrow.csv"
    [ -f "$file" ] || python3 Scripts/generate_applicants.py "$rows" "$file" --narrow
  else
    file="$work/applicants-$rows.csv"
    [ -f "$file" ] || python3 Scripts/generate_applicants.py "$rows" "$file"
  fi
  size=$(du -h "$file" | cut -f1)

  # ROUNDS rounds of the three runs, interleaved so that a change in the machine's load hits all
  # three alike; the medians are reported (and the largest peak RSS).
  sqlite_runs=() import_runs=() reimport_runs=() wal_runs=() peak_kib=0 sqlite_kib=0
  for _ in $(seq 1 "$rounds"); do
    rm -f "$work/flat.sqlite"
    read -r seconds kib <<<"$(measure sqlite3 "$work/flat.sqlite" ".mode csv" ".import $file flat")"
    sqlite_runs+=("$seconds"); sqlite_kib=$(( kib > sqlite_kib ? kib : sqlite_kib ))

    db="$work/bench.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"
    "$binary" init --db "$db" >/dev/null
    # The first import with --exclusive (through a rollback journal, each page written once), as a
    # program loads its first spreadsheet; the same into another new database through the WAL, as
    # it runs while other processes may read.
    read -r seconds kib <<<"$(measure "$binary" import "$file" --cohort 2026-A --db "$db" --format json "${exclusive[@]}")"
    import_runs+=("$seconds"); peak_kib=$(( kib > peak_kib ? kib : peak_kib ))
    wal="$work/bench-wal.sqlite"
    rm -f "$wal" "$wal-wal" "$wal-shm"
    "$binary" init --db "$wal" >/dev/null
    read -r seconds kib <<<"$(measure "$binary" import "$file" --cohort 2026-A --db "$wal" --format json)"
    wal_runs+=("$seconds"); peak_kib=$(( kib > peak_kib ? kib : peak_kib ))
    rm -f "$wal" "$wal-wal" "$wal-shm"
    read -r seconds kib <<<"$(measure "$binary" import "$file" --cohort 2026-A --db "$db" --format json)"
    reimport_runs+=("$seconds"); peak_kib=$(( kib > peak_kib ? kib : peak_kib ))

    inserted=$(sqlite3 "$db" "SELECT COUNT(*) FROM application")
    [ "$inserted" = "$rows" ] || { echo "expected $rows applications, found $inserted" >&2; exit 1; }
  done
  python3 - "$case" "$size" "${sqlite_runs[*]}" "${import_runs[*]}" "${reimport_runs[*]}" "$peak_kib" "$sqlite_kib" "${wal_runs[*]}" <<'PY'
import statistics, sys
case, size, s, i, r, peak, skib, w = sys.argv[1:]
rows = int(case.split(":")[0])
spread = lambda runs: f"{min(runs):.2f}–{max(runs):.2f}"
runs = [[float(x) for x in values.split()] for values in (s, i, r, w)]
s, i, r, w = (statistics.median(values) for values in runs)
print(f"{case:<14} {size:<6} {s:9.2f} {i:9.2f} {r:10.2f} {i/s:6.2f} {r/s:8.2f} {int(peak)/1024:10.1f} {int(skib)/1024:10.1f}"
      f" {w:7.2f} {w/s:9.2f} {rows/i:9.0f} {rows/r:10.0f}")
print(f"  spread (min–max of {len(runs[0])}): sqlite3 {spread(runs[0])} s, import {spread(runs[1])} s, "
      f"re-import {spread(runs[2])} s, wal {spread(runs[3])} s")
PY
done
