#!/usr/bin/env bash
# Runs make targets one after another, as `make test` does, and says how long each took:
#   scripts/steps.sh lint test-native ...
# Stops at the first that fails. The table at the end (or at the failure) shows where a slow
# run spent its time, since CI keeps only the log.
set -uo pipefail
cd "$(dirname "$0")/.."
table=()
report() {
  echo "== time per step"
  printf '%s\n' "${table[@]}"
}
start_all=$SECONDS
for step in "$@"; do
  echo "== $step"
  start=$SECONDS
  make --no-print-directory "$step"
  status=$?
  took=$((SECONDS - start))
  table+=("$(printf '%-12s %5d s%s' "$step" "$took" "$([ "$status" -eq 0 ] || echo "  FAILED (exit $status)")")")
  if [ "$status" -ne 0 ]; then
    report
    exit "$status"
  fi
done
table+=("$(printf '%-12s %5d s' all $((SECONDS - start_all)))")
report
