// hostile_input_test.cpp — the validator never crashes or recurses without bound: deep nesting, mutated and random definitions.
#include "support/test_support.h"

#include <rapidcheck/gtest.h>

#include "asl/json.h"
#include "asl/machine.h"
#include "aslgen/json_values.h"

namespace asl::test {
namespace {

bool has_code(const std::vector<Diagnostic>& diagnostics, std::string_view code) {
  for (const Diagnostic& d : diagnostics) {
    if (d.code == code) return true;
  }
  return false;
}

bool has_error(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == "ERROR") return true;
  }
  return false;
}

Value pass_machine(const std::string& name) {
  return parse(R"({"StartAt":")" + name + R"(","States":{")" + name + R"(":{"Type":"Pass","End":true}}})");
}

// A Parallel state `levels` deep, each branch holding the next one.
Value nested_parallel(int levels) {
  Value inner = pass_machine("leaf");
  for (int i = 0; i < levels; ++i) {
    Object state;
    state.set("Type", Value("Parallel"));
    state.set("Branches", Value(Array{inner}));
    state.set("End", Value(true));
    Object states;
    const std::string name = "P" + std::to_string(i);
    states.set(name, Value(std::move(state)));
    Object machine;
    machine.set("StartAt", Value(name));
    machine.set("States", Value(std::move(states)));
    inner = Value(std::move(machine));
  }
  return inner;
}

// A Choice rule wrapped in `levels` Nots.
Value nested_not(int levels) {
  Value rule = parse(R"({"Variable":"$.x","IsPresent":true})");
  for (int i = 0; i < levels; ++i) rule = Value(Object{{"Not", rule}});
  Object top = rule.as_object();
  top.set("Next", Value("Done"));
  Object choice;
  choice.set("Type", Value("Choice"));
  choice.set("Choices", Value(Array{Value(std::move(top))}));
  Object states;
  states.set("C", Value(std::move(choice)));
  states.set("Done", parse(R"({"Type":"Succeed"})"));
  Object machine;
  machine.set("StartAt", Value("C"));
  machine.set("States", Value(std::move(states)));
  return Value(std::move(machine));
}

TEST(HostileInput, ModerateNestingIsValid) {
  EXPECT_NE(load(nested_parallel(30)).machine, nullptr);
  EXPECT_NE(load(nested_not(60)).machine, nullptr);
}

TEST(HostileInput, DeepNestingIsRejectedNotFollowed) {
  for (int levels : {65, 200, 5000}) {
    auto diagnostics = validate(nested_parallel(levels));
    EXPECT_TRUE(has_code(diagnostics, "TOO_DEEPLY_NESTED")) << levels << " Parallel levels";
    EXPECT_EQ(load(nested_parallel(levels)).machine, nullptr);
  }
  for (int levels : {129, 1000, 50000}) {
    EXPECT_TRUE(has_code(validate(nested_not(levels)), "TOO_DEEPLY_NESTED")) << levels << " Not levels";
  }
}

TEST(HostileInput, DeepTextIsAJsonErrorNotACrash) {
  std::string text(200000, '[');
  auto diagnostics = validate_text(text);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].code, "INVALID_JSON_DESCRIPTION");
}

// Replaces the node `countdown` steps into a pre-order walk of `doc` by `replacement`.
Value replace_node(const Value& doc, std::int64_t& countdown, const Value& replacement) {
  if (countdown-- == 0) return replacement;
  if (countdown < 0) return doc;  // replaced already
  if (doc.is_object()) {
    Object out;
    for (const Member& m : doc.as_object()) out.set(m.key, replace_node(m.value, countdown, replacement));
    return Value(std::move(out));
  }
  if (doc.is_array()) {
    Array out;
    for (const Value& v : doc.as_array()) out.push_back(replace_node(v, countdown, replacement));
    return Value(std::move(out));
  }
  return doc;
}

std::size_t count_nodes(const Value& doc) {
  std::size_t n = 1;
  if (doc.is_object()) {
    for (const Member& m : doc.as_object()) n += count_nodes(m.value);
  } else if (doc.is_array()) {
    for (const Value& v : doc.as_array()) n += count_nodes(v);
  }
  return n;
}

const std::vector<Value>& recorded_definitions() {
  static const std::vector<Value> definitions = [] {
    std::vector<Value> out;
    for (const Value& row : read_jsonl(shared_dir() + "/aws-recorded/executions.jsonl")) {
      if (const Value* d = row.get("definition"); d != nullptr && d->is_object()) out.push_back(*d);
    }
    return out;
  }();
  return definitions;
}

// Whatever one node of a real definition is replaced by, validation answers, load() agrees with
// it, and the text form validates the same.
RC_GTEST_PROP(HostileInput, MutatedDefinitionsAreAnswered, ()) {
  const auto& definitions = recorded_definitions();
  RC_PRE(!definitions.empty());
  const Value& original = definitions[*rc::gen::inRange<std::size_t>(0, definitions.size())];
  auto target = static_cast<std::int64_t>(*rc::gen::inRange<std::size_t>(0, count_nodes(original)));
  const Value replacement = *aslgen::json_value(3);
  const Value mutated = replace_node(original, target, replacement);

  auto diagnostics = validate(mutated);
  LoadResult loaded = load(mutated);
  RC_ASSERT((loaded.machine == nullptr) == has_error(diagnostics));
  RC_ASSERT(loaded.diagnostics.size() == diagnostics.size());
  auto from_text = validate_text(json::write(mutated));
  RC_ASSERT(from_text.size() == diagnostics.size());
}

// Text: anything JSON reads, validate_text reads alike; anything else is one diagnostic.
RC_GTEST_PROP(HostileInput, ArbitraryTextIsAnswered, ()) {
  static const char* const pieces[] = {"{", "}", "[", "]", "\"", ":", ",", " ", "\n", "a", "1", "-", ".", "e",
                                       "true", "nul", "'", "\\", "\"StartAt\"", "\"States\"", "{}", "\x01", "\xc3\xa9"};
  const auto indexes = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 23));
  std::string text;
  for (int i : indexes) text += pieces[i];
  auto diagnostics = validate_text(text);
  auto parsed = json::read(text);
  if (parsed) {
    RC_ASSERT(diagnostics.size() == validate(*parsed).size());
  } else {
    RC_ASSERT(!diagnostics.empty());
  }
}

}  // namespace
}  // namespace asl::test
