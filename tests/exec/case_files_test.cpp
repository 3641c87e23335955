// case_files_test.cpp — every case file of corpus/cases and tests/data/exec runs, reproducibly, and matches its "expect".
#include <filesystem>

#include "asl/exec.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

std::vector<std::string> case_files() {
  std::vector<std::string> files;
  for (const char* dir : {"corpus/cases", "tests/data/exec"}) {
    for (const auto& entry : std::filesystem::directory_iterator(source_path(dir))) {
      if (entry.path().string().ends_with(".case.json")) files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// `expect` lists what must hold: status, error, cause, output, trace, retries (each optional),
// and historyTypes: the event types of the history, in order.
void check_expectation(const std::string& file, const Value& expect, const Value& result) {
  for (const Member& m : expect.as_object()) {
    if (m.key == "historyTypes") {
      Array types;
      if (const Value* history = result.get("history")) {
        for (const Value& event : history->as_array()) types.push_back(*event.get("type"));
      }
      EXPECT_TRUE(json_equal(m.value, Value(std::move(types)))) << file << ": historyTypes";
      continue;
    }
    const Value* actual = result.get(m.key);
    ASSERT_NE(nullptr, actual) << file << ": the result has no \"" << m.key << "\": " << json::write(result);
    EXPECT_TRUE(json_equal(m.value, *actual)) << file << ": " << m.key;
  }
}

TEST(CaseFiles, RunReproduciblyAndMatchTheirExpectations) {
  auto files = case_files();
  ASSERT_GE(files.size(), 20u);
  for (const std::string& file : files) {
    auto c = read_case_file(file);
    ASSERT_TRUE(c.ok()) << c.error().message;
    ExecOptions options;
    options.history = true;
    Value first = to_json(execute(*c, options));
    Value second = to_json(execute(*c, options));
    EXPECT_EQ(json::write(first), json::write(second)) << file << ": two runs differ";
    EXPECT_NE("TARGET_ERROR", string_field(first, "status")) << file << ": " << json::write(first);
    if (c->expect) check_expectation(file, *c->expect, first);
  }
}

}  // namespace
}  // namespace asl::test
