#!/usr/bin/env bash
# Runs a command (by default the build, mvn -B verify) with a throw-away PostgreSQL server, so the
# history tests run against a real server through the same code path as SQLite:
#
#   scripts/with-postgres.sh                      # mvn -B verify with the PostgreSQL tests
#   scripts/with-postgres.sh mvn -o -q -pl benchmarks -am test -Dtest='PostgresHistoryTest' \
#       -Dsurefire.failIfNoSpecifiedTests=false
#
# What it does: installs Debian's postgresql package when no server binaries are found (apt-get;
# needs root), initdb's a cluster in a temp folder as an unprivileged user (initdb refuses root: as
# root the server runs as $FDBENCH_PG_USER, default 'nobody'), starts it on a free port of
# 127.0.0.1 only, creates the database 'history', exports
#   FDBENCH_TEST_POSTGRES=jdbc:postgresql://127.0.0.1:PORT/history?user=fdbench
# runs the command, then stops the server and deletes the folder, whatever the command did.
# Exit code: the command's; 1 with the reason when the server cannot be installed or started
# (the tests are not skipped silently: under CI=true they fail without the server).
set -euo pipefail

log() { echo "with-postgres: $*" >&2; }
die() { log "error: $*"; exit 1; }

if [ $# -eq 0 ]; then
    set -- mvn -B verify
fi

pg_bin() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
        echo "$d"
    elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    fi
}

BIN=$(pg_bin)
if [ -z "$BIN" ]; then
    [ "$(id -u)" -eq 0 ] || die "PostgreSQL is not installed and installing it needs root: sudo apt-get install postgresql"
    log "installing Debian's postgresql package"
    apt-get update -q >&2 || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >&2 \
        || die "apt-get install postgresql failed"
    BIN=$(pg_bin)
    [ -n "$BIN" ] || die "postgresql was installed but initdb/pg_ctl were not found under /usr/lib/postgresql/*/bin"
fi

# as root, run the server as an unprivileged user; otherwise as ourselves
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
    PG_USER=${FDBENCH_PG_USER:-nobody}
    id "$PG_USER" >/dev/null 2>&1 || die "user '$PG_USER' does not exist (set FDBENCH_PG_USER to an unprivileged user)"
    command -v runuser >/dev/null 2>&1 || die "runuser not found (util-linux): cannot drop root for initdb"
    RUN_AS=(runuser -u "$PG_USER" --)
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/fdbench-pg.XXXXXX")
chmod 755 "$DIR"
if [ "$(id -u)" -eq 0 ]; then
    chown "$PG_USER" "$DIR"
fi
DATA="$DIR/data"
STARTED=0

cleanup() {
    local rc=$?
    if [ "$STARTED" -eq 1 ]; then
        (cd "$DIR" && "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1) \
            || log "warning: pg_ctl stop failed; see $DIR/server.log"
    fi
    rm -rf "$DIR"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# a free port on the loopback: nothing answers a connection there
PORT=""
for p in $(seq 54330 54429); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
        PORT=$p
        break
    fi
done
[ -n "$PORT" ] || die "no free port in 54330..54429 on 127.0.0.1"

log "initdb in $DATA ($("$BIN/postgres" --version 2>/dev/null || echo postgres))"
(cd "$DIR" && "${RUN_AS[@]}" "$BIN/initdb" -D "$DATA" -U fdbench --auth=trust -E UTF8 --no-locale \
    >"$DIR/initdb.log" 2>&1) || { cat "$DIR/initdb.log" >&2; die "initdb failed (log above)"; }

log "starting the server on 127.0.0.1:$PORT"
if ! (cd "$DIR" && "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null 2>&1); then
    tail -n 20 "$DIR/server.log" >&2 2>/dev/null || true
    die "the PostgreSQL server could not start (server log above)"
fi
STARTED=1

(cd "$DIR" && "${RUN_AS[@]}" "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U fdbench -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE DATABASE history" >&2) || die "could not create the database 'history'"

export FDBENCH_TEST_POSTGRES="jdbc:postgresql://127.0.0.1:$PORT/history?user=fdbench"
log "FDBENCH_TEST_POSTGRES=$FDBENCH_TEST_POSTGRES; running: $*"
set +e
"$@"
RC=$?
set -e
log "the command exited $RC; stopping the server"
exit "$RC"
