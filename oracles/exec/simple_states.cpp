// simple_states.cpp — Pass, Succeed, Fail and Wait, in JSONPath and JSONata mode.
#include <cmath>
#include <tuple>

#include "asl/json.h"
#include "exec/jsonata_fields.h"

namespace asl::exec {

namespace {

// JSONata Pass and Succeed: Assign and Output, both from the state's input.
StateOutcome run_jsonata_pass(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id) {
  StateEnvironment env(ex, frame, s);
  JsonataScope scope = JsonataScope::of(ex, env.scope, raw);
  Object assigned;
  if (s.jsonata_assign.present()) {
    auto done = evaluate_jsonata_assign(s.jsonata_assign, "Assign", scope, assigned);
    if (!done) return failed(evaluation_failure(ex, frame, s, done.error(), entered_id));
  }
  auto output = jsonata_output(s.output, "Output", scope, raw);
  if (!output) return failed(evaluation_failure(ex, frame, s, output.error(), entered_id));
  return transition(s, std::move(output).value(), std::move(assigned));
}

}  // namespace

StateOutcome run_pass_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id) {
  if (s.language == QueryLanguage::jsonata) return run_jsonata_pass(ex, frame, s, raw, entered_id);
  StateEnvironment env(ex, frame, s);
  Value result;
  if (s.result) {
    // A Pass with Result neither applies InputPath nor builds Parameters: its TestState
    // inspection data shows neither step (recorded), so their paths cannot fail either.
    result = *s.result;
  } else {
    auto effective = apply_filter_path(s.input_path, raw, env.scope);
    if (!effective) return failed(state_failure(effective.error(), s, entered_id));
    result = *effective;
    if (s.parameters) {
      auto built = apply_template(*s.parameters, *effective, env.scope);
      if (!built) return failed(state_failure(built.error(), s, entered_id));
      result = std::move(built).value();
    }
  }
  Object assigned;
  if (s.assign) {
    auto done = evaluate_assign(*s.assign, result, env.scope, assigned);
    if (!done) return failed(state_failure(done.error(), s, entered_id));
  }
  auto placed = apply_result_path(s.result_path, raw, result);
  if (!placed) return failed(state_failure(placed.error(), s, entered_id));
  auto output = apply_filter_path(s.output_path, *placed, env.scope);
  if (!output) return failed(state_failure(output.error(), s, entered_id));
  return transition(s, std::move(output).value(), std::move(assigned));
}

StateOutcome run_succeed_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id) {
  if (s.language == QueryLanguage::jsonata) {
    StateOutcome out = run_jsonata_pass(ex, frame, s, raw, entered_id);
    if (out.kind != StateOutcome::Kind::failed) out.kind = StateOutcome::Kind::end;
    return out;
  }
  StateEnvironment env(ex, frame, s);
  auto effective = apply_filter_path(s.input_path, raw, env.scope);
  if (!effective) return failed(state_failure(effective.error(), s, entered_id));
  auto output = apply_filter_path(s.output_path, *effective, env.scope);
  if (!output) return failed(state_failure(output.error(), s, entered_id));
  StateOutcome out;
  out.kind = StateOutcome::Kind::end;
  out.output = std::move(output).value();
  return out;
}

namespace {

// ErrorPath / CausePath: a reference path or an intrinsic, read against the state's input.
Expected<std::string> dynamic_string(const DynamicString& field, std::string_view field_name, const Value& input,
                                     const StateScope& scope) {
  Expected<Value> value = Value();
  if (field.call) {
    value = intrinsics::evaluate(*field.call, scope.with_input(input));
  } else {
    value = jsonpath::evaluate(*field.path, scope.with_input(input));
    if (!value && value.error().name == errc::path_not_found) {
      return Error{std::string(kStatesRuntime),
                   "The JSONPath '" + field.text + "' specified for the field '" + std::string(field_name) +
                       "' could not be found in the input '" + json::write(input) + "'",
                   {}};
    }
  }
  if (!value) return std::move(value).error();
  return value->is_string() ? value->as_string() : json::write(*value);
}

}  // namespace

