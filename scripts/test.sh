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
cargo test --workspace --no-fail-fast
