#!/usr/bin/env bash
# Measures /Rankings (signed in) and /Public (anonymous) under 20 concurrent clients (target: the
# 95th percentile under 100 ms, no errors). Starts the application on 127.0.0.1 with the demo year
# (January–October published) in a temporary folder, then drives each page with wrk for a bounded
# time after a short warm-up. Needs: the .NET SDK, curl, wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-5392}
seconds=${SECONDS_PER_RUN:-15}
clients=${CLIENTS:-20}
base="http://127.0.0.1:$port"
data=$(mktemp -d)
jar="$data/cookies"
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT

dotnet build src/Emulation.Web -c Release -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production dotnet src/Emulation.Web/bin/Release/net10.0/Emulation.Web.dll \
  --urls "$base" --contentRoot "$PWD/src/Emulation.Web" --Emulation:Demo=true --Emulation:DataDirectory="$data" \
  --Logging:LogLevel:Default=Warning >"$data/server.log" 2>&1 &
server=$!
echo "Starting with the demo year (written on first start)…"
for _ in $(seq 1 300); do curl -fs "$base/health" >/dev/null && break; sleep 1; done

token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
login_token=$(curl -fs -c "$jar" -b "$jar" "$base/Account/Login" | token)
curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.UserName=tanphuoc" --data-urlencode "Input.Password=Demo@2017" \
  --data-urlencode "__RequestVerificationToken=$login_token" "$base/Account/Login"
cookie=$(awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 } /#HttpOnly_/ { printf "%s=%s; ", $6, $7 }' "$jar")

cat >"$data/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("  requests %d, errors %d (status %d, timeouts %d), %.0f/s\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.errors.status, summary.errors.timeout, summary.requests / (summary.duration / 1e6)))
  io.write(string.format("  latency: median %.1f ms, 95th percentile %.1f ms, 99th %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
LUA

run() {
  local name=$1 url=$2 header=${3:-}
  wrk -t2 -c"$clients" -d3s ${header:+-H "$header"} "$url" >/dev/null
  echo "$name — $clients clients, ${seconds}s:"
  wrk -t2 -c"$clients" -d"${seconds}s" ${header:+-H "$header"} -s "$data/report.lua" "$url" | sed -n '/requests [0-9]/,$p'
}

# A first pass over every page, not counted: the runtime compiles the paths on their first calls.
for url in /Public/Unit/TANPHUOC /Rankings "/Rankings?block=overall&period=month" /Public; do
  wrk -t2 -c"$clients" -d5s -H "Cookie: $cookie" "$base$url" >/dev/null
done
sleep 3

run "/Public (anonymous)" "$base/Public"
run "/Rankings (year to date after October, every block, signed in)" "$base/Rankings" "Cookie: $cookie"
run "/Rankings?block=overall&period=month (61 units in one table)" "$base/Rankings?block=overall&period=month" "Cookie: $cookie"
run "/Public/Unit/TANPHUOC (anonymous, the criteria of a unit)" "$base/Public/Unit/TANPHUOC"
