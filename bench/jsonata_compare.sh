#!/usr/bin/env bash
# jsonata_compare.sh — JSONata evaluation ns/op of the C++ engine and of jsonata-js 2.0.6 on the same expressions and document, in one run, with their ratio.
#
# Usage: bench/jsonata_compare.sh [--bench PATH] [--seconds S]
# Runs bench/jsonata_bench.cpp's BM_Jsonata_* (Google Benchmark) and bench/jsonata-peer/run.mjs
# one after the other on the same machine and prints name, C++ ns/op, jsonata-js ns/op, ratio.
# Exit 0 when both sides ran; 1 when a run failed; 2 when something needed is missing.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
bench="$repo/build/bench/aslcheck_bench"
seconds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --bench) bench="${2:?--bench needs a path}"; shift 2 ;;
    --seconds) seconds="${2:?--seconds needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "jsonata_compare.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
command -v node >/dev/null 2>&1 || { echo "jsonata_compare.sh: node is not installed" >&2; exit 2; }
[ -x "$bench" ] || { echo "jsonata_compare.sh: $bench is missing; build it first (make build)" >&2; exit 2; }
peer="$repo/bench/jsonata-peer"
if [ ! -f "$peer/node_modules/jsonata/package.json" ] ||
   [ "$(node -p "require('$peer/node_modules/jsonata/package.json').version")" != "2.0.6" ]; then
  (cd "$peer" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null) ||
    { echo "jsonata_compare.sh: npm ci failed in $peer" >&2; exit 2; }
fi

ours="$("$bench" --benchmark_filter='BM_Jsonata_(PathWithPredicate|MapFilterReduce|GroupObject)$' \
        --benchmark_min_time="$seconds" --benchmark_format=json)" || exit 1
theirs="$(cd "$peer" && node run.mjs "$seconds")" || exit 1

OURS="$ours" THEIRS="$theirs" node -e '
const ours = JSON.parse(process.env.OURS).benchmarks;
const theirs = Object.fromEntries(process.env.THEIRS.trim().split("\n").map(l => JSON.parse(l)).map(r => [r.name, r.ns_per_op]));
console.log("benchmark                       C++ ns/op   jsonata-js ns/op   ratio");
for (const b of ours) {
  const ns = b.time_unit === "ns" ? b.real_time : b.time_unit === "us" ? b.real_time * 1e3 : b.real_time * 1e6;
  const peer = theirs[b.name];
  console.log(b.name.padEnd(30), String(Math.round(ns)).padStart(10), String(peer).padStart(18), (peer / ns).toFixed(1).padStart(8) + "x");
}'
