#!/usr/bin/env bash
# Report and export benchmark on a database of ROWS applications (default 1,000,000).
#
# Usage: Scripts/bench_report.sh [ROWS]
#   The database is built in $BENCH_DIR (default /tmp/accelerator-bench-report) by generated SQL loaded
#   with the sqlite3 CLI into a database created by `accelerator init`, and kept between runs
#   (delete it to rebuild). The binary is built with `swift build -c release` (scratch path
#   $SCRATCH_PATH, default .build), or taken from $ACCELERATOR_BIN. Report times are the median
#   of three runs.
# Targets (issue 5): `accelerator report` < 2 s; `accelerator export` of every row ≤ 1.5× the time
# of `sqlite3 -csv` selecting the same rows with the same joins, in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
work=${BENCH_DIR:-/tmp/accelerator-bench-report}
mkdir -p "$work"
if [ -n "${ACCELERATOR_BIN:-}" ]; then
  binary=$ACCELERATOR_BIN
else
  scratch=${SCRATCH_PATH:-.build}
  swift build -c release --product accelerator --scratch-path "$scratch" >&2
  binary="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/accelerator"
fi
db="$work/report-$rows.sqlite"

. Scripts/bench_lib.sh

if [ ! -f "$db" ]; then
  echo "Building $db ($rows applications)…" >&2
  start=$(date +%s)
  "$binary" init --db "$db" >/dev/null
  # 20 cohorts (2015-A … 2024-B). Of the applications: 45% still applied; 20% rejected and 3%
  # withdrawn from applied; 12% mentored; 4% rejected and 2% withdrawn from mentored; 7% funded
  # (10% of the funding in EUR); 1% withdrawn from funded; 6% international. One in 14 startups
  # is in a sector outside the program (a warning); one in three has an extra column.
  sqlite3 "$db" <<SQL
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
BEGIN;
CREATE TEMP TABLE city (k INTEGER PRIMARY KEY, city TEXT, region TEXT);
INSERT INTO city VALUES (0,'Casablanca','Casablanca-Settat'),(1,'Rabat','Rabat-Salé-Kénitra'),(2,'Marrakech','Marrakech-Safi'),
  (3,'Fès','Fès-Meknès'),(4,'Tanger','Tanger-Tétouan-Al Hoceïma'),(5,'Agadir','Souss-Massa'),(6,'Oujda','Oriental'),
  (7,'Kénitra','Rabat-Salé-Kénitra'),(8,'Tétouan','Tanger-Tétouan-Al Hoceïma'),(9,'Meknès','Fès-Meknès'),
  (10,'Béni Mellal','Béni Mellal-Khénifra'),(11,'Dakhla','Dakhla-Oued Ed-Dahab');
CREATE TEMP TABLE sector (k INTEGER PRIMARY KEY, name TEXT);
INSERT INTO sector VALUES (0,'AI'),(1,'FinTech'),(2,'AgriTech'),(3,'HealthTech'),(4,'EdTech'),(5,'CleanTech'),
  (6,'GreenHydrogen'),(7,'Cybersecurity'),(8,'Mobility'),(9,'Logistics'),(10,'GovTech'),(11,'IoT'),(12,'E-commerce'),(13,'Tourism');
CREATE TEMP TABLE person (k INTEGER PRIMARY KEY, name TEXT, organisation TEXT);
INSERT INTO person VALUES (0,'Karim Alaoui','Technopark'),(1,'Leila Haddad','Plug and Play'),(2,'Hicham Berrada','Technopark'),
  (3,'Sara Kettani','Plug and Play'),(4,'Youssef Amrani','UM6P'),(5,'Nadia Chraibi','Technopark'),(6,'Omar Tazi','Plug and Play'),
  (7,'Imane Lahlou','OCP'),(8,'Mehdi Benali','Technopark'),(9,'Ghita Naciri','Plug and Play');
CREATE TEMP TABLE investor (k INTEGER PRIMARY KEY, name TEXT);
INSERT INTO investor VALUES (0,'Tamwilcom'),(1,'UM6P Ventures'),(2,'CDG Invest'),(3,'Maroc Numeric Fund'),(4,'Innov Invest'),
  (5,'Azur Innovation Fund'),(6,'Outlierz Ventures'),(7,'Plug and Play Ventures'),(8,'Bank of Africa'),(9,'Attijariwafa Bank'),
  (10,'Startup Maroc'),(11,'OCP Group');