namespace {

// JSONata Error / Cause: strings, or expressions that give them (any other value is shown as
// JSON text; AWS's handling of one is UNCONFIRMED).
StateOutcome run_jsonata_fail(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id) {
  StateEnvironment env(ex, frame, s);
  JsonataScope scope = JsonataScope::of(ex, env.scope, raw);
  Failure f;
  for (auto [field, name, target] : {std::tuple{&s.jsonata_error, "Error", &f.error},
                                     std::tuple{&s.jsonata_cause, "Cause", &f.cause}}) {
    if (!field->present()) continue;
    auto v = evaluate_jsonata(*field, name, scope);
    if (!v) return failed(evaluation_failure(ex, frame, s, v.error(), entered_id));
    *target = v->is_string() ? v->as_string() : json::write(*v);
  }
  return failed(std::move(f));
}

}  // namespace

StateOutcome run_fail_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id) {
  if (s.language == QueryLanguage::jsonata) return run_jsonata_fail(ex, frame, s, raw, entered_id);
  StateEnvironment env(ex, frame, s);
  Failure f;
  if (s.error && s.error->is_string()) f.error = s.error->as_string();
  if (s.cause && s.cause->is_string()) f.cause = s.cause->as_string();
  if (s.error_path) {
    auto text = dynamic_string(*s.error_path, "ErrorPath", raw, env.scope);
    if (!text) return failed(state_failure(text.error(), s, entered_id));
    f.error = std::move(text).value();
  }
  if (s.cause_path) {
    auto text = dynamic_string(*s.cause_path, "CausePath", raw, env.scope);
    if (!text) return failed(state_failure(text.error(), s, entered_id));
    f.cause = std::move(text).value();
  }
  return failed(std::move(f));
}

namespace {

// The delay a Wait state asks for, in seconds, or a States.Runtime error with AWS's cause.
Expected<double> wait_seconds(Execution& ex, const State& s, const Value& effective, const StateScope& scope) {
  auto runtime = [](std::string cause) { return Error{std::string(kStatesRuntime), std::move(cause), {}}; };
  if (s.seconds) {
    return s.seconds->as_double();
  }
  if (s.seconds_path) {
    const std::string& p = s.seconds_path->text();
    auto v = jsonpath::evaluate(*s.seconds_path, scope.with_input(effective));
    if (!v) return runtime("The SecondsPath parameter does not reference an input value: " + p);
    if (!v->is_number() || !v->is_integral()) {
      return runtime("The SecondsPath parameter cannot be parsed as a long value: " + p + " == " + json::write(*v));
    }
    if (v->as_double() < 0) {
      return runtime("The SecondsPath parameter references a negative value: " + p + " == " + json::write(*v));
    }
    return v->as_double();
  }
  std::optional<Instant> until;
  if (s.timestamp && s.timestamp->is_string()) {
    until = parse_timestamp(s.timestamp->as_string());
    if (!until) {
      return runtime("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " +
                     s.timestamp->as_string());
    }
  } else if (s.timestamp_path) {
    const std::string& p = s.timestamp_path->text();
    auto v = jsonpath::evaluate(*s.timestamp_path, scope.with_input(effective));
    if (!v) return runtime("The TimestampPath parameter does not reference an input value: " + p);  // UNCONFIRMED
    if (v->is_string()) until = parse_timestamp(v->as_string());
    if (!until) {
      return runtime(
          "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: " +
          p + " == " + (v->is_string() ? v->as_string() : json::write(*v)));
    }
  }
  if (!until) return 0.0;
  double delay = until->as_double() - ex.now().as_double();
  // AWS accepts 24,855 days ahead and refuses 24,856 (about 2^31 seconds): recorded.
  if (delay > 2147483647.0) return runtime("Wait state delay is too long.");
  return delay > 0 ? delay : 0.0;
}

}  // namespace

