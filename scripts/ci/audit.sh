#!/usr/bin/env bash
# The action's audit step: `counterfair run INPUT_SPEC --out INPUT_OUT INPUT_ARGS…` with the CLI
# in COUNTERFAIR_BIN. Its output goes to the log as it comes (under GITHUB_ACTIONS=true the CLI
# annotates each failed gate on its line of the spec); its summary.md goes to the step summary;
# the outputs verdict (passed, failed, inconclusive, or error when the audit could not run),
# exit-code, results (results.json, empty when none was written) and report-dir are set. When
# the audit could not run, each `file:line:col: problem` it printed becomes an annotation too.
# Exits 0 whatever the verdict, so that the report is uploaded and the baseline compared first;
# verdict.sh fails the step.
set -uo pipefail
source "$(dirname "$0")/lib.sh"

: "${COUNTERFAIR_BIN:?COUNTERFAIR_BIN: the CLI script (the output bin of install.sh)}"
: "${INPUT_SPEC:?INPUT_SPEC: the audit file}"
out=${INPUT_OUT:-reports/counterfair}
# Extra arguments are split on white space (no quoting): `--seed 2 --workers 1`.
read -r -a extra <<<"${INPUT_ARGS:-}"

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
# stdout straight through; stderr shown as it comes and kept, for the annotations below.
{
  node "$COUNTERFAIR_BIN" run "$INPUT_SPEC" --out "$out" ${extra[@]+"${extra[@]}"} 2>&1 1>&3 3>&- | tee "$errors" >&2
  status=${PIPESTATUS[0]}
} 3>&1

case $status in
  0) verdict=passed ;;
  1) verdict=failed ;;
  3) verdict=inconclusive ;;
  *) verdict=error ;;
esac
results=""
if [ "$verdict" != error ] && [ -f "$out/results.json" ]; then results="$out/results.json"; fi

if [ -n "$results" ] && [ -f "$out/summary.md" ]; then
  summary <"$out/summary.md"
else
  { printf '### counterfair could not run %s (exit %s)\n\n' "$INPUT_SPEC" "$status"; fenced_tail "$errors"; } | summary
  if [ "${GITHUB_ACTIONS:-}" = true ]; then
    located=0
    while IFS= read -r line; do
      if [[ $line =~ ^([^:]+):([0-9]+):([0-9]+):\ (.*)$ ]]; then
        located=1
        printf '::error file=%s,line=%s,col=%s,title=%s::%s\n' "$(escape_property "${BASH_REMATCH[1]}")" "${BASH_REMATCH[2]}" \
          "${BASH_REMATCH[3]}" "$(escape_property 'counterfair: the audit could not run')" "$(escape_data "${BASH_REMATCH[4]}")"
      fi
    done <"$errors"
    if [ "$located" = 0 ]; then
      printf '::error title=%s::%s\n' "$(escape_property 'counterfair: the audit could not run')" "$(escape_data "$(tail -n 5 "$errors")")"
    fi
  fi
fi

echo "counterfair: $verdict (exit $status)"
output verdict "$verdict"
output exit-code "$status"
output results "$results"
output report-dir "$out"
exit 0
