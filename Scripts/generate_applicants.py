#!/usr/bin/env python3
"""Generate a realistic applicant spreadsheet for benchmarks and load tests.

Usage: generate_applicants.py ROWS OUTPUT [--seed N] [--narrow]

20 columns as an English export writes them; every startup is distinct (its own ICE, name and
e-mail); descriptions are quoted, span several lines and hold commas, quotes and French accents.
About 525 bytes a row; with --narrow about 300: a description of one short line, as a form
without a long free-text question gives.
"""
import csv
import random
import sys

CITIES = [("Casablanca", "Casablanca-Settat"), ("Rabat", "Rabat-Salé-Kénitra"), ("Marrakech", "Marrakech-Safi"),
          ("Fès", "Fès-Meknès"), ("Tanger", "Tanger-Tétouan-Al Hoceïma"), ("Agadir", "Souss-Massa"),
          ("Oujda", "Oriental"), ("Kénitra", "Rabat-Salé-Kénitra"), ("Tétouan", "Tanger-Tétouan-Al Hoceïma"),
          ("Meknès", "Fès-Meknès"), ("Béni Mellal", "Béni Mellal-Khénifra"), ("Dakhla", "Dakhla-Oued Ed-Dahab")]
SECTORS = ["AI", "FinTech", "AgriTech", "HealthTech", "EdTech", "CleanTech", "GreenHydrogen", "Cybersecurity",
           "Mobility", "Logistics", "GovTech", "IoT", "E-commerce", "Tourism"]
FIRST = ["Salma", "Youssef", "Khadija", "Omar", "Nadia", "Rachid", "Imane", "Hamza", "Aïcha", "Mehdi", "Ghita",
         "Karim", "Fatima Zahra", "Anas", "Zineb", "Othmane", "Hajar", "Réda", "Sanaa", "Ilyas"]
LAST = ["Bennani", "Amrani", "El Idrissi", "Benjelloun", "Ouazzani", "Alaoui", "Chraibi", "Berrada", "Lahlou",
        "Kabbaj", "Benali", "Ait Taleb", "Naciri", "El Fassi", "Tazi", "Sqalli", "Filali", "Mernissi"]
WORDS = ["plateforme", "mobile", "énergie", "données", "santé", "éducation", "coopératives", "paiement",
         "logistique", "irrigation", "sécurité", "réseau", "capteurs", "marché", "artisans", "crédit"]
STAGES = ["Idea", "Prototype", "MVP", "Revenue", "Scale"]


def money(rng, low, high):
    value = rng.randint(low, high)
    return f"{value:,}.{rng.randint(0, 99):02d}"


def main():
    rows = int(sys.argv[1])
    output = sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2026
    rng = random.Random(seed)
    narrow = "--narrow" in sys.argv
    header = ["startup_name", "legal_name", "ice", "city", "region", "country", "sector", "founded_on", "founder",
              "email", "phone", "website", "product_stage", "employees", "monthly_revenue", "funding_sought",
              "description", "applied_at", "cohort", "source"]
    with open(output, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        for index in range(rows):
            city, region = CITIES[index % len(CITIES)]
            name = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()} {index}"
            slug = f"startup{index}"
            first, last = rng.choice(FIRST), rng.choice(LAST)
            if narrow:
                description = f"{rng.choice(WORDS)} {rng.choice(WORDS)}, {rng.choice(WORDS)}"
            else:
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
                description = (f"{name} : {words}, pour les PME \"{rng.choice(WORDS)}\" du Maroc.\n"
                               f"Équipe de {rng.randint(2, 40)} personnes, clients à {city}, Rabat, etc.")
            writer.writerow([
                name,
                f"{name} SARL",
                f"{index:015d}",
                city,
                region,
                "Maroc" if index % 3 else "Morocco",
                SECTORS[index % len(SECTORS)],
                f"{rng.randint(2017, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                f"{first} {last}",
                f"{slug}@example.ma",
                f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                f"https://{slug}.ma",
                rng.choice(STAGES),
                str(rng.randint(1, 80)),
                money(rng, 0, 500000),
                money(rng, 100000, 9000000),
                description,
                f"2026-{rng.randint(1, 2):02d}-{rng.randint(1, 28):02d}",
                "2026-A",
                rng.choice(["LinkedIn", "Technopark", "Plug and Play", "Un ami"]),
            ])


if __name__ == "__main__":
    main()
