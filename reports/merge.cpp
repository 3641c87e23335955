// merge.cpp — `aslcheck merge`: shard run directories combined into one (results, case files, counts, reports).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>

#include "summary.h"
#include "text.h"

namespace aslcheck {

namespace {

namespace fs = std::filesystem;
using reports_detail::concat;

asl::Error merge_error(std::string message) { return asl::Error{std::string(asl::errc::io), std::move(message), {}}; }

bool same_bytes(const fs::path& a, const fs::path& b) {
  std::error_code error;
  if (fs::file_size(a, error) != fs::file_size(b, error) || error) return false;
  std::ifstream x(a, std::ios::binary), y(b, std::ios::binary);
  std::istreambuf_iterator<char> end;
  return std::equal(std::istreambuf_iterator<char>(x), end, std::istreambuf_iterator<char>(y), end);
}

// Every file under the shard's subdirectories (cases/, shrunk/, regressions/, ...) into the same
// relative place under `out`. Top-level files are the shard's own (run.json, results.jsonl,
// reports, runner state) and are not copied.
asl::Expected<std::uint64_t> copy_subdirectories(const fs::path& shard, const fs::path& out) {
  std::uint64_t copied = 0;
  std::error_code error;
  for (const fs::directory_entry& top : fs::directory_iterator(shard, error)) {
    if (!top.is_directory()) continue;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(top.path(), error)) {
      if (!entry.is_regular_file()) continue;
      fs::path relative = fs::relative(entry.path(), shard);
      fs::path target = out / relative;
      if (fs::exists(target)) {
        if (same_bytes(entry.path(), target)) continue;
        return merge_error(concat(entry.path().string(), ": differs from the file of the same name already merged (",
                                  relative.string(), ")"));
      }
      fs::create_directories(target.parent_path(), error);
      if (!fs::copy_file(entry.path(), target, error) || error) {
        return merge_error(concat(entry.path().string(), ": cannot copy to ", target.string(), ": ", error.message()));
      }
      ++copied;
    }
    if (error) return merge_error(concat(top.path().string(), ": cannot list: ", error.message()));
  }
  if (error) return merge_error(concat(shard.string(), ": cannot list: ", error.message()));
  return copied;
}

// The merged run.json's identity: shared values kept, differing ones summarised.
RunInfo merged_info(const std::vector<RunInfo>& shards) {
  RunInfo merged;
  std::set<std::string> targets;
  bool same_seed = true, same_profile = true, all_finished = true;
  for (const RunInfo& s : shards) {
    targets.insert(s.target);
    same_seed = same_seed && s.seed == shards.front().seed;
    same_profile = same_profile && s.profile == shards.front().profile;
    all_finished = all_finished && !s.finished.empty();
    if (!s.started.empty() && (merged.started.empty() || s.started < merged.started)) merged.started = s.started;
    if (s.finished > merged.finished) merged.finished = s.finished;
  }
  for (const std::string& t : targets) merged.target.append(concat(merged.target.empty() ? "" : ",", t));
  merged.seed = same_seed ? shards.front().seed : 0;
  merged.profile = same_profile ? shards.front().profile : "";
  merged.run_id = targets.size() == 1 && same_seed ? concat(merged.target, "-", std::to_string(merged.seed), "-merged")
                                                   : std::string("merged");
  if (!all_finished) merged.finished.clear();  // one shard was interrupted: so is the whole
  return merged;
}

// Shards of one partition that are not among the inputs.
std::vector<std::string> shard_warnings(const std::vector<RunInfo>& shards, const std::vector<std::string>& dirs) {
  std::vector<std::string> warnings;
  std::int64_t count = shards.front().shard_count;
  bool one_partition = std::all_of(shards.begin(), shards.end(), [&](const RunInfo& s) { return s.shard_count == count; });
  if (!one_partition) {
    warnings.push_back("the inputs come from different --shard partitions (their shard counts differ)");
    return warnings;
  }
  std::map<std::int64_t, std::string> seen;
  for (std::size_t i = 0; i < shards.size(); ++i) {
    auto [it, fresh] = seen.emplace(shards[i].shard_index, dirs[i]);
    if (!fresh) {
      warnings.push_back(concat("shard ", std::to_string(shards[i].shard_index), " is given twice: ", it->second,
                                " and ", dirs[i]));
    }
  }
  std::string missing;
  for (std::int64_t k = 0; k < count; ++k) {
    if (!seen.contains(k)) missing.append(concat(missing.empty() ? "" : ", ", std::to_string(k)));
  }
  if (!missing.empty()) {
    warnings.push_back(concat("shards missing from the merge: ", missing, " (of ", std::to_string(count), ")"));
  }
  return warnings;
}

}  // namespace

