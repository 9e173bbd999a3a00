#!/usr/bin/env bash
# The test command (README): formatting, lints, and every test on both storage backends.
# Starts its own throwaway PostgreSQL on loopback; needs ../shared/data beside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(bash .ci/start-postgres.sh)"
trap 'bash .ci/start-postgres.sh stop >/dev/null 2>&1 || true' EXIT

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
echo "== cargo test (SQLite and PostgreSQL at $NORMBASE_TEST_PG_URL)"
LOG=$(mktemp)
set +e
cargo test --workspace --no-fail-fast 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e
# One closing line over all test binaries (cargo prints one per binary, the last being doc-tests).
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1); if ($i ~ /^ignored/) s += $(i-1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$LOG"
rm -f "$LOG"
exit "$status"
