// case.h — the Case (a definition, its input and its task script) that crosses every boundary of aslcheck.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/error.h"
#include "asl/value.h"

namespace asl {

enum class MachineType : std::uint8_t { standard, express };

// What a Task state does on one invocation (DESIGN.md "Case file"): return a result or throw an
// error, taking `seconds` of virtual time; `times` repeats the step for that many invocations.
struct TaskStep {
  enum class Action : std::uint8_t { return_result, throw_error };
  Action action = Action::return_result;
  Value result;       // return: the task result exactly as Step Functions sees it
  std::string error;  // throw
  std::optional<std::string> cause;
  std::int64_t times = 1;
  double seconds = 0;
  // Virtual seconds after the task started at which its worker sends SendTaskHeartbeat (callback
  // and activity tasks): each one restarts the HeartbeatSeconds clock. Ascending.
  std::vector<double> heartbeats;
};

struct Case {
  std::string id;
  std::vector<std::string> tags;
  MachineType type = MachineType::standard;
  Value definition;  // the ASL document, as JSON
  Value input;       // the execution input (default {})
  // Per Task state name, its invocations in order (counting retries).
  std::map<std::string, std::vector<TaskStep>> tasks;
  // Content behind ItemReader / ResultWriter resources, by URI ("s3://bucket/key").
  std::map<std::string, Value> objects;
  Value context;                // optional overrides: executionName, startTime, ...
  std::optional<Value> expect;  // recorded ground truth; absent: the oracle's result is the expectation
};

// Reads a case from its JSON form. Errors are errc::json_syntax with a JSON pointer to the bad
// field ("/tasks/Charge/1/times: must be a positive integer").
Expected<Case> read_case(const Value& json);
// Reads a *.case.json file; errors are formatted with the file name and location.
Expected<Case> read_case_file(const std::string& path);
// The JSON form (fields in DESIGN.md order; defaults omitted), so read_case(to_json(c)) == c.
Value to_json(const Case& c);

std::string_view machine_type_name(MachineType type);  // "STANDARD" / "EXPRESS"

}  // namespace asl
