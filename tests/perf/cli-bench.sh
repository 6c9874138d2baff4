#!/usr/bin/env bash
# Times `emulation rank` end to end (process start included) on a province's and the nation's
# entries with hyperfine, against the previous release's command and against a bare pass that only
# reads the file and splits it into fields, and prints the three side by side with peak memory.
#   tests/perf/cli-bench.sh            # needs hyperfine (apt-get install -y hyperfine), clang and zlib1g-dev (Native AOT)
#   PREVIOUS=<git ref> ROUNDS=6 tests/perf/cli-bench.sh
# PREVIOUS is the release compared against (default 67dead0: main before rows were read in place),
# built as it shipped (published ahead of time when its project says so, else `dotnet emulation.dll`).
# The three commands take turns: each round runs each of them twice, so a machine that gets busier
# or quieter during the run weighs on all three alike; the figures are medians over the rounds.
# Everything generated or built goes to ${TMPDIR:-/tmp}/emulation-cli-bench and is never committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
previous=${PREVIOUS:-67dead0}
rounds=${ROUNDS:-6}
dir="${TMPDIR:-/tmp}/emulation-cli-bench"
mkdir -p "$dir"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

command -v hyperfine >/dev/null || { echo "hyperfine is needed: apt-get install -y hyperfine" >&2; exit 1; }

# The files: a province (200 units) and the nation (4,000 units), 11 months × 80 criteria each.
dotnet build -c Release tests/Emulation.Benchmarks -v q -nologo >/dev/null
for scale in province:200 national:4000; do
  name=${scale%%:*}
  units=${scale##*:}
  if [ ! -f "$dir/$name.csv" ] || [ ! -f "$dir/$name.campaign.json" ]; then
    dotnet run -c Release --no-build --project tests/Emulation.Benchmarks -- generate \
      --units "$units" --synthetic 80 --seed 2017 --out "$dir/$name.csv"
  fi
done

# The three commands: this checkout published ahead of time, the bare pass, the previous release.
dotnet publish src/Emulation.Cli -c Release -r linux-x64 -o "$dir/current" -v q -nologo >/dev/null
dotnet publish tests/perf/BarePass -c Release -r linux-x64 -o "$dir/bare" -v q -nologo >/dev/null
if [ ! -f "$dir/previous/ref" ] || [ "$(cat "$dir/previous/ref")" != "$previous" ]; then
  rm -rf "$dir/previous-src" "$dir/previous"
  mkdir -p "$dir/previous-src"
  git archive "$previous" | tar -x -C "$dir/previous-src"
  if grep -q '<PublishAot>true</PublishAot>' "$dir/previous-src/src/Emulation.Cli/Emulation.Cli.csproj"; then
    (cd "$dir/previous-src" && dotnet publish src/Emulation.Cli -c Release -r linux-x64 -o "$dir/previous" -v q -nologo >/dev/null)
  else
    (cd "$dir/previous-src" && dotnet publish src/Emulation.Cli -c Release -o "$dir/previous" -v q -nologo >/dev/null)
  fi
  echo "$previous" >"$dir/previous/ref"
fi

current="$dir/current/emulation"
if [ -x "$dir/previous/emulation" ]; then prev="$dir/previous/emulation"; else prev="dotnet $dir/previous/emulation.dll"; fi
for name in province national; do
  args="rank --campaign $dir/$name.campaign.json --entries $dir/$name.csv"
  # Same bytes as the previous release, or the figures mean nothing.
  $current $args >"$dir/$name.current.json"
  $prev $args >"$dir/$name.previous.json"
  cmp -s "$dir/$name.current.json" "$dir/$name.previous.json" || { echo "$name: output differs from $previous" >&2; exit 1; }
  /usr/bin/time -f %M -o "$dir/$name.rss" $current $args >/dev/null
  /usr/bin/time -f %M -o "$dir/$name.previous.rss" $prev $args >/dev/null
done
rm -f "$dir"/*.round-*.json
for round in $(seq "$rounds"); do
  for name in province national; do
    args="rank --campaign $dir/$name.campaign.json --entries $dir/$name.csv"
    hyperfine --style none --warmup 1 --runs 2 --export-json "$dir/$name.round-$round.json" \
      -n bare "$dir/bare/bare-pass $dir/$name.csv" \
      -n current "$current $args" \
      -n previous "$prev $args" >/dev/null
  done
  hyperfine --style none --warmup 1 --runs 2 --export-json "$dir/validate.round-$round.json" \
    -n current "$current validate criteria/tien-giang-2017.json criteria/units/tien-giang.json" \
    -n previous "$prev validate criteria/tien-giang-2017.json criteria/units/tien-giang.json" >/dev/null
done

python3 - "$dir" <<'PY'
import json, sys, os
d = sys.argv[1]
import glob, statistics
def load(name):
    # Every round's times of each command, together.
    times = {}
    for path in sorted(glob.glob(f"{d}/{name}.round-*.json")):
        for r in json.load(open(path))["results"]:
            times.setdefault(r["command"], []).extend(r["times"])
    return {c: {"median": statistics.median(t), "stddev": statistics.stdev(t) if len(t) > 1 else 0.0, "min": min(t)} for c, t in times.items()}
def t(r):
    return f'{r["median"]:.3f} s (±{r["stddev"]:.3f})'
print(f'{"file":<10} {"MB":>5} {"bare pass":>18} {"emulation (AOT)":>18} {"previous release":>18} {"÷ bare":>7} {"peak MB now/before":>19}')
for name in ("province", "national"):
    r = load(name)
    size = os.path.getsize(f"{d}/{name}.csv") / 1048576
    rss = int(open(f"{d}/{name}.rss").read()) // 1024
    prss = int(open(f"{d}/{name}.previous.rss").read()) // 1024
    print(f'{name:<10} {size:5.0f} {t(r["bare"]):>18} {t(r["current"]):>18} {t(r["previous"]):>18} {r["current"]["median"] / r["bare"]["median"]:6.1f}x {rss:>9}/{prss}')
v = load("validate")
print(f'validate shipped files: {t(v["current"])} now, {t(v["previous"])} before')
print(f'medians of {sum(1 for _ in glob.glob(f"{d}/national.round-*.json")) * 2} runs each, the commands taking turns; fastest national run now {load("national")["current"]["min"]:.3f} s')
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine inflates every figure)"
