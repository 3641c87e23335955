// choice.cpp — Choice rules: every JSONPath comparison, And/Or/Not, JSONata Conditions, and AWS's no-match error.
#include "asl/json.h"
#include "exec/jsonata_fields.h"

namespace asl::exec {

namespace {

// Appends the UTF-16 code units of the UTF-8 text, so strings order as Java's String.compareTo
// orders them ("by code unit"), which differs from byte order above U+FFFF.
std::u16string utf16_units(const std::string& s) {
  std::u16string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    std::size_t n;
    if (c < 0x80) { cp = c; n = 1; }
    else if ((c >> 5) == 0x6) { cp = c & 0x1F; n = 2; }
    else if ((c >> 4) == 0xE) { cp = c & 0x0F; n = 3; }
    else { cp = c & 0x07; n = 4; }
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

int compare_strings(const std::string& a, const std::string& b) {
  bool ascii = true;
  for (char c : a) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  for (char c : b) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  int r = ascii ? a.compare(b) : utf16_units(a).compare(utf16_units(b));
  return r < 0 ? -1 : (r > 0 ? 1 : 0);
}

int compare_numbers(const Value& a, const Value& b) {
  if (a == b) return 0;  // exact numeric equality (1 == 1.0, big integers by digits)
  long double x = a.is_integer() ? static_cast<long double>(a.as_int()) : a.as_double();
  long double y = b.is_integer() ? static_cast<long double>(b.as_int()) : b.as_double();
  return x < y ? -1 : 1;
}

// StringMatches: `*` matches any run of characters; `\*` is a literal star and `\\` a backslash.
bool glob_match(std::string_view text, std::string_view pattern) {
  std::size_t t = 0, p = 0, star_p = std::string_view::npos, star_t = 0;
  auto literal_at = [&](std::size_t at, char& ch, std::size_t& width) {
    if (pattern[at] == '\\' && at + 1 < pattern.size()) {
      ch = pattern[at + 1];
      width = 2;
    } else {
      ch = pattern[at];
      width = 1;
    }
  };
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = ++p;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      char ch;
      std::size_t width;
      literal_at(p, ch, width);
      if (ch == text[t]) {
        p += width;
        ++t;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool ordered(int cmp, Comparison c, Comparison eq, Comparison lt, Comparison gt, Comparison le) {
  if (c == eq) return cmp == 0;
  if (c == lt) return cmp < 0;
  if (c == gt) return cmp > 0;
  if (c == le) return cmp <= 0;
  return cmp >= 0;
}

// A Variable or ...Path that is missing: AWS's cause (from third-party suites, see asl-facts.md).
Error invalid_path(const jsonpath::Path& p) {
  return Error{std::string(kStatesRuntime),
               "Invalid path '" + p.text() + "': The choice state's condition path references an invalid value.", {}};
}

Expected<bool> compare(const ChoiceRule& rule, const Value* v, const Value& operand) {
  using C = Comparison;
  switch (rule.comparison) {
    case C::is_present: return (v != nullptr) == operand.as_bool();
    case C::is_null: return v->is_null() == operand.as_bool();
    case C::is_numeric: return v->is_number() == operand.as_bool();
    case C::is_string: return v->is_string() == operand.as_bool();
    case C::is_boolean: return v->is_bool() == operand.as_bool();
    case C::is_timestamp: return (v->is_string() && parse_timestamp(v->as_string()).has_value()) == operand.as_bool();
    case C::boolean_equals: return v->is_bool() && operand.is_bool() && v->as_bool() == operand.as_bool();
    case C::string_matches:
      return v->is_string() && operand.is_string() && glob_match(v->as_string(), operand.as_string());
    case C::string_equals:
    case C::string_less_than:
    case C::string_greater_than:
    case C::string_less_than_equals:
    case C::string_greater_than_equals:
      if (!v->is_string() || !operand.is_string()) return false;
      return ordered(compare_strings(v->as_string(), operand.as_string()), rule.comparison, C::string_equals,
                     C::string_less_than, C::string_greater_than, C::string_less_than_equals);
    case C::numeric_equals:
    case C::numeric_less_than:
    case C::numeric_greater_than:
    case C::numeric_less_than_equals:
    case C::numeric_greater_than_equals:
      if (!v->is_number() || !operand.is_number()) return false;
      return ordered(compare_numbers(*v, operand), rule.comparison, C::numeric_equals, C::numeric_less_than,
                     C::numeric_greater_than, C::numeric_less_than_equals);
    case C::timestamp_equals:
    case C::timestamp_less_than:
    case C::timestamp_greater_than:
    case C::timestamp_less_than_equals:
    case C::timestamp_greater_than_equals: {
      if (!v->is_string() || !operand.is_string()) return false;
      auto a = parse_timestamp(v->as_string());
      auto b = parse_timestamp(operand.as_string());
      if (!a || !b) return false;  // an invalid timestamp makes the comparison false
      int cmp = *a < *b ? -1 : (*a == *b ? 0 : 1);
      return ordered(cmp, rule.comparison, C::timestamp_equals, C::timestamp_less_than, C::timestamp_greater_than,
                     C::timestamp_less_than_equals);
    }
  }
  return false;
}

Expected<bool> evaluate_rule(const ChoiceRule& rule, const Value& input, const StateScope& scope) {
  switch (rule.kind) {
    case ChoiceRule::Kind::all_of:
      for (const ChoiceRule& child : rule.children) {
        auto r = evaluate_rule(child, input, scope);
        if (!r || !*r) return r;
      }
      return true;
    case ChoiceRule::Kind::any_of:
      for (const ChoiceRule& child : rule.children) {
        auto r = evaluate_rule(child, input, scope);
        if (!r || *r) return r;
      }
      return false;
    case ChoiceRule::Kind::negation: {
      auto r = evaluate_rule(rule.children.front(), input, scope);
      if (!r) return r;
      return !*r;
    }
    case ChoiceRule::Kind::condition:  // JSONata rules are run by run_jsonata_choice
      return false;
    case ChoiceRule::Kind::comparison: break;
  }
  auto found = jsonpath::evaluate(rule.variable, scope.with_input(input));
  const Value* v = found ? &found.value() : nullptr;
  if (v == nullptr && rule.comparison != Comparison::is_present) return invalid_path(rule.variable);
  if (rule.operand_path) {
    auto operand = jsonpath::evaluate(*rule.operand_path, scope.with_input(input));
    if (!operand) return invalid_path(*rule.operand_path);
    return compare(rule, v, *operand);
  }
  return compare(rule, v, rule.operand);
}

Failure no_choice_matched(const State& s, std::int64_t entered_id) {
  return Failure::runtime(Execution::runtime_prefix(s.name, entered_id) +
                          "Failed to transition out of the state. The state does not point to a next state.");
}

// JSONata: each rule's Condition must give a boolean; the matching rule's Assign and Output
// replace the state's own, each on its own; both read the state's input.
StateOutcome run_jsonata_choice(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id) {
  StateEnvironment env(ex, frame, s);
  JsonataScope scope = JsonataScope::of(ex, env.scope, raw);
  auto fail = [&](const Error& e) { return failed(evaluation_failure(ex, frame, s, e, entered_id)); };
  const ChoiceRule* matched = nullptr;
  std::string rule_field;
  for (std::size_t i = 0; i < s.choices.size() && matched == nullptr; ++i) {
    const ChoiceRule& rule = s.choices[i];
    std::string prefix = "Choices[" + std::to_string(i) + "]";
    std::string field = prefix + "/Condition";
    auto v = evaluate_jsonata(rule.condition, field, scope);
    if (!v) return fail(v.error());
    if (!v->is_bool()) {
      // AWS's wording for a non-boolean Condition is not recorded; Items' form is followed. UNCONFIRMED.
      if (rule.condition.compiled == nullptr) return fail(query_evaluation_error("Condition must be a boolean", field));
      return fail(unexpected_result_type(*rule.condition.compiled, field, "boolean", *v));
    }
    if (v->as_bool()) {
      matched = &rule;
      rule_field = std::move(prefix);
    }
  }
  if (matched == nullptr && !s.default_next) return failed(no_choice_matched(s, entered_id));
  Object assigned;
  const bool rule_assign = matched != nullptr && matched->jsonata_assign.present();
  if (const JsonataField& assign = rule_assign ? matched->jsonata_assign : s.jsonata_assign; assign.present()) {
    auto done = evaluate_jsonata_assign(assign, rule_assign ? rule_field + "/Assign" : "Assign", scope, assigned);
    if (!done) return fail(done.error());
  }
  const bool rule_output = matched != nullptr && matched->output.present();
  auto output = jsonata_output(rule_output ? matched->output : s.output, rule_output ? rule_field + "/Output" : "Output",
                               scope, raw);
  if (!output) return fail(output.error());
  StateOutcome out;
  out.kind = StateOutcome::Kind::next;
  out.next_index = matched != nullptr ? matched->next_index : s.default_index;
  out.output = std::move(output).value();
  out.assigned = std::move(assigned);
  return out;
}

}  // namespace

StateOutcome run_choice_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id) {
  if (s.language == QueryLanguage::jsonata) return run_jsonata_choice(ex, frame, s, raw, entered_id);
  StateEnvironment env(ex, frame, s);
  auto effective = apply_filter_path(s.input_path, raw, env.scope);
  if (!effective) return failed(state_failure(effective.error(), s, entered_id));
  const ChoiceRule* matched = nullptr;
  for (const ChoiceRule& rule : s.choices) {
    auto r = evaluate_rule(rule, *effective, env.scope);
    if (!r) return failed(state_failure(r.error(), s, entered_id));
    if (*r) {
      matched = &rule;
      break;
    }
  }
  if (matched == nullptr && !s.default_next) return failed(no_choice_matched(s, entered_id));
  Object assigned;
  const PayloadTemplate* assign = matched != nullptr && matched->assign ? &*matched->assign
                                  : s.assign                          ? &*s.assign
                                                                      : nullptr;
  if (assign != nullptr) {
    auto done = evaluate_assign(*assign, *effective, env.scope, assigned);
    if (!done) return failed(state_failure(done.error(), s, entered_id));
  }
  auto output = apply_filter_path(s.output_path, *effective, env.scope);
  if (!output) return failed(state_failure(output.error(), s, entered_id));
  StateOutcome out;
  out.kind = StateOutcome::Kind::next;
  out.next_index = matched != nullptr ? matched->next_index : s.default_index;
  out.output = std::move(output).value();
  out.assigned = std::move(assigned);
  return out;
}

}  // namespace asl::exec
