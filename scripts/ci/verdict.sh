#!/usr/bin/env bash
# The action's last step: fails it, or not, from the audit's exit code (AUDIT_EXIT) and the
# comparison's (COMPARE_EXIT, empty without a baseline), as INPUT_FAIL_ON says:
#   inconclusive (default)  anything but a pass fails, as the CLI's own exit code does
#   failed                  a failed gate, an audit that could not run or a regression fails;
#                           an inconclusive audit does not (it is still reported as such)
#   never                   nothing fails the step; read the outputs instead
# The step exits with the audit's code (1 failed, 2 could not run, 3 inconclusive), or with the
# comparison's (1 regressed, 2 could not compare) when the audit passed.
set -euo pipefail

audit=${AUDIT_EXIT:-2}
compare=${COMPARE_EXIT:-}
fail_on=${INPUT_FAIL_ON:-inconclusive}
case "$fail_on" in
  inconclusive | failed | never) ;;
  *) echo "::error title=counterfair::fail-on must be inconclusive, failed or never, not '$fail_on'"; exit 2 ;;
esac

code=0
if [ "$audit" != 0 ] && { [ "$fail_on" = inconclusive ] || [ "$audit" != 3 ]; }; then code=$audit
elif [ -n "$compare" ] && [ "$compare" != 0 ]; then code=$compare
fi
if [ "$code" != 0 ] && [ "$fail_on" != never ]; then
  echo "counterfair: failing the step (audit exit $audit${compare:+, compare exit $compare}; fail-on: $fail_on)"
  exit "$code"
fi
echo "counterfair: not failing the step (audit exit $audit${compare:+, compare exit $compare}; fail-on: $fail_on)"
