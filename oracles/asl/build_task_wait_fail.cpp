// build_task_wait_fail.cpp — the type-specific fields of Task, Wait and Fail states.
#include <string>

#include "asl/build_detail.h"

namespace asl::detail {
namespace {

// ErrorPath / CausePath: a reference path or one of the intrinsics AWS allows there.
std::optional<DynamicString> build_dynamic_string(const Value& json, const std::string& location, BuildContext& ctx) {
  if (!json.is_string()) return std::nullopt;
  DynamicString out;
  out.text = json.as_string();
  if (intrinsics::looks_like_call(out.text)) {
    auto call = intrinsics::compile(out.text);
    if (!call) return std::nullopt;  // reported by the schema pass with AWS's wording
    out.call = std::move(call).value();
    return out;
  }
  out.path = compile_path(json, location, PathRule::reference, ctx);
  if (!out.path) return std::nullopt;
  return out;
}

}  // namespace

void build_task(State& state, const Object& json, const std::string& location, BuildContext& ctx) {
  if (const Value* resource = json.find("Resource"); resource != nullptr && resource->is_string()) {
    state.resource = resource->as_string();
  }
  state.timeout_seconds = build_number_or_path(json, "TimeoutSeconds", "TimeoutSecondsPath", location,
                                               PathRule::reference, ctx);
  state.heartbeat_seconds = build_number_or_path(json, "HeartbeatSeconds", "HeartbeatSecondsPath", location,
                                                 PathRule::reference, ctx);
  if (const Value* credentials = json.find("Credentials")) state.credentials = *credentials;
  if (state.language == QueryLanguage::jsonata) {
    for (auto [field, name] : {std::pair{&state.timeout_seconds, "TimeoutSeconds"},
                               std::pair{&state.heartbeat_seconds, "HeartbeatSeconds"}}) {
      if (field->literal) field->jsonata = compile_jsonata(*field->literal, child(location, name), StatesAccess::input_only, ctx);
    }
  }
}

void build_wait(State& state, const Object& json, const std::string& location, BuildContext& ctx) {
  if (const Value* seconds = json.find("Seconds")) state.seconds = *seconds;
  if (const Value* timestamp = json.find("Timestamp")) state.timestamp = *timestamp;
  if (state.language == QueryLanguage::jsonata) {
    state.jsonata_seconds = build_jsonata_field(json.find("Seconds"), child(location, "Seconds"), StatesAccess::input_only, ctx);
    state.jsonata_timestamp =
        build_jsonata_field(json.find("Timestamp"), child(location, "Timestamp"), StatesAccess::input_only, ctx);
  }
  if (const Value* path = json.find("SecondsPath")) {
    state.seconds_path = compile_path(*path, child(location, "SecondsPath"), PathRule::reference, ctx);
  }
  if (const Value* path = json.find("TimestampPath")) {
    state.timestamp_path = compile_path(*path, child(location, "TimestampPath"), PathRule::reference, ctx);
  }
}

void build_fail(State& state, const Object& json, const std::string& location, BuildContext& ctx) {
  if (const Value* error = json.find("Error")) state.error = *error;
  if (const Value* cause = json.find("Cause")) state.cause = *cause;
  if (state.language == QueryLanguage::jsonata) {
    state.jsonata_error = build_jsonata_field(json.find("Error"), child(location, "Error"), StatesAccess::input_only, ctx);
    state.jsonata_cause = build_jsonata_field(json.find("Cause"), child(location, "Cause"), StatesAccess::input_only, ctx);
  }
  if (const Value* path = json.find("ErrorPath")) {
    state.error_path = build_dynamic_string(*path, child(location, "ErrorPath"), ctx);
  }
  if (const Value* path = json.find("CausePath")) {
    state.cause_path = build_dynamic_string(*path, child(location, "CausePath"), ctx);
  }
}

}  // namespace asl::detail
