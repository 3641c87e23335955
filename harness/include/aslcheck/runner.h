// runner.h — `aslcheck run` / `replay`: cases (generated or from files) through the oracle and a target, diffed, shrunk, streamed to DIR.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "asl/error.h"
#include "aslcheck/diff.h"
#include "aslcheck/shard.h"
#include "aslcheck/target.h"

namespace aslcheck {

enum class ProgressStyle : std::uint8_t { automatic, bar, lines, none };

struct RunOptions {
  TargetSpec target;
  // Case files and directories (searched recursively for *.case.json), in the order given.
  std::vector<std::string> case_paths;
  // Generated cases: `generated` of them from `seed` with the generator profile `profile`.
  std::int64_t generated = 0;
  std::uint64_t seed = 0;
  std::string profile = "full";
  int jobs = 1;
  Shard shard;
  double time_budget_seconds = 0;     // stop starting cases after this long (0: no budget)
  double case_timeout_seconds = 30;   // per case on the target (worker targets)
  double shrink_seconds = 10;         // per new divergence bucket (0: no shrinking)
  std::string expectations_path;      // corpus/expectations/<target>.json; empty: none
  std::string out_dir;
  bool resume = false;                // continue the run in out_dir
  std::string regressions_dir;        // also save each new bucket's minimal case here (corpus/regressions)
  // Refuse to start when more cases than this would run on the target (0: no cap). Checked,
  // with a billed target's cost estimate printed, before the first case starts.
  std::int64_t max_executions = 0;
  DiffOptions diff;
  ProgressStyle progress = ProgressStyle::automatic;
  std::vector<std::string> arguments;  // the command line, recorded in run.json
};

struct Bucket {
  std::string signature;
  std::int64_t cases = 0;
  std::string first_case;   // the id of the first case seen in it
  std::string shrunk_path;  // relative to out_dir; empty when not shrunk
};

struct RunSummary {
  std::map<std::string, std::int64_t> counts;  // by verdict name
  std::vector<Bucket> buckets;                 // new divergences, biggest first
  std::vector<std::string> unused_expectations;  // "selector/channel: reason" of entries no case needed
  bool budget_exhausted = false;
  bool interrupted = false;   // SIGINT/SIGTERM: resumable with --resume
  std::string fatal;          // the run stopped early for this reason (the target kept failing)
  std::string refused;        // the run did not start: more executions than --max-executions
  std::int64_t count(std::string_view verdict) const;
};

// The run's exit code (README "Exit codes"): 0 no new divergence; 1 new divergences or stale
// expectations (xpass); 3 target errors (or the run stopped on them); 4 interrupted; 5 refused
// before starting (over --max-executions).
// Usage errors (2) come back from run_cases as an Error instead.
int exit_code(const RunSummary& summary);

// Runs everything; results stream to out_dir/results.jsonl (one line per case, flushed as it
// completes), run.json is written at the start and at the end, non-matching cases go to
// out_dir/cases/, shrunk ones to out_dir/shrunk/. Errors: bad options, unreadable case files or
// expectations, an out_dir that holds another run (without --resume) — located messages.
asl::Expected<RunSummary> run_cases(const RunOptions& options);

}  // namespace aslcheck
