#!/usr/bin/env bash
# What the import's schema costs in SQLite alone: the rows of the benchmark file written into a new
# Accelerator database by SQL inside sqlite3 (INSERT … SELECT from a flat table into startup, founder
# and application, with every index), against `sqlite3 .import` of the same file. No parsing, no checks:
# the floor under `accelerator import` for this schema, through the WAL (any later import) and through
# a rollback journal with an 8 MiB page cache (what a first import into an empty database uses).
#
# Usage: Scripts/bench_sql_floor.sh [ROWS]     (default: 1000000; the file of bench_import.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
swift build -c release --product accelerator >&2
binary=.build/release/accelerator
work=${BENCH_DIR:-/tmp/accelerator-bench}
mkdir -p "$work"
file="$work/applicants-$rows.csv"
[ -f "$file" ] || python3 Scripts/generate_applicants.py "$rows" "$file"

seconds() { /usr/bin/time -f "%e" "$@" 2>&1 >/dev/null | tail -1; }

rm -f "$work/floor-flat.sqlite"
import_s=$(seconds sqlite3 "$work/floor-flat.sqlite" ".mode csv" ".import $file flat")

now="2026-11-28T10:00:00Z"
# Prints the seconds of the rows written by SQL into a new database, after the pragmas `$1`.
floor() {
  local db="$work/floor.sqlite"
  rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
  "$binary" init --db "$db" >/dev/null
  "$binary" cohort add 2026-A --starts 2026-01-05 --db "$db" >/dev/null
  local sql
  sql=$(cat <<SQL
ATTACH '$work/floor-flat.sqlite' AS f;
$1
BEGIN IMMEDIATE;
INSERT INTO startup (id, name, name_key, legal_name, ice, city, region, country, sector, founded_on, phone,
                     website, product_stage, employees, monthly_revenue_minor, monthly_revenue_currency,
                     funding_sought_minor, funding_sought_currency, description, created_at, updated_at,
                     lead_email_key, last_batch_id, created_batch_id)
SELECT rowid, startup_name, lower(startup_name), legal_name, ice, city, region, 'MA', sector, founded_on, phone,
       website, product_stage, employees, 15315536, 'MAD', 777470018, 'MAD', description, '$now', '$now',
       lower(email), 1, 1 FROM f.flat;
INSERT INTO founder (startup_id, position, full_name, email, is_lead) SELECT rowid, 0, founder, email, 1 FROM f.flat;
INSERT INTO application (startup_id, cohort_code, stage, applied_on, warnings, extra, created_at, updated_at,
                         last_batch_id, created_batch_id)
SELECT rowid, '2026-A', 'applied', applied_at, '[]', '[["source","' || source || '"]]', '$now', '$now', 1, 1 FROM f.flat;
COMMIT;
SQL
)
  seconds sqlite3 "$db" "$sql"
}
wal_s=$(floor "")
rollback_s=$(floor "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA cache_size = -8192;")
python3 -c "print(f'rows {$rows}: sqlite3 .import {$import_s:.2f} s; the same rows into the schema by SQL alone: through the WAL {$wal_s:.2f} s ({$wal_s / $import_s:.2f}x), through a rollback journal {$rollback_s:.2f} s ({$rollback_s / $import_s:.2f}x)')"
