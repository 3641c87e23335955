// expectations_update_test.cpp — `aslcheck expectations update --from DIR` (tests/data/reports/updates.jsonl, update/).
#include <filesystem>
#include <fstream>

#include "aslcheck/expectations.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

namespace fs = std::filesystem;

std::string canonical_text(const std::string& path) {
  auto file = aslcheck::read_expectations(path);
  if (!file) {
    ADD_FAILURE() << format_error(file.error());
    return {};
  }
  return json::write(aslcheck::to_json(*file));
}

// Each line: {"name", "before" (a file under update/) or "before_json" (inline) or neither (no
// file yet), "run" (fixture), "args", then "after" (the file under update/ it must become) or
// "after_entries", "summary" (what stdout reports), "stderr_contains"; or "exit" for errors}.
TEST(ExpectationsUpdate, DataDrivenUpdates) {
  auto rows = read_jsonl(source_path("tests/data/reports/updates.jsonl"));
  ASSERT_GE(rows.size(), 4u);
  fs::path dir = fs::temp_directory_path() / ("aslcheck-update-" + std::to_string(::getpid()));
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::path file = dir / "expectations" / "alsf.json";
    if (row.get("before")) {
      fs::create_directories(file.parent_path());
      fs::copy_file(source_path("tests/data/reports/update/" + string_field(row, "before")), file);
    } else if (const Value* inline_file = row.get("before_json")) {
      fs::create_directories(file.parent_path());
      std::ofstream(file) << json::write(*inline_file);
    }
    std::vector<std::string> args{"expectations", "update", "--from",
                                  source_path("tests/data/reports/runs/" + string_field(row, "run")), "--file",
                                  file.string()};
    for (const Value& a : row.get("args")->as_array()) args.push_back(a.as_string());
    CommandResult run = run_cli(args);
    std::int64_t exit = row.get("exit") ? row.get("exit")->as_int() : 0;
    ASSERT_EQ(exit, run.exit_code) << name << "\nstdout: " << run.out << "\nstderr: " << run.err;
    for (const Value& s : row.get("stderr_contains")->as_array()) {
      EXPECT_NE(std::string::npos, run.err.find(s.as_string())) << name << ": " << run.err;
    }
    if (exit != 0) continue;
    auto printed = json::read(run.out);
    ASSERT_TRUE(printed.ok()) << name << ": " << run.out;
    for (const Member& m : row.get("summary")->as_object()) {
      ASSERT_NE(nullptr, printed->get(m.key)) << name << ": " << m.key;
      EXPECT_TRUE(json_equal(m.value, *printed->get(m.key))) << name << ": " << m.key;
    }
    std::string written = canonical_text(file.string());
    if (row.get("after")) {
      EXPECT_EQ(canonical_text(source_path("tests/data/reports/update/" + string_field(row, "after"))), written) << name;
    } else {
      auto entries = json::read(written);
      ASSERT_TRUE(entries.ok());
      EXPECT_TRUE(json_equal(*row.get("after_entries"), *entries->get("expectations"))) << name;
    }
    // Updating again from the same run changes nothing.
    std::string text = read_text(file.string());
    CommandResult again = run_cli(args);
    EXPECT_EQ(0, again.exit_code) << name << ": " << again.err;
    EXPECT_EQ(text, read_text(file.string())) << name << ": a second update changed the file";
    EXPECT_NE(std::string::npos, again.out.find("\"added\":0,\"removed\":0")) << name << ": " << again.out;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace asl::test
