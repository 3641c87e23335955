// build_choice.cpp — Choice states: rules built from the concrete input so both outcomes happen, every operator, And/Or/Not.
#include <cmath>

#include "builder.h"

namespace aslgen::detail {
namespace {

bool looks_like_timestamp(const asl::Value& v) {
  return v.is_string() && v.as_string().size() >= 20 && v.as_string()[4] == '-' && v.as_string()[10] == 'T';
}

bool safe_number(const asl::Value& v) {
  if (v.is_integer()) return std::llabs(v.as_int()) < (1LL << 53);
  return v.kind() == asl::Kind::real;
}

std::string matches_pattern(Rng& rng, const std::string& text) {
  std::string pattern;
  std::size_t cut = text.empty() ? 0 : static_cast<std::size_t>(rng.below(static_cast<int>(text.size()) + 1));
  for (std::size_t i = 0; i < cut; ++i) {
    if (text[i] == '*' || text[i] == '\\') pattern += '\\';
    pattern += text[i];
  }
  return pattern + (rng.below(4) == 0 ? "" : "*");
}

}  // namespace

namespace {

asl::Object comparison(Builder& b, BlockEnv& env) {
  Rng& rng = b.rng;
  std::vector<const Node*> all;
  for (const Node& n : env.nodes) all.push_back(&n);
  for (const Node& n : env.variables) all.push_back(&n);
  const Node* node = all[rng.below(static_cast<int>(all.size()))];
  asl::Object rule;
  rule.set("Variable", asl::Value(node->path));
  const asl::Value& v = node->value;
  auto same_kind_path = [&](auto keep) -> std::string {
    std::vector<const Node*> c;
    for (const Node* n : all) {
      if (keep(n->value)) c.push_back(n);
    }
    return c.empty() ? "" : c[rng.below(static_cast<int>(c.size()))]->path;
  };
  auto set_op = [&](const std::string& op, const asl::Value& operand, const std::string& operand_path) {
    if (!operand_path.empty() && rng.below(5) == 0) {
      rule.set(op + "Path", asl::Value(operand_path));
      b.tag("choice:" + op + "Path");
    } else {
      rule.set(op, operand);
    }
    b.tag("choice:" + op);
  };
  static const char* const kRelations[] = {"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"};
  const int kind = rng.below(6);
  if (kind == 0 || (!safe_number(v) && !v.is_string() && !v.is_bool())) {
    static const char* const kTests[] = {"IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"};
    std::string test = rng.pick(kTests);
    if (test == "IsPresent" && rng.coin()) rule.set("Variable", asl::Value(b.fresh("$.absent")));
    rule.set(test, asl::Value(rng.below(4) != 0));
    b.tag("choice:" + test);
    return rule;
  }
  if (safe_number(v)) {
    double d = v.as_double();
    asl::Value operand = v;
    switch (rng.below(4)) {
      case 0: operand = asl::Value::number(d + 1); break;
      case 1: operand = asl::Value(d - 0.5); break;
      default: break;  // the boundary itself
    }
    set_op(std::string("Numeric") + rng.pick(kRelations), operand, same_kind_path(safe_number));
  } else if (looks_like_timestamp(v)) {
    static const char* const kStamps[] = {"2026-01-01T00:00:03Z", "2025-12-31T23:59:59.999Z", "2026-01-01T00:00:00+00:00"};
    set_op(std::string("Timestamp") + rng.pick(kRelations), rng.coin() ? v : asl::Value(rng.pick(kStamps)),
           same_kind_path(looks_like_timestamp));
  } else if (v.is_string()) {
    if (rng.below(4) == 0) {
      rule.set("StringMatches", asl::Value(matches_pattern(rng, v.as_string())));
      b.tag("choice:StringMatches");
    } else {
      set_op(std::string("String") + rng.pick(kRelations), rng.coin() ? v : asl::Value(text_value(rng)),
             same_kind_path([](const asl::Value& x) { return x.is_string(); }));
    }
  } else {
    set_op("BooleanEquals", asl::Value(rng.coin()), same_kind_path([](const asl::Value& x) { return x.is_bool(); }));
  }
  return rule;
}

asl::Object rule_body(Builder& b, BlockEnv& env, int depth) {
  if (depth < 2 && b.rng.below(4) == 0) {
    int which = b.rng.below(3);
    if (which == 2) {
      b.tag("choice:Not");
      return asl::Object{{"Not", asl::Value(rule_body(b, env, depth + 1))}};
    }
    asl::Array children;
    int n = b.rng.between(1, 3);
    for (int i = 0; i < n; ++i) children.emplace_back(rule_body(b, env, depth + 1));
    b.tag(which == 0 ? "choice:And" : "choice:Or");
    return asl::Object{{which == 0 ? "And" : "Or", asl::Value(std::move(children))}};
  }
  return comparison(b, env);
}

}  // namespace

StateOut Builder::choice_state(BlockEnv& env, const std::vector<std::string>& later, std::vector<StateOut>& side) {
  StateOut s{self, {}, false};
  s.json.set("Type", asl::Value("Choice"));
  tag("choice");
  asl::Array rules;
  int n = rng.between(1, 3);
  s.no_default = rng.below(10) == 0;
  for (int i = 0; i < n; ++i) {
    asl::Object rule = rule_body(*this, env, 0);
    if (rng.chance(w.variables / 3)) {
      rule.set("Assign", asl::Value(asl::Object{{fresh("v"), asl::Value(static_cast<std::int64_t>(i))}}));
      tag("variables");
      tag("choice:Assign");
    }
    if ((i == 0 && s.no_default) || (!rng.chance(w.fail_exit) && !later.empty())) {
      rule.set("Next", asl::Value(i == 0 && s.no_default ? later.front() : later[rng.below(static_cast<int>(later.size()))]));
    } else {
      StateOut exit = side_terminal(env, "");
      rule.set("Next", asl::Value(exit.name));
      side.push_back(std::move(exit));
    }
    rules.emplace_back(std::move(rule));
  }
  if (s.no_default) tag("choice:no-default");
  if (rng.chance(w.io_fields / 4)) {
    s.json.set("InputPath", asl::Value("$"));
    tag("io:InputPath");
  }
  s.json.set("Choices", asl::Value(std::move(rules)));
  if (rng.chance(w.io_fields / 4)) {
    s.json.set("OutputPath", asl::Value("$"));
    tag("io:OutputPath");
  }
  add_assign(env, s.json, true);
  return s;
}

}  // namespace aslgen::detail
