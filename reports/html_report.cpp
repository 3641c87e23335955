// html_report.cpp — DIR/report.html: one self-contained page (inline CSS and JS, no network) with the matrix, divergence buckets and trend.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "asl/json.h"
#include "summary.h"
#include "text.h"

namespace aslcheck::reports_detail {

namespace {

// Buckets shown in full; the rest are counted in a note (each full bucket carries a case).
constexpr std::size_t kMaxBucketsShown = 200;
// Reason groups listed per verdict.
constexpr std::size_t kMaxReasonsShown = 200;
// A minimal case longer than this is cut (shrinking normally keeps it far smaller).
constexpr std::size_t kMaxCaseText = 64 * 1024;

// Every piece of data enters the page through esc(): as element text or a quoted attribute
// value, never inside <script> or <style>, so `</script>`, quotes and any unicode stay inert.
std::string esc(std::string_view text) { return html_escaped(text); }

constexpr std::string_view kStyle = R"css(
:root { --match: #2e7d32; --diverge: #c62828; --known: #6d6d6d; --xpass: #ef6c00; --target-error: #6a1b9a; --skipped: #9e9e9e; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px 48px; color: #1c1c1c; }
h1 { font-size: 22px; margin: 18px 0 8px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; } h4 { margin: 12px 0 4px; }
table { border-collapse: collapse; } th, td { padding: 3px 8px; text-align: left; vertical-align: top; }
table.run th { color: #555; font-weight: 600; } table.grid td, table.grid th { border: 1px solid #ddd; }
code, pre, .sbs td { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
pre.case { background: #f6f8fa; padding: 8px; overflow: auto; max-height: 480px; white-space: pre; }
.b { display: inline-block; min-width: 1.6em; padding: 0 5px; margin: 1px 2px 1px 0; border-radius: 3px; color: #fff; font-size: 12px; text-align: center; }
.b.match { background: var(--match); } .b.diverge { background: var(--diverge); } .b.known { background: var(--known); }
.b.xpass { background: var(--xpass); } .b.target-error { background: var(--target-error); } .b.skipped { background: var(--skipped); }
.rate { font-size: 20px; font-weight: 600; }
.bucket { border: 1px solid #e0e0e0; border-left: 4px solid var(--diverge); margin: 8px 0; padding: 4px 10px; }
.bucket summary { cursor: pointer; } .bucket .count { font-weight: 700; color: var(--diverge); margin-right: 6px; }
.detail { color: #444; margin: 2px 0 6px; }
table.sbs { width: 100%; table-layout: fixed; margin-bottom: 8px; } table.sbs th { background: #f0f0f0; }
table.sbs td { white-space: pre-wrap; word-break: break-all; padding: 0 6px; }
table.sbs col.ln { width: 3.5em; } table.sbs td.ln { color: #999; text-align: right; user-select: none; }
table.sbs td.del { background: #ffebe9; } table.sbs td.add { background: #e6ffec; } table.sbs td.blank { background: #fafafa; }
svg.trend .grid { stroke: #e0e0e0; } svg.trend .axis { font-size: 11px; fill: #666; }
svg.trend .rate { fill: none; stroke: var(--match); stroke-width: 2; } svg.trend .point { fill: var(--match); } svg.trend .point.current { fill: #1565c0; }
.note { color: #666; } #bucket-filter { width: 320px; padding: 4px; margin: 4px 0; }
)css";

// Interactivity only: filtering and expanding buckets. The marker line tells the end-to-end
// test that the script ran without an error.
constexpr std::string_view kScript = R"js(
(function () {
  "use strict";
  var buckets = Array.prototype.slice.call(document.querySelectorAll(".bucket"));
  var filter = document.getElementById("bucket-filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var query = filter.value.toLowerCase();
      buckets.forEach(function (bucket) {
        var text = (bucket.getAttribute("data-search") || "").toLowerCase();
        bucket.hidden = query !== "" && text.indexOf(query) < 0;
      });
    });
  }
  function setAll(open) {
    buckets.forEach(function (bucket) { var d = bucket.querySelector("details"); if (d) d.open = open; });
  }
  var expand = document.getElementById("expand-all"), collapse = document.getElementById("collapse-all");
  if (expand) expand.addEventListener("click", function () { setAll(true); });
  if (collapse) collapse.addEventListener("click", function () { setAll(false); });
  document.documentElement.setAttribute("data-report-ready", String(buckets.length));
  console.log("aslcheck-report: ready (" + buckets.length + " buckets)");
})();
)js";

std::string count_text(std::int64_t n) { return std::to_string(n); }

std::string percent(double rate) {
  if (rate < 0) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", rate * 100);
  return buffer;
}

void badges(std::string& out, const VerdictCounts& counts) {
  for (Verdict v : kVerdictsInOrder) {
    if (counts[v] == 0) continue;
    std::string name(verdict_name(v));
    out.append(concat("<span class=\"b ", name, "\" title=\"", name, "\">", count_text(counts[v]), "</span>"));
  }
}

void badges_with_names(std::string& out, const VerdictCounts& counts) {
  for (Verdict v : kVerdictsInOrder) {
    std::string name(verdict_name(v));
    out.append(concat("<span class=\"b ", name, "\">", count_text(counts[v]), " ", name, "</span> "));
  }
}

void run_header(std::string& out, const RunInfo& info, const RunSummary& summary) {
  out.append("<header>\n<h1>aslcheck conformance report</h1>\n<table class=\"run\">\n");
  auto row = [&](std::string_view name, std::string_view value) {
    out.append(concat("<tr><th>", name, "</th><td>", esc(value), "</td></tr>\n"));
  };
  row("run", info.run_id);
  row("target", info.target);
  row("seed", std::to_string(info.seed));
  if (!info.profile.empty()) row("profile", info.profile);
  row("shard", concat(std::to_string(info.shard_index), "/", std::to_string(info.shard_count)));
  row("started", info.started);
  row("finished", info.finished.empty() ? std::string("(not finished: interrupted or still running)") : info.finished);
  std::string command;
  for (const std::string& a : info.arguments) {
    if (!command.empty()) command.push_back(' ');
    command.append(a);
  }
  if (!command.empty()) out.append(concat("<tr><th>command</th><td><code>", esc(command), "</code></td></tr>\n"));
  out.append("</table>\n</header>\n");
  out.append("<section id=\"summary\"><h2>Summary</h2>\n<p>");
  badges_with_names(out, summary.totals);
  out.append(concat("</p>\n<p>pass rate <span class=\"rate\" id=\"pass-rate\">",
                    percent(pass_rate(summary.totals.by_name())),
                    "</span> <span class=\"note\">(match + xpass) / (cases &minus; skipped)</span></p>\n"));
  if (summary.stats.incomplete_last_lines > 0) {
    out.append("<p class=\"note\">The last line of results.jsonl was incomplete (the run was interrupted) and is not counted.</p>\n");
  }
  out.append("</section>\n");
}

void trend_section(std::string& out, const std::vector<TrendPoint>& trend) {
  out.append("<section id=\"trend\"><h2>Pass-rate trend</h2>\n");
  out.append(trend_svg(trend));
  if (trend.size() < 2) {
    out.append("<p class=\"note\">Only this run: pass previous runs' directories with <code>--history DIR...</code> to see a trend.</p>\n");
  }
  out.append("</section>\n");
}

void matrix_section(std::string& out, const RunSummary& summary) {
  std::set<std::string> features;
  for (const auto& [target, row] : summary.matrix) {
    for (const auto& [feature, counts] : row) features.insert(feature);
  }
  out.append("<section id=\"matrix\"><h2>Target &times; feature</h2>\n<table class=\"grid\" id=\"matrix-table\">\n<thead><tr><th>target</th>");
  for (const std::string& f : features) out.append(concat("<th>", esc(f), "</th>"));
  out.append("<th>all</th></tr></thead>\n<tbody>\n");
  for (const auto& [target, row] : summary.matrix) {
    out.append(concat("<tr><th>", esc(target), "</th>"));
    for (const std::string& f : features) {
      out.append(concat("<td data-feature=\"", esc(f), "\">"));
      if (auto it = row.find(f); it != row.end()) badges(out, it->second);
      out.append("</td>");
    }
    out.append("<td>");
    badges(out, summary.by_target.at(target));
    out.append("</td></tr>\n");
  }
  out.append("</tbody></table>\n<p class=\"note\">Each cell counts the cases by verdict: ");
  for (Verdict v : kVerdictsInOrder) {
    std::string name(verdict_name(v));
    out.append(concat("<span class=\"b ", name, "\">", name, "</span>"));
  }
  out.append("</p>\n</section>\n");
}

// The minimal case of a bucket, as pretty JSON (or why it cannot be shown).
std::string case_text(const std::filesystem::path& dir, const std::string& relative) {
  if (relative.empty()) return "(the run recorded no case file for this divergence)";
  std::ifstream in(dir / relative, std::ios::binary);
  if (!in) return concat("(", relative, " is missing from the run directory)");
  std::ostringstream text;
  text << in.rdbuf();
  auto json = asl::json::read(text.str());
  std::string shown = json ? pretty_json(*json) : text.str();
  if (shown.size() > kMaxCaseText) {
    shown.resize(kMaxCaseText);
    shown.append("\n... (cut: the file is longer)");
  }
  return shown;
}

void bucket_html(std::string& out, const std::filesystem::path& dir, const Bucket& bucket, const CaseRecord& example) {
  std::string features;
  for (const auto& [feature, n] : bucket.features) {
    if (!features.empty()) features.append(", ");
    features.append(concat(feature, " (", std::to_string(n), ")"));
  }
  out.append(concat("<div class=\"bucket\" data-search=\"", esc(concat(bucket.target, " ", bucket.signature, " ", features)),
                    "\">\n<details>\n<summary><span class=\"count\">", count_text(bucket.count), "</span><code>",
                    esc(bucket.signature), "</code> on ", esc(bucket.target), " &middot; ", esc(features),
                    "</summary>\n"));
  const std::string& minimal = !example.shrunk_path.empty() ? example.shrunk_path : example.case_path;
  out.append(concat("<p>Example <code>", esc(example.id), "</code>"));
  if (!minimal.empty()) {
    out.append(concat(" &middot; minimal case <a href=\"", esc(minimal), "\"><code>", esc(minimal), "</code></a>"));
  }
  if (!example.case_path.empty() && example.case_path != minimal) {
    out.append(concat(" &middot; original <a href=\"", esc(example.case_path), "\"><code>", esc(example.case_path),
                      "</code></a>"));
  }
  out.append("</p>\n");
  for (const ChannelDiff& d : example.diffs) {
    out.append(concat("<h4>channel <code>", esc(d.channel), "</code></h4>\n"));
    if (!d.detail.empty()) out.append(concat("<p class=\"detail\">", esc(d.detail), "</p>\n"));
    out.append(side_by_side_html(pretty_json(d.expected), pretty_json(d.actual)));
  }
  if (example.diffs.empty()) out.append("<p class=\"note\">The record lists no channel diffs.</p>\n");
  out.append(concat("<h4>minimal case</h4>\n<pre class=\"case\">", esc(case_text(dir, minimal)), "</pre>\n"));
  out.append("</details>\n</div>\n");
}

asl::Checked buckets_section(std::string& out, const std::filesystem::path& dir, const RunSummary& summary) {
  std::vector<const Bucket*> order;
  std::int64_t divergences = 0;
  for (const auto& [key, bucket] : summary.buckets) {
    order.push_back(&bucket);
    divergences += bucket.count;
  }
  std::stable_sort(order.begin(), order.end(), [](const Bucket* a, const Bucket* b) { return a->count > b->count; });
  out.append(concat("<section id=\"buckets\"><h2>New divergences: ", count_text(divergences), " cases in ",
                    count_text(static_cast<std::int64_t>(order.size())), " buckets</h2>\n"));
  if (order.empty()) {
    out.append("<p class=\"note\" id=\"no-divergence\">No new divergence.</p>\n</section>\n");
    return asl::checked_ok();
  }
  out.append("<p><input id=\"bucket-filter\" type=\"search\" placeholder=\"filter by signature, target or feature\"> "
             "<button id=\"expand-all\" type=\"button\">expand all</button> "
             "<button id=\"collapse-all\" type=\"button\">collapse all</button></p>\n");
  std::string results = (dir / "results.jsonl").string();
  for (std::size_t i = 0; i < order.size() && i < kMaxBucketsShown; ++i) {
    auto example = read_record_at(results, order[i]->example.offset);
    if (!example) return example.error();
    bucket_html(out, dir, *order[i], *example);
  }
  if (order.size() > kMaxBucketsShown) {
    out.append(concat("<p class=\"note\">", count_text(static_cast<std::int64_t>(order.size() - kMaxBucketsShown)),
                      " smaller buckets are not shown; results.jsonl has them all.</p>\n"));
  }
  if (summary.bucket_overflow > 0) {
    out.append(concat("<p class=\"note\">", count_text(summary.bucket_overflow),
                      " divergences beyond the first signatures were counted but not bucketed.</p>\n"));
  }
  out.append("</section>\n");
  return asl::checked_ok();
}

void reasons_section(std::string& out, const RunSummary& summary, Verdict verdict, std::string_view id,
                     std::string_view title, std::string_view reason_header) {
  auto it = summary.reasons.find(verdict);
  if (it == summary.reasons.end() || it->second.empty()) return;
  std::vector<const ReasonGroup*> order;
  std::int64_t total = 0;
  for (const auto& [reason, group] : it->second) {
    order.push_back(&group);
    total += group.count;
  }
  std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->count > b->count; });
  out.append(concat("<section id=\"", id, "\"><h2>", title, ": ", count_text(total), "</h2>\n<table class=\"grid\">"
                    "<thead><tr><th>cases</th><th>", reason_header, "</th><th>e.g.</th></tr></thead>\n<tbody>\n"));
  for (std::size_t i = 0; i < order.size() && i < kMaxReasonsShown; ++i) {
    out.append(concat("<tr><td>", count_text(order[i]->count), "</td><td>", esc(order[i]->reason), "</td><td><code>",
                      esc(order[i]->first_id), "</code></td></tr>\n"));
  }
  out.append("</tbody></table>\n");
  if (order.size() > kMaxReasonsShown) {
    out.append(concat("<p class=\"note\">", count_text(static_cast<std::int64_t>(order.size() - kMaxReasonsShown)),
                      " more reasons are not shown.</p>\n"));
  }
  out.append("</section>\n");
}

}  // namespace

asl::Checked write_html(const std::string& run_dir, const RunInfo& info, const RunSummary& summary,
                        const std::vector<TrendPoint>& trend) {
  std::filesystem::path dir(run_dir);
  std::string page;
  page.append(concat("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     // Self-contained by construction: the page may load nothing from anywhere.
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                     "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n<title>aslcheck report: ",
                     esc(info.run_id), "</title>\n<style>", kStyle, "</style>\n</head>\n<body>\n"));
  run_header(page, info, summary);
  trend_section(page, trend);
  matrix_section(page, summary);
  if (auto ok = buckets_section(page, dir, summary); !ok) return ok;
  reasons_section(page, summary, Verdict::xpass, "xpass", "Stale expectations (xpass: the expected divergence no longer happens)", "expectation's reason");
  reasons_section(page, summary, Verdict::target_error, "target-errors", "Target errors (infrastructure, neither pass nor divergence)", "message");
  reasons_section(page, summary, Verdict::known, "known", "Known divergences", "expectation's reason");
  reasons_section(page, summary, Verdict::skipped, "skipped", "Skipped (the target cannot express the case)", "reason");
  page.append("<footer><p class=\"note\">Written by aslcheck from run.json and results.jsonl.</p></footer>\n");
  page.append(concat("<script>", kScript, "</script>\n</body>\n</html>\n"));

  return replace_file((dir / "report.html").string(), page);
}

}  // namespace aslcheck::reports_detail
