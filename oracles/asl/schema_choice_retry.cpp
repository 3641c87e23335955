// schema_choice_retry.cpp — the schema pass for Choice rules and for Retry / Catch lists.
#include <string>

#include "asl/choice_operators.h"
#include "asl/schema_walker.h"

namespace asl::detail {
namespace {

std::string element(const std::string& location, std::string_view field, std::size_t i) {
  return indexed(child(location, field), i);
}

}  // namespace

void SchemaWalker::choice(const StateScope& s) {
  const Value* choices = s.json.find("Choices");
  if (choices == nullptr) {
    error(message::required({"Choices"}), s.location);
  } else if (expect_array(*choices, "Choices", child(s.location, "Choices"))) {
    if (choices->as_array().empty()) error(std::string(message::kEmpty), child(s.location, "Choices"));
    std::size_t i = 0;
    for (const Value& rule : choices->as_array()) {
      choice_rule(s, rule, element(s.location, "Choices", i++), true, 0);
    }
  }
  if (const Value* fallback = s.json.find("Default")) expect_string(*fallback, "Default", child(s.location, "Default"));
}

// JSONPath rule = { "Variable", <operator>: operand } | { "And"|"Or": [rule, ...] } | { "Not": rule }
// JSONata rule  = { "Condition": boolean | "{% expr %}" }
// Top-level rules add "Next" and may add "Assign" (and, in JSONata, "Output").
void SchemaWalker::choice_rule(const StateScope& s, const Value& rule, const std::string& location, bool top_level,
                               int depth) {
  if (depth > kMaxRuleNesting) {
    ctx_.sink.error(kTooDeeplyNested,
                    "Choice rules are nested more than " + std::to_string(kMaxRuleNesting) + " levels deep", location);
    return;
  }
  if (!expect_object(rule, "Choices", location)) return;
  const Object& object = rule.as_object();
  if (top_level) {
    const Value* next = object.find("Next");
    if (next == nullptr) {
      error(message::required({"Next"}), location);
    } else {
      expect_string(*next, "Next", child(location, "Next"));
    }
  } else {
    for (std::string_view f : {"Next", "Assign", "Output"}) {
      if (object.contains(f)) error(message::not_supported(f), location);
    }
  }
  if (s.language == QueryLanguage::jsonata) {
    for (const Member& m : object) {
      // Next / Assign / Output were checked above for both levels.
      if (m.key == "Condition" || m.key == "Next" || m.key == "Assign" || m.key == "Output" || m.key == "Comment") {
        continue;
      }
      if (m.key == "Variable" || m.key == "And" || m.key == "Or" || m.key == "Not" || find_choice_operator(m.key)) {
        error(message::wrong_language(s.language, m.key), location);
      } else {
        error(message::not_supported(m.key), location);
      }
    }
    const Value* condition = object.find("Condition");
    if (condition == nullptr) {
      error(message::required({"Condition"}), location);
    } else if (!condition->is_bool() &&
               !(condition->is_string() && is_jsonata_expression(condition->as_string()))) {
      error(message::must_be("Condition", "a boolean or a JSONata expression"), child(location, "Condition"));
    }
    if (top_level) {
      if (const Value* assign = object.find("Assign")) {
        if (expect_object(*assign, "Assign", child(location, "Assign"))) {
          jsonata_strings(*assign, child(location, "Assign"), 0);
        }
      }
      if (const Value* output = object.find("Output")) jsonata_strings(*output, child(location, "Output"), 0);
    }
    return;
  }

  // JSONPath.
  int operators = 0;
  for (const Member& m : object) {
    if (m.key == "Next" || m.key == "Assign" || m.key == "Comment" || m.key == "Variable") continue;
    if (m.key == "Output" || m.key == "Condition") {
      if (top_level || m.key == "Condition") error(message::wrong_language(s.language, m.key), location);
      continue;
    }
    if (m.key == "And" || m.key == "Or") {
      ++operators;
      const std::string at = child(location, m.key);
      if (!expect_array(m.value, m.key, at)) continue;
      if (m.value.as_array().empty()) error(std::string(message::kEmpty), at);
      std::size_t i = 0;
      for (const Value& inner : m.value.as_array()) {
        choice_rule(s, inner, indexed(at, i++), false, depth + 1);
      }
      continue;
    }
    if (m.key == "Not") {
      ++operators;
      choice_rule(s, m.value, child(location, "Not"), false, depth + 1);
      continue;
    }
    const ChoiceOperator* op = find_choice_operator(m.key);
    if (op == nullptr) {
      error(message::not_supported(m.key), location);
      continue;
    }
    ++operators;
    const std::string at = child(location, m.key);
    if (op->takes_path) {
      expect_string(m.value, m.key, at);
      continue;
    }
    switch (operand_kind(op->comparison)) {
      case OperandKind::string:
        expect_string(m.value, m.key, at);
        break;
      case OperandKind::number:
        if (!m.value.is_number()) error(message::must_be(m.key, "a number"), at);
        break;
      case OperandKind::boolean:
        expect_bool(m.value, m.key, at);
        break;
      case OperandKind::timestamp:
        if (!m.value.is_string() || !is_rfc3339_timestamp(m.value.as_string())) {
          error(std::string(message::kNotTimestamp), at);
        }
        break;
    }
  }
  const bool combinator = object.contains("And") || object.contains("Or") || object.contains("Not");
  if (operators == 0) {
    error("A Choice rule must have exactly one comparison operator, or one of And, Or, Not", location);  // UNCONFIRMED
  } else if (operators > 1) {
    error("A Choice rule must have exactly one comparison operator, or one of And, Or, Not", location);  // UNCONFIRMED
  }
  if (!combinator && operators == 1) {
    const Value* variable = object.find("Variable");
    if (variable == nullptr) {
      error(message::required({"Variable"}), location);
    } else {
      expect_string(*variable, "Variable", child(location, "Variable"));
    }
  } else if (combinator && object.contains("Variable")) {
    error(message::not_supported("Variable"), location);
  }
  if (top_level) {
    if (const Value* assign = object.find("Assign")) expect_object(*assign, "Assign", child(location, "Assign"));
  }
}

// Retrier = { "ErrorEquals", "IntervalSeconds"?, "MaxAttempts"?, "BackoffRate"?, "MaxDelaySeconds"?,
//             "JitterStrategy"?, "Comment"? }
void SchemaWalker::retry(const StateScope& s, const Value& json) {
  const std::string location = child(s.location, "Retry");
  if (!expect_array(json, "Retry", location)) return;
  const auto& list = json.as_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = indexed(location, i);
    if (!expect_object(list[i], "Retry", at)) continue;
    const Object& r = list[i].as_object();
    unknown_fields(r, {"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
                       "JitterStrategy", "Comment"},
                   at);
    error_equals(r, at, i + 1 == list.size(), false);
    if (const Value* v = r.find("IntervalSeconds")) {
      integer_field(*v, "IntervalSeconds", child(at, "IntervalSeconds"), 1, 99999999, QueryLanguage::jsonpath);
    }
    if (const Value* v = r.find("MaxAttempts")) {
      integer_field(*v, "MaxAttempts", child(at, "MaxAttempts"), 0, 99999999, QueryLanguage::jsonpath);
    }
    if (const Value* v = r.find("BackoffRate")) {
      number_field(*v, "BackoffRate", child(at, "BackoffRate"), 1.0, 99999999.0, QueryLanguage::jsonpath);
    }
    if (const Value* v = r.find("MaxDelaySeconds")) {
      integer_field(*v, "MaxDelaySeconds", child(at, "MaxDelaySeconds"), 1, 31622400, QueryLanguage::jsonpath);
    }
    if (const Value* v = r.find("JitterStrategy")) {
      enum_field(*v, "JitterStrategy", child(at, "JitterStrategy"), {"FULL", "NONE"});
    }
  }
}

