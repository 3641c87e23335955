// expectations_test.cpp — the expectations file: reading with located errors, writing back, classifying cases (tests/data/reports).
#include <filesystem>
#include <fstream>

#include "aslcheck/expectations.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

std::vector<std::string> strings(const Value* list) {
  std::vector<std::string> out;
  if (list != nullptr) {
    for (const Value& v : list->as_array()) out.push_back(v.as_string());
  }
  return out;
}

// Each line: {"name", "file", then "pointer" (expected error location) or optionally
// "normalized" (what to_json gives back; default: the file itself)}.
TEST(Expectations, ReadWriteAndLocatedErrors) {
  auto rows = read_jsonl(source_path("tests/data/reports/expectation_files.jsonl"));
  ASSERT_GT(rows.size(), 10u);
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    auto file = aslcheck::read_expectations(*row.get("file"));
    if (const Value* pointer = row.get("pointer")) {
      ASSERT_FALSE(file.ok()) << name;
      EXPECT_EQ(pointer->as_string(), file.error().where.pointer) << name << ": " << file.error().message;
      continue;
    }
    ASSERT_TRUE(file.ok()) << name << ": " << format_error(file.error());
    const Value& expected = row.get("normalized") ? *row.get("normalized") : *row.get("file");
    EXPECT_TRUE(json_equal(expected, aslcheck::to_json(*file))) << name;
    // The written text reads back to the same file, keeps member order, one entry per line.
    std::string text = aslcheck::write_expectations(*file);
    auto again = json::read(text);
    ASSERT_TRUE(again.ok()) << name << ": " << text;
    EXPECT_EQ(json::write(aslcheck::to_json(*file)), json::write(*again)) << name;
    std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    EXPECT_EQ(file->entries.empty() ? 4 + file->extra.size() : 5 + file->extra.size() + file->entries.size(), lines)
        << name << ":\n" << text;
  }
}

TEST(Expectations, FileErrorsNameTheFile) {
  auto missing = aslcheck::read_expectations(std::string("/nonexistent/alsf.json"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(std::string::npos, format_error(missing.error()).find("/nonexistent/alsf.json"));
  std::string path = (std::filesystem::temp_directory_path() / "aslcheck-expectations-bad.json").string();
  {
    std::ofstream out(path);
    out << R"({"target": "t", "expectations": [{"selector": {"id": "a"}, "channel": "output"}]})";
  }
  auto bad = aslcheck::read_expectations(path);
  ASSERT_FALSE(bad.ok());
  std::string message = format_error(bad.error());
  EXPECT_NE(std::string::npos, message.find(path)) << message;
  EXPECT_NE(std::string::npos, message.find("/expectations/0")) << message;
  std::filesystem::remove(path);
}

TEST(Expectations, SaveThenReadGivesTheSameFile) {
  auto file = aslcheck::read_expectations(source_path("tests/data/reports/classify_expectations.json"));
  ASSERT_TRUE(file.ok()) << format_error(file.error());
  std::string path = (std::filesystem::temp_directory_path() / "aslcheck-expectations-save.json").string();
  ASSERT_TRUE(aslcheck::save_expectations(*file, path).ok());
  auto back = aslcheck::read_expectations(path);
  ASSERT_TRUE(back.ok()) << format_error(back.error());
  EXPECT_TRUE(json_equal(aslcheck::to_json(*file), aslcheck::to_json(*back)));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  std::filesystem::remove(path);
}

// Each line: {"name", "case": {id, feature, tags}, "differing", optionally "still_differs" (what
// the masked diff answers), "verdict", "reason", "uncovered"}, against classify_expectations.json.
TEST(Expectations, ClassifyCases) {
  auto file = aslcheck::read_expectations(source_path("tests/data/reports/classify_expectations.json"));
  ASSERT_TRUE(file.ok()) << format_error(file.error());
  auto rows = read_jsonl(source_path("tests/data/reports/classify.jsonl"));
  ASSERT_GT(rows.size(), 10u);
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    const Value& c = *row.get("case");
    std::vector<std::string> tags = strings(c.get("tags"));
    std::string id = string_field(c, "id"), feature = string_field(c, "feature");
    aslcheck::CaseKey key{id, feature, &tags};
    aslcheck::MaskedDiffer still;
    if (const Value* answer = row.get("still_differs")) {
      bool differs = answer->as_bool();
      still = [differs](std::string_view, const std::vector<std::string>& masks) {
        EXPECT_FALSE(masks.empty());
        return differs;
      };
    }
    auto outcome = aslcheck::classify(*file, key, strings(row.get("differing")), still);
    EXPECT_EQ(string_field(row, "verdict"), aslcheck::verdict_name(outcome.verdict)) << name;
    EXPECT_EQ(string_field(row, "reason"), outcome.reason) << name;
    EXPECT_EQ(strings(row.get("uncovered")), outcome.uncovered) << name;
  }
}

}  // namespace
}  // namespace asl::test
