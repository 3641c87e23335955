// pass_chain.cpp — INTERIM runner for JSONPath machines made only of Pass states, until the executor lands.
#include "intrinsics/pass_chain.h"

#include <map>

#include "asl/error.h"
#include "asl/json.h"
#include "asl/jsonpath.h"
#include "asl/payload_template.h"

namespace asl::test {

namespace {

class VariableMap : public Variables {
 public:
  const Value* find(std::string_view name) const override {
    auto it = values_.find(std::string(name));
    return it == values_.end() ? nullptr : &it->second;
  }
  void set(const std::string& name, Value value) { values_[name] = std::move(value); }

 private:
  std::map<std::string, Value> values_;
};

PassRunResult failed(std::string error, std::string cause) {
  return PassRunResult{"FAILED", Value(), std::move(error), std::move(cause)};
}

PassRunResult failed(const Error& e) {
  return failed(e.name == states_runtime ? e.name : std::string(states_runtime), e.message);
}

Value make_context(const PassRunIdentity& id, const Value& input, const std::string& state_name) {
  const std::string arn_prefix = "arn:aws:states:" + id.region + ":" + id.account + ":";
  Object execution{{"Id", Value(arn_prefix + "execution:" + id.state_machine_name + ":" + id.execution_name)},
                   {"Input", input},
                   {"Name", Value(id.execution_name)},
                   {"RoleArn", Value("arn:aws:iam::" + id.account + ":role/snf_role")},
                   {"StartTime", Value(id.start_time)}};
  Object machine{{"Id", Value(arn_prefix + "stateMachine:" + id.state_machine_name)},
                 {"Name", Value(id.state_machine_name)}};
  Object state{{"EnteredTime", Value(id.start_time)}, {"Name", Value(state_name)}, {"RetryCount", Value(0)}};
  return Value(Object{{"Execution", Value(std::move(execution))},
                      {"StateMachine", Value(std::move(machine))},
                      {"State", Value(std::move(state))}});
}

// InputPath / OutputPath: a missing field means `$`, an explicit null means {}.
Expected<Value> apply_filter_path(const Value& state, std::string_view field, const Value& document) {
  const Value* spec = state.get(field);
  if (spec == nullptr) return document;
  if (spec->is_null()) return Value(Object{});
  if (!spec->is_string()) return Error{std::string(states_runtime), std::string(field) + " must be a string", {}};
  auto path = jsonpath::compile(spec->as_string());
  if (!path) return path.error();
  auto value = jsonpath::evaluate(*path, document);
  if (!value) {
    return Error{std::string(states_runtime),
                 "Invalid path '" + spec->as_string() + "' : " + value.error().message, {}};
  }
  return value;
}

}  // namespace

bool is_pass_only(const Value& definition) {
  const Value* language = definition.get("QueryLanguage");
  if (language != nullptr && !(language->is_string() && language->as_string() == "JSONPath")) return false;
  const Value* states = definition.get("States");
  if (states == nullptr || !states->is_object() || states->size() == 0) return false;
  for (const Member& m : states->as_object()) {
    const Value* type = m.value.get("Type");
    if (type == nullptr || !type->is_string() || type->as_string() != "Pass") return false;
    const Value* state_language = m.value.get("QueryLanguage");
    if (state_language != nullptr && !(state_language->is_string() && state_language->as_string() == "JSONPath")) {
      return false;
    }
  }
  return true;
}

PassRunResult run_pass_chain(const Value& definition, const Value& input, Entropy& entropy,
                             const PassRunIdentity& identity) {
  const Value* states = definition.get("States");
  const Value* start = definition.get("StartAt");
  if (states == nullptr || start == nullptr || !start->is_string()) return failed("States.Runtime", "no StartAt");
  VariableMap variables;
  Value document = input;
  std::string name = start->as_string();
  for (int steps = 0; steps < 1000; ++steps) {
    const Value* state = states->get(name);
    if (state == nullptr) return failed("States.Runtime", "no state named " + name);
    const Value context = make_context(identity, input, name);

    auto effective = apply_filter_path(*state, "InputPath", document);
    if (!effective) return failed(effective.error());

    Value result = *effective;
    if (const Value* parameters = state->get("Parameters")) {
      auto compiled = PayloadTemplate::compile(*parameters, "Parameters");
      if (!compiled) return failed("States.Runtime", format_error(compiled.error()));
      const Scope scope{&*effective, &context, &variables, &entropy};
      auto value = compiled->evaluate(scope);
      if (!value) return failed(value.error());
      result = std::move(value).value();
    } else if (const Value* literal = state->get("Result")) {
      result = *literal;  // Result is never a template: ".$" keys stay as written
    }

    // Assign reads the state's result through `$` (interim choice; for these recordings the
    // result equals the input) and becomes visible to the next state only.
    std::map<std::string, Value> assigned;
    if (const Value* assign = state->get("Assign")) {
      auto compiled = PayloadTemplate::compile(*assign, "Assign");
      if (!compiled) return failed("States.Runtime", format_error(compiled.error()));
      const Scope scope{&result, &context, &variables, &entropy};
      auto value = compiled->evaluate(scope);
      if (!value) return failed(value.error());
      for (const Member& m : value->as_object()) assigned[m.key] = m.value;
    }

    Value combined;
    const Value* result_path = state->get("ResultPath");
    if (result_path == nullptr) {
      combined = result;
    } else if (result_path->is_null()) {
      combined = document;
    } else {
      auto path = jsonpath::compile(result_path->as_string());
      if (!path) return failed("States.Runtime", path.error().message);
      auto written = jsonpath::assign(*path, document, result);
      if (!written) return failed("States.Runtime", written.error().message);
      combined = std::move(written).value();
    }

    auto output = apply_filter_path(*state, "OutputPath", combined);
    if (!output) return failed(output.error());
    document = std::move(output).value();
    for (auto& [key, value] : assigned) variables.set(key, value);

    const Value* end = state->get("End");
    if (end != nullptr && end->is_bool() && end->as_bool()) return PassRunResult{"SUCCEEDED", document, {}, {}};
    const Value* next = state->get("Next");
    if (next == nullptr || !next->is_string()) return failed("States.Runtime", "state " + name + " has no Next");
    name = next->as_string();
  }
  return failed("States.Runtime", "more than 1000 transitions");
}

}  // namespace asl::test
