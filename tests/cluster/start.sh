#!/usr/bin/env bash
# The deployment of README's "Several servers" on one machine, for trying it and for the load
# scripts: a PostgreSQL 15 of its own (tests/cluster/postgres.sh), two Emulation.Web servers on it
# with the demo data, sharing one data folder (evidence), and nginx in front (Debian's package, its
# own configuration and prefix, never the system service). Everything on 127.0.0.1.
#
#   tests/cluster/start.sh          prints the address (http://127.0.0.1:8131) when it answers
#   tests/cluster/stop.sh           stops all of it and removes the state folder
#   tests/cluster/start.sh server N starts server N again (after a kill -9, say)
#
# Settings (environment): STATE (/tmp/emulation-cluster), PGPORT (5434), PORTS ("5131 5132"),
# NGINX_PORT (8131), DATABASE (PostgreSQL; Sqlite puts both servers on one SQLite file in the shared
# data folder, to try the layout without PostgreSQL), DEMO_HISTORY (true: the demo year), UNITS (0;
# N adds N synthetic communes with their blocks, as the load scripts do).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
state=${STATE:-/tmp/emulation-cluster}
pgport=${PGPORT:-5434}
read -r -a ports <<<"${PORTS:-5131 5132}"
nginx_port=${NGINX_PORT:-8131}
database=${DATABASE:-PostgreSQL}
history=${DEMO_HISTORY:-true}
units=${UNITS:-0}
dll="$root/src/Emulation.Web/bin/Release/net10.0/Emulation.Web.dll"

healthy() { curl -fs -o /dev/null --max-time 5 "$1/health"; }

start_server() {
  local n=$1 port=${ports[$(( $1 - 1 ))]}
  # Each server's command line is kept, so that it starts again the same way.
  cat >"$state/server-$n.sh" <<SH
#!/bin/sh
export ASPNETCORE_ENVIRONMENT=Production
exec dotnet "$dll" --contentRoot "$root/src/Emulation.Web" --urls http://127.0.0.1:$port \\
  --Emulation:Demo=true --Emulation:DemoHistory=$history --Emulation:DataDirectory="$state/data" \\
  --Emulation:CriteriaDirectory="$criteria" --Emulation:UnitsFile="$units_file" \\
  --Emulation:KnownProxies:0=127.0.0.1 --Emulation:DailyBackups=false \\
  --Emulation:SignIn:RequestsPerAddressPerMinute=100000 $database_args \\
  --Logging:LogLevel:Default=Warning
SH
  chmod +x "$state/server-$n.sh"
  setsid nohup "$state/server-$n.sh" >>"$state/server-$n.log" 2>&1 &
  echo $! >"$state/server-$n.pid"
  for _ in $(seq 1 300); do healthy "http://127.0.0.1:$port" && return 0; sleep 1; done
  echo "server $n did not start; its log:" >&2
  tail -20 "$state/server-$n.log" >&2
  return 1
}

if [ "${1:-}" = server ]; then
  # shellcheck disable=SC1091
  . "$state/env"
  start_server "$2"
  echo "server $2 answers on http://127.0.0.1:${ports[$(( $2 - 1 ))]}"
  exit 0
fi

if [ -e "$state" ]; then
  echo "$state exists: a cluster runs already (tests/cluster/stop.sh first)" >&2
  exit 1
fi
mkdir -p "$state/data"
chmod 700 "$state/data"

if [ "${BUILD:-1}" = 1 ]; then  # BUILD=0: use what is built
  dotnet build src/Emulation.Web -c Release -v q -nologo >"$state/build.log" 2>&1 || { tail -20 "$state/build.log" >&2; exit 1; }
fi
criteria="$root/criteria"
units_file="$criteria/units/tien-giang.json"
if [ "$units" -gt 0 ]; then
  [ "${BUILD:-1}" = 1 ] && dotnet build tests/load/Emulation.Load -c Release -v q -nologo >>"$state/build.log" 2>&1
  units_file=$(dotnet tests/load/Emulation.Load/bin/Release/net10.0/emulation-load.dll --units "$units" --write-units "$state")
  criteria="$state/criteria"
fi

database_args=""
if [ "$database" = PostgreSQL ]; then
  tests/cluster/postgres.sh start "$state/postgres" "$pgport"
  tests/cluster/postgres.sh createdb "$pgport" emulation
  connection="Host=127.0.0.1;Port=$pgport;Database=emulation;Username=postgres"
  database_args="--Emulation:Database=PostgreSQL --ConnectionStrings:Emulation=\"$connection\""
fi
printf 'criteria=%q\nunits_file=%q\ndatabase_args=%q\nhistory=%q\nports=(%s)\n' "$criteria" "$units_file" "$database_args" "$history" "${ports[*]}" >"$state/env"

# The first server migrates and writes the demo data; then the others start on the ready database.
start_server 1
for n in $(seq 2 ${#ports[@]}); do start_server "$n"; done

mkdir -p "$state/nginx"
{
  echo "worker_processes 1;"
  echo "pid $state/nginx/nginx.pid;"
  echo "error_log $state/nginx/error.log warn;"
  echo "events { worker_connections 1024; }"
  echo "http {"
  echo "    access_log off;"
  for t in client_body proxy fastcgi uwsgi scgi; do echo "    ${t}_temp_path $state/nginx/$t;"; done
  sed -n '/client_max_body_size/,$p' tests/cluster/emulation.nginx | sed "s/@PORTS@/${ports[*]}/; s/@LISTEN@/127.0.0.1:$nginx_port/" | awk -v ports="${ports[*]}" '
    /@UPSTREAMS@/ { n = split(ports, p, " "); for (i = 1; i <= n; i++) printf "        server 127.0.0.1:%s max_fails=1 fail_timeout=5s;\n", p[i]; next }
    { print "    " $0 }'
  echo "}"
} >"$state/nginx/nginx.conf"
nginx -p "$state/nginx" -c "$state/nginx/nginx.conf"
for _ in $(seq 1 20); do healthy "http://127.0.0.1:$nginx_port" && break; sleep 0.5; done
echo "Emulation answers on http://127.0.0.1:$nginx_port (servers on ${ports[*]}, $database; state in $state)"
