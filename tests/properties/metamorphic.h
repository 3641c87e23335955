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
// The same with every case using JSONata (the "jsonata" profile).
inline aslgen::GenOptions jsonata_property_options() {
  aslgen::GenOptions o = *aslgen::profile_options("jsonata");
  o.max_states = 5;
  return o;
}

// A value with the event ids in causes ("entered at the event id #7") taken out, wherever they
// are (a caught error's Cause can end up in the output): inserting states renumbers events
// without changing behaviour.
inline Value without_event_ids(const Value& v) {
  static const std::regex ids("event id #[0-9]+");
  const std::string text = json::write(v);
  if (text.find("event id #") == std::string::npos) return v;
  auto back = json::read(std::regex_replace(text, ids, "event id #N"));
  return back ? *back : v;
}

// Status, output, error and cause, without event ids.
inline Value observable(const Result& r, bool with_trace = false) {
  Object o{{"status", Value(status_name(r.status))}};
  if (r.output) o.set("output", without_event_ids(*r.output));
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

// Two outputs are the same when they differ at most in event ids and, for a JSONata machine, in
// how numbers are spelled (JSONata's numbers are JavaScript's: 6.0 comes out as 6).
inline bool same_output(const Value& a, const Value& b, bool jsonata) {
  const Value x = without_event_ids(a), y = without_event_ids(b);
  return jsonata ? x == y : json::write(x) == json::write(y);
}

// Whether a top-level state is a JSONata state: its own QueryLanguage, else the machine's.
inline bool jsonata_state(const Case& c, const Value& state) {
  if (auto own = string_member(state, "QueryLanguage")) return *own == "JSONata";
  return string_member(c.definition, "QueryLanguage") == "JSONata";
}

}  // namespace asl::test::props
