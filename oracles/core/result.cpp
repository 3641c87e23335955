// result.cpp — the JSON form of a Result, as `aslcheck exec` prints it and target adapters return it.
#include "asl/result.h"

namespace asl {

namespace {
constexpr std::pair<Status, std::string_view> kStatusNames[] = {
    {Status::succeeded, "SUCCEEDED"},   {Status::failed, "FAILED"},
    {Status::timed_out, "TIMED_OUT"},   {Status::aborted, "ABORTED"},
    {Status::invalid_definition, "INVALID_DEFINITION"}, {Status::target_error, "TARGET_ERROR"},
    {Status::running, "RUNNING"},
};

Error bad(const std::string& pointer, std::string message) {
  return Error{std::string(errc::json_syntax), std::move(message), Location::in(pointer)};
}

const std::string* string_member(const Value& object, std::string_view key) {
  const Value* v = object.get(key);
  return v != nullptr && v->is_string() ? &v->as_string() : nullptr;
}
}  // namespace

std::string_view status_name(Status status) {
  for (const auto& [s, name] : kStatusNames) {
    if (s == status) return name;
  }
  return "UNKNOWN";
}

std::optional<Status> parse_status(std::string_view name) {
  for (const auto& [s, n] : kStatusNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

Value to_json(const Result& result) {
  Object out;
  out.set("status", Value(status_name(result.status)));
  if (result.output) out.set("output", *result.output);
  if (result.error) out.set("error", Value(*result.error));
  if (result.cause) out.set("cause", Value(*result.cause));
  if (!result.trace.empty()) {
    Array trace;
    for (const auto& s : result.trace) trace.emplace_back(s);
    out.set("trace", Value(std::move(trace)));
  }
  if (!result.retries.empty()) {
    Array retries;
    for (const RetryRecord& r : result.retries) {
      retries.emplace_back(Object{{"state", Value(r.state)},
                                  {"attempt", Value(r.attempt)},
                                  {"delaySeconds", Value(r.delay_seconds)}});
    }
    out.set("retries", Value(std::move(retries)));
  }
  if (result.history) out.set("history", *result.history);
  if (!result.diagnostics.empty()) {
    Array diagnostics;
    for (const Diagnostic& d : result.diagnostics) {
      Object o{{"severity", Value(d.severity)}, {"code", Value(d.code)}, {"message", Value(d.message)}};
      if (!d.location.empty()) o.set("location", Value(d.location));
      diagnostics.emplace_back(std::move(o));
    }
    out.set("diagnostics", Value(std::move(diagnostics)));
  }
  if (!result.message.empty()) out.set("message", Value(result.message));
  if (!result.written_objects.empty()) {
    Object objects;
    for (const auto& [uri, content] : result.written_objects) objects.append_unique(uri, content);
    out.set("objects", Value(std::move(objects)));
  }
  return Value(std::move(out));
}

Expected<Result> read_result(const Value& json) {
  if (!json.is_object()) return bad("/", "a result must be a JSON object");
  Result result;
  const std::string* status = string_member(json, "status");
  if (status == nullptr) return bad("/status", "a result needs a \"status\"");
  auto parsed = parse_status(*status);
  if (!parsed) return bad("/status", "unknown status '" + *status + "'");
  result.status = *parsed;
  if (const Value* output = json.get("output")) result.output = *output;
  if (const std::string* e = string_member(json, "error")) result.error = *e;
  if (const std::string* c = string_member(json, "cause")) result.cause = *c;
  if (const std::string* m = string_member(json, "message")) result.message = *m;
  if (const Value* trace = json.get("trace")) {
    if (!trace->is_array()) return bad("/trace", "must be a list of state names");
    for (const Value& s : trace->as_array()) {
      if (!s.is_string()) return bad("/trace", "must be a list of state names");
      result.trace.push_back(s.as_string());
    }
  }
  if (const Value* retries = json.get("retries")) {
    if (!retries->is_array()) return bad("/retries", "must be a list");
    std::size_t i = 0;
    for (const Value& r : retries->as_array()) {
      std::string at = "/retries/" + std::to_string(i++);
      const std::string* state = string_member(r, "state");
      const Value* attempt = r.get("attempt");
      const Value* delay = r.get("delaySeconds");
      if (state == nullptr || attempt == nullptr || !attempt->is_integer() || delay == nullptr || !delay->is_number()) {
        return bad(at, "a retry needs \"state\", an integer \"attempt\" and a number \"delaySeconds\"");
      }
      result.retries.push_back(RetryRecord{*state, attempt->as_int(), delay->as_double()});
    }
  }
  if (const Value* history = json.get("history")) result.history = *history;
  if (const Value* diagnostics = json.get("diagnostics")) {
    if (!diagnostics->is_array()) return bad("/diagnostics", "must be a list");
    for (const Value& d : diagnostics->as_array()) {
      Diagnostic diag;
      if (const std::string* s = string_member(d, "severity")) diag.severity = *s;
      if (const std::string* s = string_member(d, "code")) diag.code = *s;
      if (const std::string* s = string_member(d, "message")) diag.message = *s;
      if (const std::string* s = string_member(d, "location")) diag.location = *s;
      result.diagnostics.push_back(std::move(diag));
    }
  }
  if (const Value* objects = json.get("objects")) {
    if (!objects->is_object()) return bad("/objects", "must be an object of \"s3://bucket/key\": content");
    for (const Member& m : objects->as_object()) result.written_objects.emplace(m.key, m.value);
  }
  return result;
}

}  // namespace asl