CREATE TEMP TABLE market (k INTEGER PRIMARY KEY, country TEXT, partner TEXT);
INSERT INTO market VALUES (0,'FR','Station F'),(1,'ES','Plug and Play Spain'),(2,'US','Plug and Play Sunnyvale'),
  (3,'AE','Hub71'),(4,'SN',NULL),(5,'CI',NULL),(6,'DE','Plug and Play Stuttgart'),(7,'GB',NULL),(8,'NG',NULL),(9,'SA',NULL);
CREATE TEMP TABLE reason (k INTEGER PRIMARY KEY, exit TEXT, text TEXT);
INSERT INTO reason VALUES (0,'rejected','Secteur hors du programme'),(1,'rejected','Équipe incomplète'),
  (2,'rejected','Produit trop précoce'),(3,'rejected','Dossier incomplet'),(4,'rejected','Marché trop restreint'),
  (5,'rejected','Pas de potentiel international'),
  (10,'withdrawn','L''équipe rejoint un autre programme'),(11,'withdrawn','Startup fermée'),(12,'withdrawn','Levée de fonds ailleurs');
CREATE TEMP TABLE cohorts AS
  WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < 19)
  SELECT n AS c, printf('%d-%s', 2015 + n / 2, CASE n % 2 WHEN 0 THEN 'A' ELSE 'B' END) AS code,
         printf('%d-%s', 2015 + n / 2, CASE n % 2 WHEN 0 THEN '03-01' ELSE '09-01' END) AS starts_on
  FROM c;
INSERT INTO cohort (code, starts_on, capacity, created_at) SELECT code, starts_on, 100000, '2015-01-01T00:00:00Z' FROM cohorts;

CREATE TEMP TABLE gen AS
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $rows)
  SELECT i, (i - 1) % 20 AS c, abs(random()) % 100 AS h, abs(random()) % 1000000007 AS r,
         abs(random()) % 60 AS d_applied, 5 + abs(random()) % 40 AS d_m, 20 + abs(random()) % 100 AS d_f,
         15 + abs(random()) % 200 AS d_i, 3 + abs(random()) % 60 AS d_x
  FROM n;
CREATE TEMP TABLE app AS
  SELECT g.*, co.code, date(co.starts_on, '-' || g.d_applied || ' days') AS applied_on
  FROM gen g JOIN cohorts co ON co.c = g.c;
DROP TABLE gen;
CREATE TEMP TABLE day AS
  SELECT i, date(applied_on, '+' || d_m || ' days') AS m_day,
         date(applied_on, '+' || (d_m + d_f) || ' days') AS f_day,
         date(applied_on, '+' || (d_m + d_f + d_i) || ' days') AS i_day
  FROM app;

INSERT INTO startup (id, name, name_key, legal_name, ice, city, region, country, sector, founded_on, phone, website,
                     product_stage, employees, monthly_revenue_minor, monthly_revenue_currency, funding_sought_minor,
                     funding_sought_currency, description, created_at, updated_at, lead_email_key)
SELECT a.i, 'Startup ' || a.i, 'startup ' || a.i, 'Startup ' || a.i || ' SARL', printf('%015d', a.i), ci.city, ci.region,
       'MA', se.name, date(a.applied_on, '-' || (100 + a.r % 3000) || ' days'), printf('+2126%08d', a.i),
       'https://startup' || a.i || '.ma', CASE a.r % 4 WHEN 0 THEN 'Idea' WHEN 1 THEN 'MVP' WHEN 2 THEN 'Revenue' ELSE 'Scale' END,
       1 + a.r % 40, (a.r % 50000) * 100, 'MAD', (a.r % 5000000) * 100, 'MAD',
       'Plateforme de ' || lower(se.name) || ' pour les PME de ' || ci.city || ', « données, paiement, réseau ».',
       '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 'founder' || a.i || '@startup' || a.i || '.ma'
  FROM app a JOIN city ci ON ci.k = a.r % 12 JOIN sector se ON se.k = (a.r / 12) % 14;
INSERT INTO founder (startup_id, position, full_name, email, is_lead)
SELECT i, 0, 'Fondatrice ' || i, 'founder' || i || '@startup' || i || '.ma', 1 FROM app;

