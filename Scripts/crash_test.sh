#!/usr/bin/env bash
# Crash test: kill -9 a large import, a large decisions batch and a first import into an empty
# database at random moments, and check each time that the database is sound (PRAGMA
# integrity_check) and holds exactly what it held before the command (sqlite3 .dump compared byte
# for byte). Then the command runs to its end on the same database, which must work.
#
# Usage: Scripts/crash_test.sh [KILLS] [IMPORT_ROWS] [DECISION_ROWS]     (default: 20 60000 5000)
# Environment: ACCELERATOR_BIN=path/to/accelerator skips the release build; CRASH_DIR keeps the work
# folder (default: a temporary folder, removed at the end).
# Prints the kills survived per command; exits 1 if any kill left the database changed or unsound.
set -euo pipefail
cd "$(dirname "$0")/.."

kills=${1:-20}
import_rows=${2:-60000}
decision_rows=${3:-5000}

if [ -n "${ACCELERATOR_BIN:-}" ]; then
  binary=$ACCELERATOR_BIN
else
  swift build -c release --scratch-path .build-crash --product accelerator >&2
  binary=.build-crash/release/accelerator
fi
binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed (apt-get install sqlite3)" >&2; exit 1; }

work=${CRASH_DIR:-$(mktemp -d /tmp/accelerator-crash.XXXXXX)}
mkdir -p "$work"
[ -n "${CRASH_DIR:-}" ] || trap 'rm -rf "$work"' EXIT
db=$work/crash.sqlite
export ACCELERATOR_DB=$db ACCELERATOR_TODAY=2026-06-01 ACCELERATOR_ACTOR=crash-test
rm -f "$db" "$db-wal" "$db-shm"

# A program with some history, and a cohort of startups waiting for the committee.
"$binary" init >/dev/null
"$binary" import SampleData/applicants-2026A.en.csv --cohort 2026-A >/dev/null 2>&1
"$binary" advance "Atlas AI" --to mentored --mentor "Karim Alaoui" --mentor-org Technopark >/dev/null
"$binary" cohort add 2026-D --starts 2026-01-05 --capacity 1000000 >/dev/null
python3 - "$work" "$import_rows" "$decision_rows" <<'PY'
import sys
work, import_rows, decision_rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(f"{work}/waiting.csv", "w") as out:
    out.write("startup_name,city,sector,founder,email\n")
    for i in range(decision_rows):
        out.write(f"Comite {i},Rabat,AI,Fondatrice {i},f{i}@comite.ma\n")
with open(f"{work}/decisions.csv", "w") as out:
    out.write("startup,cohort,decision,mentor,mentor_org,note\n")
    for i in range(decision_rows):
        out.write(f"Comite {i},2026-D,mentored,Mentor {i % 7},Technopark,committee of June\n")
with open(f"{work}/large.csv", "w") as out:
    out.write("name,ice,city,country,sector,founded_on,founder,email,phone,monthly_revenue,funding_sought,description,applied_at\n")
    for i in range(import_rows):
        out.write(f"Startup {i},{i:015d},Casablanca,Maroc,AI,2022-09-12,Fondatrice {i},f{i}@startup.ma,06 12 34 56 78,"
                  f"\"45 000,00\",\"1 500 000,50\",Vision par ordinateur pour le controle qualite des usines textiles,2026-02-15\n")
PY
"$binary" import "$work/waiting.csv" --cohort 2026-D >/dev/null

