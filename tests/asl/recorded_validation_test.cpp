// recorded_validation_test.cpp — replays AWS's recorded definition rejections and validations (validation.jsonl) through the validator.
#include "support/test_support.h"

#include <iostream>
#include <set>

#include "asl/json.h"
#include "asl/machine.h"
#include "asl/recorded_placeholders.h"

namespace asl::test {
namespace {

const std::string kSkipsFile = "tests/data/asl/validation-skips.json";

// LocalStack masks the partition of ARNs in expected texts (aws-recorded/README.md).
std::string normalize_expected(std::string text) {
  for (std::string::size_type at; (at = text.find("arn:<partition>:")) != std::string::npos;) {
    text.replace(at, 16, "arn:aws:");
  }
  return text;
}

MachineType machine_type(const Value& row) {
  std::string type = string_field(row, "type");
  if (const Value* request = row.get("request"); request != nullptr && type.empty()) {
    type = string_field(*request, "type");
  }
  return type == "EXPRESS" ? MachineType::express : MachineType::standard;
}

std::vector<Diagnostic> errors_only(std::vector<Diagnostic> diagnostics) {
  std::erase_if(diagnostics, [](const Diagnostic& d) { return d.severity != "ERROR"; });
  return diagnostics;
}

Value diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  Array out;
  for (const Diagnostic& d : diagnostics) {
    Object o;
    o.set("code", Value(d.code));
    if (!d.location.empty()) o.set("location", Value(d.location));
    o.set("message", Value(d.message));
    o.set("severity", Value(d.severity));
    out.push_back(Value(std::move(o)));
  }
  return Value(std::move(out));
}

// TestState receives one state (validated as the only state of a machine whose state AWS
// names "StateName", as its messages show) or a whole machine plus stateName.
std::string test_state_definition(const Value& row, const std::string& text) {
  auto parsed = json::read(text);
  if (!parsed || !parsed->is_object() || parsed->get("Type") == nullptr) return text;
  Object states;
  states.set("StateName", *parsed);
  Object machine;
  machine.set("StartAt", Value("StateName"));
  machine.set("States", Value(std::move(states)));
  (void)row;
  return json::write(Value(std::move(machine)));
}

struct Outcome {
  bool handled = false;  // the API is one this validator answers for
  bool passed = false;
  std::string actual;    // what we produced, for the failure message
  std::string expected;
  std::vector<Diagnostic> diagnostics;
};

Outcome replay(const Value& row) {
  Outcome out;
  const std::string api = string_field(row, "api");
  const Value& expected = *row.get("expected");
  const ValidationOptions options{machine_type(row)};
  if (api == "CreateStateMachine" || api == "TestState") {
    out.handled = true;
    std::string text = substitute_placeholders(string_field(row, "definition"));
    if (api == "TestState") text = test_state_definition(row, text);
    out.diagnostics = validate_text(text, options);
    auto errors = errors_only(out.diagnostics);
    out.actual = errors.empty() ? std::string("(accepted)") : invalid_definition_message(errors);
    out.expected = normalize_expected(string_field(expected, "message"));
    out.passed = string_field(expected, "error") == "InvalidDefinition" && out.actual == out.expected;
    return out;
  }
  if (api == "ValidateStateMachineDefinition") {
    out.handled = true;
    out.diagnostics = validate_text(string_field(row, "definition"), options);
    // The API's `severity` parameter defaults to ERROR: warnings are returned only on request.
    const Value* request = row.get("request");
    const bool warnings = request != nullptr && string_field(*request, "severity") == "WARNING";
    auto shown = warnings ? out.diagnostics : errors_only(out.diagnostics);
    Object result;
    result.set("diagnostics", diagnostics_json(shown));
    result.set("result", Value(errors_only(out.diagnostics).empty() ? "OK" : "FAIL"));
    result.set("truncated", Value(false));
    Value actual(std::move(result));
    Value wanted = parse(normalize_expected(json::write(expected)));
    out.actual = json::write(actual);
    out.expected = json::write(wanted);
    out.passed = actual == wanted;
    return out;
  }
  return out;
}

bool has_code(const std::vector<Diagnostic>& diagnostics, const std::string& code) {
  for (const Diagnostic& d : diagnostics) {
    if (d.code == code && d.severity == "ERROR") return true;
  }
  return false;
}

TEST(RecordedValidation, EveryRecordedCaseReplays) {
  const auto rows = read_jsonl(shared_dir() + "/aws-recorded/validation.jsonl");
  ASSERT_FALSE(rows.empty());
  Value skips = parse(read_text(source_path(kSkipsFile)));
  ASSERT_TRUE(skips.is_object()) << kSkipsFile << " must map case ids to {reason, ...}";

  std::size_t passed = 0, skipped = 0;
  std::set<std::string> seen;
  for (const Value& row : rows) {
    const std::string id = string_field(row, "id");
    EXPECT_TRUE(seen.insert(id).second) << "duplicate case id " << id;
    Outcome outcome = replay(row);
    if (const Value* skip = skips.get(id)) {
      ++skipped;
      EXPECT_FALSE(string_field(*skip, "reason").empty()) << "skip without a reason: " << id;
      EXPECT_FALSE(outcome.passed) << id << " is listed as a skip but now passes: remove it from " << kSkipsFile;
      // Where only AWS's wording is unknown, the rejection itself is still checked.
      if (const Value* code = skip->get("still_rejected_with"); code != nullptr && code->is_string()) {
        EXPECT_TRUE(has_code(outcome.diagnostics, code->as_string()))
            << id << ": expected a " << code->as_string() << " rejection, got " << outcome.actual;
      }
      continue;
    }
    EXPECT_TRUE(outcome.handled) << id << ": api " << string_field(row, "api") << " is not replayed; skip it with a reason";
    EXPECT_TRUE(outcome.passed) << id << "\n  expected: " << outcome.expected << "\n    actual: " << outcome.actual;
    if (outcome.passed) ++passed;
  }
  for (const Member& m : skips.as_object()) {
    EXPECT_TRUE(seen.contains(m.key)) << "stale skip (no such case): " << m.key;
  }
  std::cout << "validation recorded: " << passed << "/" << rows.size() << ", " << skipped
            << " skipped with reasons\n";
}

}  // namespace
}  // namespace asl::test
