#!/usr/bin/env bash
# The deadline hour: UNITS unit accounts (default 200) each sign in, open their month's form
# (/Assessments/<unit>/11), save it twice and submit it, beginning one after another over the
# first 40 % of DURATION seconds (default 60), while READERS readers (default 20) load /Rankings
# with READER_PAUSE ms between loads (default 1000). Then every save and submission the server
# answered with success is looked for in the database (its audit line, its values, the submitted
# version), and for SQLite `PRAGMA integrity_check`. Prints the p95 of each request kind, the
# errors and the lost saves; exits 1 unless every unit submitted within DURATION with zero errors
# and nothing lost.
#
# The units: the shipped units file copied with UNITS synthetic communes (LT-XA001 …) in blocks of
# the 2017 campaign; the accounts: one UnitHead per unit imported on /Admin/Users/Import, each
# signing in once to change its one-time password (not counted). The server: demo mode without the
# demo year (so November is open for every unit), in a temporary data folder, on 127.0.0.1.
#
#   tests/load/deadline-hour.sh                         SQLite, one server (PORT, default 5131)
#   DATABASE=PostgreSQL tests/load/deadline-hour.sh     a PostgreSQL 15 of its own on PGPORT (5434),
#                                                       two servers (PORT, PORT+1) behind nginx (NGINX_PORT, 8131)
#   CRASH=1 …   (or tests/load/crash.sh)                kill -9 of a server in the middle, restart it
#   UNITS=20 DURATION=10 READERS=5 …                    the shortened form the test command runs
#
# Needs: the .NET SDK; for PostgreSQL, Debian's postgresql-15 and nginx. Loopback only, bounded:
# DURATION plus at most 90 s for stragglers, plus the preparation (about a minute for 200 units).
set -euo pipefail
cd "$(dirname "$0")/../.."
units=${UNITS:-200}
duration=${DURATION:-60}
readers=${READERS:-20}
pause=${READER_PAUSE:-1000}
port=${PORT:-5131}
database=${DATABASE:-Sqlite}
args=(--units "$units" --duration "$duration" --readers "$readers" --reader-pause "$pause" --port "$port")
[ "${CRASH:-0}" = 1 ] && args+=(--crash)
[ "${KEEP:-0}" = 1 ] && args+=(--keep)

if [ "${BUILD:-1}" = 1 ]; then  # BUILD=0: use what is built
  dotnet build src/Emulation.Web -c Release -v q -nologo >/dev/null
  dotnet build tests/load/Emulation.Load -c Release -v q -nologo >/dev/null
fi

pg=
if [ "$database" = PostgreSQL ]; then
  pgport=${PGPORT:-5434}
  pg=$(mktemp -d /tmp/emulation-load-pg.XXXXXX)
  trap 'tests/cluster/postgres.sh stop "$pg"; rm -rf "$pg"' EXIT
  tests/cluster/postgres.sh start "$pg" "$pgport"
  tests/cluster/postgres.sh createdb "$pgport" emulation_load
  args+=(--database PostgreSQL --connection "Host=127.0.0.1;Port=$pgport;Database=emulation_load;Username=postgres"
    --servers "${SERVERS:-2}" --nginx "${NGINX_PORT:-8131}")
elif [ -n "${SERVERS:-}" ]; then
  # Several servers on one SQLite file behind nginx: the layout without PostgreSQL.
  args+=(--servers "$SERVERS" --nginx "${NGINX_PORT:-8131}")
fi

dotnet tests/load/Emulation.Load/bin/Release/net10.0/emulation-load.dll "${args[@]}"
