#!/usr/bin/env bash
# harness_throughput.sh — cases/s of `aslcheck run`: oracle-only (reference target), and alsf with --jobs 2 next to alsf's own in-process rate on the same cases.
#
# Usage: bench/harness_throughput.sh [--aslcheck PATH] [--oracle-cases N] [--alsf-cases N] [--seed S]
#
# 1. `aslcheck run --target reference --cases N --jobs 2`: each case is generated, runs once on
#    the oracle (the reference target answers with the oracle's Result), is classified and
#    streamed to results.jsonl; cases/s is N over the wall time. Target: at least 10,000. For
#    comparison, the same with `--target-option independent=true` (the target runs every case a
#    second time, history on: a determinism self-check).
# 2. The same generated cases (`aslcheck gen`, the ones alsf can express) run (a) through
#    `aslcheck replay --target alsf --jobs 2` and (b) in-process: one alsf worker fed every case
#    on stdin back to back (no harness, no oracle, no diff). Harness overhead = how much more
#    wall time (a) takes per case than (b) with two workers' worth of cores, i.e.
#    1 - rate(a) / (2 * rate(b)) on 2 cores. Target: at most 30%.
# Exit 0 when every run worked, 2 when something is missing. Figures move with machine load.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
aslcheck="$repo/build/aslcheck"
oracle_cases=20000
alsf_cases=400
seed=11
while [ $# -gt 0 ]; do
  case "$1" in
    --aslcheck) aslcheck="$2"; shift 2 ;;
    --oracle-cases) oracle_cases="$2"; shift 2 ;;
    --alsf-cases) alsf_cases="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "harness_throughput.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ -x "$aslcheck" ] || { echo "harness_throughput.sh: $aslcheck is missing (make build)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", n / (b - a) }'; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now)
"$aslcheck" run --target reference --cases "$oracle_cases" --seed "$seed" --jobs 2 --progress none --out "$work/oracle" >/dev/null
t1=$(now)
echo "oracle-only (reference target, --jobs 2): $(rate "$oracle_cases" "$t0" "$t1") cases/s over $oracle_cases generated cases (target >= 10000)"
t0=$(now)
"$aslcheck" run --target reference --target-option independent=true --cases "$oracle_cases" --seed "$seed" --jobs 2 \
  --progress none --out "$work/oracle-twice" >/dev/null
t1=$(now)
echo "reference target run independently (each case twice, history on, --jobs 2): $(rate "$oracle_cases" "$t0" "$t1") cases/s"

# The cases alsf can express (skips dropped), as files both sides read.
"$aslcheck" gen --count "$alsf_cases" --seed "$seed" --near-valid-ratio 0 --out "$work/all" >/dev/null
# A file the case reader rejects is dropped (and counted), so one bad file cannot stop the bench.
dropped=0
for f in "$work"/all/*.case.json; do
  if ! "$aslcheck" exec --case "$f" >/dev/null 2>&1; then rm "$f"; dropped=$((dropped + 1)); fi
done
[ "$dropped" -eq 0 ] || echo "dropped $dropped generated case file(s) that aslcheck cannot read back"
"$aslcheck" replay --target alsf "$work/all" --progress none --shrink-time 0 --out "$work/probe" >/dev/null || true
mkdir -p "$work/cases"
grep -v '"verdict":"skipped"' "$work/probe/results.jsonl" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p' | while read -r id; do
  cp "$work/all/$id.case.json" "$work/cases/"
done
n=$(ls "$work/cases" | wc -l)

t0=$(now)
"$aslcheck" replay --target alsf "$work/cases" --jobs 2 --progress none --shrink-time 0 --out "$work/alsf" >/dev/null || true
t1=$(now)
harness_rate=$(rate "$n" "$t0" "$t1")

requests="$work/requests.jsonl"
for f in "$work"/cases/*.case.json; do
  printf '{"id":"x","case":%s}\n' "$(tr -d '\n' < "$f")"
done > "$requests"
t0=$(now)
node "$repo/harness/targets/alsf/worker.mjs" < "$requests" > /dev/null
t1=$(now)
inprocess_rate=$(rate "$n" "$t0" "$t1")
echo "alsf through the harness (--jobs 2, oracle + diff included): $harness_rate cases/s over $n cases"
echo "alsf in-process (one worker, no harness): $inprocess_rate cases/s"
awk -v h="$harness_rate" -v p="$inprocess_rate" 'BEGIN {
  printf "harness overhead against two in-process workers: %.0f%% (target <= 30%%)\n", (1 - h / (2 * p)) * 100 }'
