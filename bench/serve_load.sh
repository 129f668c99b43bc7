#!/usr/bin/env bash
# vanban serve under load, against the in-process rate measured in the same run (run by hand,
# figures in docs/serve.md):
#   bench/serve_load.sh [BUILD_DIR] [WORKERS]
# 1. the in-process rate: WORKERS threads rendering the seed-000 plan (six pages) as PDF on
#    one engine for 15 s (vanban_bench_serve_baseline), and the CPU time each PDF cost;
# 2. vanban serve --workers WORKERS on a free loopback port, and wrk: 64 connections, 2
#    threads, 30 s, POST /v1/render/ke-hoach?format=pdf with the same plan; the server's CPU
#    time meanwhile (/proc/PID/stat), hence its CPU time per PDF served;
# 3. the in-process rate again (the machine is shared: the mean of both is the baseline).
# Prints wrk's figures (p50, p99, requests/s, errors), the ratios and the load average. On a
# shared machine the two wall-clock rates measure the CPU share the scheduler gave each as
# much as vanban (docs/serve.md, "Load"): the ratio of CPU time per PDF is the one to read.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
workers=${2:-2}
program=$build/generator/vanban
baseline=$build/bench/vanban_bench_serve_baseline
data=data/000-quang-nam-ke-hoach-28.json
work=$(mktemp -d)
server=
trap '[[ -n $server ]] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

# "RATE CPU_MS_PER_PDF" of the in-process loop.
rate() {
    local line
    line=$("$baseline" --threads "$workers" --seconds 15)
    echo "$line" >&2
    sed -E 's/.* ([0-9.]+) PDFs\/s, ([0-9.]+) CPU ms\/PDF.*/\1 \2/' <<< "$line"
}
# CPU seconds a process has used so far (user + system).
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r before before_cpu < <(rate)

VANBAN_LANG=en "$program" serve --listen 127.0.0.1:0 --workers "$workers" --templates templates 2> "$work/serve.log" &
server=$!
for _ in $(seq 50); do grep -q 'listening on' "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/serve.log")
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$data", "rb")
wrk.body = f:read("*a")
f:close()
function response(status, headers, body)
  if status ~= 200 then io.stderr:write("status " .. status .. "\n") end
end
LUA
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @"$data" "${url}v1/render/ke-hoach?format=pdf"
cpu_start=$(cpu_seconds "$server")
wrk -t2 -c64 -d30s --latency -s "$work/post.lua" "${url}v1/render/ke-hoach?format=pdf" | tee "$work/wrk.txt"
cpu_end=$(cpu_seconds "$server")
echo "load average after wrk: $(cut -d' ' -f1-3 /proc/loadavg)"
curl -s "${url}metrics" | grep -E '^vanban_(http_requests_total|errors_total|render_seconds_(count|sum))' || true
kill -TERM "$server"; wait "$server" || true
server=

read -r after after_cpu < <(rate)
served=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
seconds=$(awk '/requests in/ {sub(/s,$/, "", $4); print $4}' "$work/wrk.txt")
awk -v b="$before" -v a="$after" -v bc="$before_cpu" -v ac="$after_cpu" -v s="$served" -v n="$requests" \
    -v t="$seconds" -v c0="$cpu_start" -v c1="$cpu_end" 'BEGIN {
  base = (a + b) / 2; base_cpu = (ac + bc) / 2; served_cpu = (c1 - c0) * 1000 / n
  printf "served %.1f PDFs/s; in-process %.1f (before %.1f, after %.1f); wall-clock ratio %.2f\n", s, base, b, a, s / base
  printf "CPU per PDF: served %.2f ms (the whole server: HTTP and render), in-process %.2f ms; ratio %.2f\n",
         served_cpu, base_cpu, base_cpu / served_cpu
  printf "CPU share: the server used %.2f cores during wrk, the in-process loop %.2f\n",
         (c1 - c0) / t, base * base_cpu / 1000
}'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
