#!/usr/bin/env bash
# Measures the import (target: 200,000 rows in under 30 s). Runs the load test of the web tests:
# a copy of the units file with 440 more communes of Cái Bè (501 units in the 2017 blocks), a
# generated entries file of every due criterion of every unit for January–November (about
# 210,000 rows), imported through the import's handler on a SQLite file: first the same file with
# its last row bad (refused, nothing written), then the file, then the same rows as an .xlsx
# workbook replacing them all. Prints the figures. Needs: the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/Emulation.Web.Tests -c Release -v q -nologo >/dev/null
EMULATION_LOAD=1 dotnet test tests/Emulation.Web.Tests -c Release --no-build \
  --filter "FullyQualifiedName~ImportLoadTests" --logger "console;verbosity=detailed" 2>&1 \
  | grep -E -A6 "units,|refusing|importing|replacing|Passed|Failed|Total|Error Message"
