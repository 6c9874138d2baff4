#!/usr/bin/env bash
# A local PostgreSQL 15 (Debian's package) in a folder of its own, on 127.0.0.1 only:
#   tests/cluster/postgres.sh start <folder> <port>   initdb on first use, then pg_ctl start
#   tests/cluster/postgres.sh stop <folder>           pg_ctl stop (fast)
#   tests/cluster/postgres.sh createdb <port> <name>  a fresh, empty database (dropped first)
# PostgreSQL refuses to run as root: as root, every command runs as the postgres account
# (runuser), and the folder is given to it. Trust authentication, loopback only: for tests and
# scripts on one machine, never for a server others can reach.
set -euo pipefail
bin=${PGBIN:-/usr/lib/postgresql/15/bin}
as=()
if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi

case "${1:-}" in
  start)
    folder=$2 port=$3
    mkdir -p "$folder"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$folder"
    if [ ! -f "$folder/data/PG_VERSION" ]; then
      "${as[@]}" "$bin/initdb" -D "$folder/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 \
        || { cat "$folder/initdb.log" >&2; exit 1; }
    fi
    "${as[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c max_connections=200 -c fsync=on" start >/dev/null
    ;;
  stop)
    folder=$2
    if [ -f "$folder/data/postmaster.pid" ]; then
      "${as[@]}" "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null
    fi
    ;;
  createdb)
    port=$2 name=$3
    psql -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" -c "CREATE DATABASE \"$name\""
    ;;
  *)
    echo "usage: $0 start <folder> <port> | stop <folder> | createdb <port> <name>" >&2
    exit 2
    ;;
esac
