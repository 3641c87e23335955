// reports.h — a run directory's files (run.json, results.jsonl) and the reports made from them (junit.xml, report.html), merge, expectations update.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "asl/error.h"
#include "aslcheck/expectations.h"
#include "aslcheck/run_record.h"

namespace aslcheck {

// --- Run directory files ---

// DIR/run.json. Errors name the file.
asl::Expected<RunInfo> read_run_info_file(const std::string& path);
// Through a temporary file and a rename, so readers never see half a run.json.
asl::Checked write_run_info_file(const RunInfo& info, const std::string& path);
// One results.jsonl line: compact JSON and a newline.
std::string case_record_line(const CaseRecord& record);

// Where a record sits in results.jsonl (for reading it again later by offset).
struct RecordPlace {
  std::uint64_t line = 0;    // 1-based
  std::uint64_t offset = 0;  // byte offset of the line
  std::string_view text;     // the line as written (without its newline); valid during the visit only
};
struct ResultsStats {
  std::uint64_t records = 0;
  // A last line without its newline that does not parse: the run was interrupted while writing
  // it. It is ignored (and counted), never an error; any other bad line is an error.
  std::uint64_t incomplete_last_lines = 0;
};
// Streams DIR/results.jsonl one record at a time (memory stays flat however long the file is).
// A line that is not a valid record is an error located "path:LINE: at /pointer: message".
// `visit` may stop the walk by returning an error, which is passed through.
using RecordVisitor = std::function<asl::Checked(CaseRecord&& record, const RecordPlace& place)>;
asl::Checked for_each_record(const std::string& results_path, const RecordVisitor& visit, ResultsStats* stats = nullptr);
// The record on the line starting at `offset` (as for_each_record reported it).
asl::Expected<CaseRecord> read_record_at(const std::string& results_path, std::uint64_t offset);

// --- Reports ---

struct ReportOptions {
  // Previous runs' directories (their run.json), for the pass-rate trend chart; the current run
  // is its last point. Points are ordered by their run.json "started", then by path.
  std::vector<std::string> history;
};

// Reads DIR/run.json and DIR/results.jsonl (streaming) and writes DIR/junit.xml and
// DIR/report.html. The report body depends only on the run's files (no clock is read), so the
// same run gives the same report.
asl::Checked write_reports(const std::string& run_dir, const ReportOptions& options = {});

// The pass rate the report and its trend show: (match + xpass) / (every case - skipped), i.e.
// the share of the cases the target could run on which it agreed with the oracle (known
// divergences are still divergences). Negative when no case counts.
double pass_rate(const std::map<std::string, std::int64_t>& counts);

// --- Merge ---

struct MergeSummary {
  RunInfo info;                       // the merged run.json
  std::uint64_t records = 0;
  std::uint64_t files_copied = 0;
  std::vector<std::string> warnings;  // missing shards, shard counts that disagree with their lines
};
// Combines shard outputs into `out_dir` (which must not exist or be empty): results.jsonl lines
// concatenated in argument order (a case id seen twice for the same target is an error naming
// both places), every file under each shard's subdirectories (cases/, regressions/, ...) copied
// (the same path with different content is an error), run.json counts summed, and the reports
// written.
asl::Expected<MergeSummary> merge_runs(const std::string& out_dir, const std::vector<std::string>& run_dirs,
                                       const std::vector<std::string>& arguments, const ReportOptions& options = {});

// --- Expectations update ---

struct ExpectationsUpdateOptions {
  // New entries select the case by id (default), or the case's main feature (one entry per
  // feature and channel: for a target whose whole feature is broken).
  enum class By : std::uint8_t { id, feature } by = By::id;
};
struct ExpectationsUpdateSummary {
  std::vector<Expectation> added;    // with reason "TODO: reason"
  std::vector<Expectation> removed;  // stale: their cases matched (xpass)
  std::size_t kept = 0;
  std::vector<Expectation> todo;     // every entry, new or old, whose reason still starts with "TODO"
};
inline constexpr std::string_view kTodoReason = "TODO: reason";
// Updates `file` from a run directory: every channel of a new divergence (verdict diverge) that
// no entry covers gets an entry with a placeholder reason; id entries whose case now matches
// (xpass) are removed; every other entry is kept as it is, in its place. New entries are
// appended sorted by selector and channel, so the same run gives the same file.
asl::Expected<ExpectationsUpdateSummary> update_expectations(ExpectationFile& file, const std::string& run_dir,
                                                             const ExpectationsUpdateOptions& options = {});

}  // namespace aslcheck
