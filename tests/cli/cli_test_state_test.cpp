// cli_test_state_test.cpp — `aslcheck test-state` run as a user runs it (tests/data/cli/test-state.jsonl).
#include "support/test_support.h"

namespace asl::test {
namespace {

// Each line: {"name", "args", "exit", and optionally "stdout" (exact), "stdout_contains", "stderr_contains"}.
TEST(CliTestState, DataDrivenInvocations) {
  auto rows = read_jsonl(source_path("tests/data/cli/test-state.jsonl"));
  ASSERT_GE(rows.size(), 8u);
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    std::vector<std::string> args = cli_args(row);
    CommandResult run = run_cli(args);
    expect_cli_row(row, run);
    // A response or an API error is exactly one line of JSON on stdout.
    if (!run.out.empty()) {
      EXPECT_EQ(run.out.find('\n'), run.out.size() - 1) << name;
      EXPECT_TRUE(json::read(run.out).ok()) << name << ": not JSON: " << run.out;
    }
  }
}

}  // namespace
}  // namespace asl::test
