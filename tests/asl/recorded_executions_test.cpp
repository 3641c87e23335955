// recorded_executions_test.cpp — every definition AWS accepted and ran (executions.jsonl) must load without an ERROR.
#include "support/test_support.h"

#include <iostream>
#include <set>

#include "asl/json.h"
#include "asl/machine.h"
#include "asl/recorded_placeholders.h"

namespace asl::test {
namespace {

const std::string kSkipsFile = "tests/data/asl/executions-skips.json";

MachineType machine_type(const Value& row) {
  return string_field(row, "state_machine_type") == "EXPRESS" ? MachineType::express : MachineType::standard;
}

std::string describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += "\n    " + d.severity + " " + d.code + ": " + d.message + " at " + (d.location.empty() ? "null" : d.location);
  }
  return out;
}

TEST(RecordedExecutions, EveryAcceptedDefinitionLoads) {
  const auto rows = read_jsonl(shared_dir() + "/aws-recorded/executions.jsonl");
  ASSERT_FALSE(rows.empty());
  Value skips = parse(read_text(source_path(kSkipsFile)));
  ASSERT_TRUE(skips.is_object()) << kSkipsFile << " must be an object of id -> reason";
  for (const Member& m : skips.as_object()) {
    EXPECT_TRUE(m.value.is_string() && !m.value.as_string().empty()) << "skip without a reason: " << m.key;
  }

  std::size_t loaded = 0, skipped = 0;
  std::set<std::string> seen;
  for (const Value& row : rows) {
    const std::string id = string_field(row, "id");
    seen.insert(id);
    const Value* definition = row.get("definition");
    ASSERT_NE(definition, nullptr) << id;
    Value document = *definition;
    if (definition->is_string()) document = parse(definition->as_string());
    LoadResult result = load(document, ValidationOptions{machine_type(row)});
    const bool ok = result.machine != nullptr;
    if (skips.get(id) != nullptr) {
      ++skipped;
      EXPECT_FALSE(ok) << id << " is listed as a skip but now loads: remove it from " << kSkipsFile;
      continue;
    }
    EXPECT_TRUE(ok) << id << " was accepted by AWS but is rejected:" << describe(result.diagnostics);
    if (ok) ++loaded;
  }
  for (const Member& m : skips.as_object()) {
    EXPECT_TRUE(seen.contains(m.key)) << "stale skip (no such case): " << m.key;
  }
  std::cout << "executions recorded: " << loaded << "/" << rows.size() << " load, " << skipped
            << " skipped with reasons\n";
}

// TestState runs one state (or a machine's named state) that AWS accepted: every such state must
// pass the validator too. TestState does not follow transitions, so the graph rules are left out.
TEST(RecordedTestStates, EveryAcceptedStateValidates) {
  const auto rows = read_jsonl(shared_dir() + "/aws-recorded/test_state.jsonl");
  ASSERT_FALSE(rows.empty());
  Value skips = parse(read_text(source_path(kSkipsFile)));
  std::size_t accepted = 0, checked = 0;
  for (const Value& row : rows) {
    const std::string id = string_field(row, "id");
    const Value* expected = row.get("expected");
    const std::string error = expected != nullptr ? string_field(*expected, "error") : std::string();
    if (error == "ValidationException" || error == "InvalidDefinition") continue;  // AWS refused the request
    ++checked;
    Value definition = substitute_placeholders(*row.get("definition"));
    if (definition.get("Type") != nullptr) {
      Object states;
      states.set("StateName", definition);
      definition = Value(Object{{"StartAt", Value("StateName")}, {"States", Value(std::move(states))}});
    }
    std::vector<Diagnostic> problems;
    for (const Diagnostic& d : validate(definition)) {
      if (d.severity == "ERROR" && d.code != "MISSING_TRANSITION_TARGET" && d.code != "MISSING_END_STATE") {
        problems.push_back(d);
      }
    }
    if (skips.get(id) != nullptr) {
      EXPECT_FALSE(problems.empty()) << id << " is listed as a skip but now validates: remove it from " << kSkipsFile;
      continue;
    }
    EXPECT_TRUE(problems.empty()) << id << " was accepted by AWS's TestState but is rejected:" << describe(problems);
    if (problems.empty()) ++accepted;
  }
  std::cout << "test_state recorded: " << accepted << "/" << checked << " accepted states validate\n";
}

}  // namespace
}  // namespace asl::test
