#!/usr/bin/env python3
"""Differential test of Accelerator's CSV reader against Python's csv module.

Usage: Scripts/differential_csv.py [CASES] [SEED]        (default: 20000 cases, a random seed)

Generates CSV inputs (well-formed spreadsheets with quoting, embedded delimiters and line breaks,
every line ending, accents, Arabic and Tifinagh; and "alphabet soup" made only of the characters
that matter to CSV), reads each with the reader (through the csv-dump tool of Scripts/fuzz/) and
with Python's csv.reader (strict=False, the given delimiter), and compares records, fields and the
physical line where each record starts.

The reader's documented differences are allowed, and nothing else:
  * a blank line is skipped (Python yields []);
  * a record with fewer fields than the header is padded with empty strings;
  * a record with more fields than the header is an error (tooManyFields), and reading goes on;
  * a quote never closed is an error (unterminatedQuote) where Python returns the rest of the file
    as one last field;
  * a byte order mark at the start is dropped (read here with utf-8-sig).
Exits 1 and prints the first differing inputs (kept in the work folder) when there is a difference.
"""
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUZZ = os.path.join(ROOT, "Scripts", "fuzz")
SCRATCH = os.path.join(FUZZ, ".build-dump")
DUMP = os.path.join(SCRATCH, "release", "csv-dump")

WORDS = ["Atlas AI", "Été Solaire", "Fès", "1 500 000,50", "2026-03-25", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "الطاقة", "a", "", " x ",
         "salma@atlas.ma", "06 12 34 56 78", "🙂", "O'Brien", "=SUM(A1)", "'=1", "tab\there", "x" * 300]
SOUP = ['a', 'b', ' ', '"', '"', ',', ';', '\t', '\n', '\r', '\r\n', 'é', 'ⵜ']


def field(delimiter, rng):
    """One field as a spreadsheet would write it, sometimes oddly."""
    text = rng.choice(WORDS)
    shape = rng.random()
    if shape < 0.15:
        text += rng.choice([delimiter, "\n", "\r\n", "\r", '"', '""'])
        text += rng.choice(WORDS)
    needs_quotes = any(c in text for c in (delimiter, '"', "\n", "\r"))
    if needs_quotes or rng.random() < 0.2:
        text = '"' + text.replace('"', '""') + '"'
        if rng.random() < 0.05:
            text += rng.choice(["tail", ' ', '"x'])  # text after the closing quote
    elif rng.random() < 0.05:
        text = text[:1] + '"' + text[1:]  # a quote inside an unquoted field
    return text


def spreadsheet(delimiter, rng):
    columns = rng.randint(1, 8)
    lines = []
    for _ in range(rng.randint(1, 12)):
        count = columns if rng.random() < 0.8 else rng.randint(1, columns + 2)
        lines.append(delimiter.join(field(delimiter, rng) for _ in range(count)))
        if rng.random() < 0.05:
            lines.append("")
    endings = [rng.choice(["\n", "\r\n", "\r"]) for _ in lines]
    text = "".join(line + ending for line, ending in zip(lines, endings))
    if rng.random() < 0.3:
        text = text[: -len(endings[-1])]  # no line break after the last record
    if rng.random() < 0.05:
        text += '"never closed' + delimiter + "x"
    if rng.random() < 0.05:
        text = "\ufeff" + text
    return text


def soup(rng):
    return "".join(rng.choice(SOUP) for _ in range(rng.randint(1, 60)))


def python_rows(text, delimiter):
    """(start line, fields) for each record Python reads, blank lines included."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows = []
    previous = 0
    for row in reader:
        rows.append((previous + 1, row))
        previous = reader.line_num
    return rows


def compare(text, delimiter, steps):
    """None when the reader agrees with Python, else why not."""
    try:
        expected = python_rows(text, delimiter)
    except csv.Error as error:  # Python refuses (e.g. NUL in old versions): nothing to compare
        return None
    expected = [(line, row) for line, row in expected if row != []]
    if not expected:
        if len(steps) == 1 and steps[0].get("error") == "emptyFile":
            return None
        return f"Python reads nothing, the reader gives {steps}"
    header = len(expected[0][1])
    index = 0
    for step_number, step in enumerate(steps):
        if index >= len(expected):
            return f"the reader gives more: {step}"
        line, row = expected[index]
        if "error" in step:
            if step["error"] == "tooManyFields" and len(row) > header:
                index += 1
                continue
            if step["error"] == "unterminatedQuote" and index == len(expected) - 1 and step_number == len(steps) - 1:
                return None
            return f"the reader fails ({step['message']}) where Python reads line {line}: {row!r}"
        padded = row + [""] * (header - len(row))
        if len(row) > header:
            return f"line {line}: Python reads {len(row)} fields > header {header}, the reader gives {step}"
        if step["fields"] != padded or step["line"] != line:
            return f"Python reads line {line}: {padded!r}; the reader reads line {step['line']}: {step['fields']!r}"
        index += 1
    if index < len(expected):
        return f"the reader stops before line {expected[index][0]}: {expected[index][1]!r}"
    return None


def main():
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else random.randrange(1 << 32)
    subprocess.run(["swift", "build", "--package-path", FUZZ, "--scratch-path", SCRATCH, "-c", "release",
                    "--product", "csv-dump"], check=True, stdout=subprocess.DEVNULL)
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="differential-csv-")
    differences = []
    batch = 500
    done = 0
    while done < cases:
        count = min(batch, cases - done)
        delimiter = rng.choice([",", ";", "\t"])
        inputs = []
        for number in range(count):
            text = spreadsheet(delimiter, rng) if rng.random() < 0.6 else soup(rng)
            path = os.path.join(work, f"case-{done + number}.csv")
            with open(path, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            inputs.append((path, text))
        name = "tab" if delimiter == "\t" else delimiter
        result = subprocess.run([DUMP, "--delimiter", name, "--encoding", "utf-8"] + [p for p, _ in inputs],
                                check=True, capture_output=True, text=True)
        steps = {}
        current = None
        for line in result.stdout.splitlines():
            item = json.loads(line)
            if "file" in item:
                current = item["file"]
                steps[current] = []
            else:
                steps[current].append(item)
        for path, text in inputs:
            why = compare(text, delimiter, steps[path])
            if why:
                differences.append((path, delimiter, why))
            else:
                os.remove(path)
        done += count
    print(f"{cases} inputs compared with Python's csv module (seed {seed}): {len(differences)} differences")
    for path, delimiter, why in differences[:10]:
        print(f"  {path} (delimiter {delimiter!r}): {why}")
    if not differences:
        os.rmdir(work)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
