#!/usr/bin/env bash
# A walkthrough of Accelerator on the sample spreadsheets: imports in three dialects, one
# application by hand, then startups moved to every stage and both exits.
# Usage: bash SampleData/walkthrough.sh [DATABASE]   (default: ./demo.sqlite, replaced each run)
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product accelerator >&2
# Each command is echoed as it can be pasted (SampleData/quoted.sh).
. SampleData/quoted.sh
acc() { echo "\$ accelerator$(quoted "$@")" >&2; .build/debug/accelerator "$@"; }

export ACCELERATOR_DB="${1:-demo.sqlite}"
rm -f "$ACCELERATOR_DB" "$ACCELERATOR_DB-wal" "$ACCELERATOR_DB-shm"
export ACCELERATOR_ACTOR="Comité de sélection"

acc init --rules SampleData/rules.toml
acc cohort add 2026-A --starts 02/03/2026 --capacity 25
acc cohort add 2026-B --starts 07/09/2026

# Three real-looking exports: English (comma, LF), French Excel (semicolon, BOM, CRLF, day-first
# dates, decimal commas, a multi-line description) and Google Forms (long questions, mapped once).
acc import SampleData/applicants-2026A.en.csv --cohort 2026-A
acc import SampleData/applicants-2026A.en.csv --cohort 2026-A   # again: nothing changes
acc import SampleData/candidatures-2026B.fr.csv --cohort 2026-B
acc import SampleData/google-forms-2026B.csv --cohort 2026-B \
  --map "Quel est le nom de votre startup ?=name" \
  --map "Dans quelle ville êtes-vous basés ?=city" \
  --map "Dans quel secteur opérez-vous ?=sector" \
  --map "Nom et prénom du fondateur / de la fondatrice principal(e)=founder" \
  --map "Numéro ICE (si l'entreprise est immatriculée)=ice" \
  --map "Date de création de l'entreprise=founded_on" \
  --map "Combien de personnes compte l'équipe ?=employees" \
  --map "Décrivez votre projet en quelques phrases=description"

# One application by hand, with the same checks.
acc apply --cohort 2026-B --name "Nour Analytics" --city Oujda --sector AI \
  --founder "Sara Kettani <sara@nour-analytics.ma>" --founder "Ilyas Filali <ilyas@nour-analytics.ma>" \
  --founded 2024-06-01 --phone "+212 6 50 60 70 80" --applied-on 2026-03-08

# Mentoring: the gate needs a mentor and room in the cohort.
for s in "Atlas AI:Karim Alaoui:Technopark" "Argan Pay:Leila Haddad:Plug and Play" \
         "Sahara H2:Hicham Berrada:Technopark" "Madrasa Plus:Sara Kettani:Plug and Play" \
         "Souk Cloud:Leila Haddad:Plug and Play"; do
  IFS=: read -r name mentor org <<<"$s"
  acc advance "$name" --to mentored --mentor "$mentor" --mentor-org "$org" --at 2026-03-10
done

# Funding: amount, kind, investor and date.
acc advance "Atlas AI" --to funded --amount "1 500 000,00" --funding-kind equity \
  --investor "UM6P Ventures" --funded-on 20/05/2026 --at 2026-05-20
acc advance "Argan Pay" --to funded --amount "250000 DH" --funding-kind grant \
  --investor "Tamwilcom" --funded-on 2026-06-02 --at 2026-06-02

# International: a market in the network, never Morocco.
acc advance "Atlas AI" --to international --market Espagne --partner "Plug and Play Spain" --at 2026-07-01

# The two exits, each with a reason.
acc reject "Riad Stays" --reason "Secteur hors du programme (tourisme)" --at 2026-03-05
acc withdraw "Madrasa Plus" --reason "L'équipe rejoint un autre programme" --at 2026-04-15

# A refusal that teaches (expected to fail with exit 1; nothing changes).
acc advance "Tbib Connect" --to funded || echo "(refused as expected, exit $?)" >&2

acc imports
acc cohort list
acc list --cohort 2026-A
acc show "atlas ai"
acc show "oasis energie"
acc history "Atlas AI"

# Committee decisions from a spreadsheet, for 2026-B (whose startups nothing above has moved):
# French headers and spellings, applied in file order as one batch, all or nothing (undo it with
# `accelerator imports undo ID`); then the mentors and the applications they follow now.
# SampleData/walkthrough-decisions.sh moves 2026-A by spreadsheet instead of advance commands.
acc decisions SampleData/decisions-2026B.fr.csv
acc mentors
