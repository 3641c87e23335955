// build_choice.cpp — Choice rules (comparisons, And/Or/Not, JSONata Condition) and Default to ChoiceRule trees.
#include <string>

#include "asl/build_detail.h"
#include "asl/choice_operators.h"

namespace asl::detail {
namespace {

ChoiceRule build_rule(const Value& json, const std::string& location, QueryLanguage language, int depth,
                      BuildContext& ctx);

void build_children(ChoiceRule& rule, const Value& list, const std::string& location, QueryLanguage language,
                    int depth, BuildContext& ctx) {
  if (list.is_object()) {  // Not takes one rule
    rule.children.push_back(build_rule(list, location, language, depth + 1, ctx));
    return;
  }
  if (!list.is_array()) return;
  std::size_t index = 0;
  for (const Value& item : list.as_array()) {
    rule.children.push_back(
        build_rule(item, indexed(location, index++), language, depth + 1, ctx));
  }
}

ChoiceRule build_rule(const Value& json, const std::string& location, QueryLanguage language, int depth,
                      BuildContext& ctx) {
  ChoiceRule rule;
  if (!json.is_object() || depth > kMaxRuleNesting) return rule;  // reported by the schema pass
  const Object& object = json.as_object();
  if (language == QueryLanguage::jsonata) {
    rule.kind = ChoiceRule::Kind::condition;
    rule.condition = build_jsonata_field(object.find("Condition"), child(location, "Condition"), StatesAccess::input_only, ctx);
    return rule;
  }
  if (const Value* list = object.find("And")) {
    rule.kind = ChoiceRule::Kind::all_of;
    build_children(rule, *list, child(location, "And"), language, depth, ctx);
    return rule;
  }
  if (const Value* list = object.find("Or")) {
    rule.kind = ChoiceRule::Kind::any_of;
    build_children(rule, *list, child(location, "Or"), language, depth, ctx);
    return rule;
  }
  if (const Value* inner = object.find("Not")) {
    rule.kind = ChoiceRule::Kind::negation;
    build_children(rule, *inner, child(location, "Not"), language, depth, ctx);
    return rule;
  }
  rule.kind = ChoiceRule::Kind::comparison;
  if (const Value* variable = object.find("Variable")) {
    if (auto path = compile_path(*variable, child(location, "Variable"), PathRule::any, ctx)) rule.variable = std::move(*path);
  }
  for (const Member& m : object) {
    const ChoiceOperator* op = find_choice_operator(m.key);
    if (op == nullptr) continue;
    rule.comparison = op->comparison;
    if (op->takes_path) {
      rule.operand_path = compile_path(m.value, child(location, m.key), PathRule::any, ctx);
    } else {
      rule.operand = m.value;
    }
    break;
  }
  return rule;
}

}  // namespace

void build_choice(State& state, const Object& json, const std::string& location, BuildContext& ctx) {
  if (const Value* fallback = json.find("Default"); fallback != nullptr && fallback->is_string()) {
    state.default_next = fallback->as_string();
  }
  const Value* choices = json.find("Choices");
  if (choices == nullptr || !choices->is_array()) return;
  const std::string choices_location = child(location, "Choices");
  std::size_t index = 0;
  for (const Value& item : choices->as_array()) {
    const std::string here = indexed(choices_location, index++);
    ChoiceRule rule = build_rule(item, here, state.language, 0, ctx);
    if (item.is_object()) {
      const Object& object = item.as_object();
      if (const Value* next = object.find("Next"); next != nullptr && next->is_string()) rule.next = next->as_string();
      if (const Value* assign = object.find("Assign")) {
        if (state.language == QueryLanguage::jsonpath) {
          rule.assign = build_template(*assign, "Assign", here, ctx);
        } else {
          rule.jsonata_assign = build_jsonata_field(assign, child(here, "Assign"), StatesAccess::input_only, ctx);
        }
      }
      if (state.language == QueryLanguage::jsonata) {
        rule.output = build_jsonata_field(object.find("Output"), child(here, "Output"), StatesAccess::input_only, ctx);
      }
    }
    state.choices.push_back(std::move(rule));
  }
}

}  // namespace asl::detail
