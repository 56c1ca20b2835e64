#!/usr/bin/env bash
# Third-party load tool against the console: autocannon (npm) on POST /api/pipeline-runs vs GET /health/live on
# the same Release console process, same connections and duration, one right after the other (issue 18).
# Usage: bench/autocannon/run.sh [connections=32] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
connections=${1:-32}
seconds=${2:-20}
port=${PORT:-5118}
key=oc_bench_agent_key_0123456789abcdef
dir=$(mktemp -d)
dotnet build -c Release OperatorConsole.Web -v q -nologo >/dev/null
env ASPNETCORE_ENVIRONMENT=Benchmark ConnectionStrings__OperatorConsole="Data Source=$dir/ac.db" \
  Bootstrap__AdminEmail=bench@operator.local Bootstrap__AdminPassword='Bench-Password-123' Bootstrap__ApiKey=$key \
  Seed__Demo=false RateLimiting__ApiPermitsPerSecond=1000000 RateLimiting__ApiBurst=1000000 \
  Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning \
  dotnet OperatorConsole.Web/bin/Release/net10.0/OperatorConsole.Web.dll --urls "http://127.0.0.1:$port" >"$dir/console.log" 2>&1 &
console=$!
trap 'kill $console 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
lead=$(curl -sf -X POST "http://127.0.0.1:$port/api/leads" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"title":"Autocannon lead"}' | sed -E 's/.*"id":([0-9]+).*/\1/')
body="{\"leadId\":$lead,\"kind\":\"research\",\"startedAt\":\"2026-01-01T00:00:00Z\",\"finishedAt\":\"2026-01-01T00:00:05Z\",\"steps\":[{\"name\":\"fetch\",\"success\":true},{\"name\":\"write\",\"success\":true}]}"
ac="npx --yes autocannon@9.0.0"
# Warm-up (tiered JIT, pools), not reported: 15 s like crank's default (WARMUP=seconds); on 2 saturated cores the
# JIT needs 10-15 s to reach tier 1.
$ac -c "$connections" -d "${WARMUP:-15}" -m POST -H "Authorization=Bearer $key" -H 'Content-Type=application/json' -b "$body" \
  "http://127.0.0.1:$port/api/pipeline-runs" >/dev/null 2>&1
echo "## GET /health/live (baseline), $connections connections, $seconds s"
$ac -c "$connections" -d "$seconds" "http://127.0.0.1:$port/health/live" 2>&1 | tail -n 20
echo "## POST /api/pipeline-runs, $connections connections, $seconds s"
$ac -c "$connections" -d "$seconds" -m POST -H "Authorization=Bearer $key" -H 'Content-Type=application/json' -b "$body" \
  "http://127.0.0.1:$port/api/pipeline-runs" 2>&1 | tail -n 20
echo "## runs stored: $(sqlite3 "$dir/ac.db" 'SELECT COUNT(*) FROM PipelineRun')"
