// schema_walker.cpp — the schema pass over machines and the fields every state shares (placement, language, transition).
#include <cmath>
#include <string>

#include "asl/schema_walker.h"
#include "asl/validate_detail.h"

namespace asl::detail {
namespace {

std::optional<StateType> state_type_of(const Value& type) {
  if (!type.is_string()) return std::nullopt;
  for (StateType t : {StateType::task, StateType::wait, StateType::pass, StateType::succeed, StateType::fail,
                      StateType::choice, StateType::parallel, StateType::map}) {
    if (state_type_name(t) == type.as_string()) return t;
  }
  return std::nullopt;
}

// Names are measured in characters (code points), as AWS's Java validator counts them for the
// BMP; UTF-8 continuation bytes do not count.
std::size_t character_count(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

void validate_schema(const Value& definition, BuildContext& ctx) {
  SchemaWalker walker(ctx);
  walker.definition(definition);
}

void SchemaWalker::definition(const Value& json) {
  if (!json.is_object()) {
    ctx_.sink.error(kSchemaValidationFailed, "Definition must be a valid JSON object", "");
    return;
  }
  machine(json, "", 0, MachineKind::top, ctx_.options.type);
}

// machine = { "StartAt": name, "States": { name: state, ... }, "Comment"?, ("Version"?,
//             "TimeoutSeconds"?, "QueryLanguage"?)top-level, ("ProcessorConfig"?)processor }
void SchemaWalker::machine(const Value& json, const std::string& location, int depth, MachineKind kind,
                           MachineType type) {
  const std::string here = location.empty() ? "/" : location;
  if (depth > kMaxMachineNesting) {
    ctx_.sink.error(kTooDeeplyNested,
                    "The states are nested more than " + std::to_string(kMaxMachineNesting) + " levels deep", here);
    return;
  }
  if (!json.is_object()) {
    error(message::must_be(kind == MachineKind::branch ? "Branches" : "ItemProcessor", "an object"), here);
    return;
  }
  const Object& object = json.as_object();
  const Value* states = object.find("States");
  const Value* start = object.find("StartAt");
  if (states == nullptr && start == nullptr) {
    error(message::required({"States", "StartAt"}), here);
  } else if (states == nullptr) {
    error(message::required({"States"}), here);
  } else if (start == nullptr) {
    error(message::required({"StartAt"}), here);
  }
  switch (kind) {
    case MachineKind::top:
      unknown_fields(object, {"StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage"}, here);
      break;
    case MachineKind::branch: unknown_fields(object, {"StartAt", "States", "Comment"}, here); break;
    case MachineKind::processor:
      unknown_fields(object, {"StartAt", "States", "Comment", "ProcessorConfig"}, here);
      break;
  }
  if (start != nullptr) expect_string(*start, "StartAt", child(location, "StartAt"));
  if (const Value* comment = object.find("Comment")) expect_string(*comment, "Comment", child(location, "Comment"));
  if (kind == MachineKind::top) {
    if (const Value* version = object.find("Version")) expect_string(*version, "Version", child(location, "Version"));
    if (const Value* timeout = object.find("TimeoutSeconds")) {
      integer_field(*timeout, "TimeoutSeconds", child(location, "TimeoutSeconds"), 0, 99999999,
                    QueryLanguage::jsonpath);
    }
    if (const Value* language = object.find("QueryLanguage")) {
      enum_field(*language, "QueryLanguage", child(location, "QueryLanguage"), {"JSONPath", "JSONata"});
    }
  }
  if (states == nullptr || !expect_object(*states, "States", child(location, "States"))) return;
  if (states->as_object().empty()) {
    error(std::string(message::kEmpty), child(location, "States"));
    return;
  }
  for (const Member& m : states->as_object()) {
    state(m.key, m.value, child(child(location, "States"), m.key), depth, type);
  }
}

void SchemaWalker::state(const std::string& name, const Value& json, const std::string& location, int depth,
                         MachineType type) {
  if (name.empty() || character_count(name) > 80) {
    // UNCONFIRMED wording; the 80-character limit is AWS's [SPEC, DOC].
    ctx_.sink.error(kInvalidStateName,
                    name.empty() ? "State name cannot be empty" : "State name cannot be longer than 80 characters",
                    location);
  }
  if (!json.is_object()) {
    error(message::must_be(name, "an object"), location);
    return;
  }
  const Object& object = json.as_object();
  const Value* type_field = object.find("Type");
  if (type_field == nullptr) {
    error(message::required({"Type"}), location);
    return;
  }
  auto state_type = state_type_of(*type_field);
  if (!state_type) {
    error(message::one_of_values("Type", {"Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map"}),
          child(location, "Type"));
    return;
  }
  // A state inherits the whole machine's language, never an enclosing Map's or Parallel's [ISS
  // floci#2968, measured on AWS]; a JSONata machine cannot hold JSONPath states [recorded].
  QueryLanguage language = ctx_.top_language;
  if (const Value* declared = object.find("QueryLanguage")) {
    enum_field(*declared, "QueryLanguage", child(location, "QueryLanguage"), {"JSONPath", "JSONata"});
    if (declared->is_string() && declared->as_string() == "JSONPath") {
      if (ctx_.top_language == QueryLanguage::jsonata) {
        error("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", location);
      }
      language = QueryLanguage::jsonpath;
    } else {
      // Anything but exactly "JSONPath" resolves to JSONata [ISS floci#2968].
      language = QueryLanguage::jsonata;
    }
  }
  StateScope s{name, location, object, *state_type, language, type, depth};
  state_fields(s);
  transition(s);
  if (const Value* comment = object.find("Comment")) expect_string(*comment, "Comment", child(location, "Comment"));
  templates(s);
  if (const Value* retry_list = object.find("Retry"); retry_list != nullptr && allows(*find_field_rule("Retry"), s.type)) {
    retry(s, *retry_list);
  }
  if (const Value* catch_list = object.find("Catch"); catch_list != nullptr && allows(*find_field_rule("Catch"), s.type)) {
    catchers(s, *catch_list);
  }
  switch (s.type) {
    case StateType::task: task(s); break;
    case StateType::wait: wait(s); break;
    case StateType::fail: fail(s); break;
    case StateType::choice: choice(s); break;
    case StateType::parallel: parallel(s); break;
    case StateType::map: map(s); break;
    case StateType::pass:
    case StateType::succeed: break;
  }
}

// Every field must be one the state's type allows, in the state's query language.
void SchemaWalker::state_fields(const StateScope& s) {
  for (const Member& m : s.json) {
    const FieldRule* rule = find_field_rule(m.key);
    if (rule == nullptr || !allows(*rule, s.type)) {
      error(message::not_supported(m.key), s.location);
      continue;
    }
    if ((rule->language == FieldLanguage::jsonpath_only && s.language == QueryLanguage::jsonata) ||
        (rule->language == FieldLanguage::jsonata_only && s.language == QueryLanguage::jsonpath)) {
      error(message::wrong_language(s.language, m.key), s.location);
    }
  }
}

// Pass, Task, Wait, Parallel and Map need exactly one of Next and "End": true.
void SchemaWalker::transition(const StateScope& s) {
  if (!allows(*find_field_rule("Next"), s.type)) return;  // Choice/Succeed/Fail: placement reported it
  const Value* next = s.json.find("Next");
  const Value* end = s.json.find("End");
  if (next != nullptr) expect_string(*next, "Next", child(s.location, "Next"));
  if (end != nullptr) expect_bool(*end, "End", child(s.location, "End"));
  const bool ends = end != nullptr && end->is_bool() && end->as_bool();
  if (next != nullptr && ends) {
    error(message::only_one_of({"Next", "End"}), s.location);
  } else if (next == nullptr && !ends) {
    error(message::one_required({"Next", "End"}), s.location);
  }
}

bool SchemaWalker::expect_string(const Value& v, std::string_view field, const std::string& location) {
  if (v.is_string()) return true;
  error(message::must_be(field, "a string"), location);
  return false;
}

bool SchemaWalker::expect_object(const Value& v, std::string_view field, const std::string& location) {
  if (v.is_object()) return true;
  error(message::must_be(field, "an object"), location);
  return false;
}

bool SchemaWalker::expect_array(const Value& v, std::string_view field, const std::string& location) {
  if (v.is_array()) return true;
  error(message::must_be(field, "an array"), location);
  return false;
}

bool SchemaWalker::expect_bool(const Value& v, std::string_view field, const std::string& location) {
  if (v.is_bool()) return true;
  error(message::must_be(field, "a boolean"), location);
  return false;
}

void SchemaWalker::integer_field(const Value& v, std::string_view field, const std::string& location,
                                 std::int64_t min, std::int64_t max, QueryLanguage language) {
  if (language == QueryLanguage::jsonata && v.is_string() && is_jsonata_expression(v.as_string())) return;
  if (v.kind() == Kind::big_integer) {
    error(v.big_digits().starts_with('-') ? message::minimum(std::to_string(min)) : message::maximum(std::to_string(max)),
          location);
    return;
  }
  if (!v.is_integer()) {
    error(message::must_be(field, "an integer"), location);
    return;
  }
  if (v.as_int() < min) error(message::minimum(std::to_string(min)), location);
  if (v.as_int() > max) error(message::maximum(std::to_string(max)), location);
}

void SchemaWalker::number_field(const Value& v, std::string_view field, const std::string& location, double min,
                                double max, QueryLanguage language) {
  if (language == QueryLanguage::jsonata && v.is_string() && is_jsonata_expression(v.as_string())) return;
  if (!v.is_number()) {
    error(message::must_be(field, "a number"), location);
    return;
  }
  // Java prints these bounds as doubles ("0.0", "100.0") [ISS floci#3733].
  auto java_double = [](double d) {
    std::string text = std::to_string(d);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.ends_with('.')) text += '0';
    return text;
  };
  if (v.as_double() < min) error(message::minimum(java_double(min)), location);
  if (v.as_double() > max) error(message::maximum(java_double(max)), location);
}

void SchemaWalker::only_one(const Object& json, std::initializer_list<std::string_view> fields,
                            const std::string& location) {
  int present = 0;
  for (std::string_view f : fields) present += json.contains(f) ? 1 : 0;
  if (present > 1) error(message::only_one_of(fields), location);
}

void SchemaWalker::enum_field(const Value& v, std::string_view field, const std::string& location,
                              std::initializer_list<std::string_view> values) {
  if (v.is_string()) {
    for (std::string_view allowed : values) {
      if (v.as_string() == allowed) return;
    }
  }
  error(message::one_of_values(field, values), location);
}

void SchemaWalker::unknown_fields(const Object& json, std::initializer_list<std::string_view> known,
                                  const std::string& location) {
  for (const Member& m : json) {
    bool found = false;
    for (std::string_view k : known) found = found || k == m.key;
    if (!found) error(message::not_supported(m.key), location);
  }
}

}  // namespace asl::detail
