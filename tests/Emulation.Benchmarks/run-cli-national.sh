#!/usr/bin/env bash
# Times `emulation rank` end to end on the national file (process start, CSV parse, ranking, JSON out)
# with /usr/bin/time -v for the peak memory. Target on 2 cores: under 6 s.
#   tests/Emulation.Benchmarks/run-cli-national.sh [units=4000] [leaves=80]
# The generated files go to ${TMPDIR:-/tmp}/emulation-national and are never committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
units=${1:-4000}
leaves=${2:-80}
dir="${TMPDIR:-/tmp}/emulation-national"
mkdir -p "$dir"
entries="$dir/national-$units-$leaves.csv"
campaign="$dir/national-$units-$leaves.campaign.json"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release src/Emulation.Cli -v q -nologo >/dev/null
dotnet build -c Release tests/Emulation.Benchmarks -v q -nologo >/dev/null
if [ ! -f "$entries" ] || [ ! -f "$campaign" ]; then
  dotnet run -c Release --no-build --project tests/Emulation.Benchmarks -- generate \
    --units "$units" --synthetic "$leaves" --seed 2017 --out "$entries"
fi
ls -l "$entries" | awk '{ printf "entries: %s (%.0f MB)\n", $NF, $5 / 1048576 }'

cli=src/Emulation.Cli/bin/Release/net10.0/emulation.dll
for run in 1 2 3; do
  /usr/bin/time -v -o "$dir/time.txt" dotnet "$cli" rank --campaign "$campaign" --entries "$entries" >"$dir/rank.json" 2>"$dir/stderr.txt" || { cat "$dir/stderr.txt"; exit 1; }
  elapsed=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time.txt")
  user=$(sed -n 's/.*User time (seconds): //p' "$dir/time.txt")
  sys=$(sed -n 's/.*System time (seconds): //p' "$dir/time.txt")
  printf 'run %d: wall %s, CPU %ss user + %ss system, peak memory %d MB, output %d bytes\n' \
    "$run" "$elapsed" "$user" "$sys" $((rss / 1024)) "$(stat -c %s "$dir/rank.json")"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine inflates the wall time)"
