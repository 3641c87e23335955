// metamorphic.h — what the property tests share: running cases, comparing what AWS lets one observe, editing top-level states.
#pragma once

#include <optional>
#include <regex>
#include <string>

#include "asl/exec.h"
#include "asl/json.h"
#include "aslgen/generate.h"

namespace asl::test::props {

// Size of generated machines in the properties (RC_PARAMS="max_success=..." runs more of them).
inline aslgen::GenOptions property_options() {
  aslgen::GenOptions o;
  o.max_states = 5;
  return o;
}

// Status, output, error and cause, with the event ids in causes ("entered at the event id #7")
// taken out: inserting states renumbers events without changing behaviour.
inline Value observable(const Result& r, bool with_trace = false) {
  Object o{{"status", Value(status_name(r.status))}};
  if (r.output) o.set("output", *r.output);
  if (r.error) o.set("error", Value(*r.error));
  if (r.cause) o.set("cause", Value(std::regex_replace(*r.cause, std::regex("event id #[0-9]+"), "event id #N")));
  if (with_trace) {
    Array trace;
    for (const std::string& t : r.trace) trace.emplace_back(t);
    o.set("trace", Value(std::move(trace)));
  }
  return Value(std::move(o));
}

inline std::string show(const Value& v) { return json::write(v); }

// The top-level states object, mutable.
inline Object& top_states(Case& c) { return c.definition.mutable_object().find_mutable("States")->mutable_object(); }

inline std::optional<std::string> string_member(const Value& v, std::string_view key) {
  const Value* s = v.get(key);
  if (s == nullptr || !s->is_string()) return std::nullopt;
  return s->as_string();
}

}  // namespace asl::test::props
