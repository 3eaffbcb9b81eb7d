#!/usr/bin/env bash
# Fuzzes the CSV reader and the import's row checks with libFuzzer (AddressSanitizer on).
#
# Usage: Scripts/fuzz.sh SECONDS [FuzzCSVReader|FuzzRowChecks ...]   (default: both, one after the other)
#
# The targets live in a separate package, Scripts/fuzz/, so the product's `swift build` and
# `swift test` never see them. Seeds: SampleData/*.csv and ../shared/conformance/csv-spectrum/csvs
# (each prefixed with option bytes, see the targets' comments). The corpus grows in
# Scripts/fuzz/corpus/TARGET across runs; a crashing input is saved in Scripts/fuzz/artifacts/TARGET/
# and the script exits 1 (turn it into a regression test, then delete it).
# Prints one summary line per target: executions, seconds, corpus size, crashes.
# Environment: FUZZ_JOBS=N runs N workers per target (default 1); FUZZ_NICE (default 19).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=${1:?usage: Scripts/fuzz.sh SECONDS [TARGET ...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzCSVReader FuzzRowChecks)
nice_level=${FUZZ_NICE:-19}
jobs=${FUZZ_JOBS:-1}

fuzz=$root/Scripts/fuzz
scratch=$fuzz/.build-fuzz
# `--sanitize=fuzzer` makes SwiftPM link libFuzzer's main instead of the target's; the same flag
# given to swiftc instruments the code for coverage (SwiftPM alone does not). `-enable-testing`
# lets the CSV target reach the reader's small-buffer initialiser.
for target in "${targets[@]}"; do
  nice -n "$nice_level" swift build --package-path "$fuzz" --scratch-path "$scratch" -c release \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing \
    --product "$target" >&2
done

# Seeds: every input starts with one options byte (0: detect everything; for the row checks, bit 0
# says the header row comes first).
seed_files=("$root"/SampleData/*.csv)
spectrum=$root/../shared/conformance/csv-spectrum/csvs
if [ -d "$spectrum" ]; then seed_files+=("$spectrum"/*.csv); fi

make_seeds() {
  local target=$1 dir=$2
  mkdir -p "$dir"
  case $target in
    FuzzCSVReader)
      for file in "${seed_files[@]}"; do
        name=$(basename "$file" .csv)
        # 0x00 detect all, 0x15 comma + UTF-8 + 2-byte chunks, 0x4A semicolon + Windows-1252 + 5-byte chunks.
        for option in 00 15 4a; do
          { printf "\\x$option"; cat "$file"; } >"$dir/seed-$name-$option"
        done
      done
      ;;
    FuzzRowChecks)
      # Each row of each seed file as cells joined by U+001F, its header row first (option bit 0).
      python3 - "$dir" "${seed_files[@]}" <<'PY'
import csv, io, sys
out = sys.argv[1]
for path in sys.argv[2:]:
    raw = open(path, "rb").read()
    text = raw.decode("utf-8-sig", errors="replace")
    delimiter = ";" if text.count(";") > text.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        continue
    header = "\x1f".join(rows[0])
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for number, row in enumerate(rows[1:], start=2):
        data = b"\x01" + (header + "\x1e" + "\x1f".join(row)).encode("utf-8")
        open(f"{out}/seed-{name}-{number}", "wb").write(data)
PY
      ;;
  esac
}

status=0
for target in "${targets[@]}"; do
  corpus=$fuzz/corpus/$target
  seeds=$scratch/seeds/$target
  artifacts=$fuzz/artifacts/$target
  log=$scratch/$target.log
  rm -rf "$seeds"
  make_seeds "$target" "$seeds"
  mkdir -p "$corpus" "$artifacts"
  case $target in
    FuzzCSVReader) dict=$fuzz/csv.dict; max_len=16384 ;;
    FuzzRowChecks) dict=$fuzz/row.dict; max_len=4096 ;;
    *) echo "unknown target $target" >&2; exit 64 ;;
  esac
  set +e
  if [ "$jobs" -gt 1 ]; then
    # Each worker writes fuzz-N.log in the current folder.
    (cd "$scratch" && nice -n "$nice_level" "$scratch/release/$target" "$corpus" "$seeds" \
      -dict="$dict" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds" \
      -artifact_prefix="$artifacts/" -print_final_stats=1 -jobs="$jobs" -workers="$jobs") >"$log" 2>&1
    result=$?
    cat "$scratch"/fuzz-*.log >>"$log" 2>/dev/null
    rm -f "$scratch"/fuzz-*.log
  else
    nice -n "$nice_level" "$scratch/release/$target" "$corpus" "$seeds" \
      -dict="$dict" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 -max_total_time="$seconds" \
      -artifact_prefix="$artifacts/" -print_final_stats=1 >"$log" 2>&1
    result=$?
  fi
  set -e
  executions=$(grep -h 'stat::number_of_executed_units' "$log" | awk '{sum += $2} END {print sum + 0}')
  crashes=$(find "$artifacts" -type f | wc -l)
  files=$(find "$corpus" -type f | wc -l)
  echo "$target: $executions executions in ${seconds} s, corpus $files inputs, $crashes crashing inputs in $artifacts (exit $result; log $log)"
  if [ "$result" -ne 0 ] || [ "$crashes" -gt 0 ]; then
    grep -h -m 5 -E 'ERROR|Fatal error|SUMMARY|deadly signal' "$log" >&2 || true
    status=1
  fi
done
exit $status
