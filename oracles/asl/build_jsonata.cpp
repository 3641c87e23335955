// build_jsonata.cpp — JSONata-mode fields compiled once at load: "{% %}" strings parsed, $states misuse and top-level references rejected.
#include <algorithm>
#include <cctype>
#include <string>

#include "asl/build_detail.h"
#include "asl/jsonata.h"
#include "jsonata/program.h"

namespace asl::detail {
namespace {

using jsonata::detail::Node;
using jsonata::detail::NodeType;

// Quoted by AWS [ISS floci#2745, floci#2670]; the $states wording is UNCONFIRMED.
constexpr std::string_view kInvalidJsonata = "INVALID_JSONATA_EXPRESSION";
constexpr std::string_view kUnsupportedJsonata = "UNSUPPORTED_JSONATA_EXPRESSION";

std::string expression_text(const std::string& field) {
  std::string_view inner(field);
  inner.remove_prefix(2);
  inner.remove_suffix(2);
  while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.front()))) inner.remove_prefix(1);
  while (!inner.empty() && std::isspace(static_cast<unsigned char>(inner.back()))) inner.remove_suffix(1);
  return std::string(inner);
}

template <class F>
void for_each_child(const Node& n, F&& f) {
  for (const Node* c : {n.lhs, n.rhs, n.expression, n.condition, n.then, n.otherwise, n.pattern, n.update, n.remove,
                        n.procedure, n.body}) {
    if (c != nullptr) f(*c);
  }
  for (const auto* list : {&n.steps, &n.expressions, &n.arguments}) {
    for (const Node* c : *list) {
      if (c != nullptr) f(*c);
    }
  }
  for (const auto& [k, v] : n.pairs) {
    if (k != nullptr) f(*k);
    if (v != nullptr) f(*v);
  }
  for (const auto& t : n.terms) {
    if (t.expression != nullptr) f(*t.expression);
  }
  for (const auto* stages : {&n.predicate, &n.stages}) {
    for (const auto& s : *stages) {
      if (s.expr != nullptr) f(*s.expr);
    }
  }
  if (n.group != nullptr) {
    for (const auto& [k, v] : n.group->pairs) {
      if (k != nullptr) f(*k);
      if (v != nullptr) f(*v);
    }
  }
}

// Every `$states.<member>` the expression reads, anywhere in it.
void states_members(const Node& n, std::vector<std::string>& out, int depth) {
  if (depth > 400) return;  // the parser bounds nesting long before this
  if (n.type == NodeType::path && n.steps.size() >= 2 && n.steps[0]->type == NodeType::variable &&
      n.steps[0]->text == "states" && n.steps[1]->type == NodeType::name) {
    out.push_back(n.steps[1]->text);
  }
  for_each_child(n, [&](const Node& c) { states_members(c, out, depth + 1); });
}

