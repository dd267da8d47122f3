#!/usr/bin/env bash
# The action's first step: makes counterfair available and sets the output `bin`, the CLI's
# script (run with node). INPUT_VERSION says which counterfair:
#   a version or range (default latest)  installed from npm into a folder of its own under
#                                        RUNNER_TEMP, so the workspace's package.json and
#                                        lockfile stay as they are
#   project                              the one the workspace's project installed
#   local                                the action's own checkout, built with npm ci
#                                        (counterfair's own CI: `uses: ./`)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

version=${INPUT_VERSION:-latest}
case "$version" in
  project)
    if ! pkg=$(node -p "require.resolve('counterfair/package.json')" 2>/dev/null); then
      echo "::error title=counterfair::version is 'project' but counterfair is not installed here ($PWD); add it with npm install --save-dev counterfair, or set version to a release"
      exit 2
    fi
    bin="$(dirname "$pkg")/bin/counterfair.js"
    ;;
  local)
    root=${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/../.." && pwd)}
    (cd "$root" && npm ci --no-audit --no-fund)
    bin="$root/bin/counterfair.js"
    ;;
  *)
    prefix="${RUNNER_TEMP:-$(mktemp -d)}/counterfair-action"
    mkdir -p "$prefix"
    # allowScripts (npm 11.16 and later; npm 12 runs no dependency's install script without it):
    # better-sqlite3 fetches or builds its native binary; onnxruntime-node's script only downloads
    # CUDA provider files, which a runner without an NVIDIA GPU does not use, and
    # ONNXRUNTIME_NODE_INSTALL=skip tells an older npm's run of it the same.
    cat >"$prefix/package.json" <<'JSON'
{
  "private": true,
  "allowScripts": { "better-sqlite3": true, "onnxruntime-node": false, "protobufjs": false }
}
JSON
    ONNXRUNTIME_NODE_INSTALL=${ONNXRUNTIME_NODE_INSTALL:-skip} \
      npm install --prefix "$prefix" --no-audit --no-fund --no-package-lock "counterfair@$version"
    bin="$prefix/node_modules/counterfair/bin/counterfair.js"
    ;;
esac

echo "counterfair $(node "$bin" --version) on Node $(node --version)"
output bin "$bin"
