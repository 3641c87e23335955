// results_log.h — DIR/results.jsonl: appended and flushed one line per case; on resume, what an interrupted run completed.
#pragma once

#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <unordered_set>

#include "asl/error.h"
#include "aslcheck/run_record.h"

namespace aslcheck::runner {

// What a results.jsonl already holds: the ids done, counts by verdict, new-divergence cases by
// signature. Read line by line (never held whole).
struct CompletedRuns {
  std::unordered_set<std::string> ids;
  std::map<std::string, std::int64_t> counts;
  std::map<std::string, std::int64_t> signatures;     // diverge records by signature
  std::map<std::string, std::string> shrunk_by_signature;
};

class ResultsLog {
 public:
  // Opens path for appending. With `resume`, first reads what it holds into `completed` and cuts
  // off a last line that an interrupted run left half written.
  static asl::Expected<ResultsLog*> open(const std::string& path, bool resume, CompletedRuns& completed);
  ~ResultsLog();
  // One line, flushed before returning: a kill -9 right after loses nothing written.
  void append(const CaseRecord& record);

 private:
  explicit ResultsLog(std::FILE* file) : file_(file) {}
  std::FILE* file_;
  std::mutex mutex_;
};

}  // namespace aslcheck::runner