namespace {

// JSONata Seconds / Timestamp: literals or expressions. A bad timestamp is a
// States.QueryEvaluationError with the JSONPath-mode wording [recorded].
Expected<double> jsonata_wait_seconds(Execution& ex, const State& s, const JsonataScope& scope) {
  if (s.jsonata_seconds.present()) {
    auto v = evaluate_jsonata(s.jsonata_seconds, "Seconds", scope);
    if (!v) return std::move(v).error();
    if (!v->is_number() || !v->is_integral() || v->as_double() < 0) {
      // AWS's wording for a Seconds expression that gives no non-negative integer: UNCONFIRMED.
      return unexpected_result_type(*s.jsonata_seconds.compiled, "Seconds", "integer", *v);
    }
    return v->as_double();
  }
  if (!s.jsonata_timestamp.present()) return 0.0;
  auto v = evaluate_jsonata(s.jsonata_timestamp, "Timestamp", scope);
  if (!v) return std::move(v).error();
  std::optional<Instant> until;
  if (v->is_string()) until = parse_timestamp(v->as_string());
  if (!until) {
    return query_evaluation_error(
        "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " +
            (v->is_string() ? v->as_string() : json::write(*v)),
        "Timestamp");
  }
  double delay = until->as_double() - ex.now().as_double();
  if (delay > 2147483647.0) return query_evaluation_error("Wait state delay is too long.", "Timestamp");  // UNCONFIRMED error name
  return delay > 0 ? delay : 0.0;
}

Task<StateOutcome> run_jsonata_wait(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id) {
  StateEnvironment env(ex, frame, s);
  JsonataScope scope = JsonataScope::of(ex, env.scope, raw);
  auto delay = jsonata_wait_seconds(ex, s, scope);
  if (!delay) co_return failed(evaluation_failure(ex, frame, s, delay.error(), entered_id));
  co_await ex.sleep(frame, *delay);
  if (frame.cancelled()) co_return failed({});
  // Assign and Output are the state's exit: $now() reads the clock after the wait (UNCONFIRMED).
  scope.now_millis = JsonataScope::of(ex, env.scope, raw).now_millis;
  Object assigned;
  if (s.jsonata_assign.present()) {
    auto done = evaluate_jsonata_assign(s.jsonata_assign, "Assign", scope, assigned);
    if (!done) co_return failed(evaluation_failure(ex, frame, s, done.error(), entered_id));
  }
  auto output = jsonata_output(s.output, "Output", scope, raw);
  if (!output) co_return failed(evaluation_failure(ex, frame, s, output.error(), entered_id));
  co_return transition(s, std::move(output).value(), std::move(assigned));
}

}  // namespace

Task<StateOutcome> run_wait_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id) {
  if (s.language == QueryLanguage::jsonata) co_return co_await run_jsonata_wait(ex, frame, s, raw, entered_id);
  StateEnvironment env(ex, frame, s);
  auto effective = apply_filter_path(s.input_path, raw, env.scope);
  if (!effective) co_return failed(state_failure(effective.error(), s, entered_id));
  auto delay = wait_seconds(ex, s, *effective, env.scope);
  if (!delay) co_return failed(state_failure(delay.error(), s, entered_id));
  Object assigned;
  if (s.assign) {
    auto done = evaluate_assign(*s.assign, *effective, env.scope, assigned);
    if (!done) co_return failed(state_failure(done.error(), s, entered_id));
  }
  co_await ex.sleep(frame, *delay);
  if (frame.cancelled()) co_return failed({});
  auto output = apply_filter_path(s.output_path, *effective, env.scope);
  if (!output) co_return failed(state_failure(output.error(), s, entered_id));
  co_return transition(s, std::move(output).value(), std::move(assigned));
}

}  // namespace asl::exec
