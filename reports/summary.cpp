// summary.cpp — one streaming pass over results.jsonl: counts, the target x feature matrix, divergence buckets and reason groups.
#include "summary.h"

#include <filesystem>

#include "text.h"

namespace aslcheck::reports_detail {

namespace {

// The size of a divergence's minimal case file: the smaller the example, the better it reads.
std::uint64_t example_size(const std::string& run_dir, const CaseRecord& record) {
  const std::string& relative = !record.shrunk_path.empty() ? record.shrunk_path : record.case_path;
  if (relative.empty()) return UINT64_MAX - 1;
  std::error_code error;
  auto size = std::filesystem::file_size(std::filesystem::path(run_dir) / relative, error);
  return error ? UINT64_MAX - 1 : static_cast<std::uint64_t>(size);
}

void add_reason(RunSummary& summary, const CaseRecord& record) {
  auto& groups = summary.reasons[record.verdict];
  std::string reason = record.reason.empty() ? "(no reason given)" : record.reason;
  auto it = groups.find(reason);
  if (it == groups.end()) {
    if (groups.size() >= kMaxGroups) {
      ++summary.reason_overflow[record.verdict];
      return;
    }
    it = groups.emplace(reason, ReasonGroup{reason, 0, record.id}).first;
  }
  ++it->second.count;
  if (record.id < it->second.first_id) it->second.first_id = record.id;
}

}  // namespace

std::int64_t VerdictCounts::total() const {
  std::int64_t sum = 0;
  for (std::int64_t k : n) sum += k;
  return sum;
}

std::map<std::string, std::int64_t> VerdictCounts::by_name() const {
  std::map<std::string, std::int64_t> out;
  for (Verdict v : kVerdictsInOrder) {
    if ((*this)[v] != 0) out[std::string(verdict_name(v))] = (*this)[v];
  }
  return out;
}

std::string signature_of(const CaseRecord& record) {
  if (!record.signature.empty()) return record.signature;
  std::string channels;
  for (const ChannelDiff& d : record.diffs) {
    if (!channels.empty()) channels.push_back('+');
    channels.append(d.channel);
  }
  return concat(channels.empty() ? std::string("unknown") : channels, "|", record.feature);
}

asl::Expected<RunSummary> summarize_run(const std::string& run_dir) {
  RunSummary summary;
  std::string results = (std::filesystem::path(run_dir) / "results.jsonl").string();
  auto walked = for_each_record(
      results,
      [&](CaseRecord&& record, const RecordPlace& place) -> asl::Checked {
        std::string feature = record.feature.empty() ? "general" : record.feature;
        VerdictCounts& cell = summary.matrix[record.target][feature];
        cell.add(record.verdict);
        cell.seconds += record.seconds;
        VerdictCounts& target = summary.by_target[record.target];
        target.add(record.verdict);
        target.seconds += record.seconds;
        summary.totals.add(record.verdict);
        summary.totals.seconds += record.seconds;
        if (record.verdict == Verdict::diverge) {
          std::string signature = signature_of(record);
          std::string key = concat(record.target, "\n", signature);
          auto it = summary.buckets.find(key);
          if (it == summary.buckets.end()) {
            if (summary.buckets.size() >= kMaxGroups) {
              ++summary.bucket_overflow;
              return asl::checked_ok();
            }
            it = summary.buckets.emplace(key, Bucket{record.target, signature, 0, {}, {}}).first;
          }
          Bucket& bucket = it->second;
          ++bucket.count;
          ++bucket.features[feature];
          Example candidate{record.id, example_size(run_dir, record), place.offset};
          if (bucket.count == 1 || candidate.better_than(bucket.example)) bucket.example = std::move(candidate);
        } else if (record.verdict != Verdict::match) {
          add_reason(summary, record);
        }
        return asl::checked_ok();
      },
      &summary.stats);
  if (!walked) return walked.error();
  return summary;
}

}  // namespace aslcheck::reports_detail

namespace aslcheck {

double pass_rate(const std::map<std::string, std::int64_t>& counts) {
  auto count = [&](Verdict v) {
    auto it = counts.find(std::string(verdict_name(v)));
    return it == counts.end() ? std::int64_t{0} : it->second;
  };
  std::int64_t total = 0;
  for (const auto& [name, n] : counts) total += n;
  std::int64_t counted = total - count(Verdict::skipped);
  if (counted <= 0) return -1;
  return static_cast<double>(count(Verdict::match) + count(Verdict::xpass)) / static_cast<double>(counted);
}

}  // namespace aslcheck
