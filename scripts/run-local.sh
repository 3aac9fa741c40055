#!/usr/bin/env bash
# Runs the bridge locally without Functions Core Tools: Azurite (in memory) on 10000-10002, the contactSPACE
# simulator on 7072 (unless a real ContactSpace:ApiKey is configured), and the DevHost on 7071, which serves the
# Functions app's own classes with the host's routes, keys, queue and timer semantics. Ctrl-C stops everything.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

artifacts="$repo/.artifacts/run-local"
azurite="$repo/tools/azurite/node_modules/.bin/azurite"
sim_key="sim-local-key"
pids=()

stopped=0
stop_all() {
  [ "$stopped" -eq 0 ] || return 0
  stopped=1
  if [ "${#pids[@]}" -gt 0 ]; then
    echo
    echo "Stopping (${pids[*]})..."
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  fi
}
# Ctrl-C or TERM (even during the build): stop what was started, then end; a second one is ignored meanwhile.
on_signal() {
  trap '' INT TERM
  stop_all
  exit 130
}
trap on_signal INT TERM
trap stop_all EXIT

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() { # port, name, pid
  for _ in $(seq 1 150); do
    listening "$1" && return 0
    kill -0 "$3" 2>/dev/null || { echo "$2 exited before listening on $1." >&2; exit 1; }
    sleep 0.2
  done
  echo "$2 did not listen on $1 within 30 s." >&2
  exit 1
}

# The API key the DevHost will use: the environment first, then local.settings.json (as the Functions host reads it).
configured_key="${ContactSpace__ApiKey:-}"
if [ -z "$configured_key" ] && [ -f "$repo/local.settings.json" ]; then
  configured_key="$(sed -n -E 's/.*"ContactSpace(:|__)ApiKey"[[:space:]]*:[[:space:]]*"([^"]*)".*/\2/p' "$repo/local.settings.json" | head -n 1)"
fi

[ -x "$azurite" ] || "$repo/scripts/install-tools.sh"

echo "Building the DevHost and the simulator..."
dotnet build src/ContactSpace.Bridge.DevHost --artifacts-path "$artifacts" -v quiet -nologo >/dev/null
dotnet build src/ContactSpace.Simulator --artifacts-path "$artifacts" -v quiet -nologo >/dev/null

if listening 10000 && listening 10001 && listening 10002; then
  echo "Storage: using the Azurite (or emulator) already on 10000-10002."
else
  "$azurite" --silent --inMemoryPersistence --skipApiVersionCheck --disableTelemetry --loose \
    --blobHost 127.0.0.1 --blobPort 10000 --queueHost 127.0.0.1 --queuePort 10001 --tableHost 127.0.0.1 --tablePort 10002 &
  pids+=($!)
  wait_for_port 10001 Azurite "$!"
  wait_for_port 10002 Azurite "${pids[-1]}"
  echo "Storage: Azurite in memory on 10000-10002."
fi

if [ -n "$configured_key" ] && [ "$configured_key" != "$sim_key" ]; then
  echo "contactSPACE: the configured API (ContactSpace:ApiKey is set); the simulator is not started."
elif listening 7072; then
  echo "contactSPACE: something already listens on 7072; using it as the simulator." >&2
  export ContactSpace__BaseUrl="http://localhost:7072/" ContactSpace__BetaBaseUrl="http://localhost:7072/beta/" ContactSpace__ApiKey="$sim_key"
else
  sim_dir="$artifacts/bin/ContactSpace.Simulator/debug"
  dotnet "$sim_dir/ContactSpace.Simulator.dll" --contentRoot "$sim_dir" --urls http://localhost:7072 --Simulator:ApiKey "$sim_key" &
  pids+=($!)
  wait_for_port 7072 "The simulator" "$!"
  echo "contactSPACE: the simulator on http://localhost:7072 (records: http://localhost:7072/_sim/records)."
  export ContactSpace__BaseUrl="http://localhost:7072/" ContactSpace__BetaBaseUrl="http://localhost:7072/beta/" ContactSpace__ApiKey="$sim_key"
fi

if listening 7071; then
  echo "Port 7071 is taken (func start or another DevHost?): stop it first." >&2
  exit 1
fi
dotnet "$artifacts/bin/ContactSpace.Bridge.DevHost/debug/ContactSpace.Bridge.DevHost.dll" --urls http://localhost:7071 &
pids+=($!)
wait_for_port 7071 "The DevHost" "$!"

cat <<'TEXT'

The bridge is running on http://localhost:7071/api/ (Ctrl-C stops everything).

Post a lead to the demo route (JSON, with the route's key):
  curl -i http://localhost:7071/api/leads/demo \
    -H 'x-functions-key: local-demo-route-key' -H 'Content-Type: application/json' \
    -d '{"first_name":"Ada","last_name":"Lovelace","mobile":"0412 345 678","email":"ada@example.com"}'

Then read it back (function key): curl -s http://localhost:7071/api/leads/<leadId> -H 'x-functions-key: local-function-key'

Sample lead form (a browser post to the anonymous demo-form route):
  http://localhost:7071/demo/lead-form.html
TEXT

# Runs until Ctrl-C or until one of them stops.
wait -n "${pids[@]}" || true
