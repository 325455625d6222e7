#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: a fresh cluster in a temporary directory, listening on
# 127.0.0.1 on a free port, owned by an unprivileged user (`postgres` when run as root, else yourself).
#
#   .ci/postgres.sh run CMD...   start a server, run CMD with NEWSWEAVE_TEST_PG set, stop the server
#   eval "$(.ci/postgres.sh start)"          start one; exports NEWSWEAVE_TEST_PG and NEWSWEAVE_PG_DIR
#   .ci/postgres.sh stop [DIR]               stop it and delete its directory (default $NEWSWEAVE_PG_DIR)
#
# NEWSWEAVE_TEST_PG is a postgresql:// URL of an empty database; tests/store/conftest.py makes a fresh
# database per test module from it. PG_BIN overrides where initdb and pg_ctl are found (default: the
# newest /usr/lib/postgresql/*/bin, which is where Debian's `postgresql` package puts them).
set -euo pipefail

# The marker that makes a directory ours: `stop` deletes nothing without it.
MARKER=newsweave-throwaway-cluster
# Seconds pg_ctl waits for the server to accept connections (it took 0.3 s here; initdb, 1-3 s, is the
# slow part of a start).
START_TIMEOUT_S=60
# Free-port lookups race with other processes; a start that loses the race is tried on a new port.
START_ATTEMPTS=3
DB_USER=newsweave
DB_NAME=newsweave_test

say() { echo "postgres.sh: $*" >&2; }

pg_bin() {
    if [[ -n "${PG_BIN:-}" ]]; then
        echo "$PG_BIN"
        return
    fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -z "$found" ]]; then
        say "no PostgreSQL server binaries under /usr/lib/postgresql (run .ci/system-packages.sh, or set PG_BIN)"
        exit 1
    fi
    echo "$found"
}

# initdb and the server refuse to run as root: as root, the cluster belongs to the `postgres` user.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Milliseconds since the epoch (no bc on a bare Debian image: integer arithmetic only).
now_ms() { date +%s%3N; }

start() {
    local bin dir password port url attempt started
    bin=$(pg_bin)
    started=$(now_ms)
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        say "running as root but there is no 'postgres' user to own the cluster (install the postgresql package)"
        exit 1
    fi
    # As root the cluster's owner must reach the directory: /tmp, not a $TMPDIR that may be root's own.
    if [[ $(id -u) -eq 0 ]]; then
        dir=$(mktemp -d /tmp/newsweave-pg.XXXXXX)
    else
        dir=$(mktemp -d -t newsweave-pg.XXXXXX)
    fi
    touch "$dir/$MARKER"
    # A start that fails half-way leaves no server running and no directory behind.
    # shellcheck disable=SC2064  # the directory is fixed now, on purpose
    trap "discard '$dir' '$bin'" EXIT
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$password" >"$dir/password"
    chmod 600 "$dir/password"
    if [[ $(id -u) -eq 0 ]]; then
        chown -R postgres: "$dir"
    fi
    # Password (SCRAM) authentication even on 127.0.0.1: other users of a shared machine cannot connect.
    as_owner "$bin/initdb" -D "$dir/data" -U "$DB_USER" --pwfile="$dir/password" -A scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        say "initdb failed"
        exit 1
    }
    for ((attempt = 1; attempt <= START_ATTEMPTS; attempt++)); do
        port=$(free_port)
        # A throwaway cluster need not survive a crash: no fsync, no full-page writes, asynchronous commit.
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t "$START_TIMEOUT_S" -o \
            "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
             -c fsync=off -c full_page_writes=off -c synchronous_commit=off" start >/dev/null; then
            break
        fi
        if ((attempt == START_ATTEMPTS)); then
            cat "$dir/server.log" >&2
            say "the server did not start (log above)"
            exit 1
        fi
        say "start on port $port failed; trying another port"
    done
    PGPASSWORD=$password "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$DB_USER" "$DB_NAME"
    url="postgresql://$DB_USER:$password@127.0.0.1:$port/$DB_NAME"
    say "server on 127.0.0.1:$port ($("$bin/postgres" --version)), data in $dir," \
        "up in $(($(now_ms) - started)) ms"
    trap - EXIT
    echo "export NEWSWEAVE_TEST_PG='$url'"
    echo "export NEWSWEAVE_PG_DIR='$dir'"
}

discard() {
    local dir=$1 bin=$2
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

stop() {
    local dir=${1:-${NEWSWEAVE_PG_DIR:-}} bin
    if [[ -z "$dir" || ! -f "$dir/$MARKER" ]]; then
        say "stop: '$dir' is not a cluster started by this script; nothing done"
        return 1
    fi
    bin=$(pg_bin)
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    rm -rf "$dir"
    say "server stopped, $dir removed"
}

run() {
    if (($# == 0)); then
        say "run: give the command to run"
        exit 2
    fi
    local exports
    exports=$(start) # not `eval "$(start)"`: that would hide a failed start from `set -e`
    eval "$exports"
    # shellcheck disable=SC2064  # the directory is fixed now, on purpose
    trap "stop '$NEWSWEAVE_PG_DIR'" EXIT
    trap 'exit 130' INT TERM
    local status=0
    "$@" || status=$?
    exit "$status"
}

command=${1:-}
shift || true
case "$command" in
start) start ;;
stop) stop "$@" ;;
run) run "$@" ;;
*)
    say "usage: $0 start | stop [DIR] | run CMD..."
    exit 2
    ;;
esac
