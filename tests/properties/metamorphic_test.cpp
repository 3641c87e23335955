// metamorphic_test.cpp — metamorphic relations on the oracle, one property each, over generated cases.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "metamorphic.h"

namespace asl::test::props {
namespace {

Case generated() { return *aslgen::gen_case(property_options()); }

std::vector<std::string> names_where(const Case& c, const std::function<bool(const Value&)>& keep) {
  std::vector<std::string> out;
  for (const Member& m : c.definition.get("States")->as_object()) {
    if (keep(m.value)) out.push_back(m.key);
  }
  return out;
}

// Inserting a pass-through Pass between two states changes nothing but the trace.
RC_GTEST_PROP(Metamorphic, InsertingAPassThroughPassChangesNothing, ()) {
  Case c = generated();
  auto linked = names_where(c, [](const Value& s) { return s.get("Next") != nullptr; });
  RC_PRE(!linked.empty());
  const std::string from = *rc::gen::elementOf(linked);
  Case inserted = c;
  Object& states = top_states(inserted);
  const std::string to = states.find(from)->get("Next")->as_string();
  states.find_mutable(from)->mutable_object().set("Next", Value("InsertedPass"));
  states.set("InsertedPass", Value(Object{{"Type", Value("Pass")}, {"Next", Value(to)}}));
  const Result a = execute(c), b = execute(inserted);
  RC_ASSERT(show(observable(a)) == show(observable(b)));
  std::vector<std::string> trace;
  for (const std::string& t : b.trace) {
    if (t != "InsertedPass") trace.push_back(t);
  }
  RC_ASSERT(trace == a.trace);
}

// InputPath "$" and OutputPath "$" are identities (on the JSONPath states: JSONata has neither).
RC_GTEST_PROP(Metamorphic, DollarInputAndOutputPathsAreIdentities, ()) {
  Case c = generated();
  Case explicit_paths = c;
  Object& states = top_states(explicit_paths);
  for (std::size_t i = 0; i < states.size(); ++i) {
    Value* s = states.find_mutable(states[i].key);
    if (string_member(*s, "Type") == "Fail" || jsonata_state(c, *s)) continue;
    Object& o = s->mutable_object();
    if (!o.contains("InputPath")) o.set("InputPath", Value("$"));
    if (!o.contains("OutputPath")) o.set("OutputPath", Value("$"));
  }
  RC_ASSERT(show(observable(execute(c), true)) == show(observable(execute(explicit_paths), true)));
}

// ResultPath null keeps the input: a Pass state's output equals its input. In a JSONata Pass,
// Output "{% $states.input %}" does the same.
RC_GTEST_PROP(Metamorphic, ResultPathNullKeepsTheInput, ()) {
  Case c = generated();
  // Not the counter loop's own states: without their results the loop would not end.
  std::vector<std::string> passes;
  for (const std::string& n : names_where(c, [](const Value& s) { return string_member(s, "Type") == "Pass"; })) {
    if (!n.starts_with("Loop")) passes.push_back(n);
  }
  RC_PRE(!passes.empty());
  const std::string name = *rc::gen::elementOf(passes);
  const bool jsonata = jsonata_state(c, *c.definition.get("States")->get(name));
  RC_TAG(jsonata ? "JSONata Pass" : "JSONPath Pass");
  Object& state = top_states(c).find_mutable(name)->mutable_object();
  if (jsonata) {
    state.set("Output", Value("{% $states.input %}"));
  } else {
    state.set("ResultPath", Value(nullptr));
    state.erase("OutputPath");
  }
  ExecOptions options;
  options.history = true;
  const Result r = execute(c, options);
  RC_ASSERT(r.history.has_value());
  std::optional<Value> input;  // the JSON text of the state's input, as history shows it
  for (const Value& e : r.history->as_array()) {
    const std::string type = string_member(e, "type").value_or("");
    const Value* entered = e.get("stateEnteredEventDetails");
    const Value* exited = e.get("stateExitedEventDetails");
    if (type == "PassStateEntered" && entered != nullptr && string_member(*entered, "name") == name) {
      input = *entered->get("input");
    } else if (type == "PassStateExited" && exited != nullptr && string_member(*exited, "name") == name && input) {
      if (jsonata) {
        // JSONata numbers are JavaScript's: 6.0 comes out as 6, so compare values, not texts.
        auto out = json::read(exited->get("output")->as_string()), in = json::read(input->as_string());
        RC_ASSERT(static_cast<bool>(out) && static_cast<bool>(in));
        RC_ASSERT(*out == *in);
      } else {
        RC_ASSERT(show(*exited->get("output")) == show(*input));
      }
      input.reset();
    }
  }
}

Value machine_body(const Case& c) {
  Object body;
  body.set("StartAt", *c.definition.get("StartAt"));
  body.set("States", *c.definition.get("States"));
  return Value(std::move(body));
}

// {"StartAt": name, "States": {name: state}}, in the query language of `c`'s machine.
Value single_state_machine(const Case& c, const std::string& name, Object state) {
  Object states;
  states.set(name, Value(std::move(state)));
  Object machine;
  if (const Value* language = c.definition.get("QueryLanguage")) machine.set("QueryLanguage", *language);
  machine.set("StartAt", Value(name));
  machine.set("States", Value(std::move(states)));
  return Value(std::move(machine));
}

Value one_element(const Value& v) {
  Array a;
  a.push_back(v);
  return Value(std::move(a));
}

// A one-branch Parallel around a machine gives [its output], or fails with its error.
RC_GTEST_PROP(Metamorphic, OneBranchParallelWrapsTheResultInAnArray, ()) {
  Case c = generated();
  const bool has_machine_timeout = c.definition.get("TimeoutSeconds") != nullptr;  // a bool: RC_PRE cannot show nullptr
  RC_PRE(!has_machine_timeout);
  Case wrapped = c;
  Object parallel;
  parallel.set("Type", Value("Parallel"));
  parallel.set("Branches", one_element(machine_body(c)));
  parallel.set("End", Value(true));
  wrapped.definition = single_state_machine(c, "Wrap", std::move(parallel));
  const Result a = execute(c), b = execute(wrapped);
  RC_TAG(std::string(status_name(a.status)));
  RC_ASSERT(a.status == b.status);
  const bool jsonata = string_member(c.definition, "QueryLanguage") == "JSONata";
  if (a.status == Status::succeeded) RC_ASSERT(same_output(one_element(*a.output), *b.output, jsonata));
  if (a.status == Status::failed) RC_ASSERT(a.error == b.error);
}

// A Map over [x] whose processor is the machine gives [f(x)].
RC_GTEST_PROP(Metamorphic, MapOverOneItemGivesTheListOfOneResult, ()) {
  Case c = generated();
  const bool has_machine_timeout = c.definition.get("TimeoutSeconds") != nullptr;  // a bool: RC_PRE cannot show nullptr
  RC_PRE(!has_machine_timeout);
  Case mapped = c;
  Object config;
  config.set("Mode", Value("INLINE"));
  Object processor;
  processor.set("ProcessorConfig", Value(std::move(config)));
  const Value body = machine_body(c);
  for (const Member& m : body.as_object()) processor.set(m.key, m.value);
  Object map;
  map.set("Type", Value("Map"));
  if (string_member(c.definition, "QueryLanguage") == "JSONata") map.set("Items", Value("{% $states.input.xs %}"));
  else map.set("ItemsPath", Value("$.xs"));
  map.set("ItemProcessor", Value(std::move(processor)));
  map.set("End", Value(true));
  mapped.definition = single_state_machine(c, "Each", std::move(map));
  Object input;
  input.set("xs", one_element(c.input));
  mapped.input = Value(std::move(input));
  const Result a = execute(c), b = execute(mapped);
  RC_TAG(std::string(status_name(a.status)));
  RC_ASSERT(a.status == b.status);
  const bool jsonata = string_member(c.definition, "QueryLanguage") == "JSONata";
  if (a.status == Status::succeeded) RC_ASSERT(same_output(one_element(*a.output), *b.output, jsonata));
  if (a.status == Status::failed) RC_ASSERT(a.error == b.error);
}

// A Pass state's Parameters split across two Pass states: the first evaluates some members and
// carries its input along under "__rest"; the second copies them, evaluates the rest (plain
// paths only) against the carried input, and puts the result where the original ResultPath
// would, inside the carried input, which OutputPath "$.__rest" then returns.
RC_GTEST_PROP(Metamorphic, SplittingParametersAcrossTwoStatesChangesNothing, ()) {
  aslgen::GenOptions o = *aslgen::profile_options("intrinsics");
  o.max_states = 5;
  Case c = *aslgen::gen_case(o);
  auto candidates = names_where(c, [](const Value& s) {
    const Value* p = s.get("Parameters");
    const auto output = string_member(s, "OutputPath");
    const Value* input = s.get("InputPath");
    return string_member(s, "Type") == "Pass" && p != nullptr && p->is_object() && p->size() >= 2 &&
           s.get("Assign") == nullptr && (input == nullptr || string_member(s, "InputPath") == "$") &&
           (s.get("OutputPath") == nullptr || output == "$");
  });
  if (candidates.empty()) {
    RC_TAG("no splittable Pass state");
    return;
  }
  const std::string name = *rc::gen::elementOf(candidates);
  Case split = c;
  Object& states = top_states(split);
  const Value original = *states.find(name);
  Object first, second;
  for (const Member& m : original.get("Parameters")->as_object()) {
    const bool dynamic = m.key.ends_with(".$");
    const std::string key = dynamic ? m.key.substr(0, m.key.size() - 2) : m.key;
    const std::string text = m.value.is_string() ? m.value.as_string() : "";
    const bool plain_path = dynamic && (text == "$" || text.starts_with("$.") || text.starts_with("$["));
    if (plain_path && *rc::gen::arbitrary<bool>()) {
      second.set(key + ".$", Value("$.__rest" + text.substr(1)));
    } else {
      first.set(m.key, m.value);
      second.set(key + ".$", Value("$['" + key + "']"));
    }
  }
  first.set("__rest.$", Value("$"));
  Object one{{"Type", Value("Pass")}, {"Parameters", Value(std::move(first))}, {"Next", Value(name + "__2")}};
  Object two{{"Type", Value("Pass")}, {"Parameters", Value(std::move(second))}};
  if (const Value* rp = original.get("ResultPath")) {
    two.set("ResultPath", rp->is_null() ? Value(nullptr) : Value("$.__rest" + rp->as_string().substr(1)));
    two.set("OutputPath", Value("$.__rest"));
  }
  for (const char* keep : {"Next", "End"}) {
    if (const Value* v = original.get(keep)) two.set(keep, *v);
  }
  states.set(name, Value(std::move(one)));
  states.set(name + "__2", Value(std::move(two)));
  const Result a = execute(c), b = execute(split);
  RC_TAG(std::string(status_name(a.status)));
  if (a.status == Status::failed && a.error == "States.Runtime") {
    // A path missing from a perturbed input: the cause names the state and path that failed,
    // which the split moves; the error stays.
    RC_ASSERT(b.status == Status::failed && b.error == a.error);
    return;
  }
  RC_ASSERT(show(observable(a)) == show(observable(b)));
}

// Every recorded retry delay is min(IntervalSeconds * BackoffRate^(k-1), MaxDelaySeconds) for
// one of the state's retriers (or within [0, that] under FULL jitter).
RC_GTEST_PROP(Metamorphic, RecordedRetryDelaysObeyTheFormula, ()) {
  aslgen::GenOptions o = *aslgen::profile_options("errors");
  o.max_states = 4;
  Case c = *aslgen::gen_case(o);
  const Result r = execute(c);
  std::function<const Value*(const Value&, const std::string&)> find = [&](const Value& machine, const std::string& name) -> const Value* {
    const Value* states = machine.get("States");
    if (states == nullptr) return nullptr;
    if (const Value* s = states->get(name)) return s;
    for (const Member& m : states->as_object()) {
      if (const Value* b = m.value.get("Branches")) {
        for (const Value& branch : b->as_array()) {
          if (const Value* s = find(branch, name)) return s;
        }
      }
      if (const Value* p = m.value.get("ItemProcessor")) {
        if (const Value* s = find(*p, name)) return s;
      }
    }
    return nullptr;
  };
  for (const RetryRecord& record : r.retries) {
    const Value* state = find(c.definition, record.state);
    RC_ASSERT(state != nullptr);
    bool explained = false;
    for (const Value& retrier : state->get("Retry")->as_array()) {
      const double interval = retrier.get("IntervalSeconds") ? retrier.get("IntervalSeconds")->as_double() : 1.0;
      const double rate = retrier.get("BackoffRate") ? retrier.get("BackoffRate")->as_double() : 2.0;
      const bool full = retrier.get("JitterStrategy") && retrier.get("JitterStrategy")->as_string() == "FULL";
      for (std::int64_t k = 1; k <= record.attempt; ++k) {
        double d = interval * std::pow(rate, static_cast<double>(k - 1));
        if (const Value* cap = retrier.get("MaxDelaySeconds")) d = std::min(d, cap->as_double());
        explained = explained || (full ? record.delay_seconds >= 0 && record.delay_seconds <= d + 1e-9
                                        : std::fabs(record.delay_seconds - d) < 1e-9);
      }
    }
    RC_ASSERT(explained);
  }
}

// Choice rule order matters only when rules overlap: when at most one rule matches every input
// a Choice state sees, reversing its rules changes nothing.
RC_GTEST_PROP(Metamorphic, ChoiceRuleOrderMattersOnlyWhenRulesOverlap, ()) {
  aslgen::GenOptions o = *aslgen::profile_options("choice");
  o.max_states = 4;
  o.weights.variables = 0;  // the one-rule probes below run without the machine's variables
  o.weights.loop = 0;
  Case c = *aslgen::gen_case(o);
  auto choices = names_where(c, [](const Value& s) {
    const Value* rules = s.get("Choices");
    return rules != nullptr && rules->size() >= 2 && json::write(*rules).find("\"$v") == std::string::npos;
  });
  if (choices.empty()) {
    RC_TAG("no Choice state with two rules");
    return;
  }
  const std::string name = *rc::gen::elementOf(choices);
  const Value state = *c.definition.get("States")->get(name);
  ExecOptions options;
  options.history = true;
  const Result r = execute(c, options);
  // Count the rules matching each input the state saw, each in a one-rule probe machine.
  bool overlap = false;
  for (const Value& e : r.history->as_array()) {
    const Value* entered = e.get("stateEnteredEventDetails");
    if (string_member(e, "type") != "ChoiceStateEntered" || string_member(*entered, "name") != name) continue;
    int matching = 0;
    for (const Value& rule : state.get("Choices")->as_array()) {
      Object probe_rule = rule.as_object();
      probe_rule.erase("Assign");
      probe_rule.erase("Output");
      probe_rule.set("Next", Value("Yes"));
      Object probe_choice{{"Type", Value("Choice")},
                          {"Choices", Value(Array{Value(std::move(probe_rule))})},
                          {"Default", Value("No")}};
      if (const Value* language = state.get("QueryLanguage")) probe_choice.set("QueryLanguage", *language);
      Case probe;
      probe.definition = single_state_machine(c, "C", std::move(probe_choice));
      Object& probe_states = probe.definition.mutable_object().find_mutable("States")->mutable_object();
      probe_states.set("Yes", Value(Object{{"Type", Value("Succeed")}}));
      probe_states.set("No", Value(Object{{"Type", Value("Succeed")}}));
      auto input = json::read(entered->get("input")->as_string());
      RC_ASSERT(static_cast<bool>(input));
      probe.input = *input;
      const Result p = execute(probe);
      // A rule whose evaluation fails (a missing path) makes the order observable too.
      matching += p.status != Status::succeeded ? 2 : p.trace.size() == 2 && p.trace[1] == "Yes" ? 1 : 0;
    }
    overlap = overlap || matching > 1;
  }
  RC_TAG(overlap ? "overlapping rules" : "disjoint rules");
  if (overlap) return;
  Case reversed = c;
  Array rules = state.get("Choices")->as_array();
  std::reverse(rules.begin(), rules.end());
  top_states(reversed).find_mutable(name)->mutable_object().set("Choices", Value(std::move(rules)));
  RC_ASSERT(show(observable(execute(c), true)) == show(observable(execute(reversed), true)));
}

}  // namespace
}  // namespace asl::test::props