INSERT INTO application (id, startup_id, cohort_code, stage, applied_on, exit_reason, warnings, extra, created_at, updated_at)
SELECT a.i, a.i, a.code,
       CASE WHEN a.h < 45 THEN 'applied' WHEN a.h < 65 THEN 'rejected' WHEN a.h < 68 THEN 'withdrawn'
            WHEN a.h < 80 THEN 'mentored' WHEN a.h < 84 THEN 'rejected' WHEN a.h < 86 THEN 'withdrawn'
            WHEN a.h < 93 THEN 'funded' WHEN a.h < 94 THEN 'withdrawn' ELSE 'international' END,
       a.applied_on,
       CASE WHEN a.h BETWEEN 45 AND 64 OR a.h BETWEEN 80 AND 83 THEN (SELECT text FROM reason WHERE k = a.r % 6)
            WHEN a.h BETWEEN 65 AND 67 OR a.h BETWEEN 84 AND 85 OR a.h = 93 THEN (SELECT text FROM reason WHERE k = 10 + a.r % 3) END,
       CASE WHEN (a.r / 12) % 14 = 13 THEN '["sector “Tourism” is not one of the program''s emerging-technology sectors"]' ELSE '[]' END,
       CASE WHEN a.r % 3 = 0 THEN '[["source","Typeform"]]' ELSE '[]' END,
       '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'
  FROM app a;

-- The moves, each stage reached once, in order.
INSERT INTO stage_event (application_id, from_stage, to_stage, occurred_at, recorded_at, actor, note)
SELECT a.i, 'applied', 'mentored', d.m_day || 'T00:00:00Z', d.m_day || 'T00:00:00Z', 'bench', NULL
  FROM app a JOIN day d ON d.i = a.i WHERE a.h >= 68;
INSERT INTO stage_event (application_id, from_stage, to_stage, occurred_at, recorded_at, actor, note)
SELECT a.i, 'mentored', 'funded', d.f_day || 'T00:00:00Z', d.f_day || 'T00:00:00Z', 'bench', NULL
  FROM app a JOIN day d ON d.i = a.i WHERE a.h >= 86;
INSERT INTO stage_event (application_id, from_stage, to_stage, occurred_at, recorded_at, actor, note)
SELECT a.i, 'funded', 'international', d.i_day || 'T00:00:00Z', d.i_day || 'T00:00:00Z', 'bench', NULL
  FROM app a JOIN day d ON d.i = a.i WHERE a.h >= 94;
INSERT INTO stage_event (application_id, from_stage, to_stage, occurred_at, recorded_at, actor, note)
SELECT a.i,
       CASE WHEN a.h < 68 THEN 'applied' WHEN a.h < 86 THEN 'mentored' ELSE 'funded' END,
       ap.stage,
       date(CASE WHEN a.h < 68 THEN a.applied_on WHEN a.h < 86 THEN d.m_day ELSE d.f_day END, '+' || a.d_x || ' days') || 'T00:00:00Z',
       '2025-12-01T00:00:00Z', 'bench', ap.exit_reason
  FROM app a JOIN day d ON d.i = a.i JOIN application ap ON ap.id = a.i
 WHERE ap.stage IN ('rejected', 'withdrawn');

INSERT INTO mentor_assignment (application_id, event_id, mentor_name, organisation, assigned_on)
SELECT e.application_id, e.id, p.name, p.organisation, substr(e.occurred_at, 1, 10)
  FROM stage_event e JOIN person p ON p.k = e.application_id % 10 WHERE e.to_stage = 'mentored';
INSERT INTO funding (application_id, event_id, amount_minor, currency, kind, investor, funded_on)
SELECT e.application_id, e.id, (50000 + (e.application_id * 7919) % 2000000) * 100,
       CASE WHEN e.application_id % 10 = 0 THEN 'EUR' ELSE 'MAD' END,
       CASE e.application_id % 5 WHEN 0 THEN 'grant' WHEN 1 THEN 'equity' WHEN 2 THEN 'convertible' WHEN 3 THEN 'loan' ELSE 'prize' END,
       v.name, substr(e.occurred_at, 1, 10)
  FROM stage_event e JOIN investor v ON v.k = (e.application_id / 5) % 12 WHERE e.to_stage = 'funded';
INSERT INTO market_entry (application_id, event_id, country, partner, entered_on)
SELECT e.application_id, e.id, m.country, m.partner, substr(e.occurred_at, 1, 10)
  FROM stage_event e JOIN market m ON m.k = (e.application_id / 3) % 10 WHERE e.to_stage = 'international';
COMMIT;
SQL
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  echo "Built in $(( $(date +%s) - start )) s: $(sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM application) || ' applications, ' || (SELECT COUNT(*) FROM stage_event) || ' stage events, ' || (SELECT COUNT(*) FROM funding) || ' funding records, ' || (SELECT COUNT(*) FROM market_entry) || ' markets'")." >&2
fi

