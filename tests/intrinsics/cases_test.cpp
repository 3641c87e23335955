// cases_test.cpp — runs the hand-written intrinsic cases of tests/data/intrinsics/*.jsonl (one TEST, data-driven).
#include "support/test_support.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include "asl/intrinsics.h"
#include "asl/json.h"

namespace asl::test {
namespace {

// A case line: {"id", "expression", "input"?, "context"?, "variables"?, "seed"?} plus one of
//   "expected": value (and "expected_text": its exact JSON text, when number kinds matter),
//   "expected_shape": "uuid",
//   "expected_range": [lo, hi] (an integer lo <= n < hi, checked over 50 entropy seeds),
//   "error": "States.Runtime" with "cause" (exact) or "cause_prefix",
//   "error": "INTRINSIC_SYNTAX" (a compile error) with "line", "column" and/or "message" (a substring).


std::string show(const Expected<Value>& r) {
  return r ? "value " + json::write(*r) : "error " + r.error().name + ": " + r.error().message;
}

// Returns an empty string when the case holds, else what went wrong.
std::string check_case(const Value& c) {
  const std::string expression = string_field(c, "expression");
  const std::string want_error = string_field(c, "error");
  auto call = intrinsics::compile(expression);
  if (want_error == errc::intrinsic_syntax) {
    if (call) return "compiled, but a syntax error was expected";
    const Error& e = call.error();
    if (e.name != errc::intrinsic_syntax) return "error name " + e.name;
    if (const Value* column = field(c, "column"); column != nullptr && e.where.column != column->as_int()) {
      return "error at column " + std::to_string(e.where.column) + " (" + e.message + "), expected column " +
             std::to_string(column->as_int());
    }
    if (const Value* line = field(c, "line"); line != nullptr && e.where.line != line->as_int()) {
      return "error on line " + std::to_string(e.where.line) + ", expected line " + std::to_string(line->as_int());
    }
    if (const std::string part = string_field(c, "message"); e.message.find(part) == std::string::npos) {
      return "message '" + e.message + "' lacks '" + part + "'";
    }
    return {};
  }
  if (!call) return "compile failed: " + format_error(call.error());
  if (call->text() != expression) return "Call::text() is not the expression";

  const Value empty_object{Object{}};
  const Value* input = field(c, "input");
  const Value* context = field(c, "context");
  ObjectVariables variables(field(c, "variables"));
  const Value* seed = field(c, "seed");
  Entropy entropy(seed != nullptr ? static_cast<std::uint64_t>(seed->as_int()) : 1);
  Scope scope{input != nullptr ? input : &empty_object, context != nullptr ? context : &empty_object, &variables,
              &entropy};

  if (const Value* range = field(c, "expected_range")) {
    for (std::uint64_t s = 0; s < 50; ++s) {
      entropy.reseed(s);
      auto r = intrinsics::evaluate(*call, scope);
      if (!r || !r->is_integer() || r->as_int() < range->at(0)->as_int() || r->as_int() >= range->at(1)->as_int()) {
        return "seed " + std::to_string(s) + " gave " + show(r) + ", outside " + json::write(*range);
      }
    }
    return {};
  }

  auto result = intrinsics::evaluate(*call, scope);
  if (!want_error.empty()) {
    if (result) return "expected error " + want_error + ", got " + show(result);
    const Error& e = result.error();
    if (e.name != want_error) return "got " + show(result);
    if (const Value* cause = field(c, "cause"); cause != nullptr && e.message != cause->as_string()) {
      return "cause\n    got: " + e.message + "\n   want: " + cause->as_string();
    }
    if (const std::string prefix = string_field(c, "cause_prefix"); e.message.rfind(prefix, 0) != 0) {
      return "cause '" + e.message + "' does not start with '" + prefix + "'";
    }
    return {};
  }
  if (!result) return "got " + show(result);
  if (const std::string shape = string_field(c, "expected_shape"); shape == "uuid") {
    static const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    if (!result->is_string() || !std::regex_match(result->as_string(), uuid)) return "not a v4 UUID: " + show(result);
    return {};
  }
  const Value* expected = field(c, "expected");
  if (expected == nullptr) return "the case has no expectation";
  if (*expected != *result) return "\n  expected: " + json::write(*expected) + "\n    actual: " + json::write(*result);
  if (const Value* text = field(c, "expected_text"); text != nullptr && json::write(*result) != text->as_string()) {
    return "text " + json::write(*result) + ", expected " + text->as_string();
  }
  return {};
}

TEST(IntrinsicsCases, EveryDataCaseHolds) {
  const std::filesystem::path dir = source_path("tests/data/intrinsics");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  std::map<std::string, int> ids;
  std::set<std::string> functions_covered;
  int total = 0;
  for (const auto& file : files) {
    for (const Value& c : read_jsonl(file.string())) {
      ++total;
      const std::string id = string_field(c, "id");
      EXPECT_FALSE(id.empty()) << file.filename() << ": a case without an id";
      EXPECT_EQ(++ids[id], 1) << "duplicate case id " << id;
      const std::string problem = check_case(c);
      EXPECT_TRUE(problem.empty()) << file.filename().string() << " " << id << ": " << problem;
      static const std::regex name(R"(States\.[A-Za-z0-9]+)");
      const std::string expression = string_field(c, "expression");
      for (auto it = std::sregex_iterator(expression.begin(), expression.end(), name); it != std::sregex_iterator(); ++it) {
        functions_covered.insert(it->str());
      }
    }
  }
  EXPECT_GE(total, 200);
  // Every function of the registry has cases.
  for (const char* f : {"States.Format", "States.StringToJson", "States.JsonToString", "States.Array",
                        "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange", "States.ArrayGetItem",
                        "States.ArrayLength", "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode",
                        "States.Hash", "States.JsonMerge", "States.MathRandom", "States.MathAdd", "States.StringSplit",
                        "States.UUID"}) {
    EXPECT_TRUE(functions_covered.count(f)) << "no data case uses " << f;
  }
}

}  // namespace
}  // namespace asl::test
