// build_state.cpp — one state's common fields (type, transition, I/O of either query language), then its type's own.
#include "asl/json.h"
#include <string>

#include "asl/build_detail.h"
#include "asl/field_rules.h"

namespace asl::detail {
namespace {

// Whether any key or string anywhere in `v` contains `needle`: a conservative "may read it" test,
// walked rather than printed (loading runs once per generated case).
bool mentions(const Value& v, std::string_view needle) {
  if (v.is_string()) return v.as_string().find(needle) != std::string::npos;
  if (v.is_array()) {
    for (const Value& item : v.as_array()) {
      if (mentions(item, needle)) return true;
    }
  } else if (v.is_object()) {
    for (const Member& m : v.as_object()) {
      if (m.key.find(needle) != std::string::npos || mentions(m.value, needle)) return true;
    }
  }
  return false;
}

std::optional<StateType> parse_state_type(const Value& json) {
  if (!json.is_string()) return std::nullopt;
  const std::string& t = json.as_string();
  if (t == "Pass") return StateType::pass;
  if (t == "Task") return StateType::task;
  if (t == "Choice") return StateType::choice;
  if (t == "Wait") return StateType::wait;
  if (t == "Succeed") return StateType::succeed;
  if (t == "Fail") return StateType::fail;
  if (t == "Parallel") return StateType::parallel;
  if (t == "Map") return StateType::map;
  return std::nullopt;
}

// The field when the state's type allows it; misplaced fields are the schema pass's to report.
const Value* allowed_field(const State& state, const Object& json, std::string_view name) {
  const FieldRule* rule = find_field_rule(name);
  if (rule == nullptr || !allows(*rule, state.type)) return nullptr;
  return json.find(name);
}

void build_jsonpath_io(State& state, const Object& json, const std::string& location, BuildContext& ctx) {
  state.input_path =
      build_path_field(allowed_field(state, json, "InputPath"), child(location, "InputPath"), PathRule::any, ctx);
  state.output_path =
      build_path_field(allowed_field(state, json, "OutputPath"), child(location, "OutputPath"), PathRule::any, ctx);
  state.result_path = build_path_field(allowed_field(state, json, "ResultPath"), child(location, "ResultPath"),
                                       PathRule::input_reference, ctx);
  // Map's Parameters is the older spelling of ItemSelector; build_map takes it from there.
  if (const Value* parameters = allowed_field(state, json, "Parameters");
      parameters != nullptr && state.type != StateType::map) {
    state.parameters = build_template(*parameters, "Parameters", location, ctx);
  }
  if (const Value* selector = allowed_field(state, json, "ResultSelector")) {
    state.result_selector = build_template(*selector, "ResultSelector", location, ctx);
  }
  if (const Value* assign = allowed_field(state, json, "Assign")) {
    state.assign = build_template(*assign, "Assign", location, ctx);
  }
  if (const Value* result = allowed_field(state, json, "Result")) state.result = *result;
}

void build_jsonata_io(State& state, const Object& json, const std::string& location, BuildContext& ctx) {
  const bool has_result =
      state.type == StateType::task || state.type == StateType::map || state.type == StateType::parallel;
  const StatesAccess top = has_result ? StatesAccess::result : StatesAccess::input_only;
  state.arguments = build_jsonata_field(allowed_field(state, json, "Arguments"), child(location, "Arguments"),
                                        StatesAccess::input_only, ctx);
  state.output = build_jsonata_field(allowed_field(state, json, "Output"), child(location, "Output"), top, ctx);
  state.jsonata_assign = build_jsonata_field(allowed_field(state, json, "Assign"), child(location, "Assign"), top, ctx);
}

}  // namespace

State build_state(const std::string& name, const Value& json, const std::string& location,
                  QueryLanguage machine_language, int depth, BuildContext& ctx) {
  State state;
  state.name = name;
  state.definition = json;
  state.language = machine_language;
  if (!json.is_object()) return state;  // the schema pass reports the shape
  const Object& object = json.as_object();

  if (const Value* type = object.find("Type")) {
    if (auto parsed = parse_state_type(*type)) state.type = *parsed;
  }
  if (const Value* language = object.find("QueryLanguage")) {
    // Anything but exactly "JSONPath" resolves to JSONata, as AWS resolves it [ISS floci#2968].
    const bool jsonpath = language->is_string() && language->as_string() == "JSONPath";
    state.language = jsonpath ? QueryLanguage::jsonpath : QueryLanguage::jsonata;
  }
  if (const Value* next = allowed_field(state, object, "Next"); next != nullptr && next->is_string()) {
    state.next = next->as_string();
  }
  if (const Value* end = allowed_field(state, object, "End"); end != nullptr && end->is_bool()) {
    state.end = end->as_bool();
  }

  // JSONata reads it as $states.context (or through $states as a whole).
  state.reads_context = mentions(json, state.language == QueryLanguage::jsonpath ? "$$" : "states");
  if (state.language == QueryLanguage::jsonpath) {
    build_jsonpath_io(state, object, location, ctx);
  } else {
    build_jsonata_io(state, object, location, ctx);
  }
  if (const Value* retry = allowed_field(state, object, "Retry")) {
    build_retry(state, *retry);
  }
  if (const Value* catchers = allowed_field(state, object, "Catch")) {
    build_catch(state, *catchers, child(location, "Catch"), ctx);
  }

  switch (state.type) {
    case StateType::task: build_task(state, object, location, ctx); break;
    case StateType::wait: build_wait(state, object, location, ctx); break;
    case StateType::fail: build_fail(state, object, location, ctx); break;
    case StateType::choice: build_choice(state, object, location, ctx); break;
    case StateType::parallel: build_parallel(state, object, location, depth, ctx); break;
    case StateType::map: build_map(state, object, location, depth, ctx); break;
    case StateType::pass:
    case StateType::succeed: break;
  }
  return state;
}

}  // namespace asl::detail
