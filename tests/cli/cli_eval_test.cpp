// cli_eval_test.cpp — the built aslcheck binary, run as a user runs it (tests/data/cli/eval.jsonl).
#include "support/test_support.h"

namespace asl::test {
namespace {

// Each line: {"name", "args", "exit", and optionally "stdout" (exact), "stdout_contains",
// "stderr_contains", "same_as_previous_run" (run twice, same stdout)}.
TEST(CliEval, DataDrivenInvocations) {
  auto rows = read_jsonl(source_path("tests/data/cli/eval.jsonl"));
  ASSERT_GT(rows.size(), 10u);
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    std::vector<std::string> args = cli_args(row);
    CommandResult run = run_cli(args);
    expect_cli_row(row, run);
    if (row.get("same_as_previous_run")) {
      CommandResult again = run_cli(args);
      EXPECT_EQ(run.out, again.out) << name;
      EXPECT_FALSE(run.out.empty()) << name;
    }
    // Every answer on stdout is exactly one line of JSON.
    if (!run.out.empty()) {
      EXPECT_EQ('\n', run.out.back()) << name;
      EXPECT_EQ(run.out.find('\n'), run.out.size() - 1) << name;
      EXPECT_TRUE(json::read(run.out).ok()) << name << ": not JSON: " << run.out;
    }
  }
}

}  // namespace
}  // namespace asl::test