// Names read from the (absent) context item at the top level of the expression: a path whose
// first step is a bare name, outside any predicate, lambda or later path step. AWS evaluates
// with no input document, so it refuses these at definition time [ISS floci#2670].
void top_level_names(const Node& n, std::vector<std::string>& out, int depth) {
  if (depth > 400) return;
  auto recurse = [&](const Node* c) {
    if (c != nullptr) top_level_names(*c, out, depth + 1);
  };
  switch (n.type) {
    case NodeType::name: out.push_back(n.text); return;
    case NodeType::path:
      if (!n.steps.empty()) recurse(n.steps.front());
      return;
    case NodeType::binary:
    case NodeType::apply: recurse(n.lhs); recurse(n.rhs); return;
    case NodeType::negate: recurse(n.expression); return;
    case NodeType::condition: recurse(n.condition); recurse(n.then); recurse(n.otherwise); return;
    case NodeType::bind: recurse(n.rhs); return;
    case NodeType::block:
    case NodeType::array:
      for (const Node* c : n.expressions) recurse(c);
      return;
    case NodeType::object:
      if (n.lhs == nullptr) {
        for (const auto& [k, v] : n.pairs) {
          recurse(k);
          recurse(v);
        }
      }
      return;
    case NodeType::function:
    case NodeType::partial:
      for (const Node* c : n.arguments) recurse(c);
      return;
    default: return;
  }
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

void check_expression(const jsonata::Expression& expression, const std::string& location, StatesAccess access,
                      BuildContext& ctx) {
  const Node* root = expression.program().root;
  if (root == nullptr) return;
  std::vector<std::string> members;
  states_members(*root, members, 0);
  if (contains(members, "result") && access != StatesAccess::result) {
    ctx.sink.error(kUnsupportedJsonata, "The variable '$states.result' is not available in this field", location);
  }
  if (contains(members, "errorOutput") && access != StatesAccess::error_output) {
    ctx.sink.error(kUnsupportedJsonata, "The variable '$states.errorOutput' is not available in this field", location);
  }
  std::vector<std::string> names;
  top_level_names(*root, names, 0);
  std::vector<std::string> reported;
  for (const std::string& name : names) {
    if (contains(reported, name)) continue;
    reported.push_back(name);
    ctx.sink.error(kUnsupportedJsonata, "Reference to '" + name + "' at the top level is not supported.", location);
  }
}

JsonataTemplate compile_node(const Value& json, const std::string& location, StatesAccess access, BuildContext& ctx,
                             bool& valid, int depth) {
  JsonataTemplate t;
  t.literal = json;
  if (depth > kMaxRuleNesting) return t;
  if (json.is_string() && is_jsonata_expression(json.as_string())) {
    t.kind = JsonataTemplate::Kind::expression;
    t.text = expression_text(json.as_string());
    auto compiled = jsonata::compile(t.text);
    if (!compiled) {
      // AWS drops jsonata-js's code and keeps its message [ISS floci#2745].
      ctx.sink.error(kInvalidJsonata, compiled.error().message, location);
      valid = false;
      return t;
    }
    t.expression = std::move(compiled).value();
    check_expression(*t.expression, location, access, ctx);
    return t;
  }
  bool dynamic = false;
  if (json.is_object()) {
    t.kind = JsonataTemplate::Kind::object;
    for (const Member& m : json.as_object()) {
      JsonataTemplate v = compile_node(m.value, child(location, m.key), access, ctx, valid, depth + 1);
      dynamic = dynamic || v.kind != JsonataTemplate::Kind::literal;
      t.members.push_back(JsonataMember{m.key, std::move(v)});
    }
  } else if (json.is_array()) {
    t.kind = JsonataTemplate::Kind::array;
    std::size_t i = 0;
    for (const Value& item : json.as_array()) {
      JsonataTemplate v = compile_node(item, indexed(location, i++), access, ctx, valid, depth + 1);
      dynamic = dynamic || v.kind != JsonataTemplate::Kind::literal;
      t.items.push_back(std::move(v));
    }
  }
  if (!dynamic) {  // nothing to evaluate below: one literal, handed out as is
    t.kind = JsonataTemplate::Kind::literal;
    t.members.clear();
    t.items.clear();
  }
  return t;
}

}  // namespace

std::shared_ptr<const JsonataTemplate> compile_jsonata(const Value& json, const std::string& location,
                                                       StatesAccess access, BuildContext& ctx) {
  bool valid = true;
  auto t = std::make_shared<const JsonataTemplate>(compile_node(json, location, access, ctx, valid, 0));
  return valid ? t : nullptr;
}

JsonataField build_jsonata_field(const Value* json, const std::string& location, StatesAccess access,
                                 BuildContext& ctx) {
  JsonataField field;
  if (json == nullptr) return field;
  field.value = *json;
  field.compiled = compile_jsonata(*json, location, access, ctx);
  return field;
}

}  // namespace asl::detail
