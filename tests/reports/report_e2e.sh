#!/usr/bin/env bash
# report_e2e.sh — opens report.html of each fixture run in headless Chromium: it renders, its script runs, the console stays silent.
# Usage: report_e2e.sh ASLCHECK SOURCE_DIR. Exit 0 pass, 1 fail, 77 skip (chromium not installed).
set -uo pipefail

aslcheck=$1
source_dir=$2
runs="$source_dir/tests/data/reports/runs"

browser=""
for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (scripts/install-deps.sh, run by make, installs Debian's chromium)"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/aslcheck-report-e2e.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL [$1]: $2"; failures=$((failures + 1)); }

# fixture | history fixtures | buckets the page must show
while IFS='|' read -r fixture history buckets; do
  [ -z "$fixture" ] && continue
  failures_before=$failures
  dir="$work/$fixture"
  cp -r "$runs/$fixture" "$dir"
  history_args=()
  for h in $history; do history_args+=(--history "$runs/$h"); done
  if ! "$aslcheck" report "$dir" "${history_args[@]}" >"$work/$fixture.report.out" 2>&1; then
    fail "$fixture" "aslcheck report failed: $(cat "$work/$fixture.report.out")"
    continue
  fi
  # A fresh profile per page; --dump-dom prints the DOM after the load event, so the script's
  # changes are in it. Console messages go to stderr with --enable-logging=stderr, as
  # "INFO:CONSOLE(...)" lines whatever their level (errors, uncaught exceptions, CSP violations).
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --no-default-browser-check --disable-extensions --user-data-dir="$work/profile-$fixture" \
    --enable-logging=stderr --v=0 --dump-dom "file://$dir/report.html" >"$work/$fixture.dom" 2>"$work/$fixture.log"
  status=$?
  if [ $status -ne 0 ]; then
    fail "$fixture" "chromium exited with $status: $(grep -v dbus "$work/$fixture.log" | tail -5)"
    continue
  fi
  dom="$work/$fixture.dom"
  console=$(grep -E ':CONSOLE[(:]' "$work/$fixture.log" || true)
  marker="\"aslcheck-report: ready ($buckets buckets)\""
  if [ "$(grep -c . <<<"$console")" -ne 1 ] || ! grep -qF "$marker" <<<"$console"; then
    fail "$fixture" "the console should hold exactly the script's marker $marker, it holds:
$console"
  fi
  grep -q "data-report-ready=\"$buckets\"" "$dom" || fail "$fixture" "the inline script did not run (no data-report-ready=\"$buckets\" in the DOM)"
  for element in 'id="summary"' 'id="trend"' '<svg class="trend"' 'id="matrix-table"' 'id="pass-rate"' 'id="buckets"'; do
    grep -qF "$element" "$dom" || fail "$fixture" "the rendered page lacks $element"
  done
  shown=$(grep -o '<div class="bucket"' "$dom" | wc -l)
  [ "$shown" -eq "$buckets" ] || fail "$fixture" "$shown buckets rendered, expected $buckets"
  if [ "$buckets" -gt 0 ]; then
    grep -qF '<table class="sbs">' "$dom" || fail "$fixture" "no side-by-side diff rendered"
    grep -qF '<polyline class="rate"' "$dom" || fail "$fixture" "no trend line rendered"
  fi
  # Case data arrives as text only: no element the data could have smuggled in.
  if grep -qE '<script>alert|<img|<iframe' "$dom"; then fail "$fixture" "case data became markup"; fi
  [ $failures -eq $failures_before ] && echo "ok [$fixture]: rendered, script ran, console clean"
done <<'EOF'
basic|history-1 history-2|2
clean||0
EOF

[ $failures -eq 0 ] || exit 1
exit 0
