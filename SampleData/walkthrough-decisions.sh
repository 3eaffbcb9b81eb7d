#!/usr/bin/env bash
# The walkthrough's cohort moved by committee spreadsheets instead of advance commands: the same
# sample applicants, then SampleData/decisions-2026A.csv (English) tried as a dry run and applied as
# one batch; the French SampleData/decisions-2026B.fr.csv applied and undone; further funding and
# markets; the mentors; a file refused with every problem listed, and an undo refused.
# Usage: bash SampleData/walkthrough-decisions.sh [DATABASE]   (default: ./demo-decisions.sqlite, replaced each run)
# ACCELERATOR_SCRATCH=DIR builds into DIR instead of .build.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=()
if [ -n "${ACCELERATOR_SCRATCH:-}" ]; then scratch=(--scratch-path "$ACCELERATOR_SCRATCH"); fi
swift build "${scratch[@]}" --product accelerator >&2
bin="$(swift build "${scratch[@]}" --show-bin-path)/accelerator"
# Each command is echoed as it can be pasted (SampleData/quoted.sh).
. SampleData/quoted.sh
acc() { echo "\$ accelerator$(quoted "$@")" >&2; "$bin" "$@"; }

export ACCELERATOR_DB="${1:-demo-decisions.sqlite}"
rm -f "$ACCELERATOR_DB" "$ACCELERATOR_DB-wal" "$ACCELERATOR_DB-shm"
export ACCELERATOR_ACTOR="Comité de sélection"

acc init --rules SampleData/rules.toml
acc cohort add 2026-A --starts 02/03/2026 --capacity 25
acc cohort add 2026-B --starts 07/09/2026
acc import SampleData/applicants-2026A.en.csv --cohort 2026-A
acc import SampleData/candidatures-2026B.fr.csv --cohort 2026-B

# The committee's spreadsheet: mentoring, funding, a market abroad and both exits, rows applied in
# file order (Atlas AI goes mentored, then funded, then international in one file).
acc decisions SampleData/decisions-2026A.csv --dry-run
acc decisions SampleData/decisions-2026A.csv
acc list --cohort 2026-A

# French headers and spellings (mentorée, financée, refusé, désisté), semicolons and a BOM; then
# its undo puts every stage back through compensating events (history stays append-only).
acc decisions SampleData/decisions-2026B.fr.csv
acc imports undo 4
acc history "Oasis Énergie"

# Rounds and markets after the gate, recorded without a stage event.
acc fund "Atlas AI" --amount "2 000 000" --funding-kind convertible --investor "Azur Innovation" --funded-on 2026-09-01
acc market "Atlas AI" --market EAU --partner "Plug and Play Abu Dhabi"
acc mentors

# A refused file (expected to fail with exit 1): every problem with its line, nothing applied.
refused="$(mktemp --suffix=.csv)"
trap 'rm -f "$refused"' EXIT
printf '%s\n' 'startup,decision,date,amount,funding_kind,investor,reason' \
  'Sahara H2,funded,2026-09-01,,,,' 'Tbib Connect,rejected,2026-09-01,,,,' 'Fellah Data,mentoré,2026-09-01,,,,' >"$refused"
acc decisions "$refused" || echo "(refused as expected, exit $?)" >&2

# Atlas AI has a funding round since batch 3: its undo is refused, naming the row (exit 1).
acc imports undo 3 || echo "(refused as expected, exit $?)" >&2

acc imports
acc show "atlas ai"
acc history "Atlas AI"
