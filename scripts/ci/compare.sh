#!/usr/bin/env bash
# The action's comparison step: `counterfair compare INPUT_BASELINE INPUT_OUT` (the run just
# made) into INPUT_OUT/compare, with INPUT_MAX_REGRESSION. compare.md goes to the step summary;
# the outputs comparison (no-regression, regressed, or error when the runs cannot be compared)
# and comparison-exit-code are set. Exits 0; verdict.sh fails the step.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

: "${COUNTERFAIR_BIN:?COUNTERFAIR_BIN: the CLI script (the output bin of install.sh)}"
: "${INPUT_BASELINE:?INPUT_BASELINE: the baseline run (its folder or results.json)}"
out=${INPUT_OUT:-reports/counterfair}

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
{
  node "$COUNTERFAIR_BIN" compare "$INPUT_BASELINE" "$out" --max-regression "${INPUT_MAX_REGRESSION:-0}" --out "$out/compare" \
    2>&1 1>&3 3>&- | tee "$errors" >&2
  status=${PIPESTATUS[0]}
} 3>&1

case $status in
  0) comparison=no-regression ;;
  1) comparison=regressed ;;
  *) comparison=error ;;
esac
if [ "$comparison" != error ] && [ -f "$out/compare/compare.md" ]; then
  { printf '\n'; cat "$out/compare/compare.md"; } | summary
else
  { printf '\n### counterfair could not compare with %s (exit %s)\n\n' "$INPUT_BASELINE" "$status"; fenced_tail "$errors"; } | summary
  if [ "${GITHUB_ACTIONS:-}" = true ]; then
    printf '::error title=%s::%s\n' "$(escape_property 'counterfair: cannot compare with the baseline')" "$(escape_data "$(tail -n 5 "$errors")")"
  fi
fi

echo "counterfair compare: $comparison (exit $status)"
output comparison "$comparison"
output comparison-exit-code "$status"
exit 0
