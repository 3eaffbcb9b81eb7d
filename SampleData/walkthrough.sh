#!/usr/bin/env bash
# A walkthrough of the stage workflow on a fresh database: one cohort, startups at every stage.
# Usage: bash SampleData/walkthrough.sh [DATABASE]   (default: ./demo.sqlite, replaced each run)
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product accelerator >&2
acc() { echo "\$ accelerator $*" >&2; .build/debug/accelerator "$@"; }

export ACCELERATOR_DB="${1:-demo.sqlite}"
rm -f "$ACCELERATOR_DB" "$ACCELERATOR_DB-wal" "$ACCELERATOR_DB-shm"
export ACCELERATOR_ACTOR="Comité de sélection"

acc init --rules SampleData/rules.toml
acc cohort add 2026-A --starts 02/03/2026 --capacity 25

apply() { acc apply --cohort 2026-A --applied-on 2026-02-15 "$@" >/dev/null; }
apply --name "Atlas AI" --city Casablanca --region "Casablanca-Settat" --sector AI \
  --founder "Salma Bennani <salma@atlas-ai.ma>" --founder "Mehdi Tazi <mehdi@atlas-ai.ma>" \
  --ice 002345678000012 --founded 12/09/2022 --phone "06 12 34 56 78" --website https://atlas-ai.ma \
  --employees 12 --description "Vision par ordinateur pour le contrôle qualité des usines textiles."
apply --name "Argan Pay" --city Agadir --region "Souss-Massa" --sector fintech \
  --founder "Youssef Amrani <youssef@arganpay.ma>" --ice 001987654000034 --founded 2021-03-01 \
  --phone "+212 5 28 84 12 34" --employees 8 --description "Paiement mobile pour les coopératives d'argan."
apply --name "Sahara H2" --city Dakhla --sector "Green Hydrogen" \
  --founder "Khadija El Idrissi <khadija@saharah2.ma>" --founded 2023-01-20 --employees 5
apply --name "Tbib Connect" --city Rabat --sector HealthTech \
  --founder "Omar Benjelloun <omar@tbibconnect.ma>" --founded 2020-11-05 --phone 0661234567
apply --name "Fellah Data" --city Meknès --sector AgriTech \
  --founder "Nadia Ouazzani <nadia@fellahdata.ma>" --founded 2024-02-10
apply --name "Madrasa Plus" --city Fès --sector EdTech \
  --founder "Rachid Alaoui <rachid@madrasaplus.ma>" --founded 2019-06-15
apply --name "Riad Stays" --city Marrakech --sector Tourism \
  --founder "Imane Chraibi <imane@riadstays.ma>" --founded 2016-04-01

# Mentoring: the gate needs a mentor and room in the cohort.
for s in "Atlas AI:Karim Alaoui:Technopark" "Argan Pay:Leila Haddad:Plug and Play" \
         "Sahara H2:Hicham Berrada:Technopark" "Madrasa Plus:Sara Kettani:Plug and Play"; do
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

acc cohort list
acc list --cohort 2026-A
acc show "atlas ai"
acc history "Atlas AI"
