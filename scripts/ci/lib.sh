# Shared by the action's steps (sourced, not run): GitHub's files and workflow commands.

# Appends name=value to the step's outputs ($GITHUB_OUTPUT; printed when it is not set).
output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; else printf 'output %s=%s\n' "$1" "$2"; fi
}

# Appends stdin to the job's step summary ($GITHUB_STEP_SUMMARY), when there is one.
summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat >>"$GITHUB_STEP_SUMMARY"; else cat >/dev/null; fi
}

# A workflow command's message, escaped as the Actions toolkit does.
escape_data() {
  local s=$1
  s=${s//'%'/'%25'}
  s=${s//$'\r'/'%0D'}
  s=${s//$'\n'/'%0A'}
  printf '%s' "$s"
}

# A workflow command's property: as a message, and `:` and `,`, which end properties.
escape_property() {
  local s
  s=$(escape_data "$1")
  s=${s//:/'%3A'}
  s=${s//,/'%2C'}
  printf '%s' "$s"
}

# The last lines of a file as a fenced block, for a step summary.
fenced_tail() {
  printf '````text\n'
  tail -n "${2:-40}" "$1"
  printf '````\n'
}
