#!/usr/bin/env bash
# serve_load.sh — load on `aslcheck serve`: N StartSyncExecution requests over C concurrent keep-alive connections on loopback; requests/s and latency percentiles.
#
# Usage: bench/serve_load.sh [--build DIR] [--requests N] [--connections C] [--threads T]
#                            [--definition FILE] [--input FILE] [--rounds R]
# Starts `DIR/aslcheck serve --port 0 --threads T` (default T: the machine's cores), then runs
# DIR/bench/aslcheck_serve_load against it R times (default 3; each round creates the machine
# anew, i.e. idempotently, and sends N requests, default 2,000, over C connections, default 64)
# and prints each round's JSON line. Default workload: ../shared/bench/pass-chain10.asl.json on
# ../shared/bench/input.json as an EXPRESS machine. Exit 0 when every round had no errors.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="$repo/build"
requests=2000
connections=64
threads=0
rounds=3
definition="$repo/../shared/bench/pass-chain10.asl.json"
input="$repo/../shared/bench/input.json"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build="$2"; shift 2 ;;
    --requests) requests="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --definition) definition="$2"; shift 2 ;;
    --input) input="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "serve_load.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
for f in "$build/aslcheck" "$build/bench/aslcheck_serve_load"; do
  [ -x "$f" ] || { echo "serve_load.sh: $f is missing (build the aslcheck and aslcheck_serve_load targets)" >&2; exit 2; }
done
[ "$threads" -gt 0 ] || threads="$(nproc)"

out="$(mktemp)"
"$build/aslcheck" serve --port 0 --threads "$threads" > "$out" &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do
  grep -q 'listening on' "$out" && break
  sleep 0.1
done
endpoint="$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$out")"
[ -n "$endpoint" ] || { echo "serve_load.sh: aslcheck serve did not start" >&2; exit 2; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); serve threads: $threads; $(nproc) cores"
status=0
for round in $(seq "$rounds"); do
  "$build/bench/aslcheck_serve_load" --endpoint "$endpoint" --requests "$requests" --connections "$connections" \
    --definition "$definition" --input "$input" || status=1
done
exit "$status"
