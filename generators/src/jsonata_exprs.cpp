// jsonata_exprs.cpp — JSONata expressions for ASL's JSONata-mode fields, typed by construction over $states and variables.
#include "jsonata_exprs.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace aslgen::detail {
namespace {

void tag(std::vector<std::string>& tags, std::string t) {
  for (const std::string& have : tags) {
    if (have == t) return;
  }
  tags.push_back(std::move(t));
}

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Names JSONata's tokenizer reads as operators or literals: they need backticks after a dot.
bool reserved(const std::string& key) {
  static const char* const kWords[] = {"and", "or", "in", "true", "false", "null", "function"};
  for (const char* w : kWords) {
    if (key == w) return true;
  }
  return false;
}

bool safe_integer(const asl::Value& v) { return is_int32(v) && std::llabs(v.as_int()) <= 1000000; }

bool of_type(const asl::Value& v, Ty t) {
  switch (t) {
    case Ty::any: return true;
    case Ty::string: return is_small_string(v);
    case Ty::integer: return safe_integer(v);
    case Ty::boolean: return v.is_bool();
    case Ty::array: return v.is_array();
    case Ty::object: return v.is_object();
  }
  return false;
}

using Leaf = JaLeaf;

// Readable values of the wanted type.
std::vector<Leaf> leaves(const JaScope& scope, Ty want) {
  std::vector<Leaf> out;
  if (scope.input != nullptr) {
    for (const Leaf& l : *scope.input) {
      if (of_type(l.value, want)) out.push_back(l);
    }
  }
  for (const Leaf& l : scope.variables) {
    if (of_type(l.value, want)) out.push_back(l);
  }
  return out;
}

std::optional<Leaf> pick_leaf(Rng& rng, const JaScope& scope, Ty want, std::vector<std::string>& tags) {
  std::vector<Leaf> all = leaves(scope, want);
  if (all.empty()) return std::nullopt;
  Leaf l = all[rng.below(static_cast<int>(all.size()))];
  tag(tags, l.text.starts_with("$states.") ? "jsonata:states-input" : "jsonata:variable");
  return l;
}

bool all_numbers(const asl::Value& v) {
  if (!v.is_array()) return false;
  for (const asl::Value& item : v.as_array()) {
    if (!safe_integer(item)) return false;
  }
  return true;
}

const char* const kTexts[] = {"hello", "it's", "{braces}", "back\\slash", "x y", "\xc3\xa9t\xc3\xa9", "", "line\nbreak", "42"};

TypedExpr string_expr(Rng& rng, const JaScope& scope, int depth, std::vector<std::string>& tags);
TypedExpr integer_expr(Rng& rng, const JaScope& scope, int depth, std::vector<std::string>& tags);

TypedExpr any_leaf_or_literal(Rng& rng, const JaScope& scope, std::vector<std::string>& tags) {
  if (auto l = pick_leaf(rng, scope, Ty::any, tags)) return {l->text, Ty::any, l->value};
  return {"null", Ty::any, asl::Value(nullptr)};
}

TypedExpr string_expr(Rng& rng, const JaScope& scope, int depth, std::vector<std::string>& tags) {
  switch (depth <= 0 ? rng.below(3) : rng.below(9)) {
    case 0:
      if (auto l = pick_leaf(rng, scope, Ty::string, tags)) return {l->text, Ty::string, l->value};
      [[fallthrough]];
    case 1: {
      std::string text = rng.pick(kTexts);
      return {jsonata_literal(text), Ty::string, asl::Value(text)};
    }
    case 2:
      if (scope.context) {
        tag(tags, "jsonata:context");
        return {rng.coin() ? "$states.context.Execution.Name" : "$states.context.State.Name", Ty::string, std::nullopt};
      }
      return {"'ctx'", Ty::string, asl::Value("ctx")};
    case 3: {
      TypedExpr any = any_leaf_or_literal(rng, scope, tags);
      tag(tags, "jsonata:fn:$string");
      return {"$string(" + any.text + ")", Ty::string, std::nullopt};
    }
    case 4: {
      static const char* const kFns[] = {"$uppercase", "$lowercase", "$trim"};
      TypedExpr s = string_expr(rng, scope, depth - 1, tags);
      tag(tags, "jsonata:fn:string");
      return {std::string(rng.pick(kFns)) + "(" + s.text + ")", Ty::string, std::nullopt};
    }
    case 5: {
      TypedExpr a = string_expr(rng, scope, depth - 1, tags);
      TypedExpr n = integer_expr(rng, scope, depth - 1, tags);
      tag(tags, "jsonata:concatenation");
      return {a.text + " & '-' & $string(" + n.text + ")", Ty::string, std::nullopt};
    }
    case 6: {
      TypedExpr s = string_expr(rng, scope, depth - 1, tags);
      tag(tags, "jsonata:fn:string");
      return {"$substring(" + s.text + ", 0, " + std::to_string(rng.between(0, 4)) + ")", Ty::string, std::nullopt};
    }
    case 7:
      if (scope.error_output) {
        tag(tags, "jsonata:states-errorOutput");
        return {"$string($states.errorOutput.Error)", Ty::string, std::nullopt};
      }
      if (scope.result) {
        tag(tags, "jsonata:states-result");
        return {"$string($states.result)", Ty::string, std::nullopt};
      }
      [[fallthrough]];
    default: {
      TypedExpr a = string_expr(rng, scope, depth - 1, tags);
      tag(tags, "jsonata:fn:$join");
      return {"$join([" + a.text + ", 'z'], ',')", Ty::string, std::nullopt};
    }
  }
}

TypedExpr integer_expr(Rng& rng, const JaScope& scope, int depth, std::vector<std::string>& tags) {
  switch (depth <= 0 ? rng.below(2) : rng.below(8)) {
    case 0:
      if (auto l = pick_leaf(rng, scope, Ty::integer, tags)) return {l->text, Ty::integer, l->value};
      [[fallthrough]];
    case 1: {
      std::int64_t v = rng.between(-3, 100);
      return {std::to_string(v), Ty::integer, asl::Value(v)};
    }
    case 2:
      if (auto a = pick_leaf(rng, scope, Ty::array, tags)) {
        tag(tags, "jsonata:fn:$count");
        return {"$count(" + a->text + ")", Ty::integer, asl::Value(static_cast<std::int64_t>(a->value.size()))};
      }
      [[fallthrough]];
    case 3: {
      TypedExpr s = string_expr(rng, scope, depth - 1, tags);
      tag(tags, "jsonata:fn:$length");
      return {"$length(" + s.text + ")", Ty::integer, std::nullopt};
    }
    case 4: {
      std::vector<Leaf> arrays = leaves(scope, Ty::array);
      std::vector<Leaf> numeric;
      for (Leaf& l : arrays) {
        if (all_numbers(l.value)) numeric.push_back(std::move(l));
      }
      if (!numeric.empty()) {
        const Leaf& l = numeric[rng.below(static_cast<int>(numeric.size()))];
        tag(tags, "jsonata:higher-order");
        if (rng.coin()) return {"$reduce([" + l.text + ", 0], function($a, $b) { $a + $b })", Ty::integer, std::nullopt};
        // [..] around $map: an empty array maps to nothing, and $sum(nothing) is undefined.
        return {"$sum([$map([" + l.text + "], function($v) { $v * 2 })])", Ty::integer, std::nullopt};
      }
      [[fallthrough]];
    }
    case 5: {
      TypedExpr a = integer_expr(rng, scope, depth - 1, tags);
      TypedExpr b = integer_expr(rng, scope, depth - 1, tags);
      tag(tags, "jsonata:arithmetic");
      return {"(" + a.text + ") + (" + b.text + ")", Ty::integer, std::nullopt};
    }
    case 6: {
      TypedExpr a = integer_expr(rng, scope, depth - 1, tags);
      tag(tags, "jsonata:binding");
      return {"($t := " + a.text + "; $abs($t) * 2)", Ty::integer, std::nullopt};
    }
    default: {
      TypedExpr a = integer_expr(rng, scope, depth - 1, tags);
      tag(tags, "jsonata:fn:numeric");
      return {"$floor(" + a.text + " / 2)", Ty::integer, std::nullopt};
    }
  }
}

TypedExpr boolean_expr(Rng& rng, const JaScope& scope, int depth, std::vector<std::string>& tags) {
  return {jsonata_condition(rng, scope, tags, depth <= 0 ? 2 : 1), Ty::boolean, std::nullopt};
}

TypedExpr array_expr(Rng& rng, const JaScope& scope, int depth, std::vector<std::string>& tags) {
  switch (depth <= 0 ? 0 : rng.below(4)) {
    case 0:
      if (auto l = pick_leaf(rng, scope, Ty::array, tags)) return {l->text, Ty::array, l->value};
      [[fallthrough]];
    case 1: {
      TypedExpr a = integer_expr(rng, scope, depth - 1, tags);
      TypedExpr b = string_expr(rng, scope, depth - 1, tags);
      tag(tags, "jsonata:array-constructor");
      return {"[" + a.text + ", " + b.text + "]", Ty::array, std::nullopt};
    }
    case 2:
      if (auto l = pick_leaf(rng, scope, Ty::array, tags)) {
        // An array constructor keeps the result an array even for one item or none.
        tag(tags, "jsonata:fn:$append");
        return {"$append([" + l->text + "], [" + integer_expr(rng, scope, 0, tags).text + "])", Ty::array, std::nullopt};
      }
      [[fallthrough]];
    default: {
      TypedExpr s = string_expr(rng, scope, depth - 1, tags);
      tag(tags, "jsonata:fn:$split");
      return {"$split(" + s.text + " & ',x', ',')", Ty::array, std::nullopt};
    }
  }
}

TypedExpr object_expr(Rng& rng, const JaScope& scope, int depth, std::vector<std::string>& tags) {
  switch (depth <= 0 ? 0 : rng.below(4)) {
    case 0:
      if (auto l = pick_leaf(rng, scope, Ty::object, tags)) return {l->text, Ty::object, l->value};
      [[fallthrough]];
    case 1: {
      TypedExpr a = integer_expr(rng, scope, depth - 1, tags);
      TypedExpr b = string_expr(rng, scope, depth - 1, tags);
      tag(tags, "jsonata:object-constructor");
      return {"{'a': " + a.text + ", 'b': " + b.text + "}", Ty::object, std::nullopt};
    }
    case 2:
      if (auto l = pick_leaf(rng, scope, Ty::object, tags)) {
        tag(tags, "jsonata:fn:$merge");
        return {"$merge([" + l->text + ", {'added': " + integer_expr(rng, scope, 0, tags).text + "}])", Ty::object,
                std::nullopt};
      }
      [[fallthrough]];
    default:
      if (scope.context && rng.coin()) {
        tag(tags, "jsonata:context");
        // Not the whole Execution object: its Input is the execution's, which wrapping a machine
        // in a Map or Parallel (the metamorphic relations) changes.
        return {"{'execution': $states.context.Execution.Name, 'state': $states.context.State.Name, "
                "'retries': $states.context.State.RetryCount}",
                Ty::object, std::nullopt};
      }
      tag(tags, "jsonata:object-constructor");
      return {"{'when': " + jsonata_literal("2026-01-01T00:00:00Z") + "}", Ty::object, std::nullopt};
  }
}

// One comparison over a typed node (or a variable) of the input.
std::string comparison(Rng& rng, const JaScope& scope, std::vector<std::string>& tags) {
  std::vector<Leaf> all = leaves(scope, Ty::any);
  if (all.empty()) return rng.coin() ? "true" : "false";
  const Leaf& l = all[rng.below(static_cast<int>(all.size()))];
  tag(tags, l.text.starts_with("$states.") ? "jsonata:states-input" : "jsonata:variable");
  static const char* const kRelations[] = {"=", "!=", "<", "<=", ">", ">="};
  const asl::Value& v = l.value;
  if (safe_integer(v) || (v.kind() == asl::Kind::real && std::isfinite(v.as_double()) && std::fabs(v.as_double()) < 1e15)) {
    double d = v.as_double();
    char operand[32];
    std::snprintf(operand, sizeof operand, "%.15g", rng.below(3) == 0 ? d + 1 : d);
    tag(tags, "jsonata:compare-number");
    return l.text + " " + rng.pick(kRelations) + " " + operand;
  }
  if (is_small_string(v)) {
    tag(tags, "jsonata:compare-string");
    switch (rng.below(4)) {
      case 0: return l.text + " = " + jsonata_literal(rng.coin() ? v.as_string() : std::string(rng.pick(kTexts)));
      case 1: return l.text + " " + rng.pick(kRelations) + " 'm'";
      case 2: return "$contains(" + l.text + ", 'a')";
      default: return "$length(" + l.text + ") > " + std::to_string(rng.between(0, 4));
    }
  }
  if (v.is_bool()) {
    tag(tags, "jsonata:compare-boolean");
    return rng.coin() ? l.text + " = " + (rng.coin() ? "true" : "false") : l.text;
  }
  tag(tags, "jsonata:fn:$exists");
  if (rng.coin()) return "$exists(" + l.text + ")";
  static const char* const kTypes[] = {"'string'", "'number'", "'object'", "'array'", "'null'", "'boolean'"};
  return "$type(" + l.text + ") = " + rng.pick(kTypes);
}

}  // namespace

