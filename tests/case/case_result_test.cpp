// case_result_test.cpp — the Case and Result JSON forms: round trips and located errors (tests/data/case).
#include "asl/case.h"
#include "asl/result.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

// Each line: {"name", "case", then "pointer" (expected error location) or optionally
// "normalized" (the form to_json gives; default: the case itself)}.
TEST(CaseFormat, ReadWriteAndLocatedErrors) {
  auto rows = read_jsonl(source_path("tests/data/case/cases.jsonl"));
  ASSERT_GT(rows.size(), 10u);
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    auto c = read_case(*row.get("case"));
    if (const Value* pointer = row.get("pointer")) {
      ASSERT_FALSE(c.ok()) << name;
      EXPECT_EQ(pointer->as_string(), c.error().where.pointer) << name << ": " << c.error().message;
      continue;
    }
    ASSERT_TRUE(c.ok()) << name << ": " << format_error(c.error());
    const Value& expected = row.get("normalized") ? *row.get("normalized") : *row.get("case");
    EXPECT_TRUE(json_equal(expected, to_json(*c))) << name;
    auto again = read_case(to_json(*c));
    ASSERT_TRUE(again.ok()) << name;
    EXPECT_TRUE(json_equal(to_json(*c), to_json(*again))) << name;
  }
}

TEST(ResultFormat, ReadWriteAndLocatedErrors) {
  auto rows = read_jsonl(source_path("tests/data/case/results.jsonl"));
  ASSERT_GT(rows.size(), 4u);
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    auto r = read_result(*row.get("result"));
    if (const Value* pointer = row.get("pointer")) {
      ASSERT_FALSE(r.ok()) << name;
      EXPECT_EQ(pointer->as_string(), r.error().where.pointer) << name;
      continue;
    }
    ASSERT_TRUE(r.ok()) << name << ": " << format_error(r.error());
    EXPECT_TRUE(json_equal(*row.get("result"), to_json(*r))) << name;
  }
}

TEST(CaseFormat, CaseFileErrorsNameTheFile) {
  auto missing = read_case_file("/nonexistent/dir/x.case.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(std::string::npos, missing.error().message.find("/nonexistent/dir/x.case.json")) << missing.error().message;
}

}  // namespace
}  // namespace asl::test