asl::Expected<MergeSummary> merge_runs(const std::string& out_dir, const std::vector<std::string>& run_dirs,
                                       const std::vector<std::string>& arguments, const ReportOptions& options) {
  if (run_dirs.empty()) return asl::Error{std::string(asl::errc::usage), "merge needs at least one run directory", {}};
  fs::path out(out_dir);
  std::error_code error;
  if (fs::exists(out) && !(fs::is_directory(out) && fs::is_empty(out, error))) {
    return asl::Error{std::string(asl::errc::usage),
                      concat(out_dir, ": exists and is not an empty directory (merge never overwrites a run)"), {}};
  }
  std::vector<RunInfo> shards;
  for (const std::string& dir : run_dirs) {
    if (fs::equivalent(fs::path(dir), out, error)) {
      return asl::Error{std::string(asl::errc::usage), concat(dir, ": is also the output directory"), {}};
    }
    auto info = read_run_info_file((fs::path(dir) / "run.json").string());
    if (!info) return info.error();
    shards.push_back(std::move(*info));
  }
  fs::create_directories(out, error);
  if (error) return merge_error(concat(out_dir, ": cannot create: ", error.message()));

  MergeSummary summary;
  summary.warnings = shard_warnings(shards, run_dirs);
  std::string results_path = (out / "results.jsonl").string();
  std::ofstream results(results_path, std::ios::binary | std::ios::trunc);
  if (!results) return merge_error(concat(results_path, ": cannot write"));
  // (target, id) -> where it was first seen: shard index and line.
  std::unordered_map<std::string, std::pair<std::size_t, std::uint64_t>> seen;
  reports_detail::VerdictCounts counts;
  for (std::size_t i = 0; i < run_dirs.size(); ++i) {
    std::string shard_results = (fs::path(run_dirs[i]) / "results.jsonl").string();
    reports_detail::VerdictCounts shard_counts;
    auto walked = for_each_record(shard_results, [&](CaseRecord&& record, const RecordPlace& place) -> asl::Checked {
      auto [it, fresh] = seen.emplace(concat(record.target, "\n", record.id), std::make_pair(i, place.line));
      if (!fresh) {
        std::string first = (fs::path(run_dirs[it->second.first]) / "results.jsonl").string();
        return merge_error(concat(shard_results, ":", std::to_string(place.line), ": case id \"", record.id,
                                  "\" (target ", record.target, ") is already at ", first, ":",
                                  std::to_string(it->second.second)));
      }
      shard_counts.add(record.verdict);
      results << place.text << '\n';  // as written, so fields this version does not know survive
      return asl::checked_ok();
    });
    if (!walked) return walked.error();
    std::map<std::string, std::int64_t> declared;
    for (const auto& [name, n] : shards[i].counts) {
      if (n != 0) declared[name] = n;
    }
    if (declared != shard_counts.by_name()) {
      summary.warnings.push_back(concat(run_dirs[i], ": run.json counts differ from its results.jsonl lines "
                                                     "(interrupted?); the merge counts the lines"));
    }
    for (std::size_t k = 0; k < shard_counts.n.size(); ++k) counts.n[k] += shard_counts.n[k];
    summary.records += static_cast<std::uint64_t>(shard_counts.total());
    auto copied = copy_subdirectories(fs::path(run_dirs[i]), out);
    if (!copied) return copied.error();
    summary.files_copied += *copied;
  }
  results.flush();
  if (!results) return merge_error(concat(results_path, ": write failed"));
  results.close();

  summary.info = merged_info(shards);
  summary.info.counts = counts.by_name();
  summary.info.arguments = arguments;
  if (auto ok = write_run_info_file(summary.info, (out / "run.json").string()); !ok) return ok.error();
  if (auto ok = write_reports(out_dir, options); !ok) return ok.error();
  return summary;
}

}  // namespace aslcheck
