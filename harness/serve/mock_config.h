// mock_config.h — Step Functions Local's MockConfigFile: reading it into task scripts, and writing cases' scripts as one.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asl/case.h"
#include "asl/error.h"
#include "asl/value.h"

namespace aslcheck::serve {

// Per state machine name, per test case name, per Task state name: the invocations in order,
// exactly as a Case's `tasks`.
using TaskScript = std::map<std::string, std::vector<asl::TaskStep>>;
struct MockConfig {
  std::map<std::string, std::map<std::string, TaskScript>> machines;
  // The test case's script, or nullptr when the file has no such machine or test case.
  const TaskScript* find(const std::string& machine, const std::string& test_case) const;
};

// {"StateMachines": {"<SM>": {"TestCases": {"<Case>": {"<State>": "<Mock>"}}}},
//  "MockedResponses": {"<Mock>": {"0": {"Return": ...}, "1-2": {"Throw": {"Error", "Cause"}}}}}
// Keys are 0-based invocation numbers or inclusive ranges covering 0..n without gaps; each entry
// holds exactly one of Return and Throw. aslcheck extensions (ignored by nobody else, written
// only for cases that need them): "Seconds" (how long the invocation runs on the virtual clock)
// and "Heartbeats" (seconds at which it sends heartbeats). Errors carry a JSON pointer.
asl::Expected<MockConfig> read_mock_config(const asl::Value& json);
asl::Expected<MockConfig> read_mock_config_file(const std::string& path);

// The state machine and test case names a case runs under on a mock-config endpoint:
// the case id made a valid name (letters, digits, '-', '_'; at most 80 characters, with a hash
// suffix when anything had to change) and the test case "aslcheck".
std::string machine_name_for(const asl::Case& c);
inline constexpr std::string_view kTestCaseName = "aslcheck";

// Why a case's task script cannot be written as a plain MockConfigFile (a step runs for some
// virtual seconds or sends heartbeats), or nothing.
std::optional<std::string> needs_timing_extension(const asl::Case& c);

// The MockConfigFile for these cases (cases without tasks still get an empty test case, so
// `<arn>#aslcheck` resolves). `extensions` writes Seconds/Heartbeats; without it, a step's
// timing is dropped (callers skip such cases first).
asl::Value write_mock_config(const std::vector<asl::Case>& cases, bool extensions);

}  // namespace aslcheck::serve
