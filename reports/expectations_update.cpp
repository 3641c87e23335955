// expectations_update.cpp — `aslcheck expectations update`: a run's new divergences added, stale entries removed, the rest kept in place.
#include <algorithm>
#include <filesystem>
#include <set>
#include <tuple>

#include "summary.h"
#include "text.h"

namespace aslcheck {

namespace {

using reports_detail::concat;

bool same_entry(const Expectation& a, const Expectation& b) {
  return a.selector_kind == b.selector_kind && a.selector == b.selector && a.channel == b.channel && a.mask == b.mask;
}

bool is_todo(const Expectation& e) { return e.reason.rfind("TODO", 0) == 0; }

}  // namespace

asl::Expected<ExpectationsUpdateSummary> update_expectations(ExpectationFile& file, const std::string& run_dir,
                                                             const ExpectationsUpdateOptions& options) {
  std::filesystem::path dir(run_dir);
  auto info = read_run_info_file((dir / "run.json").string());
  if (!info) return info.error();
  if (file.target.empty()) file.target = info->target;
  // A merged run's target lists every target it holds, comma-separated.
  std::string targets = concat(",", info->target, ",");
  if (targets.find(concat(",", file.target, ",")) == std::string::npos) {
    return asl::Error{std::string(asl::errc::usage),
                      concat(run_dir, ": the run is for target '", info->target, "', the expectations file for '",
                             file.target, "'"),
                      {}};
  }
  std::vector<bool> used(file.entries.size(), false), stale(file.entries.size(), false);
  std::vector<Expectation> added;
  auto walked = for_each_record((dir / "results.jsonl").string(), [&](CaseRecord&& record, const RecordPlace&) -> asl::Checked {
    // A merged run may hold several targets: only this file's target counts.
    if (!record.target.empty() && record.target != file.target) return asl::checked_ok();
    CaseKey key{record.id, record.feature, &record.tags};
    std::vector<std::string> channels;
    for (const ChannelDiff& d : record.diffs) channels.push_back(d.channel);
    switch (record.verdict) {
      case Verdict::diverge: {
        auto outcome = classify(file, key, channels);
        for (const std::string& channel : outcome.uncovered) {
          Expectation entry;
          if (options.by == ExpectationsUpdateOptions::By::feature) {
            entry.selector_kind = Expectation::SelectorKind::feature;
            entry.selector = record.feature.empty() ? "general" : record.feature;
          } else {
            entry.selector_kind = Expectation::SelectorKind::id;
            entry.selector = record.id;
          }
          entry.channel = channel;
          entry.reason = std::string(kTodoReason);
          if (std::none_of(added.begin(), added.end(), [&](const Expectation& e) { return same_entry(e, entry); })) {
            added.push_back(std::move(entry));
          }
        }
        break;
      }
      case Verdict::known: {
        // Still needed: every selecting entry about a channel that differs (masked or not).
        for (std::size_t i = 0; i < file.entries.size(); ++i) {
          if (!selects(file.entries[i], key)) continue;
          for (const std::string& channel : channels) {
            if (covers_channel(file.entries[i], channel)) used[i] = true;
          }
        }
        break;
      }
      case Verdict::xpass: {
        for (std::size_t i : classify(file, key, {}).entries) stale[i] = true;
        break;
      }
      default: break;
    }
    return asl::checked_ok();
  });
  if (!walked) return walked.error();

  ExpectationsUpdateSummary summary;
  std::vector<Expectation> kept;
  for (std::size_t i = 0; i < file.entries.size(); ++i) {
    if (stale[i] && !used[i]) {
      summary.removed.push_back(std::move(file.entries[i]));
    } else {
      kept.push_back(std::move(file.entries[i]));
    }
  }
  summary.kept = kept.size();
  // Sorted, so the order parallel jobs finished in does not show in the file.
  std::sort(added.begin(), added.end(), [](const Expectation& a, const Expectation& b) {
    return std::tie(a.selector_kind, a.selector, a.channel) < std::tie(b.selector_kind, b.selector, b.channel);
  });
  for (const Expectation& e : added) kept.push_back(e);
  summary.added = std::move(added);
  file.entries = std::move(kept);
  for (const Expectation& e : file.entries) {
    if (is_todo(e)) summary.todo.push_back(e);
  }
  return summary;
}

}  // namespace aslcheck
