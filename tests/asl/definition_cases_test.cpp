// definition_cases_test.cpp — data-driven validator and loader cases of our own (tests/data/asl/definitions.jsonl).
#include "support/test_support.h"

#include <map>

#include "asl/json.h"
#include "asl/machine.h"

namespace asl::test {
namespace {

Value diagnostics_json(const std::vector<Diagnostic>& diagnostics) {
  Array out;
  for (const Diagnostic& d : diagnostics) {
    Object o;
    o.set("code", Value(d.code));
    o.set("message", Value(d.message));
    o.set("severity", Value(d.severity));
    if (!d.location.empty()) o.set("location", Value(d.location));
    out.push_back(Value(std::move(o)));
  }
  return Value(std::move(out));
}

// Facts about a loaded machine, keyed by state name (names are unique across nesting levels),
// every transition read back through its resolved index.
struct Facts {
  Object next, choices, defaults, catches, branches, processors, languages;
  Array ends, distributed;

  void collect(const StateMachine& machine, int depth = 0) {
    for (const State& s : machine.states) {
      if (s.type != StateType::choice && !s.end && s.type != StateType::succeed && s.type != StateType::fail) {
        next.set(s.name, Value(machine.states.at(s.next_index).name));
      }
      if (s.end) ends.push_back(Value(s.name));
      languages.set(s.name, Value(s.language == QueryLanguage::jsonata ? "JSONata" : "JSONPath"));
      if (s.type == StateType::choice) {
        Array targets;
        for (const ChoiceRule& rule : s.choices) targets.push_back(Value(machine.states.at(rule.next_index).name));
        choices.set(s.name, Value(std::move(targets)));
        if (s.default_next) defaults.set(s.name, Value(machine.states.at(s.default_index).name));
      }
      if (!s.catchers.empty()) {
        Array targets;
        for (const Catcher& c : s.catchers) targets.push_back(Value(machine.states.at(c.next_index).name));
        catches.set(s.name, Value(std::move(targets)));
      }
      if (s.type == StateType::parallel) {
        Array sizes;
        for (const auto& branch : s.branches) {
          sizes.push_back(Value(static_cast<std::int64_t>(branch->states.size())));
          collect(*branch, depth + 1);
        }
        branches.set(s.name, Value(std::move(sizes)));
      }
      if (s.type == StateType::map && s.processor) {
        processors.set(s.name, Value(static_cast<std::int64_t>(s.processor->states.size())));
        if (s.distributed) distributed.push_back(Value(s.name));
        collect(*s.processor, depth + 1);
      }
    }
  }
};

// Checks each fact the case names (and only those).
void check_ir(const std::string& name, const Value& expected, const StateMachine& machine) {
  Facts facts;
  facts.collect(machine);
  std::map<std::string, Value> actual = {
      {"states", Value(static_cast<std::int64_t>(machine.states.size()))},
      {"start", Value(machine.states.at(machine.start_index).name)},
      {"next", Value(facts.next)},
      {"end", Value(facts.ends)},
      {"choices", Value(facts.choices)},
      {"default", Value(facts.defaults)},
      {"catch", Value(facts.catches)},
      {"branches", Value(facts.branches)},
      {"processor", Value(facts.processors)},
      {"language", Value(facts.languages)},
      {"distributed", Value(facts.distributed)},
  };
  for (const Member& m : expected.as_object()) {
    auto it = actual.find(m.key);
    ASSERT_NE(it, actual.end()) << name << ": unknown IR fact " << m.key;
    if (m.value.is_object() && it->second.is_object()) {
      // A subset: the facts the case names must match.
      for (const Member& want : m.value.as_object()) {
        const Value* got = it->second.get(want.key);
        ASSERT_NE(got, nullptr) << name << ": no " << m.key << " fact for " << want.key;
        EXPECT_TRUE(json_equal(want.value, *got)) << name << ": " << m.key << "." << want.key;
      }
    } else {
      EXPECT_TRUE(json_equal(m.value, it->second)) << name << ": " << m.key;
    }
  }
}

TEST(DefinitionCases, DiagnosticsAndIrFacts) {
  const auto rows = read_jsonl(source_path("tests/data/asl/definitions.jsonl"));
  ASSERT_GT(rows.size(), 50u);
  for (const Value& row : rows) {
    const std::string name = string_field(row, "name");
    ASSERT_FALSE(string_field(row, "source").empty()) << name << ": every case names where its expectation comes from";
    const Value* expect = row.get("expect");
    ASSERT_NE(expect, nullptr) << name;
    ValidationOptions options;
    if (string_field(row, "type") == "EXPRESS") options.type = MachineType::express;

    std::vector<Diagnostic> diagnostics;
    LoadResult loaded;
    if (const Value* text = row.get("definition_text")) {
      diagnostics = validate_text(text->as_string(), options);
    } else {
      loaded = load(*row.get("definition"), options);
      diagnostics = validate(*row.get("definition"), options);
      EXPECT_TRUE(json_equal(diagnostics_json(diagnostics), diagnostics_json(loaded.diagnostics)))
          << name << ": load() and validate() disagree";
      bool has_error = false;
      for (const Diagnostic& d : diagnostics) has_error = has_error || d.severity == "ERROR";
      EXPECT_EQ(loaded.machine == nullptr, has_error) << name << ": a machine is built exactly when there is no error";
    }
    EXPECT_TRUE(json_equal(*expect->get("diagnostics"), diagnostics_json(diagnostics))) << name;
    if (const Value* message = expect->get("create_message")) {
      EXPECT_EQ(message->as_string(), invalid_definition_message(diagnostics)) << name;
    }
    if (const Value* ir = expect->get("ir")) {
      ASSERT_NE(loaded.machine, nullptr) << name;
      check_ir(name, *ir, *loaded.machine);
    }
  }
}

}  // namespace
}  // namespace asl::test
