#!/usr/bin/env bash
# Proves the editor suites can fail: runs them with our extension left out (NEGATIVE_CONTROL=1) and passes only
# if both suites ran (the harness itself worked) and both reported failed tests. A harness that passes without
# the extension would be testing nothing.
set -uo pipefail
cd "$(dirname "$0")/../.."
log=test/editor/.cache/negative-control.log
mkdir -p test/editor/.cache
NEGATIVE_CONTROL=1 node test/editor/run.mjs 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
fail() { echo "negative control FAILED: $1 (log: $log)"; echo "0 passed, 1 failed"; exit 1; }
[ "$rc" -ne 0 ] || fail "the suites passed without our extension"
grep -qE '\(a\) exit code [0-9]+: [0-9]+ passed, [1-9][0-9]* failed' "$log" || fail "the extension-host suite did not run and fail"
grep -qE '\(b\) [0-9]+ passed, [1-9][0-9]* failed' "$log" || fail "the UI suite did not run and fail"
grep -q 'FAIL dotnet-dockerfile in VS Code activates' "$log" || fail "activation did not fail in the extension host"
# the workbench itself must have worked: the failures are then about the missing extension, not the harness
grep -q '✔ opens the workspace and the Dockerfile' "$log" || fail "the UI suite could not even open the Dockerfile"
echo "negative control OK: without the extension the editor suites fail (exit $rc)"
echo "1 passed, 0 failed"
