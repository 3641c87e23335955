#!/usr/bin/env bash
# run_sanitized.sh — runs a sanitized (ASan + UBSan) test program from the fuzz build; exit 77 (skip) only when it was not built.
set -u
binary=$1
shift
if [ ! -x "$binary" ]; then
  echo "SKIP: $binary not built (needs clang++; run 'make fuzz-build')"
  exit 77
fi
# A sanitizer report aborts the run (halt_on_error, -fno-sanitize-recover) with a non-zero exit
# code that is never 77.
export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:exitcode=3}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:exitcode=3}"
"$binary" "$@"
rc=$?
[ $rc -eq 77 ] && rc=1
exit $rc
