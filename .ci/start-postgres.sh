#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the normbase test suite.
#
# Usage:   eval "$(bash .ci/start-postgres.sh)"
#          cargo test -p normbase-store
#          bash .ci/start-postgres.sh stop      # stop the cluster and delete its folder
#
# Prints `export DATABASE_URL=...` and `export NORMBASE_TEST_PG_URL=...` on stdout;
# everything else goes to stderr. Idempotent: a cluster already running from the
# same folder is reused. Settings (environment):
#   NORMBASE_PG_DIR   cluster folder      (default: ${TMPDIR:-/tmp}/normbase-pg)
#   NORMBASE_PG_PORT  first port to try   (default: 54329)
#   NORMBASE_PG_DB    database to create  (default: normbase_test)
set -euo pipefail

log() { echo "start-postgres: $*" >&2; }

DIR="${NORMBASE_PG_DIR:-${TMPDIR:-/tmp}/normbase-pg}"
PORT="${NORMBASE_PG_PORT:-54329}"
DB="${NORMBASE_PG_DB:-normbase_test}"
PGUSER_NAME="normbase"
DATA="$DIR/data"
SOCK="$DIR/sock"

find_bindir() {
    local d
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return 0
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

BIN="$(find_bindir || true)"
if [ -z "$BIN" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        log "PostgreSQL server binaries not found and not root: install the 'postgresql' package"
        exit 1
    fi
    log "installing the postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
    BIN="$(find_bindir)" || { log "initdb still missing after install"; exit 1; }
fi

# initdb/postgres refuse to run as root: run them as the 'postgres' user (or nobody).
RUN_AS=""
if [ "$(id -u)" -eq 0 ]; then
    if id postgres >/dev/null 2>&1; then RUN_AS="postgres"; else RUN_AS="nobody"; fi
fi
as_owner() {
    if [ -n "$RUN_AS" ]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u "$RUN_AS" -- "$@"
        else
            su -s /bin/sh "$RUN_AS" -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

if [ "${1:-}" = "stop" ]; then
    if [ -f "$DATA/PG_VERSION" ]; then
        as_owner "$BIN/pg_ctl" -D "$DATA" -m fast stop >&2 || true
    fi
    rm -rf "$DIR"
    log "stopped and removed $DIR"
    exit 0
fi

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

mkdir -p "$DIR" "$SOCK"
chmod 0755 "$DIR"
[ -n "$RUN_AS" ] && chown -R "$RUN_AS" "$DIR"

running=0
if [ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    running=1
    PORT="$(cat "$DIR/port")"
    log "reusing the cluster running in $DATA on port $PORT"
fi

if [ "$running" -eq 0 ]; then
    if [ ! -f "$DATA/PG_VERSION" ]; then
        log "initdb in $DATA"
        as_owner "$BIN/initdb" -D "$DATA" -U "$PGUSER_NAME" --auth=trust -E UTF8 --locale=C.UTF-8 >&2 \
            || as_owner "$BIN/initdb" -D "$DATA" -U "$PGUSER_NAME" --auth=trust -E UTF8 --locale=C >&2
    fi
    tries=0
    while ! port_free "$PORT"; do
        PORT=$((PORT + 1))
        tries=$((tries + 1))
        [ "$tries" -gt 50 ] && { log "no free port found"; exit 1; }
    done
    echo "$PORT" >"$DIR/port"
    [ -n "$RUN_AS" ] && chown "$RUN_AS" "$DIR/port"
    log "starting on 127.0.0.1:$PORT"
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $PORT -k $SOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >&2 || { cat "$DIR/server.log" >&2; exit 1; }
fi

# Create the database unless it exists.
PSQL="$BIN/psql"
if [ -x "$PSQL" ] || command -v psql >/dev/null 2>&1; then
    [ -x "$PSQL" ] || PSQL="$(command -v psql)"
    if ! "$PSQL" -h 127.0.0.1 -p "$PORT" -U "$PGUSER_NAME" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
        "$PSQL" -h 127.0.0.1 -p "$PORT" -U "$PGUSER_NAME" -d postgres -qc "CREATE DATABASE $DB" >&2
    fi
else
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$PGUSER_NAME" "$DB" >&2 2>/dev/null || true
fi

URL="postgres://$PGUSER_NAME@127.0.0.1:$PORT/$DB"
echo "export DATABASE_URL='$URL'"
echo "export NORMBASE_TEST_PG_URL='$URL'"
log "ready: $URL"
