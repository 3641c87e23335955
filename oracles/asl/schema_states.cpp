// schema_states.cpp — the schema pass for the fields of Task, Wait, Fail and Parallel states and for payload templates.
#include <string>

#include "asl/intrinsics.h"
#include "asl/schema_walker.h"

namespace asl::detail {
namespace {

bool is_expression(const Value& v) { return v.is_string() && is_jsonata_expression(v.as_string()); }

// A string the author probably meant as a path or an intrinsic call.
bool looks_dynamic(const Value& v) {
  if (!v.is_string()) return false;
  const std::string& text = v.as_string();
  return text.starts_with("$") || (intrinsics::looks_like_call(text) && text.find('(') != std::string::npos);
}

bool has_dynamic_key(const Value& v, int depth) {
  if (depth > kMaxRuleNesting) return false;
  if (v.is_object()) {
    for (const Member& m : v.as_object()) {
      if (m.key.ends_with(".$") || has_dynamic_key(m.value, depth + 1)) return true;
    }
  } else if (v.is_array()) {
    for (const Value& item : v.as_array()) {
      if (has_dynamic_key(item, depth + 1)) return true;
    }
  }
  return false;
}

// NO_DOLLAR: a plain key holding what looks like a path or a call is kept as a literal string.
void warn_no_dollar(const Value& spec, const std::string& location, DiagnosticSink& sink, int depth) {
  if (depth > kMaxRuleNesting) return;
  if (spec.is_object()) {
    for (const Member& m : spec.as_object()) {
      if (m.key.ends_with(".$")) continue;
      if (looks_dynamic(m.value)) {
        sink.warning(kNoDollar,
                     "The field '" + m.key +
                         "' looks like a JSONPath or an intrinsic function call, but its name does not end with '.$'",
                     location);
      }
      warn_no_dollar(m.value, location, sink, depth + 1);
    }
  } else if (spec.is_array()) {
    for (const Value& item : spec.as_array()) warn_no_dollar(item, location, sink, depth + 1);
  }
}

constexpr std::string_view kFailIntrinsics[] = {"States.Format",       "States.JsonToString", "States.ArrayGetItem",
                                                "States.Base64Encode", "States.Base64Decode", "States.Hash",
                                                "States.UUID"};

}  // namespace

// Parameters / ResultSelector / Assign / Result (JSONPath) and Arguments / Output / Assign
// (JSONata): their shapes, the warnings AWS gives on them, and JSONata delimiters.
void SchemaWalker::templates(const StateScope& s) {
  auto field = [&](std::string_view name) -> const Value* {
    const FieldRule* rule = find_field_rule(name);
    if (rule == nullptr || !allows(*rule, s.type)) return nullptr;
    return s.json.find(name);
  };
  if (s.language == QueryLanguage::jsonpath) {
    for (std::string_view name : {"Parameters", "ResultSelector", "Assign"}) {
      const Value* spec = field(name);
      if (spec == nullptr) continue;
      if (expect_object(*spec, name, child(s.location, name))) {
        warn_no_dollar(*spec, child(s.location, name), ctx_.sink, 0);
      }
    }
    if (const Value* result = field("Result"); result != nullptr && has_dynamic_key(*result, 0)) {
      ctx_.sink.warning(kPassResultIsStatic, "Attempt to use a path in the result of a pass state",
                        child(s.location, "Result"));
    }
    return;
  }
  if (const Value* assign = field("Assign")) {
    if (expect_object(*assign, "Assign", child(s.location, "Assign"))) {
      jsonata_strings(*assign, child(s.location, "Assign"), 0);
    }
  }
  if (const Value* arguments = field("Arguments")) {
    if (!arguments->is_object() && !is_expression(*arguments)) {
      error(message::must_be("Arguments", "an object or a JSONata expression"), child(s.location, "Arguments"));
    }
    jsonata_strings(*arguments, child(s.location, "Arguments"), 0);
  }
  if (const Value* output = field("Output")) jsonata_strings(*output, child(s.location, "Output"), 0);
}

// A JSONata string must open with "{%" and close with "%}" exactly; one that does only one of
// the two is a malformed expression rather than a literal. (Wording UNCONFIRMED.)
void SchemaWalker::jsonata_strings(const Value& json, const std::string& location, int depth) {
  if (depth > kMaxRuleNesting) return;
  if (json.is_string()) {
    const std::string& text = json.as_string();
    const bool opens = text.starts_with("{%");
    const bool closes = text.size() >= 2 && text.ends_with("%}") && !(text.size() < 4 && opens);
    if (opens != closes) {
      error("The JSONata expression must start with '{%' and end with '%}'", location);
    }
    return;
  }
  if (json.is_object()) {
    for (const Member& m : json.as_object()) jsonata_strings(m.value, child(location, m.key), depth + 1);
  } else if (json.is_array()) {
    std::size_t i = 0;
    for (const Value& item : json.as_array()) {
      jsonata_strings(item, indexed(location, i++), depth + 1);
    }
  }
}

void SchemaWalker::task(const StateScope& s) {
  const Value* resource = s.json.find("Resource");
  if (resource == nullptr) {
    error(message::required({"Resource"}), s.location);
  } else if (expect_string(*resource, "Resource", child(s.location, "Resource"))) {
    const std::string at = child(s.location, "Resource");
    ResourceCheck check = check_resource(resource->as_string());
    if (!check.code.empty()) {
      ctx_.sink.error(check.code, std::move(check.message), at);
    } else if (s.machine_type == MachineType::express) {
      if (std::string refusal = express_restriction(resource->as_string()); !refusal.empty()) error(refusal, at);
    }
  }
  only_one(s.json, {"TimeoutSeconds", "TimeoutSecondsPath"}, s.location);
  only_one(s.json, {"HeartbeatSeconds", "HeartbeatSecondsPath"}, s.location);
  const Value* timeout = s.json.find("TimeoutSeconds");
  const Value* heartbeat = s.json.find("HeartbeatSeconds");
  if (timeout != nullptr) {
    integer_field(*timeout, "TimeoutSeconds", child(s.location, "TimeoutSeconds"), 1, 99999999, s.language);
  }
  if (heartbeat != nullptr) {
    integer_field(*heartbeat, "HeartbeatSeconds", child(s.location, "HeartbeatSeconds"), 1, 99999999, s.language);
  }
  if (timeout != nullptr && heartbeat != nullptr && timeout->is_integer() && heartbeat->is_integer() &&
      heartbeat->as_int() >= timeout->as_int()) {
    error("HeartbeatSeconds must be smaller than TimeoutSeconds", child(s.location, "HeartbeatSeconds"));  // UNCONFIRMED
  }
  if (const Value* credentials = s.json.find("Credentials")) {
    const std::string at = child(s.location, "Credentials");
    if (expect_object(*credentials, "Credentials", at) && !credentials->as_object().contains("RoleArn") &&
        !(s.language == QueryLanguage::jsonpath && credentials->as_object().contains("RoleArn.$"))) {
      error(message::required_field("RoleArn"), at);  // [recorded]
    }
  }
}

void SchemaWalker::wait(const StateScope& s) {
  int present = 0;
  for (std::string_view f : {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"}) present += s.json.contains(f);
  if (present > 1) {
    error(message::only_one_of({"Seconds", "SecondsPath", "Timestamp", "TimestampPath"}), s.location);
  } else if (present == 0) {
    error(message::one_required({"Seconds", "SecondsPath", "Timestamp", "TimestampPath"}), s.location);
  }
  if (const Value* seconds = s.json.find("Seconds")) {
    integer_field(*seconds, "Seconds", child(s.location, "Seconds"), 0, 99999999, s.language);
  }
  if (const Value* timestamp = s.json.find("Timestamp")) {
    const std::string at = child(s.location, "Timestamp");
    if (s.language == QueryLanguage::jsonata && is_expression(*timestamp)) return;
    // A JSONata expression in a JSONPath state is just a string that is no timestamp [recorded].
    if (expect_string(*timestamp, "Timestamp", at) && !is_rfc3339_timestamp(timestamp->as_string())) {
      error(std::string(message::kNotTimestamp), at);
    }
  }
  for (std::string_view f : {"SecondsPath", "TimestampPath"}) {
    if (const Value* path = s.json.find(f)) expect_string(*path, f, child(s.location, f));
  }
}

void SchemaWalker::fail(const StateScope& s) {
  only_one(s.json, {"Error", "ErrorPath"}, s.location);
  only_one(s.json, {"Cause", "CausePath"}, s.location);
  for (std::string_view f : {"Error", "Cause"}) {
    const Value* v = s.json.find(f);
    if (v == nullptr || !expect_string(*v, f, child(s.location, f))) continue;
    if (s.language == QueryLanguage::jsonpath && v->as_string().starts_with("$")) {
      ctx_.sink.warning(kNoPath, "Field value looks like a path, but field name does not end with 'Path'",
                        child(s.location, f));
    }
    if (s.language == QueryLanguage::jsonata) jsonata_strings(*v, child(s.location, f), 0);
  }
  for (std::string_view f : {"ErrorPath", "CausePath"}) {
    const Value* v = s.json.find(f);
    if (v == nullptr || !expect_string(*v, f, child(s.location, f))) continue;
    if (!intrinsics::looks_like_call(v->as_string())) continue;  // a path: the loader compiles it
    auto call = intrinsics::compile(v->as_string());
    bool allowed = false;
    if (call) {
      for (std::string_view name : kFailIntrinsics) allowed = allowed || call->function() == name;
    }
    if (!allowed) error(message::must_be(f, "a valid JSONPath or a valid intrinsic function call"), child(s.location, f));
  }
}

void SchemaWalker::parallel(const StateScope& s) {
  const Value* branches = s.json.find("Branches");
  const std::string at = child(s.location, "Branches");
  if (branches == nullptr) {
    error(message::required({"Branches"}), s.location);
    return;
  }
  if (!expect_array(*branches, "Branches", at)) return;
  if (branches->as_array().empty()) {
    error(std::string(message::kEmpty), at);  // [recorded]
    return;
  }
  std::size_t i = 0;
  for (const Value& branch : branches->as_array()) {
    machine(branch, indexed(at, i++), s.depth + 1, MachineKind::branch, s.machine_type);
  }
}

}  // namespace asl::detail