// Catcher = { "ErrorEquals", "Next", "ResultPath"? (JSONPath), "Output"? (JSONata), "Assign"?, "Comment"? }
void SchemaWalker::catchers(const StateScope& s, const Value& json) {
  const std::string location = child(s.location, "Catch");
  if (!expect_array(json, "Catch", location)) return;
  const auto& list = json.as_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = indexed(location, i);
    if (!expect_object(list[i], "Catch", at)) continue;
    const Object& c = list[i].as_object();
    unknown_fields(c, {"ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment"}, at);
    if (c.contains("ResultPath") && s.language == QueryLanguage::jsonata) {
      error(message::wrong_language(s.language, "ResultPath"), at);
    }
    if (c.contains("Output") && s.language == QueryLanguage::jsonpath) {
      error(message::wrong_language(s.language, "Output"), at);
    }
    error_equals(c, at, i + 1 == list.size(), true);
    const Value* next = c.find("Next");
    if (next == nullptr) {
      error(message::required({"Next"}), at);
    } else {
      expect_string(*next, "Next", child(at, "Next"));
    }
    if (const Value* assign = c.find("Assign")) {
      if (expect_object(*assign, "Assign", child(at, "Assign")) && s.language == QueryLanguage::jsonata) {
        jsonata_strings(*assign, child(at, "Assign"), 0);
      }
    }
    if (const Value* output = c.find("Output"); output != nullptr && s.language == QueryLanguage::jsonata) {
      jsonata_strings(*output, child(at, "Output"), 0);
    }
  }
}

// ErrorEquals: a non-empty list of names; States.ALL only alone and only in the last entry.
// (Wording of the States.ALL rules UNCONFIRMED.)
void SchemaWalker::error_equals(const Object& json, const std::string& location, bool last, bool is_catch) {
  const Value* names = json.find("ErrorEquals");
  const std::string at = child(location, "ErrorEquals");
  if (names == nullptr) {
    error(message::required({"ErrorEquals"}), location);
    return;
  }
  if (!expect_array(*names, "ErrorEquals", at)) return;
  if (names->as_array().empty()) {
    error(std::string(message::kEmpty), at);
    return;
  }
  bool has_all = false;
  for (const Value& name : names->as_array()) {
    if (!expect_string(name, "ErrorEquals", at)) continue;
    has_all = has_all || name.as_string() == "States.ALL";
  }
  if (has_all && names->as_array().size() > 1) {
    error("States.ALL must be the only element in ErrorEquals", at);
  }
  if (has_all && !last) {
    error(std::string(is_catch ? "A Catcher" : "A Retrier") + " with States.ALL must be the last one", at);
  }
}

}  // namespace asl::detail