# The rows of the export with the same joins, as one SQL query: each application with its startup
# and lead founder, its stage events, mentors, funding and markets. (The export reads the same
# rows in one pass per table merged by application id, Sources/AcceleratorStore/Export.)
export_sql="
SELECT a.cohort_code, s.name, s.legal_name, s.ice, s.city, s.region, s.country, s.sector, s.founded_on,
       f.full_name, f.email, s.phone, s.website, s.product_stage, s.employees,
       s.monthly_revenue_minor, s.monthly_revenue_currency, s.funding_sought_minor, s.funding_sought_currency,
       s.description, a.applied_on, a.stage, a.exit_reason, a.warnings, a.extra,
       (SELECT group_concat(e.to_stage || ' ' || substr(e.occurred_at, 1, 10), ',')
          FROM stage_event e WHERE e.application_id = a.id) AS events,
       (SELECT group_concat(m.mentor_name || ' (' || m.organisation || ')', '; ')
          FROM mentor_assignment m WHERE m.application_id = a.id) AS mentors,
       (SELECT group_concat(g.currency || ' ' || g.amount_minor, ',')
          FROM funding g WHERE g.application_id = a.id) AS funding,
       (SELECT group_concat(k.country || coalesce(' (' || k.partner || ')', ''), '; ')
          FROM market_entry k WHERE k.application_id = a.id) AS markets
  FROM application a
  JOIN startup s ON s.id = a.startup_id
  LEFT JOIN founder f ON f.startup_id = a.startup_id AND f.is_lead = 1
 ORDER BY a.id;"

# Prints "seconds peak_kib": the median of three runs (the machine may be busy with other work).
median3() {
  local runs=()
  for _ in 1 2 3; do runs+=("$(measure "$@")"); done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}

# Warm the page cache once so that every timing below reads the same memory.
cat "$db" >/dev/null

read -r report_s report_kib <<<"$(median3 "$binary" report --db "$db")"
read -r report_json_s _ <<<"$(median3 "$binary" report --db "$db" --format json)"
read -r report_asof_s _ <<<"$(median3 "$binary" report --db "$db" --as-of 2020-06-30)"
read -r report_cohort_s _ <<<"$(median3 "$binary" report --db "$db" --cohort 2020-A --format html)"
read -r sqlite_s sqlite_kib <<<"$(measure sh -c "sqlite3 -csv '$db' \"\$0\" > '$work/sqlite.csv'" "$export_sql")"
read -r export_s export_kib <<<"$(measure "$binary" export --db "$db" --output "$work/export.csv")"
read -r export_fr_s _ <<<"$(measure "$binary" export --db "$db" --profile excel-fr --output "$work/export-fr.csv")"
exported=$(( $(wc -l <"$work/export.csv") - 1 ))
[ "$exported" -ge "$rows" ] || { echo "expected at least $rows exported lines, found $exported" >&2; exit 1; }

python3 - "$rows" "$report_s" "$report_json_s" "$report_asof_s" "$report_cohort_s" "$report_kib" "$sqlite_s" "$export_s" "$export_fr_s" "$export_kib" <<'PY'
import sys
rows, report, report_json, report_asof, report_cohort, report_kib, sqlite, export, export_fr, export_kib = sys.argv[1:]
report, report_json, report_asof, report_cohort, sqlite, export, export_fr = map(float, (report, report_json, report_asof, report_cohort, sqlite, export, export_fr))
print(f"applications                      {int(rows):>12,}")
print(f"report (all cohorts, table)       {report:10.2f} s   target < 2 s   {'ok' if report < 2 else 'MISSED'}   peak {int(report_kib)/1024:.0f} MiB")
print(f"report --format json              {report_json:10.2f} s")
print(f"report --as-of 2020-06-30         {report_asof:10.2f} s")
print(f"report --cohort 2020-A, html      {report_cohort:10.2f} s")
print(f"sqlite3 -csv, same rows and joins {sqlite:9.2f} s")
print(f"export rfc4180                    {export:10.2f} s   ratio {export/sqlite:.2f}   target ≤ 1.5   {'ok' if export/sqlite <= 1.5 else 'MISSED'}   peak {int(export_kib)/1024:.0f} MiB")
print(f"export excel-fr                   {export_fr:10.2f} s   ratio {export_fr/sqlite:.2f}")
PY
