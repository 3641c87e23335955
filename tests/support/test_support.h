// test_support.h — what every test program shares: where shared/ is, reading JSON Lines, JSON assertions.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "asl/case.h"
#include "asl/json.h"
#include "asl/scope.h"
#include "asl/value.h"

namespace asl::test {

// ../shared beside the checkout (CI lays it there); ASLCHECK_SHARED_DIR in the environment
// overrides the path compiled in.
std::string shared_dir();
// A path under the source tree (tests/data/..., corpus/...).
std::string source_path(const std::string& relative);

// Every line of a JSON Lines file, parsed; a line that does not parse fails the test with its
// file:line:column, so bad data is never skipped silently.
std::vector<Value> read_jsonl(const std::string& path);
std::string read_text(const std::string& path);
// The files of a data directory under the source tree whose names end with `extension`, sorted,
// so data-driven tests run their cases in a stable order.
std::vector<std::filesystem::path> data_files(const std::string& relative_dir, std::string_view extension = ".json");
// The corpus's case files (corpus/cases, sorted), then `per_profile` valid cases generated with
// seed 7 for each generator profile named: the mix the aws target tests run the rewrite and
// TestState paths over. A file or profile that does not load is a test failure.
std::vector<Case> corpus_and_generated_cases(std::initializer_list<std::string_view> profiles, std::uint64_t per_profile);

// AWS's documented example access key, for targets pointed at a local endpoint (serve): never a
// real credential, and a test can look for it in outputs.
inline constexpr const char* kExampleAccessKeyId = "AKIAIOSFODNN7EXAMPLE";
inline constexpr const char* kExampleSecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
// Puts the example key in the environment with AWS_REGION us-east-1, and no profile or session
// token, so the credentials chain resolves to it.
void use_example_aws_credentials();

// Parses JSON text that a test writes inline; fails the test on bad JSON.
Value parse(std::string_view text);

// Records a test failure when `actual` is not deeply equal to `expected`, showing both as JSON.
::testing::AssertionResult json_equal(const Value& expected, const Value& actual);

// Field access for test data (nullptr when absent).
const Value* field(const Value& object, std::string_view key);
std::string string_field(const Value& object, std::string_view key);

// Workflow variables read from a JSON object (absent or null: none), for tests that set `$name`.
class ObjectVariables final : public Variables {
 public:
  explicit ObjectVariables(const Value* object) : object_(object != nullptr ? *object : Value(Object{})) {}
  explicit ObjectVariables(Value object) : object_(std::move(object)) {}
  const Value* find(std::string_view name) const override { return object_.get(name); }

 private:
  Value object_;
};

// Runs the built aslcheck CLI with arguments and captures stdout, stderr and the exit code.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandResult run_cli(const std::vector<std::string>& args);
// Forks with stdout and stderr captured: `prepare` runs in the child, then `exec` (which only
// returns when the exec failed: exit 127).
CommandResult run_captured(const std::function<void()>& prepare, const std::function<void()>& exec);

// A data-driven CLI row: {"name", "args" ("{SOURCE}" is the source tree), "exit", and optionally
// "stdout" (exact), "stdout_contains", "stderr_contains"}. cli_args() gives the arguments;
// expect_cli_row() checks a run against the row.
std::vector<std::string> cli_args(const Value& row);
void expect_cli_row(const Value& row, const CommandResult& run);

}  // namespace asl::test
