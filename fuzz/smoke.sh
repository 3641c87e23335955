#!/usr/bin/env bash
# smoke.sh — runs one libFuzzer target for a bounded time; exit 77 (skip) only when it was not built.
set -u
binary=$1 corpus=$2 seconds=${3:-30}
if [ ! -x "$binary" ]; then
  echo "SKIP: $binary not built (needs clang++; run 'make fuzz-build')"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus"/. "$work"/ 2>/dev/null || true
# libFuzzer's own default exit code for a finding is 77, ctest's skip code here: findings must
# fail the test, so they get exit codes of their own.
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
  -error_exitcode=3 -timeout_exitcode=4 \
  -artifact_prefix="$work/" -print_final_stats=1 "$work"
rc=$?
if [ $rc -ne 0 ]; then
  echo "fuzzer found a failure; reproducer(s):"
  for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
    [ -f "$f" ] && { echo "== $f"; head -c 512 "$f" | od -c | head -20; }
  done
fi
[ $rc -eq 77 ] && rc=1  # never let a finding read as a skip
exit $rc
