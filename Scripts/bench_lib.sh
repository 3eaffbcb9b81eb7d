# Shared by the benchmark scripts (sourced).

# Prints "seconds peak_kib" for a command (its own output discarded; its errors shown if it fails).
measure() {
  local stats
  stats=$(mktemp)
  /usr/bin/time -o "$stats" -f "%e %M" "$@" >/dev/null 2>"$stats.err" || { echo "failed: $*" >&2; cat "$stats" "$stats.err" >&2; exit 1; }
  tail -1 "$stats"
  rm -f "$stats" "$stats.err"
}
