#!/usr/bin/env bash
# vanban serve under load, against the in-process rate measured in the same run (run by hand,
# figures in docs/serve.md):
#   bench/serve_load.sh [BUILD_DIR] [WORKERS]
# 1. the in-process rate: WORKERS threads rendering the seed-000 plan (six pages) as PDF on
#    one engine for 15 s (vanban_bench_serve_baseline);
# 2. vanban serve --workers WORKERS on a free loopback port, and wrk: 64 connections, 2
#    threads, 30 s, POST /v1/render/ke-hoach?format=pdf with the same plan;
# 3. the in-process rate again (the machine is shared: the mean of both is the baseline).
# Prints wrk's figures (p50, p99, requests/s, errors), the ratio and the load average.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
workers=${2:-2}
program=$build/generator/vanban
baseline=$build/bench/vanban_bench_serve_baseline
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

rate() { "$baseline" --threads "$workers" --seconds 15 | tee /dev/stderr | sed -E 's/.* ([0-9.]+) PDFs\/s.*/\1/'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
before=$(rate)

VANBAN_LANG=en "$program" serve --listen 127.0.0.1:0 --workers "$workers" --templates templates 2> "$work/serve.log" &
server=$!
for _ in $(seq 50); do grep -q 'listening on' "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/serve.log")
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("data/000-quang-nam-ke-hoach-28.json", "rb")
wrk.body = f:read("*a")
f:close()
function response(status, headers, body)
  if status ~= 200 then io.stderr:write("status " .. status .. "\n") end
end
LUA
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @data/000-quang-nam-ke-hoach-28.json \
  "${url}v1/render/ke-hoach?format=pdf"
wrk -t2 -c64 -d30s --latency -s "$work/post.lua" "${url}v1/render/ke-hoach?format=pdf" | tee "$work/wrk.txt"
echo "load average after wrk: $(cut -d' ' -f1-3 /proc/loadavg)"
curl -s "${url}metrics" | grep -E '^vanban_(http_requests_total|errors_total|render_seconds_count)' || true
kill -TERM "$server"; wait "$server" || true

after=$(rate)
served=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
awk -v b="$before" -v a="$after" -v s="$served" \
  'BEGIN { base = (a + b) / 2; printf "served %.1f PDFs/s; in-process %.1f (before %.1f, after %.1f); ratio %.2f\n", s, base, b, a, s / base }'
