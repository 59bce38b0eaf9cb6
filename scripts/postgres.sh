#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests.
#
#   scripts/postgres.sh start DIR   # prints the URL and writes it to DIR/url
#   scripts/postgres.sh stop DIR    # stops the server (DIR stays; rm -rf it yourself)
#   scripts/postgres.sh url DIR     # prints the URL of a started cluster
#
#   DOSSIER_TEST_PG_URL=$(cat DIR/url) .venv/bin/pytest tests/test_store.py
#
# The cluster lives in DIR/data, listens on 127.0.0.1 on a free port and on a unix
# socket in DIR, trusts local connections (it is for tests only) and runs with fsync
# off. Its superuser is "dossier"; the database is "dossier_test". When initdb is
# missing, Debian's postgresql package is installed with apt-get (the only network use).
# Run as root, the server runs as the system user "postgres" (created when missing),
# which then owns DIR. Starting twice reuses the running cluster.
set -euo pipefail

PG_USER_NAME=dossier
PG_DATABASE=dossier_test
OS_USER=postgres

usage() {
    echo "usage: $0 start|stop|url DIR" >&2
    exit 2
}

die() {
    echo "postgres.sh: $*" >&2
    exit 1
}

find_bindir() {
    local dir
    # Highest installed version first.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
        if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
            echo "$dir"
            return 0
        fi
    done
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
        return 0
    fi
    return 1
}

install_postgres() {
    [[ $(id -u) -eq 0 ]] || die "initdb not found and not root: install PostgreSQL (apt-get install postgresql)"
    command -v apt-get >/dev/null 2>&1 || die "initdb not found and no apt-get to install PostgreSQL with"
    echo "postgres.sh: installing Debian's postgresql package" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # Debian's package would create and start a "main" cluster; we do not need it.
    mkdir -p /etc/postgresql-common
    if [[ ! -e /etc/postgresql-common/createcluster.conf ]]; then
        echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
    fi
    # Keep our createcluster.conf (no prompt about it).
    apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        postgresql >&2
}

# Run a command as the cluster's owner: ourselves, or the postgres user when root.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u "$OS_USER" -- "$@"
    else
        "$@"
    fi
}

ensure_os_user() {
    [[ $(id -u) -eq 0 ]] || return 0
    if ! id -u "$OS_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$OS_USER"
    fi
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
    local port tries
    for tries in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        if ! port_in_use "$port"; then
            echo "$port"
            return 0
        fi
    done
    die "no free port found"
}

is_running() {
    [[ -f "$DATA/postmaster.pid" ]] && as_owner "$BINDIR/pg_ctl" status -D "$DATA" >/dev/null 2>&1
}

url_of() {
    echo "postgresql+psycopg://$PG_USER_NAME@127.0.0.1:$1/$PG_DATABASE"
}

start() {
    if ! BINDIR=$(find_bindir); then
        install_postgres
        BINDIR=$(find_bindir) || die "PostgreSQL installed, but initdb is still missing"
    fi
    ensure_os_user
    mkdir -p "$DIR"
    DIR=$(cd "$DIR" && pwd -P)
    DATA="$DIR/data"
    # The unix socket path must stay under ~107 bytes.
    SOCKDIR="$DIR"
    if (( ${#SOCKDIR} > 80 )); then
        SOCKDIR=$(mktemp -d /tmp/dossier-pgsock.XXXXXX)
    fi
    if [[ $(id -u) -eq 0 ]]; then
        chown "$OS_USER" "$DIR" "$SOCKDIR"
        as_owner test -x "$DIR" || die "user $OS_USER cannot reach $DIR: choose a directory whose parents it may enter (e.g. under /tmp)"
    fi
    cd "$DIR"  # the server's user must be able to stand in its working directory

    if is_running; then
        local port
        port=$(sed -n 4p "$DATA/postmaster.pid")
        url_of "$port" >"$DIR/url"
        cat "$DIR/url"
        return 0
    fi

    if [[ ! -f "$DATA/PG_VERSION" ]]; then
        rm -rf "$DATA"
        as_owner "$BINDIR/initdb" -D "$DATA" -U "$PG_USER_NAME" --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
            || as_owner "$BINDIR/initdb" -D "$DATA" -U "$PG_USER_NAME" --auth=trust \
                --encoding=UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
            || { cat "$DIR/initdb.log" >&2; die "initdb failed"; }
    fi

    local port attempt started=0
    for attempt in 1 2 3 4 5; do
        port=$(pick_port)
        if as_owner "$BINDIR/pg_ctl" start -w -t 60 -D "$DATA" -l "$DIR/server.log" \
            -o "-p $port -k $SOCKDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            >/dev/null; then
            started=1
            break
        fi
        # Another server may have taken the port in the meantime: try another.
        sleep 0.2
    done
    if (( ! started )); then
        tail -n 20 "$DIR/server.log" >&2 || true
        die "the server did not start (log: $DIR/server.log)"
    fi

    local exists
    exists=$(as_owner "$BINDIR/psql" -h 127.0.0.1 -p "$port" -U "$PG_USER_NAME" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")
    if [[ "$exists" != "1" ]]; then
        as_owner "$BINDIR/createdb" -h 127.0.0.1 -p "$port" -U "$PG_USER_NAME" "$PG_DATABASE"
    fi
    url_of "$port" >"$DIR/url"
    cat "$DIR/url"
}

stop() {
    if [[ ! -d "$DIR" ]]; then
        echo "postgres.sh: $DIR does not exist; nothing to stop" >&2
        return 0
    fi
    DIR=$(cd "$DIR" && pwd -P)
    DATA="$DIR/data"
    if [[ ! -f "$DATA/PG_VERSION" ]]; then
        echo "postgres.sh: no cluster in $DIR; nothing to stop" >&2
        return 0
    fi
    BINDIR=$(find_bindir) || die "pg_ctl not found"
    cd "$DIR"
    if is_running; then
        as_owner "$BINDIR/pg_ctl" stop -w -D "$DATA" -m fast >/dev/null
        echo "postgres.sh: stopped the cluster in $DIR" >&2
    else
        echo "postgres.sh: the cluster in $DIR is not running" >&2
    fi
}

[[ $# -eq 2 ]] || usage
ACTION=$1
DIR=$2
case "$ACTION" in
    start) start ;;
    stop) stop ;;
    url) [[ -f "$DIR/url" ]] || die "no cluster started in $DIR"; cat "$DIR/url" ;;
    *) usage ;;
esac