std::vector<JaLeaf> jsonata_leaves(const std::vector<Node>& nodes, bool variables) {
  std::vector<JaLeaf> out;
  out.reserve(nodes.size());
  for (const Node& n : nodes) {
    if (auto p = jsonata_path(n.path, variables ? "" : "$states.input")) out.push_back({std::move(*p), n.value});
  }
  return out;
}

std::optional<std::string> jsonata_path(const std::string& jsonpath, const std::string& root) {
  std::size_t i = 1;
  std::string out;
  if (jsonpath.empty() || jsonpath[0] != '$') return std::nullopt;
  if (i < jsonpath.size() && identifier_char(jsonpath[i])) {  // a variable: "$name..."
    while (i < jsonpath.size() && identifier_char(jsonpath[i])) ++i;
    out = jsonpath.substr(0, i);
  } else {
    out = root;
  }
  bool after_index = false;
  while (i < jsonpath.size()) {
    if (jsonpath[i] == '.') {
      std::size_t start = ++i;
      while (i < jsonpath.size() && identifier_char(jsonpath[i])) ++i;
      std::string key = jsonpath.substr(start, i - start);
      out += reserved(key) ? ".`" + key + "`" : "." + key;
      after_index = false;
    } else if (jsonpath.compare(i, 2, "['") == 0) {
      std::size_t end = jsonpath.find("']", i + 2);
      if (end == std::string::npos) return std::nullopt;
      std::string key = jsonpath.substr(i + 2, end - i - 2);
      if (key.find('`') != std::string::npos) return std::nullopt;
      out += ".`" + key + "`";
      i = end + 2;
      after_index = false;
    } else if (jsonpath[i] == '[') {
      if (after_index) return std::nullopt;
      std::size_t end = jsonpath.find(']', i);
      if (end == std::string::npos) return std::nullopt;
      out += jsonpath.substr(i, end - i + 1);
      i = end + 1;
      after_index = true;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::string jsonata_literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\\') {
      out += "\\\\";
    } else if (u < 0x20 || c == '\'') {  // JSONata has no \' escape: quotes go as \u0027
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", u);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "'";
}

asl::Value braces(const std::string& expression) { return asl::Value("{% " + expression + " %}"); }

TypedExpr jsonata_expression(Rng& rng, const JaScope& scope, Ty want, std::vector<std::string>& tags) {
  if (want == Ty::any) {
    switch (rng.below(8)) {
      case 0: want = Ty::string; break;
      case 1: want = Ty::integer; break;
      case 2: want = Ty::boolean; break;
      case 3: want = Ty::array; break;
      case 4: want = Ty::object; break;
      case 5:
        if (scope.result) {
          tag(tags, "jsonata:states-result");
          return {"$states.result", Ty::any, std::nullopt};
        }
        if (scope.error_output) {
          tag(tags, "jsonata:states-errorOutput");
          return {"$states.errorOutput", Ty::any, std::nullopt};
        }
        [[fallthrough]];
      case 6: {
        TypedExpr c = boolean_expr(rng, scope, 0, tags);
        TypedExpr a = string_expr(rng, scope, 1, tags);
        TypedExpr b = integer_expr(rng, scope, 1, tags);
        tag(tags, "jsonata:conditional");
        return {"(" + c.text + ") ? " + a.text + " : " + b.text, Ty::any, std::nullopt};
      }
      default: {
        TypedExpr l = any_leaf_or_literal(rng, scope, tags);
        return l;
      }
    }
  }
  switch (want) {
    case Ty::string: return string_expr(rng, scope, 2, tags);
    case Ty::integer: return integer_expr(rng, scope, 2, tags);
    case Ty::boolean: return boolean_expr(rng, scope, 1, tags);
    case Ty::array: return array_expr(rng, scope, 2, tags);
    case Ty::object: return object_expr(rng, scope, 2, tags);
    case Ty::any: break;
  }
  return any_leaf_or_literal(rng, scope, tags);
}

std::string jsonata_condition(Rng& rng, const JaScope& scope, std::vector<std::string>& tags, int depth) {
  if (depth < 2 && rng.below(4) == 0) {
    switch (rng.below(3)) {
      case 0:
        tag(tags, "jsonata:and");
        return "(" + jsonata_condition(rng, scope, tags, depth + 1) + ") and (" +
               jsonata_condition(rng, scope, tags, depth + 1) + ")";
      case 1:
        tag(tags, "jsonata:or");
        return "(" + jsonata_condition(rng, scope, tags, depth + 1) + ") or (" +
               jsonata_condition(rng, scope, tags, depth + 1) + ")";
      default:
        tag(tags, "jsonata:fn:$not");
        return "$not(" + jsonata_condition(rng, scope, tags, depth + 1) + ")";
    }
  }
  return comparison(rng, scope, tags);
}

std::string jsonata_integer(Rng& rng, const JaScope& scope, std::int64_t value, std::vector<std::string>& tags) {
  tag(tags, "jsonata:number-expression");
  std::vector<Leaf> same;
  for (Leaf& l : leaves(scope, Ty::integer)) {
    if (l.value.as_int() == value) same.push_back(std::move(l));
  }
  const std::string v = std::to_string(value);
  switch (rng.below(5)) {
    case 0:
      if (!same.empty()) return same[rng.below(static_cast<int>(same.size()))].text;
      [[fallthrough]];
    case 1: return v;
    case 2: return "(" + std::to_string(value + 3) + ") - 3";
    case 3: return "$number('" + v + "')";
    default: return "$floor(" + v + ".25)";
  }
}

std::string jsonata_failing(Rng& rng, const JaScope& scope, JaFailure how, std::vector<std::string>& tags) {
  tag(tags, "jsonata-error");
  switch (how) {
    case JaFailure::undefined:
      tag(tags, "jsonata-error:undefined");
      switch (rng.below(3)) {
        case 0: return "$states.input.absent" + std::to_string(rng.below(10));
        case 1: return "$notAssigned";
        default: return "$states.context.Execution.NoSuchField";
      }
    case JaFailure::function:
      tag(tags, "jsonata-error:function");
      return rng.coin() ? "function($x) { $x }" : "$uppercase";
    case JaFailure::engine:
      tag(tags, "jsonata-error:engine");
      switch (rng.below(3)) {
        case 0: return "$states.input()";
        case 1: return "$number('not a number')";
        default: return "1 + 'a'";
      }
  }
  return "$nothing";
}

asl::Value jsonata_template(Rng& rng, const JaScope& scope, int members, std::vector<std::string>& tags) {
  static const char* const kKeys[] = {"id", "value", "name", "list", "count", "meta", "when", "label"};
  asl::Object t;
  for (int i = 0; i < members; ++i) {
    std::string key = std::string(kKeys[i % 8]) + (i >= 8 ? std::to_string(i) : "");
    switch (rng.below(6)) {
      case 0:
      case 1:
      case 2: t.set(key, braces(jsonata_expression(rng, scope, Ty::any, tags).text)); break;
      case 3:
        t.set(key, asl::Value(asl::Object{{"inner", braces(jsonata_expression(rng, scope, Ty::any, tags).text)},
                                          {"fixed", edge_value(rng, 2)}}));
        break;
      case 4:
        t.set(key, asl::Value(asl::Array{braces(string_expr(rng, scope, 1, tags).text), asl::Value(key)}));
        break;
      default: t.set(key, edge_value(rng, 2)); break;
    }
  }
  return asl::Value(std::move(t));
}

}  // namespace aslgen::detail
