// build_jsonata.cpp — JSONata-mode states (Pass, Wait, Choice, terminals) and the Output/Assign/Catch pieces every JSONata state shares.
#include "builder.h"

namespace aslgen::detail {
namespace {

// `$states.input` with `{key: value}` added: the block invariant holds (the input's members stay).
std::string merged(const std::string& key, const std::string& value) {
  return "$merge([$states.input, {" + jsonata_literal(key) + ": " + value + "}])";
}

const char* const kStamps[] = {"2026-01-01T00:00:02Z", "2025-06-01T00:00:00Z", "2026-01-01T00:00:01.250Z",
                               "2026-01-01T01:00:03+01:00"};

}  // namespace

bool Builder::pick_language() {
  declared_language.clear();
  if (language_mode == 0) return false;
  if (language_mode == 2) {
    if (rng.below(8) == 0) declared_language = "JSONata";  // redundant, and allowed
    return true;
  }
  // A JSONPath machine: each state JSONata (declared) or JSONPath (sometimes declared too).
  if (rng.coin()) {
    declared_language = "JSONata";
    return true;
  }
  if (rng.below(10) == 0) declared_language = "JSONPath";
  return false;
}

JaScope Builder::ja_scope_of(const BlockEnv& env, bool result, bool error_output) const {
  if (env.jsonata_nodes == nullptr) {
    env.jsonata_nodes = std::make_shared<const std::vector<JaLeaf>>(jsonata_leaves(env.nodes, false));
  }
  JaScope s;
  s.input = env.jsonata_nodes;
  s.variables = jsonata_leaves(env.variables, true);
  s.result = result;
  s.error_output = error_output;
  return s;
}

void Builder::jsonata_output(BlockEnv& env, asl::Object& state, const std::string& name, bool last, bool has_result) {
  JaScope scope = ja_scope_of(env, has_result);
  if (rng.chance(w.jsonata_errors / 2)) {
    static const JaFailure kHow[] = {JaFailure::undefined, JaFailure::function, JaFailure::engine};
    state.set("Output", asl::Value(asl::Object{{"bad", braces(jsonata_failing(rng, scope, rng.pick(kHow), tags))}}));
    tag("jsonata:Output");
    return;
  }
  if (!rng.chance(has_result ? 900 : w.io_fields)) {
    if (has_result && !last) {  // without Output the result replaces the input
      state.set("Output", braces(env.view.is_object() ? merged("r_" + name, "$states.result") : "$states.input"));
      tag("jsonata:Output");
      tag("jsonata:states-result");
    }
    return;
  }
  tag("jsonata:Output");
  if (last && rng.below(3) == 0) {  // the block's result: anything
    if (rng.coin()) state.set("Output", jsonata_template(rng, scope, rng.between(1, 3), tags));
    else state.set("Output", braces(jsonata_expression(rng, scope, Ty::any, tags).text));
    return;
  }
  if (!env.view.is_object()) {
    state.set("Output", braces("$states.input"));
    return;
  }
  switch (rng.below(has_result ? 4 : 3)) {
    case 0: state.set("Output", braces("$states.input")); break;
    case 1:
      // A transform: a copy of the input with one member set.
      state.set("Output", braces("$states.input ~> |$|{" + jsonata_literal("o_" + name) + ": " +
                                 jsonata_expression(rng, scope, Ty::any, tags).text + "}|"));
      tag("jsonata:transform");
      break;
    case 2: state.set("Output", braces(merged("o_" + name, jsonata_expression(rng, scope, Ty::any, tags).text))); break;
    default:
      state.set("Output", braces(merged("r_" + name, "$states.result")));
      tag("jsonata:states-result");
      break;
  }
}

void Builder::jsonata_assign(BlockEnv& env, asl::Object& state, bool has_result) {
  if (!rng.chance(w.variables / 2)) return;
  JaScope scope = ja_scope_of(env, has_result);
  asl::Object assign;
  std::vector<const Node*> ints;
  for (std::size_t i = env.outer_variables; i < env.variables.size(); ++i) {
    if (is_int32(env.variables[i].value)) ints.push_back(&env.variables[i]);
  }
  if (!ints.empty() && rng.coin()) {
    const Node* v = ints[rng.below(static_cast<int>(ints.size()))];
    assign.set(v->path.substr(1), braces(v->path + " + 1"));
  } else {
    std::string name = fresh("v");
    if (rng.below(4) == 0) assign.set(name, payload_value(rng));
    else assign.set(name, braces(jsonata_expression(rng, scope, Ty::any, tags).text));
  }
  state.set("Assign", asl::Value(std::move(assign)));
  tag("variables");
  tag("io:Assign");
  tag("jsonata:Assign");
}

std::string Builder::jsonata_catcher(BlockEnv& env, asl::Object& catcher, const std::string& name) {
  JaScope scope = ja_scope_of(env, false, true);
  std::string error_at;
  switch (env.view.is_object() ? rng.below(3) : 1 + rng.below(2)) {
    case 0:
      catcher.set("Output", braces(merged("err_" + name, "$states.errorOutput")));
      error_at = "$.err_" + name;
      break;
    case 1: catcher.set("Output", braces("$states.input")); break;  // the error is dropped
    default: error_at = "$"; break;  // the Error Output replaces the data: only a terminal state may follow
  }
  if (catcher.find("Output") != nullptr) tag("jsonata:catch-Output");
  if (rng.chance(w.variables)) {
    asl::Object assign{{fresh("e"), braces(rng.coin() ? "$states.errorOutput.Error"
                                                        : jsonata_expression(rng, scope, Ty::string, tags).text)}};
    catcher.set("Assign", asl::Value(std::move(assign)));
    tag("variables");
    tag("jsonata:catch-Assign");
  }
  return error_at;
}

StateOut Builder::jsonata_pass_state(BlockEnv& env, bool last) {
  StateOut s{self, {}, true};
  s.json.set("Type", asl::Value("Pass"));
  tag("pass");
  if (rng.below(8) == 0) s.json.set("Comment", asl::Value(text_value(rng)));
  jsonata_output(env, s.json, self, last, false);
  jsonata_assign(env, s.json, false);
  return s;
}

StateOut Builder::jsonata_wait_state(BlockEnv& env, bool last) {
  StateOut s{self, {}, true};
  s.json.set("Type", asl::Value("Wait"));
  tag("wait");
  JaScope scope = ja_scope_of(env);
  std::vector<const Node*> stamps = nodes_where(env.nodes, [](const asl::Value& v) {
    return v.is_string() && v.as_string().size() >= 20 && v.as_string()[10] == 'T';
  });
  if (rng.chance(w.jsonata_errors)) {
    // A Seconds expression of the wrong type.
    s.json.set("Seconds", braces(rng.coin() ? "'soon'" : "-1"));
    tag("wait:Seconds");
    tag("jsonata-error");
    tag("jsonata-error:type");
  } else {
    switch (rng.below(5)) {
      case 0:
        s.json.set("Seconds", asl::Value(static_cast<std::int64_t>(rng.between(0, 3))));
        tag("wait:Seconds");
        break;
      case 1:
        s.json.set("Seconds", braces(jsonata_integer(rng, scope, rng.between(0, 3), tags)));
        tag("wait:Seconds");
        tag("jsonata:Seconds");
        break;
      case 2:
        s.json.set("Timestamp", asl::Value(rng.pick(kStamps)));
        tag("wait:Timestamp");
        break;
      default:
        if (!stamps.empty() && rng.coin()) {
          s.json.set("Timestamp", braces(*jsonata_path(stamps[rng.below(static_cast<int>(stamps.size()))]->path)));
        } else if (rng.coin()) {
          s.json.set("Timestamp", braces("$fromMillis($toMillis($now()) + " + std::to_string(rng.between(0, 3000)) + ")"));
          tag("jsonata:fn:$now");
        } else {
          s.json.set("Timestamp", braces(jsonata_literal(rng.pick(kStamps))));
        }
        tag("wait:Timestamp");
        tag("jsonata:Timestamp");
        break;
    }
  }
  jsonata_output(env, s.json, self, last, false);
  jsonata_assign(env, s.json, false);
  return s;
}

StateOut Builder::jsonata_choice_state(BlockEnv& env, const std::vector<std::string>& later, std::vector<StateOut>& side) {
  StateOut s{self, {}, false};
  s.json.set("Type", asl::Value("Choice"));
  tag("choice");
  JaScope scope = ja_scope_of(env);
  asl::Array rules;
  int n = rng.between(1, 3);
  s.no_default = rng.below(10) == 0;
  for (int i = 0; i < n; ++i) {
    asl::Object rule;
    if (rng.chance(w.jsonata_errors / 3)) {
      rule.set("Condition", braces(rng.coin() ? "$states.input" : "1"));  // not a boolean
      tag("jsonata-error");
      tag("jsonata-error:type");
    } else if (rng.below(10) == 0) {
      rule.set("Condition", asl::Value(rng.coin()));  // a literal boolean is allowed too
    } else {
      rule.set("Condition", braces(jsonata_condition(rng, scope, tags)));
    }
    tag("jsonata:Condition");
    if (rng.chance(w.variables / 3)) {
      rule.set("Assign", asl::Value(asl::Object{{fresh("v"), braces(jsonata_expression(rng, scope, Ty::any, tags).text)}}));
      tag("variables");
      tag("choice:Assign");
      tag("jsonata:rule-Assign");
    }
    if (env.view.is_object() && rng.chance(w.io_fields / 4)) {
      rule.set("Output", braces(merged("rule_" + self, std::to_string(i))));
      tag("jsonata:rule-Output");
    }
    if ((i == 0 && s.no_default) || (!rng.chance(w.fail_exit) && !later.empty())) {
      rule.set("Next", asl::Value(i == 0 && s.no_default ? later.front() : later[rng.below(static_cast<int>(later.size()))]));
    } else {
      StateOut exit = side_terminal(env, "");
      rule.set("Next", asl::Value(exit.name));
      side.push_back(std::move(exit));
    }
    rules.emplace_back(std::move(rule));
  }
  if (s.no_default) tag("choice:no-default");
  s.json.set("Choices", asl::Value(std::move(rules)));
  if (env.view.is_object() && rng.chance(w.io_fields / 4)) {
    s.json.set("Output", braces(merged("choice_" + self, jsonata_expression(rng, scope, Ty::any, tags).text)));
    tag("jsonata:Output");
  }
  jsonata_assign(env, s.json, false);
  return s;
}

StateOut Builder::jsonata_side_terminal(BlockEnv& env, const std::string& error_at) {
  StateOut s{fresh(error_at.empty() ? "Exit" : "Caught"), {}, false};
  // When the data is the Error Output, the input's nodes are gone: variables only.
  JaScope scope = ja_scope_of(env);
  if (error_at == "$") scope.input = nullptr;
  const std::string error_path = error_at.size() > 2 ? "$states.input." + error_at.substr(2) : "$states.input";
  int r = rng.below(10);
  if (r < 5 && rng.chance(w.fail_exit * 3)) {
    s.json.set("Type", asl::Value("Fail"));
    tag("fail");
    switch (rng.below(4)) {
      case 0:
        s.json.set("Error", asl::Value(rng.coin() ? "Order.Failed" : "Custom.Error"));
        s.json.set("Cause", asl::Value(text_value(rng)));
        break;
      case 1:
        if (!error_at.empty()) {
          s.json.set("Error", braces(error_path + ".Error"));
        } else {
          s.json.set("Error", braces("'Custom.' & " + jsonata_expression(rng, scope, Ty::string, tags).text));
        }
        tag("jsonata:Error");
        break;
      case 2:
        s.json.set("Error", asl::Value("Custom.Error"));
        s.json.set("Cause", braces("$string(" + (error_at.empty() ? jsonata_expression(rng, scope, Ty::any, tags).text
                                                                  : error_path) + ")"));
        tag("jsonata:Cause");
        break;
      default: break;  // no Error, no Cause
    }
  } else if (r < 8) {
    s.json.set("Type", asl::Value("Succeed"));
    if (rng.coin()) {
      s.json.set("Output", braces(error_at.empty() ? "$states.input" : error_path));
      tag("jsonata:Output");
    }
    tag("succeed");
  } else {
    s.json.set("Type", asl::Value("Pass"));
    s.json.set("Output", payload_value(rng));
    s.json.set("End", asl::Value(true));
    tag("pass");
  }
  if (language_mode == 1) s.json.set("QueryLanguage", asl::Value("JSONata"));  // a JSONPath machine
  tag("jsonata");
  return s;
}

}  // namespace aslgen::detail
