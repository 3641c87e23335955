// io_pipeline.cpp — JSONPath-mode I/O processing with AWS's runtime errors.
#include "exec/io_pipeline.h"

#include "asl/json.h"

namespace asl::exec {

namespace {
Error runtime_error(std::string cause) { return Error{std::string(kStatesRuntime), std::move(cause), {}}; }
}  // namespace

Expected<Value> apply_filter_path(const PathField& field, const Value& document, const StateScope& scope) {
  switch (field.mode) {
    case PathField::Mode::dollar: return document;
    case PathField::Mode::null: return Value(Object{});
    case PathField::Mode::path: break;
  }
  auto result = jsonpath::evaluate(field.path, scope.with_input(document));
  if (result) return result;
  if (result.error().name == errc::path_not_found) {
    return runtime_error("Invalid path '" + field.path.text() + "' : " + result.error().message);
  }
  return runtime_error(result.error().message);
}

Expected<Value> apply_result_path(const PathField& field, const Value& raw_input, const Value& result) {
  switch (field.mode) {
    case PathField::Mode::dollar: return result;
    case PathField::Mode::null: return raw_input;
    case PathField::Mode::path: break;
  }
  auto written = jsonpath::assign(field.path, raw_input, result);
  if (written) return written;
  // The cause AWS gives when ResultPath cannot be written is not recorded: UNCONFIRMED wording.
  return runtime_error("Invalid path '" + field.path.text() + "' : " + written.error().message);
}

Expected<Value> apply_template(const PayloadTemplate& t, const Value& input, const StateScope& scope) {
  return t.evaluate(scope.with_input(input));
}

Checked evaluate_assign(const PayloadTemplate& assign, const Value& input, const StateScope& scope, Object& assigned) {
  auto values = assign.evaluate(scope.with_input(input));
  if (!values) return std::move(values).error();
  for (const Member& m : values->as_object()) assigned.set(m.key, m.value);
  return checked_ok();
}

Failure state_failure(const Error& error, const State& s, std::int64_t entered_id) {
  Failure f;
  f.error = error.name;
  f.cause = Execution::runtime_prefix(s.name, entered_id) + error.message;
  f.terminal = error.name == kStatesRuntime;
  return f;
}

Expected<Value> read_number_at_path(const jsonpath::Path& path, std::string_view field, bool integral,
                                    std::string_view bad_value_error, const Value& input, const StateScope& scope) {
  auto v = jsonpath::evaluate(path, scope.with_input(input));
  if (!v) return runtime_error("Invalid path '" + path.text() + "' : " + v.error().message);
  Value number = *v;
  if (v->is_string()) {
    auto parsed = json::read(v->as_string());
    if (parsed) number = std::move(parsed).value();
  }
  if (!number.is_number() || (integral && !number.is_integral())) {
    // Strings are shown bare, other values as JSON text (recorded: "NoNumber", "{}").
    std::string shown = v->is_string() ? v->as_string() : json::write(*v);
    return Error{std::string(bad_value_error),
                 "The " + std::string(field) + " field refers to value \"" + shown + "\" which is not a valid " +
                     (integral ? "integer" : "float") + ": " + path.text(),
                 {}};
  }
  return number;
}

std::optional<Failure> check_payload_size(const Value& output, const State& s) {
  if (json::written_size_at_most(output, kPayloadLimitBytes)) return std::nullopt;
  Failure f;
  f.error = std::string(kStatesDataLimitExceeded);
  f.cause = "The state/task '" + s.name + "' returned a result with a size exceeding the maximum number of bytes service limit.";
  f.terminal = true;
  return f;
}

}  // namespace asl::exec
