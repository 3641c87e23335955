#!/usr/bin/env bash
# compare.sh — executions/s of the oracle and of aws-local-stepfunctions on the same workloads, in the same run, and their ratio.
#
# Usage: bench/compare.sh [--seconds S] [--warmup S] [--rounds N] [--cpu N] [--oracle PATH]
#
# For each workload of ../shared/bench (or $ASLCHECK_SHARED_DIR/bench) it runs `aslcheck bench`
# and harness/targets/alsf/run.mjs alternately, round after round, both pinned to the same core when taskset
# exists, so both sides see the same machine; the median of the rounds is reported. `ratio` is
# the ratio of the two medians (what the target is judged on), `paired` the median of the
# rounds' own ratios, steadier when the machine's speed drifts. Absolute
# figures move from machine to machine and with load; the ratio is the number to read.
# Exit 0 when every run of both sides succeeded; 1 when a run failed; 2 when something needed
# (node, npm, the oracle binary, the workloads) is missing. A missing peer is never a pass.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
alsf_dir="$repo/harness/targets/alsf"
shared="${ASLCHECK_SHARED_DIR:-$repo/../shared}"
workloads=(pass-chain10 choice10 intrinsics)

seconds=5
warmup=1
rounds=3
cpu=""
oracle="$repo/build/aslcheck"
# The goal the oracle is held to; the reasoning and the measured figures are in bench/BASELINE.md.
target_ratio="${ASLCHECK_BENCH_TARGET:-100}"

die() { echo "compare.sh: $2" >&2; exit "$1"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="${2:?--seconds needs a value}"; shift 2 ;;
    --warmup)  warmup="${2:?--warmup needs a value}"; shift 2 ;;
    --rounds)  rounds="${2:?--rounds needs a value}"; shift 2 ;;
    --cpu)     cpu="${2:?--cpu needs a value}"; shift 2 ;;
    --oracle)  oracle="${2:?--oracle needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die 2 "unknown argument '$1' (see --help)" ;;
  esac
done
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die 2 "--rounds must be a positive integer, got '$rounds'"

# --- what both sides need -------------------------------------------------------------------
command -v node >/dev/null 2>&1 ||
  die 2 "node is not installed; the peer (aws-local-stepfunctions) runs on Node >= 20 (Debian: apt-get install nodejs npm)"
command -v npm >/dev/null 2>&1 ||
  die 2 "npm is not installed; it installs the peer from harness/targets/alsf/package-lock.json (Debian: apt-get install npm)"
node_version="$(node -p 'process.versions.node')"
# run.mjs polyfills what Node 20 lacks; AbortSignal.any, which the package also calls, came in 20.3.
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=3)?0:1)' ||
  die 2 "node $node_version is too old: the peer needs Node >= 20.3"
[ -x "$oracle" ] || die 2 "the oracle binary $oracle is missing; build it first (make build)"
for w in "${workloads[@]}"; do
  [ -r "$shared/bench/$w.asl.json" ] || die 2 "workload $shared/bench/$w.asl.json not found (set ASLCHECK_SHARED_DIR)"
done
input="$shared/bench/input.json"
[ -r "$input" ] || die 2 "input $input not found (set ASLCHECK_SHARED_DIR)"

# The peer is installed exactly as locked; a tree that is missing or holds another version is
# reinstalled. --ignore-scripts: nothing the benchmark needs runs at install time.
locked_version() {
  (cd "$alsf_dir" && node -p "require('./package-lock.json').packages['node_modules/aws-local-stepfunctions'].version")
}
installed_version() {
  (cd "$alsf_dir" && node -p "require('./node_modules/aws-local-stepfunctions/package.json').version" 2>/dev/null) || true
}
want="$(locked_version)" || die 2 "harness/targets/alsf/package-lock.json does not lock aws-local-stepfunctions"
if [ "$(installed_version)" != "$want" ]; then
  echo "compare.sh: installing aws-local-stepfunctions $want (npm ci in harness/targets/alsf; its EBADENGINE warning is expected: run.mjs polyfills what Node 20 lacks)" >&2
  (cd "$alsf_dir" && npm ci --ignore-scripts --no-audit --no-fund >&2) || die 2 "npm ci in harness/targets/alsf failed"
  [ "$(installed_version)" = "$want" ] || die 2 "npm ci did not install aws-local-stepfunctions $want"
