// result.h — the Result of running one Case, returned by the oracle and by every target adapter alike.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/error.h"
#include "asl/value.h"

namespace asl {

enum class Status : std::uint8_t {
  succeeded,
  failed,
  timed_out,
  aborted,
  invalid_definition,  // the validator rejected the definition: see diagnostics
  target_error,        // the target could not run the case: never a pass, never a divergence
  running,             // a LiveExecution that has not finished yet (never a final Result)
};

std::string_view status_name(Status status);  // "SUCCEEDED", ..., "INVALID_DEFINITION", "TARGET_ERROR", "RUNNING"
std::optional<Status> parse_status(std::string_view name);

struct RetryRecord {
  std::string state;
  std::int64_t attempt = 0;  // 1 for the first retry
  double delay_seconds = 0;  // the delay the retrier scheduled
};

struct Diagnostic {
  std::string severity;  // ERROR | WARNING
  std::string code;      // SCHEMA_VALIDATION_FAILED, MISSING_TRANSITION_TARGET, ...
  std::string message;
  std::string location;  // "/States/X/Next"; empty when AWS gives none
};

struct Result {
  Status status = Status::succeeded;
  std::optional<Value> output;
  std::optional<std::string> error;
  std::optional<std::string> cause;
  std::vector<std::string> trace;  // names of the states entered, in order
  std::vector<RetryRecord> retries;
  std::optional<Value> history;  // AWS-shaped events, when asked for
  std::vector<Diagnostic> diagnostics;
  std::string message;  // target_error: what went wrong
  // What the run wrote to S3 (a distributed Map's ResultWriter), by URI "s3://bucket/key", in
  // the case's `objects` convention: a string is the object's bytes, any other value is the
  // object's JSON content.
  std::map<std::string, Value> written_objects;
};

// {"status", then "output" | "error"/"cause", "trace", "retries", "history", "diagnostics",
// "message", "objects"}: fields that are absent or empty are omitted.
Value to_json(const Result& result);
Expected<Result> read_result(const Value& json);

}  // namespace asl
