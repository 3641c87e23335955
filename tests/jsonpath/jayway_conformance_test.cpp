// jayway_conformance_test.cpp — replays json-path-comparison's 258 queries against Jayway 2.10's recorded answers.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "asl/json.h"
#include "asl/jsonpath.h"
#include "support/test_support.h"

namespace asl {
namespace {

using test::field;
using test::string_field;

// The same values in any order (for "ordered": false answers).
bool same_multiset(const Value& expected, const Value& actual) {
  if (!expected.is_array() && !actual.is_array()) return expected == actual;  // a definite answer
  if (!expected.is_array() || !actual.is_array() || expected.size() != actual.size()) return false;
  std::vector<bool> used(actual.size(), false);
  for (const Value& want : expected.as_array()) {
    bool found = false;
    for (std::size_t i = 0; i < actual.size() && !found; ++i) {
      if (!used[i] && *actual.at(i) == want) {
        used[i] = true;
        found = true;
      }
    }
    if (!found) return false;
  }
  return true;
}

struct Outcome {
  bool agrees = false;
  std::string detail;  // what we answered, for the failure report
};

Outcome replay(const Value& row) {
  std::string selector = string_field(row, "selector");
  const Value* document = field(row, "document");
  const Value* jayway = field(row, "jayway");
  std::string status = jayway != nullptr ? string_field(*jayway, "status") : "";
  Outcome out;

  auto path = jsonpath::compile(selector);
  if (!path) {
    out.detail = "compile error " + path.error().name + ": " + path.error().message;
    out.agrees = status == "not_supported" || status == "error";
    return out;
  }
  auto result = jsonpath::evaluate(*path, document != nullptr ? *document : Value());
  if (!result) {
    out.detail = "evaluate error " + result.error().name + ": " + result.error().message;
    if (status == "not_found") out.agrees = result.error().name == errc::path_not_found;
    if (status == "not_supported" || status == "error") out.agrees = true;
    return out;
  }
  out.detail = "result " + json::write(*result);
  if (status != "ok") return out;
  const Value* expected = field(*jayway, "result");
  const Value* ordered = field(row, "ordered");
  bool is_ordered = ordered == nullptr || !ordered->is_bool() || ordered->as_bool();
  Value want = expected != nullptr ? *expected : Value();
  out.agrees = is_ordered ? want == *result : same_multiset(want, *result);
  return out;
}

// Every query of shared/jsonpath/jayway-cases.jsonl must agree with Jayway's answer (same
// result; PATH_NOT_FOUND for not_found; an error for not_supported and error) unless
// tests/data/jsonpath/jayway-skips.json lists it with a reason. A listed case that agrees is a
// stale skip and fails too.
TEST(JsonPathJayway, AgreesWithJaywayOrSkipsWithReason) {
  auto rows = test::read_jsonl(test::shared_dir() + "/jsonpath/jayway-cases.jsonl");
  ASSERT_EQ(rows.size(), 258u) << "jayway-cases.jsonl changed size";

  Value skips_doc = test::parse(test::read_text(test::source_path("tests/data/jsonpath/jayway-skips.json")));
  std::map<std::string, std::string> skips;
  const Value* listed = field(skips_doc, "skips");
  ASSERT_TRUE(listed != nullptr && listed->is_array()) << "jayway-skips.json needs a \"skips\" array";
  for (const Value& skip : listed->as_array()) {
    std::string id = string_field(skip, "id");
    std::string reason = string_field(skip, "reason");
    EXPECT_FALSE(id.empty()) << "a skip without an id";
    EXPECT_GE(reason.size(), 20u) << "skip " << id << " needs a written reason";
    EXPECT_TRUE(skips.emplace(id, reason).second) << "skip " << id << " listed twice";
  }

  std::set<std::string> seen;
  int agree = 0;
  int skipped = 0;
  for (const Value& row : rows) {
    std::string id = string_field(row, "id");
    seen.insert(id);
    Outcome outcome = replay(row);
    const Value* jayway = field(row, "jayway");
    std::string expected = jayway != nullptr ? json::write(*jayway) : "?";
    if (skips.count(id) != 0) {
      ++skipped;
      EXPECT_FALSE(outcome.agrees) << "stale skip " << id << ": the case now agrees with Jayway (" << outcome.detail
                                   << "); remove it from jayway-skips.json";
      continue;
    }
    if (outcome.agrees) {
      ++agree;
    } else {
      ADD_FAILURE() << id << ": " << string_field(row, "selector") << "\n  jayway: " << expected
                    << "\n  ours:   " << outcome.detail;
    }
  }
  for (const auto& [id, reason] : skips) EXPECT_TRUE(seen.count(id) != 0) << "skip " << id << " names no case";

  std::printf("jayway: %d/%zu agree, %d skipped with reasons\n", agree, rows.size(), skipped);
  RecordProperty("jayway_agree", agree);
  RecordProperty("jayway_skipped", skipped);
}

}  // namespace
}  // namespace asl
