// jsonata_fields.cpp — the "{% %}" template walk, $states, and AWS's States.QueryEvaluationError causes and EvaluationFailed event.
#include "exec/jsonata_fields.h"

#include "asl/json.h"
#include "asl/jsonata.h"

namespace asl::exec {

namespace {

std::string sentence(const JsonataTemplate& t, std::string_view field) {
  return "The JSONata expression '" + t.text + "' specified for the field '" + std::string(field) + "' ";
}

Error located(std::string cause, std::string_view field) {
  return Error{std::string(kQueryEvaluationError), std::move(cause), Location::in(std::string(field))};
}

// One expression. `field` is the full location of this node.
Expected<Value> evaluate_expression(const JsonataTemplate& t, const std::string& field, const JsonataScope& scope) {
  jsonata::Bindings bindings;
  bindings.names.emplace_back("states", scope.states);
  bindings.variables = scope.variables;
  jsonata::EvalOptions options;
  options.entropy = scope.entropy;
  options.now_millis = scope.now_millis;
  options.reject_function_results = true;
  options.work_budget = scope.work_budget;
  auto result = jsonata::evaluate(*t.expression, nullptr, bindings, options);
  if (!result) {
    const Error& e = result.error();
    if (e.name == jsonata::kWorkLimitExceeded) {
      std::string why = sentence(t, field) + "ran past the oracle's JSONata work limit (ExecOptions::max_jsonata_work); "
                        "what AWS does with such an evaluation is not known";
      if (scope.case_error != nullptr && !*scope.case_error) *scope.case_error = why;
      return located(std::move(why), field);
    }
    if (e.name == jsonata::kUnsupportedResult) return located(sentence(t, field) + "returned an unsupported result type.", field);
    // "<CODE>: <message>" after the sentence [ISS floci#2736, LS T1006].
    return located(sentence(t, field) + "threw an error during evaluation. " + e.name + ": " + e.message, field);
  }
  if (!result->has_value()) return located(sentence(t, field) + "returned nothing (undefined).", field);
  return std::move(**result);
}

// The walk: `field` grows by "/key" and "[i]" on the way down and is restored on the way up.
Expected<Value> evaluate_node(const JsonataTemplate& t, std::string& field, const JsonataScope& scope) {
  switch (t.kind) {
    case JsonataTemplate::Kind::literal: return t.literal;
    case JsonataTemplate::Kind::expression: return evaluate_expression(t, field, scope);
    case JsonataTemplate::Kind::object: {
      Object out;
      const std::size_t mark = field.size();
      for (const JsonataMember& m : t.members) {
        field += '/';
        field += m.key;
        auto v = evaluate_node(m.value, field, scope);
        if (!v) return v;
        field.resize(mark);
        out.append_unique(m.key, std::move(v).value());
      }
      return Value(std::move(out));
    }
    case JsonataTemplate::Kind::array: {
      Array out;
      out.reserve(t.items.size());
      const std::size_t mark = field.size();
      for (std::size_t i = 0; i < t.items.size(); ++i) {
        field += '[';
        field += std::to_string(i);
        field += ']';
        auto v = evaluate_node(t.items[i], field, scope);
        if (!v) return v;
        field.resize(mark);
        out.push_back(std::move(v).value());
      }
      return Value(std::move(out));
    }
  }
  return Value();
}

// The kind names AWS's causes use.
std::string_view kind_of(const Value& v) { return kind_name(v.kind()); }

}  // namespace

JsonataScope JsonataScope::of(Execution& ex, const StateScope& scope, const Value& input, const Value* result,
                              const Value* error_output) {
  Object states;
  states.append_unique("input", input);
  if (result != nullptr) states.append_unique("result", *result);
  if (error_output != nullptr) states.append_unique("errorOutput", *error_output);
  states.append_unique("context", scope.context != nullptr ? *scope.context : Value());
  Instant now = ex.now();
  return JsonataScope{Value(std::move(states)), scope.variables, scope.entropy, now.seconds * 1000 + now.nanos / 1000000,
                      ex.options.max_jsonata_work > 0 ? &ex.jsonata_work_left : nullptr, &ex.case_error};
}

Expected<Value> evaluate_jsonata(const JsonataTemplate& t, std::string_view field, const JsonataScope& scope) {
  std::string location(field);
  return evaluate_node(t, location, scope);
}

Expected<Value> evaluate_jsonata(const JsonataField& f, std::string_view field, const JsonataScope& scope) {
  if (f.compiled == nullptr) return f.value.value_or(Value());  // not loaded through the loader: as written
  return evaluate_jsonata(*f.compiled, field, scope);
}

Error unexpected_result_type(const JsonataTemplate& t, std::string_view field, std::string_view expected,
                             const Value& got) {
  std::string cause = t.kind == JsonataTemplate::Kind::expression
                          ? sentence(t, field)
                          : "The value specified for the field '" + std::string(field) + "' ";  // UNCONFIRMED wording
  cause += "returned an unexpected result type. Expected '" + std::string(expected) + "', but was '" +
           std::string(kind_of(got)) + "' for value: " + json::write(got);
  return located(std::move(cause), field);
}

Checked evaluate_jsonata_assign(const JsonataField& assign, std::string_view field, const JsonataScope& scope,
                                Object& assigned) {
  auto values = evaluate_jsonata(assign, field, scope);
  if (!values) return std::move(values).error();
  if (!values->is_object()) return checked_ok();  // the schema pass requires an object
  for (const Member& m : values->as_object()) assigned.set(m.key, m.value);
  return checked_ok();
}

Expected<Value> jsonata_output(const JsonataField& output, std::string_view field, const JsonataScope& scope,
                               const Value& fallback) {
  if (!output.present()) return fallback;
  return evaluate_jsonata(output, field, scope);
}

Expected<std::optional<double>> jsonata_number(const NumberOrPath& field, std::string_view name, bool integral,
                                               const JsonataScope& scope) {
  if (!field.jsonata) {
    if (field.literal && field.literal->is_number()) return std::optional<double>(field.literal->as_double());
    return std::optional<double>();
  }
  auto v = evaluate_jsonata(*field.jsonata, name, scope);
  if (!v) return std::move(v).error();
  if (!v->is_number() || (integral && !v->is_integral())) {
    // AWS's wording for a number field is not recorded; Items' form is followed. UNCONFIRMED.
    return unexpected_result_type(*field.jsonata, name, integral ? "integer" : "number", *v);
  }
  return std::optional<double>(v->as_double());
}

Failure evaluation_failure(Execution& ex, Frame& frame, const State& s, const Error& e, std::int64_t entered_id) {
  Failure f = state_failure(e, s, entered_id);
  if (e.name == kQueryEvaluationError) {
    Object details;
    details.append_unique("error", Value(e.name));
    details.append_unique("cause", Value(f.cause.value_or("")));
    if (!e.where.pointer.empty()) details.append_unique("location", Value(e.where.pointer));
    details.append_unique("state", Value(s.name));
    ex.add_event(frame, "EvaluationFailed", "evaluationFailedEventDetails", Value(std::move(details)));
  }
  return f;
}

Error query_evaluation_error(std::string cause, std::string location) {
  return Error{std::string(kQueryEvaluationError), std::move(cause), Location::in(std::move(location))};
}

}  // namespace asl::exec
