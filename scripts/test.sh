#!/usr/bin/env bash
# Runs every test: installs the tools the tests start (Azurite, the Bicep CLI comes from NuGet),
# builds once, runs each test project, and ends with a plain "N passed, N failed" line.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

"$repo/scripts/install-tools.sh" || { echo "0 passed, 1 failed"; exit 1; }

results="$repo/TestResults"
rm -rf "$results"
mkdir -p "$results"
log="$results/dotnet-test.log"

dotnet build Functions.sln -c Release 2>&1 | tee "$results/build.log" | grep -E "error|Build succeeded|Time Elapsed" | grep -v "warning NU1603"
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  echo "Build failed: see TestResults/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Functions.sln -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-assembly lines VSTest prints ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ...").
read -r passed failed skipped < <(
  grep -E "(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+" "$log" |
    sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' |
    awk '{f+=$1; p+=$2; s+=$3} END {print p+0, f+0, s+0}')
# A crashed or aborted test host prints no summary of its own: never report that as a pass.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
