#!/usr/bin/env bash
# Lints the OpenAPI document the app serves with Redocly CLI (recommended ruleset); exits non-zero on any error.
# Builds the web project, starts it briefly on a loopback port with a throwaway database, saves
# /openapi/v1.json to artifacts/openapi/v1.json, stops the app (its own PID only) and runs the lint.
# Usage: scripts/openapi-lint.sh [port]   (needs node/npx; npm reaches @redocly/cli)
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-5199}"
out=artifacts/openapi
work="$(mktemp -d)"
mkdir -p "$out"

dotnet build OperatorConsole.Web --no-restore -v q -nologo >/dev/null
ConnectionStrings__OperatorConsole="Data Source=$work/lint.db" Storage__Root="$work/files" \
  dotnet OperatorConsole.Web/bin/Debug/net10.0/OperatorConsole.Web.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 120); do
  if curl -sf -o "$out/v1.json" "http://127.0.0.1:$port/openapi/v1.json"; then break; fi
  if ! kill -0 "$app" 2>/dev/null; then cat "$work/app.log" >&2; echo "the app did not start" >&2; exit 1; fi
  sleep 1
done
test -s "$out/v1.json" || { echo "no OpenAPI document from the app" >&2; exit 1; }

npx --yes @redocly/cli@2.77.0 lint --config redocly.yaml "$out/v1.json"