# Runs one command KILLS times, killed at a random moment; prints the kills survived. COMPLETE is a
# query that gives EXPECTED once the whole batch is in: a kill between the commit and the exit finds
# that state, which is right, and the moment is drawn again.
crash() {
  local label=$1 complete=$2 expected=$3
  shift 3
  local started finished duration before survived=0 completed=0 failures=0 attempt=0
  started=$(date +%s.%N)
  "$binary" "$@" --dry-run >/dev/null
  finished=$(date +%s.%N)
  duration=$(python3 -c "print(f'{$finished - $started:.2f}')")
  before=$(sqlite3 "$db" .dump)
  cp "$db" "$work/saved.sqlite"
  if [ -f "$db-wal" ]; then cp "$db-wal" "$work/saved.sqlite-wal"; else rm -f "$work/saved.sqlite-wal"; fi
  restore() {
    # A kill during a first import leaves a rollback journal: it belongs to the killed run.
    rm -f "$db-shm" "$db-journal"
    cp "$work/saved.sqlite" "$db"
    if [ -f "$work/saved.sqlite-wal" ]; then cp "$work/saved.sqlite-wal" "$db-wal"; else rm -f "$db-wal"; fi
  }
  local moments=()
  while [ "$survived" -lt "$kills" ] && [ "$attempt" -lt $((kills * 3)) ]; do
    attempt=$((attempt + 1))
    local delay
    delay=$(python3 -c "import random; print(f'{random.uniform(0, 0.95 * $duration):.3f}')")
    "$binary" "$@" >/dev/null 2>&1 &
    local pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null || true
    local status=0
    wait "$pid" 2>/dev/null || status=$?
    if [ "$status" -ne 137 ]; then
      # It finished before the kill: put the database back and draw another moment.
      completed=$((completed + 1))
      restore
      continue
    fi
    local integrity after
    integrity=$(sqlite3 "$db" "PRAGMA integrity_check;")
    after=$(sqlite3 "$db" .dump)
    if [ "$integrity" = "ok" ] && [ "$after" != "$before" ] && [ "$(sqlite3 "$db" "$complete")" = "$expected" ]; then
      # Killed after the commit, before the exit: the whole batch is in.
      completed=$((completed + 1))
      restore
      continue
    fi
    if [ "$integrity" = "ok" ] && [ "$after" = "$before" ]; then
      survived=$((survived + 1))
      moments+=("${delay}s")
    else
      failures=$((failures + 1))
      echo "$label: kill at ${delay}s left the database changed or unsound (integrity: $integrity)" >&2
    fi
  done
  # After all the kills, the command runs to its end on the same database.
  local final=0
  "$binary" "$@" >/dev/null 2>&1 || final=$?
  echo "$label: $survived/$kills kills survived (command ${duration}s long; killed at ${moments[*]}; $completed runs finished (or committed) before their kill and were put back); final run exit $final, integrity $(sqlite3 "$db" 'PRAGMA integrity_check;')"
  [ "$failures" -eq 0 ] && [ "$survived" -eq "$kills" ] && [ "$final" -eq 0 ]
}

status=0
applications=$(sqlite3 "$db" 'SELECT count(*) FROM application;')
crash "import of $import_rows rows" 'SELECT count(*) FROM application;' $((applications + import_rows)) \
  import "$work/large.csv" --cohort 2026-B || status=1
events=$(sqlite3 "$db" 'SELECT count(*) FROM stage_event;')
crash "decisions batch of $decision_rows rows" 'SELECT count(*) FROM stage_event;' $((events + decision_rows)) \
  decisions "$work/decisions.csv" || status=1
echo "applications: $(sqlite3 "$db" 'SELECT count(*) FROM application;'), stage events: $(sqlite3 "$db" 'SELECT count(*) FROM stage_event;')"

# A first import into an empty database with --exclusive goes through a rollback journal instead of the WAL: the
# same kills, on a database that holds only a cohort. It must be back in WAL mode afterwards.
db=$work/first.sqlite
export ACCELERATOR_DB=$db
"$binary" init >/dev/null
"$binary" cohort add 2026-B --starts 2026-01-05 --capacity 1000000 >/dev/null
crash "first --exclusive import of $import_rows rows into an empty database" 'SELECT count(*) FROM application;' "$import_rows" \
  import "$work/large.csv" --cohort 2026-B --exclusive || status=1
mode=$(sqlite3 "$db" 'PRAGMA journal_mode;')
[ "$mode" = "wal" ] || { echo "after the first import the database is in $mode mode, not wal" >&2; status=1; }
exit $status
