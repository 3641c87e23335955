// summary.h — what the reports need from a whole run, gathered in one streaming pass: counts, the target x feature matrix, divergence buckets.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "aslcheck/reports.h"

namespace aslcheck::reports_detail {

inline constexpr std::size_t kVerdictCount = 6;
inline constexpr Verdict kVerdictsInOrder[kVerdictCount] = {Verdict::match, Verdict::diverge, Verdict::known,
                                                            Verdict::xpass, Verdict::target_error, Verdict::skipped};

struct VerdictCounts {
  std::array<std::int64_t, kVerdictCount> n{};
  double seconds = 0;
  void add(Verdict v) { ++n[static_cast<std::size_t>(v)]; }
  std::int64_t operator[](Verdict v) const { return n[static_cast<std::size_t>(v)]; }
  std::int64_t total() const;
  std::map<std::string, std::int64_t> by_name() const;
};

// One case standing for many: the smallest (shrunk case file size, then id), so the choice does
// not depend on the order in which parallel jobs finished.
struct Example {
  std::string id;
  std::uint64_t size = UINT64_MAX;
  std::uint64_t offset = 0;  // its line in results.jsonl
  bool better_than(const Example& other) const { return size != other.size ? size < other.size : id < other.id; }
};

// Divergences with one signature on one target: one bug, however many cases show it.
struct Bucket {
  std::string target;
  std::string signature;
  std::int64_t count = 0;
  std::map<std::string, std::int64_t> features;
  Example example;
};

// Cases grouped by a reason text (known, xpass, target-error, skipped).
struct ReasonGroup {
  std::string reason;
  std::int64_t count = 0;
  std::string first_id;  // the smallest id
};

struct RunSummary {
  std::map<std::string, std::map<std::string, VerdictCounts>> matrix;  // target -> feature -> counts
  std::map<std::string, VerdictCounts> by_target;
  VerdictCounts totals;
  std::map<std::string, Bucket> buckets;  // by target + '\n' + signature
  std::int64_t bucket_overflow = 0;       // divergences past kMaxGroups distinct signatures
  std::map<Verdict, std::map<std::string, ReasonGroup>> reasons;
  std::map<Verdict, std::int64_t> reason_overflow;
  ResultsStats stats;
};
inline constexpr std::size_t kMaxGroups = 5000;

// The bucket key of a divergence: its signature, or (older records without one) its channels and feature.
std::string signature_of(const CaseRecord& record);

// One pass over DIR/results.jsonl.
asl::Expected<RunSummary> summarize_run(const std::string& run_dir);

// Writers (each reads what else it needs from the run directory).
asl::Checked write_junit(const std::string& run_dir, const RunInfo& info, const RunSummary& summary);
struct TrendPoint {
  std::string label;    // run id
  std::string started;  // for ordering
  double rate = -1;     // pass_rate(), negative: none
  std::int64_t cases = 0;
};
asl::Expected<std::vector<TrendPoint>> read_trend(const RunInfo& current, const std::vector<std::string>& history);
std::string trend_svg(const std::vector<TrendPoint>& points);
asl::Checked write_html(const std::string& run_dir, const RunInfo& info, const RunSummary& summary,
                        const std::vector<TrendPoint>& trend);

// JSON laid out over lines with two-space indents, for reading and for line diffs.
std::string pretty_json(const asl::Value& value);
// Two texts side by side as an HTML table, lines aligned by a longest-common-subsequence diff,
// removed lines marked on the left and added lines on the right.
std::string side_by_side_html(const std::string& left, const std::string& right);

}  // namespace aslcheck::reports_detail
