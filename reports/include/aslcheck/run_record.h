// run_record.h — one line of DIR/results.jsonl and the run's DIR/run.json: what the runner writes and every report reads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/error.h"
#include "asl/result.h"
#include "asl/value.h"

namespace aslcheck {

enum class Verdict : std::uint8_t {
  match,         // every compared channel agrees with the oracle
  diverge,       // a new divergence (not covered by an expectation)
  known,         // diverges exactly as an expectation says (reported as skipped, with its reason)
  xpass,         // an expectation says it diverges, but it matched: the expectation is stale
  target_error,  // the target could not run the case (infrastructure): never a pass or a divergence
  skipped,       // the target cannot express the case (reason given)
};
std::string_view verdict_name(Verdict verdict);  // "match", "diverge", "known", "xpass", "target-error", "skipped"
std::optional<Verdict> parse_verdict(std::string_view name);

// One channel that differs, with both sides' values as JSON (absent side: null).
struct ChannelDiff {
  std::string channel;  // channel_name(): "status", "output", "cause", ...
  asl::Value expected;  // the oracle's side
  asl::Value actual;    // the target's side
  std::string detail;   // e.g. "at /items/2: 1 vs \"1\"", "delay 4.0 outside [0, 2.0]"
};

// One line of results.jsonl, written and flushed as the case completes.
struct CaseRecord {
  std::string id;                    // the case id (unique within a run)
  std::string target;                // target name
  std::string feature;               // the case's main feature (first tag, or "general"): the report's matrix column
  std::vector<std::string> tags;     // every feature tag of the case
  Verdict verdict = Verdict::match;
  std::vector<ChannelDiff> diffs;    // the channels that differ (diverge, known)
  std::string signature;             // bucket key of a divergence: channel(s), feature, error names
  std::string reason;                // known/skipped/xpass: the expectation's or the target's reason; target-error: the message
  std::string case_path;             // the case file, relative to the run directory (cases/<id>.case.json)
  std::string shrunk_path;           // diverge: the shrunk case, relative to the run directory
  std::optional<asl::Result> expected;  // the oracle's Result (diverge/known/xpass)
  std::optional<asl::Result> actual;    // the target's Result (diverge/known/xpass/target-error)
  double seconds = 0;                // wall time spent on the case (oracle + target + shrink)
};

asl::Value to_json(const CaseRecord& record);
asl::Expected<CaseRecord> read_case_record(const asl::Value& json);

// DIR/run.json: written at the start of a run and rewritten at its end.
struct RunInfo {
  std::string run_id;     // "<target>-<seed>-<shard>" or as given
  std::string target;
  std::uint64_t seed = 0;
  std::string profile;    // generator profile, empty for corpus/replay runs
  std::int64_t shard_index = 0;  // 0-based K of --shard K/N
  std::int64_t shard_count = 1;
  std::string started;    // ISO 8601 UTC wall-clock times
  std::string finished;   // empty while running or after an interruption
  std::map<std::string, std::int64_t> counts;  // by verdict name
  std::vector<std::string> arguments;          // the command line, for the report header
};

asl::Value to_json(const RunInfo& info);
asl::Expected<RunInfo> read_run_info(const asl::Value& json);

}  // namespace aslcheck