fi

# --- pinning ----------------------------------------------------------------------------------
# One core for both sides, so neither gets a second core (V8's GC and compiler threads would
# otherwise spread out) and both share whatever else is running on it. Default: the first core
# this process may use.
pin=()
if command -v taskset >/dev/null 2>&1; then
  if [ -z "$cpu" ]; then
    allowed="$(taskset -pc $$ | sed 's/.*: *//')"
    cpu="${allowed%%[,-]*}"
  fi
  pin=(taskset -c "$cpu")
  pinned="pinned to CPU $cpu"
else
  pinned="not pinned (no taskset)"
fi

# --- measuring --------------------------------------------------------------------------------
# The value of a number field in a one-line JSON object, without a JSON tool (jq is not a
# dependency): both programs print flat objects whose numbers never hold a comma.
field() { sed -n "s/.*\"$2\":\([-0-9.eE+]*\).*/\1/p" <<<"$1"; }

run_oracle() {
  local w="$1" out
  out="$("${pin[@]}" "$oracle" bench "$shared/bench/$w.asl.json" --input "@$input" --seconds "$seconds")" ||
    die 1 "oracle: aslcheck bench failed on $w"
  # aslcheck bench times whatever status the workload ends in; these must succeed, as on AWS.
  grep -q '"status":"SUCCEEDED"' <<<"$out" || die 1 "oracle: $w did not succeed: $out"
  local eps; eps="$(field "$out" executionsPerSecond)"
  [ -n "$eps" ] || die 1 "oracle: no executionsPerSecond in: $out"
  echo "$eps"
}

run_alsf() {
  local w="$1" out
  out="$("${pin[@]}" node "$alsf_dir/run.mjs" --input "$input" --seconds "$seconds" --warmup "$warmup" \
           "$shared/bench/$w.asl.json")" || die 1 "alsf: run.mjs failed on $w"
  grep -q '"status":"SUCCEEDED"' <<<"$out" || die 1 "alsf: $w did not succeed: $out"
  local eps; eps="$(field "$out" executionsPerSecond)"
  [ -n "$eps" ] || die 1 "alsf: no executionsPerSecond in: $out"
  echo "$eps"
}

median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "oracle: $oracle; peer: aws-local-stepfunctions $want in-process on node $node_version (validation off)"
echo "$seconds s timed per run (peer: after $warmup s warm-up), $rounds round(s) alternating oracle/peer, median; $pinned"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

rows=()
for w in "${workloads[@]}"; do
  oracle_runs=() alsf_runs=() round_ratios=()
  for ((r = 1; r <= rounds; ++r)); do
    # Plain assignments, so that set -e stops the script when a side fails.
    eps="$(run_oracle "$w")"; oracle_runs+=("$eps")
    eps="$(run_alsf "$w")"; alsf_runs+=("$eps")
    # The two sides of a round run back to back, so their ratio sees the same machine state.
    round_ratios+=("$(awk -v o="${oracle_runs[-1]}" -v a="${alsf_runs[-1]}" 'BEGIN { print (a > 0 ? o / a : 0) }')")
    echo "  $w round $r: oracle ${oracle_runs[-1]}/s, alsf ${alsf_runs[-1]}/s" >&2
  done
  rows+=("$w $(echo "${oracle_runs[*]}" | median) $(echo "${alsf_runs[*]}" | median) $(echo "${round_ratios[*]}" | median)")
done

echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo
printf '%s\n' "${rows[@]}" | awk -v target="$target_ratio" '
  # Thousands separators by hand: mawk (Debian default awk) has no %'"'"'d.
  function grouped(x,   s, out) {
    s = sprintf("%.0f", x); out = ""
    while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
    return s out
  }
  BEGIN { printf "%-14s %16s %14s %8s %8s %8s\n", "workload", "oracle exec/s", "alsf exec/s", "ratio", "paired", "target" }
  {
    ratio = $3 > 0 ? $2 / $3 : 0
    printf "%-14s %16s %14s %7.1fx %7.1fx %7sx%s\n", $1, grouped($2), grouped($3), ratio, $4, target, (ratio >= target ? "" : "  (below target)")
  }'
