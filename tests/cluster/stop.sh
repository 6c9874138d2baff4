#!/usr/bin/env bash
# Stops what tests/cluster/start.sh started (nginx, the servers, PostgreSQL) and removes its state
# folder (KEEP=1 keeps it: logs, data folder, database files).
set -uo pipefail
cd "$(dirname "$0")/../.."
state=${STATE:-/tmp/emulation-cluster}
[ -d "$state" ] || { echo "nothing to stop ($state does not exist)"; exit 0; }
if [ -f "$state/nginx/nginx.pid" ]; then
  nginx -p "$state/nginx" -c "$state/nginx/nginx.conf" -s stop 2>/dev/null
fi
for pidfile in "$state"/server-*.pid; do
  [ -f "$pidfile" ] || continue
  pid=$(cat "$pidfile")
  # The server's own process (the script exec'd dotnet): a normal stop, then kill after 10 s.
  kill "$pid" 2>/dev/null && for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null
done
tests/cluster/postgres.sh stop "$state/postgres" 2>/dev/null
if [ "${KEEP:-0}" = 1 ]; then echo "stopped; kept $state"; else rm -rf "$state"; echo "stopped"; fi
