#!/usr/bin/env bash
# Measures the verifier's month queue on the server (target: under 150 ms) with 200 units expected
# to submit. Copies the criteria folder into a temporary folder and adds 139 communes of Cái Bè in
# five blocks to the shipped 61 units of tien-giang-2017 (the shipped campaign itself is kept),
# starts the application on 127.0.0.1 in demo mode with the demo year's history (every block
# member's January–October verified, November mixed: one to two minutes to write for 200 units), signs
# in as Sở Nội vụ's verifier and opens /Verification for October (200 verified months, self and
# appraised totals) and November with wrk, one connection at a time, for a bounded time.
# Needs: the .NET SDK, curl, wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-5392}
seconds=${SECONDS_PER_RUN:-10}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
jar="$work/cookies"
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT

# The units file: the shipped one with 139 more communes, listed after `"units": [` and in five
# more blocks after `"tien-giang-2017": [`.
cp -r criteria "$work/criteria"
units="$work/criteria/units/tien-giang.json"
extra="$work/units.txt"
blocks="$work/blocks.txt"
: >"$extra"
: >"$blocks"
for b in 1 2 3 4 5; do
  members=""
  for i in $(seq $(( (b - 1) * 28 + 1 )) $(( b == 5 ? 139 : b * 28 ))); do
    code=$(printf "CB-XA%03d" "$i")
    printf '    { "code": "%s", "name": { "vi": "UBND xã Thử nghiệm %03d", "en": "Test Commune %03d People'"'"'s Committee" }, "kind": "commune", "parent": "CAIBE", "validFrom": null, "validTo": "2025-06-30" },\n' "$code" "$i" "$i" >>"$extra"
    members="$members${members:+, }\"$code\""
  done
  printf '      { "code": "K-XA-CB%d", "title": { "vi": "Khối xã Cái Bè %d", "en": "Cái Bè communes block %d" }, "units": [%s] },\n' "$b" "$b" "$b" "$members" >>"$blocks"
done
sed -i -e "/^  \"units\": \[\$/r $extra" -e "/\"tien-giang-2017\": \[\$/r $blocks" "$units"
count=$(grep -c '"kind": "commune", "parent": "CAIBE"' "$units")
[ "$count" -eq 139 ] || { echo "the units file was not generated ($count communes added)" >&2; exit 1; }

dotnet build src/Emulation.Web -c Release -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production dotnet src/Emulation.Web/bin/Release/net10.0/Emulation.Web.dll \
  --urls "$base" --Emulation:Demo=true --Emulation:DemoHistory=true --Emulation:DataDirectory="$work/data" \
  --Emulation:CriteriaDirectory="$work/criteria" --Emulation:UnitsFile="$units" \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:Emulation.Web.Data.Seeding=Information >"$work/server.log" 2>&1 &
server=$!
started=$(date +%s)
for _ in $(seq 1 600); do curl -fs "$base/health" >/dev/null && break; sleep 1; done
curl -fs "$base/health" >/dev/null || { echo "the server did not start:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
echo "Started with the demo year written in $(( $(date +%s) - started )) s: $(grep -o 'Demo history written[^.]*' "$work/server.log" | head -1)."

token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
login_token=$(curl -fs -c "$jar" -b "$jar" "$base/Account/Login" | token)
curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.UserName=noivu" --data-urlencode "Input.Password=Demo@2017" \
  --data-urlencode "__RequestVerificationToken=$login_token" "$base/Account/Login"
cookie=$(awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }' "$jar"; awk '/#HttpOnly_/ { printf "%s=%s; ", $6, $7 }' "$jar")
rows=$(curl -fs -b "$jar" "$base/Verification?month=10" | grep -c '<tr data-unit=')
echo "The queue of October lists $rows units."

for month in 10 11; do
  # Two seconds first, not counted: the runtime compiles the paths on their first calls.
  wrk -t1 -c1 -d2s -H "Cookie: $cookie" "$base/Verification?month=$month" >/dev/null
  echo
  echo "Opening /Verification?month=$month ($rows units), one request at a time for ${seconds}s:"
  wrk -t1 -c1 -d"${seconds}s" --latency -H "Cookie: $cookie" "$base/Verification?month=$month" | sed -n '/Latency/,/Requests\/sec/p'
done
