#!/usr/bin/env bash
# Measures the monthly form on the server: opening it (target: under 100 ms) and saving it (target:
# under 150 ms). Starts the application on 127.0.0.1 with a fresh demo database in a temporary
# folder (no demo history, so the month is open for editing), signs in as Chợ Gạo's head and drives
# the heaviest month of the shipped campaign — June 2017, 54 due criteria for a district — with wrk,
# one connection at a time, for a bounded time. Needs: the .NET SDK, curl, wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${PORT:-5391}
seconds=${SECONDS_PER_RUN:-10}
base="http://127.0.0.1:$port"
data=$(mktemp -d)
jar="$data/cookies"
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT

dotnet build src/Emulation.Web -c Release -v q -nologo >/dev/null
ASPNETCORE_ENVIRONMENT=Production dotnet src/Emulation.Web/bin/Release/net10.0/Emulation.Web.dll \
  --urls "$base" --Emulation:Demo=true --Emulation:DemoHistory=false --Emulation:DataDirectory="$data" \
  --Logging:LogLevel:Default=Warning >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fs "$base/health" >/dev/null && break; sleep 1; done

token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
login_token=$(curl -fs -c "$jar" -b "$jar" "$base/Account/Login" | token)
curl -fs -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.UserName=chogao" --data-urlencode "Input.Password=Demo@2017" \
  --data-urlencode "__RequestVerificationToken=$login_token" "$base/Account/Login"
page=$(curl -fs -c "$jar" -b "$jar" "$base/Assessments/CHOGAO/6")
form_token=$(echo "$page" | token)
criteria=$(echo "$page" | grep -o 'name="Entries\[[0-9]*\].Criterion" value="[^"]*"' | sed 's/.*value="//;s/"$//')
count=$(echo "$criteria" | wc -l)
cookie=$(awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }' "$jar"; awk '/#HttpOnly_/ { printf "%s=%s; ", $6, $7 }' "$jar")

# The form as the browser sends it: every due criterion answered (1, or 1 of 1 for a ratio: both
# parse for every method but levels, which keeps it as typed), the note changed on every save.
body="__RequestVerificationToken=$form_token"
i=0
for code in $criteria; do
  body="$body&Entries%5B$i%5D.Criterion=$code&Entries%5B$i%5D.Value=1&Entries%5B$i%5D.Denominator=1"
  [ $i -gt 0 ] && body="$body&Entries%5B$i%5D.Note=ghi+ch%C3%BA"
  i=$((i + 1))
done
cat >"$data/save.lua" <<LUA
local body = [[$body]]
local version = tonumber(os.getenv("VERSION") or "0")
local n = 0
local failures = 0
request = function()
  n = n + 1
  return wrk.format("POST", "/Assessments/CHOGAO/6?handler=Autosave", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Requested-With"] = "fetch",
    ["Cookie"] = "$cookie",
  }, body .. "&Version=" .. version .. "&Entries%5B0%5D.Note=lan+" .. n)
end
response = function(status, headers, resp)
  local v = string.match(resp, '"version":(%d+)')
  if v then version = tonumber(v) end
  if status ~= 200 then
    failures = failures + 1
    if failures == 1 then io.stderr:write("save answered " .. status .. ": " .. resp:sub(1, 120) .. "\n") end
  end
end
LUA

version() { curl -fs -b "$jar" "$base/Assessments/CHOGAO/6" | grep -o 'name="Version" value="[0-9]*"' | grep -o '[0-9]*'; }

# Two seconds of each first, not counted: the runtime compiles the paths on their first calls.
wrk -t1 -c1 -d2s -H "Cookie: $cookie" "$base/Assessments/CHOGAO/6" >/dev/null
VERSION=$(version) wrk -t1 -c1 -d2s -s "$data/save.lua" "$base" >/dev/null

echo "Opening the form of June 2017 ($count due criteria), one request at a time for ${seconds}s:"
wrk -t1 -c1 -d"${seconds}s" --latency -H "Cookie: $cookie" "$base/Assessments/CHOGAO/6" | sed -n '/Latency/,/Requests\/sec/p'
echo
echo "Saving it (autosave: every entry posted, one note changed, an audit line written), one at a time for ${seconds}s:"
before=$(version)
VERSION=$before wrk -t1 -c1 -d"${seconds}s" --latency -s "$data/save.lua" "$base" | sed -n '/Latency/,/Requests\/sec/p'
echo "Saves that changed the month: $(( $(version) - before )) (its version before and after the run)."
