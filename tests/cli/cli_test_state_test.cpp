// cli_test_state_test.cpp — `aslcheck test-state` run as a user runs it (tests/data/cli/test-state.jsonl).
#include "support/test_support.h"

namespace asl::test {
namespace {

std::string expand(std::string arg) {
  const std::string marker = "{SOURCE}";
  if (auto at = arg.find(marker); at != std::string::npos) arg.replace(at, marker.size(), ASLCHECK_SOURCE_DIR);
  return arg;
}

// Each line: {"name", "args", "exit", and optionally "stdout" (exact), "stdout_contains", "stderr_contains"}.
TEST(CliTestState, DataDrivenInvocations) {
  auto rows = read_jsonl(source_path("tests/data/cli/test-state.jsonl"));
  ASSERT_GE(rows.size(), 8u);
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    std::vector<std::string> args;
    for (const Value& a : row.get("args")->as_array()) args.push_back(expand(a.as_string()));
    CommandResult run = run_cli(args);
    EXPECT_EQ(row.get("exit")->as_int(), run.exit_code) << name << "\nstdout: " << run.out << "\nstderr: " << run.err;
    if (row.get("stdout")) EXPECT_EQ(string_field(row, "stdout"), run.out) << name;
    if (row.get("stdout_contains")) {
      EXPECT_NE(std::string::npos, run.out.find(string_field(row, "stdout_contains"))) << name << ": " << run.out;
    }
    if (row.get("stderr_contains")) {
      EXPECT_NE(std::string::npos, run.err.find(string_field(row, "stderr_contains"))) << name << ": " << run.err;
    }
    // A response or an API error is exactly one line of JSON on stdout.
    if (!run.out.empty()) {
      EXPECT_EQ(run.out.find('\n'), run.out.size() - 1) << name;
      EXPECT_TRUE(json::read(run.out).ok()) << name << ": not JSON: " << run.out;
    }
  }
}

}  // namespace
}  // namespace asl::test
