#!/usr/bin/env bash
# Runs the figures of issue 3 on this machine, all on loopback:
#   1. BenchmarkDotNet code-path benchmarks (per-lead parse + map + validate cost),
#   2. the load driver: CPU floor, storage floor and the DevHost's intake in sync and queue mode,
#      with throughput, p50/p99 latency, CPU and allocations per lead and the ratios to both floors.
# Usage: bench/run.sh [--requests 2000] [--concurrency 16] [--warmup 200] [--seconds 60]
#   (arguments go to the load driver). BENCH_SKIP_BDN=1 skips BenchmarkDotNet.
# Results: .artifacts/bench/results/load-driver.md and BenchmarkDotNet.Artifacts/ (both ignored by git).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
artifacts="${BENCH_ARTIFACTS:-$repo/.artifacts/bench}"
results="$artifacts/results"
mkdir -p "$results"

"$repo/scripts/install-tools.sh"

if [ "${BENCH_SKIP_BDN:-0}" != "1" ]; then
  echo "== BenchmarkDotNet (short job)"
  dotnet run -c Release --project bench/ContactSpace.Benchmarks -- --filter '*' --job short
fi

echo "== Load driver (Release build)"
dotnet build bench/ContactSpace.LoadDriver -c Release --artifacts-path "$artifacts" -v quiet -nologo
dotnet "$artifacts/bin/ContactSpace.LoadDriver/release/ContactSpace.LoadDriver.dll" --out "$results/load-driver.md" "$@"
echo "Load-driver table written to $results/load-driver.md"
