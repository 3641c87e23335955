// run_record_test.cpp — results.jsonl lines and run.json: round trips and located errors (tests/data/reports).
#include "aslcheck/run_record.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

// Each line: {"name", "record", then "pointer" (expected error location) or optionally
// "normalized" (the form to_json gives; default: the record itself)}.
TEST(RunRecord, CaseRecordRoundTripsAndLocatedErrors) {
  auto rows = read_jsonl(source_path("tests/data/reports/records.jsonl"));
  ASSERT_GT(rows.size(), 10u);
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    auto record = aslcheck::read_case_record(*row.get("record"));
    if (const Value* pointer = row.get("pointer")) {
      ASSERT_FALSE(record.ok()) << name;
      EXPECT_EQ(pointer->as_string(), record.error().where.pointer) << name << ": " << record.error().message;
      continue;
    }
    ASSERT_TRUE(record.ok()) << name << ": " << format_error(record.error());
    const Value& expected = row.get("normalized") ? *row.get("normalized") : *row.get("record");
    EXPECT_TRUE(json_equal(expected, aslcheck::to_json(*record))) << name;
    // Through the text form too, as results.jsonl stores it.
    auto text = json::read(json::write(aslcheck::to_json(*record)));
    ASSERT_TRUE(text.ok()) << name;
    auto again = aslcheck::read_case_record(*text);
    ASSERT_TRUE(again.ok()) << name;
    EXPECT_TRUE(json_equal(aslcheck::to_json(*record), aslcheck::to_json(*again))) << name;
  }
}

TEST(RunRecord, RunInfoRoundTripsAndLocatedErrors) {
  auto rows = read_jsonl(source_path("tests/data/reports/run_infos.jsonl"));
  ASSERT_GT(rows.size(), 5u);
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    auto info = aslcheck::read_run_info(*row.get("info"));
    if (const Value* pointer = row.get("pointer")) {
      ASSERT_FALSE(info.ok()) << name;
      EXPECT_EQ(pointer->as_string(), info.error().where.pointer) << name << ": " << info.error().message;
      continue;
    }
    ASSERT_TRUE(info.ok()) << name << ": " << format_error(info.error());
    const Value& expected = row.get("normalized") ? *row.get("normalized") : *row.get("info");
    EXPECT_TRUE(json_equal(expected, aslcheck::to_json(*info))) << name;
  }
}

TEST(RunRecord, EveryVerdictNameParsesBack) {
  using aslcheck::Verdict;
  for (Verdict v : {Verdict::match, Verdict::diverge, Verdict::known, Verdict::xpass, Verdict::target_error,
                    Verdict::skipped}) {
    auto back = aslcheck::parse_verdict(aslcheck::verdict_name(v));
    ASSERT_TRUE(back.has_value()) << aslcheck::verdict_name(v);
    EXPECT_EQ(v, *back);
  }
  EXPECT_FALSE(aslcheck::parse_verdict("target_error").has_value());
}

}  // namespace
}  // namespace asl::test
