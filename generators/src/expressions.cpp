// expressions.cpp — JSONPath expressions and intrinsic calls valid against a concrete document, typed by construction.
#include "expressions.h"

#include <cmath>

namespace aslgen::detail {
namespace {

bool of_type(const asl::Value& v, Ty t) {
  switch (t) {
    case Ty::any: return true;
    case Ty::string: return is_small_string(v);
    case Ty::integer: return is_int32(v) && std::llabs(v.as_int()) <= 1000000;
    case Ty::boolean: return v.is_bool();
    case Ty::array: return v.is_array();
    case Ty::object: return v.is_object();
  }
  return false;
}

void tag(std::vector<std::string>& tags, std::string t) {
  for (const std::string& have : tags) {
    if (have == t) return;
  }
  tags.push_back(std::move(t));
}

// A path (or variable) leaf of the wanted type, when the document has one.
std::optional<TypedExpr> path_leaf(Rng& rng, const ExprScope& scope, Ty want) {
  std::vector<const Node*> candidates;
  if (scope.nodes != nullptr) {
    for (const Node& n : *scope.nodes) {
      if (of_type(n.value, want)) candidates.push_back(&n);
    }
  }
  for (const Node& n : scope.variables) {
    if (of_type(n.value, want)) candidates.push_back(&n);
  }
  if (candidates.empty()) return std::nullopt;
  const Node* n = candidates[rng.below(static_cast<int>(candidates.size()))];
  return TypedExpr{rng.below(4) == 0 ? n->brackets : n->path, want, n->value};
}

const char* const kLiteralTexts[] = {"hello", "a,b,,c", "it's", "{braces}", "back\\slash", "x y", "\xc3\xa9t\xc3\xa9",
                                     "", "line\nbreak", "42"};

TypedExpr leaf(Rng& rng, const ExprScope& scope, Ty want) {
  if (rng.below(3) != 0) {
    if (auto p = path_leaf(rng, scope, want)) return *p;
  }
  switch (want) {
    case Ty::string:
      if (scope.context && rng.below(4) == 0) return {"$$.Execution.Name", Ty::string, std::nullopt};
      {
        std::string text = rng.pick(kLiteralTexts);
        return {intrinsic_literal(text), Ty::string, asl::Value(text)};
      }
    case Ty::integer: {
      static const char* const kNumbers[] = {"0", "1", "-1", "7", "100", "1.5", "-2.5", "1.49"};
      std::string text = rng.pick(kNumbers);
      double d = std::stod(text);
      asl::Value v = d == std::floor(d) ? asl::Value(static_cast<std::int64_t>(d)) : asl::Value(d);
      return {text, Ty::integer, v};
    }
    case Ty::array:
    case Ty::object:
    case Ty::boolean:
    case Ty::any:
      if (auto p = path_leaf(rng, scope, want)) return *p;
      break;
  }
  return {};  // caller builds a call instead
}

std::string join_args(const std::vector<TypedExpr>& args) {
  std::string out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ", ";
    out += args[i].text;
  }
  return out;
}

TypedExpr call(std::string fn, const std::vector<TypedExpr>& args, Ty type, std::vector<std::string>& tags,
               std::optional<asl::Value> value = std::nullopt) {
  tag(tags, "intrinsic:" + fn);
  return {fn + "(" + join_args(args) + ")", type, std::move(value)};
}

TypedExpr gen(Rng& rng, const ExprScope& scope, Ty want, int depth, std::vector<std::string>& tags);

// The smallest argument of a type, once the nesting budget is spent (AWS allows 10 levels).
TypedExpr minimal(Ty want, std::vector<std::string>& tags) {
  switch (want) {
    case Ty::string: return {"'x'", Ty::string, asl::Value("x")};
    case Ty::integer: return {"1", Ty::integer, asl::Value(1)};
    case Ty::array: return call("States.Array", {}, Ty::array, tags, asl::Value(asl::Array{}));
    case Ty::object: return call("States.StringToJson", {{"'\\{\\}'", Ty::string, {}}}, Ty::object, tags);
    case Ty::boolean:
      return call("States.ArrayContains", {minimal(Ty::array, tags), {"1", Ty::integer, {}}}, Ty::boolean, tags);
    case Ty::any: break;
  }
  return {"null", Ty::any, asl::Value()};
}

TypedExpr arg(Rng& rng, const ExprScope& scope, Ty want, int depth, std::vector<std::string>& tags) {
  if (depth <= 0 || rng.below(3) != 0) {
    TypedExpr l = leaf(rng, scope, want);
    if (!l.text.empty()) return l;
    if (depth <= 0) return minimal(want, tags);
  }
  return gen(rng, scope, want, depth - 1, tags);
}

TypedExpr gen_string(Rng& rng, const ExprScope& scope, int depth, std::vector<std::string>& tags) {
  switch (rng.below(7)) {
    case 0: {
      int n = rng.below(4);
      std::vector<TypedExpr> args;
      std::string fmt;
      static const char* const kFormatTexts[] = {"order ", " has ", "\\{x\\}", ": ", "it\\'s ", "#"};
      for (int i = 0; i < n; ++i) {
        fmt += rng.pick(kFormatTexts);
        fmt += "{}";
        args.push_back(arg(rng, scope, rng.below(4) == 0 ? Ty::any : (rng.coin() ? Ty::string : Ty::integer), depth, tags));
      }
      fmt += rng.pick(kFormatTexts);
      args.insert(args.begin(), TypedExpr{"'" + fmt + "'", Ty::string, std::nullopt});
      return call("States.Format", args, Ty::string, tags);
    }
    case 1: return call("States.JsonToString", {arg(rng, scope, Ty::any, depth, tags)}, Ty::string, tags);
    case 2: return call("States.Base64Encode", {arg(rng, scope, Ty::string, depth, tags)}, Ty::string, tags);
    case 3: {
      TypedExpr inner = rng.coin() ? call("States.Base64Encode", {arg(rng, scope, Ty::string, depth, tags)}, Ty::string, tags)
                                   : TypedExpr{"'aGVsbG8gd29ybGQ='", Ty::string, std::nullopt};
      return call("States.Base64Decode", {inner}, Ty::string, tags);
    }
    case 4: {
      static const char* const kAlgorithms[] = {"'MD5'", "'SHA-1'", "'SHA-256'", "'SHA-384'", "'SHA-512'"};
      return call("States.Hash", {arg(rng, scope, Ty::string, depth, tags), {rng.pick(kAlgorithms), Ty::string, {}}},
                  Ty::string, tags);
    }
    case 5: return call("States.UUID", {}, Ty::string, tags);
    default: {
      TypedExpr l = leaf(rng, scope, Ty::string);
      return l.text.empty() ? call("States.UUID", {}, Ty::string, tags) : l;
    }
  }
}

TypedExpr gen_array(Rng& rng, const ExprScope& scope, int depth, std::vector<std::string>& tags) {
  switch (rng.below(6)) {
    case 0: {
      int n = rng.below(4);
      std::vector<TypedExpr> args;
      asl::Array known;
      for (int i = 0; i < n; ++i) {
        args.push_back(rng.below(5) == 0 ? TypedExpr{"null", Ty::any, asl::Value()} : arg(rng, scope, Ty::any, depth, tags));
        if (args.back().text.empty()) args.back() = TypedExpr{"null", Ty::any, asl::Value()};
        known.push_back(args.back().value.value_or(asl::Value()));
      }
      return call("States.Array", args, Ty::array, tags, asl::Value(std::move(known)));
    }
    case 1:
      return call("States.ArrayPartition",
                  {arg(rng, scope, Ty::array, depth, tags), {std::to_string(rng.between(1, 3)), Ty::integer, {}}},
                  Ty::array, tags);
    case 2: {
      int first = rng.between(-3, 5), last = rng.between(-3, 12), step = rng.between(1, 4);
      if (last < first) step = -step;
      asl::Array known;
      for (int i = first; step > 0 ? i <= last : i >= last; i += step) known.emplace_back(static_cast<std::int64_t>(i));
      return call("States.ArrayRange",
                  {{std::to_string(first), Ty::integer, {}}, {std::to_string(last), Ty::integer, {}},
                   {std::to_string(step), Ty::integer, {}}},
                  Ty::array, tags, asl::Value(std::move(known)));
    }
    case 3: return call("States.ArrayUnique", {arg(rng, scope, Ty::array, depth, tags)}, Ty::array, tags);
    case 4: {
      static const char* const kDelimiters[] = {"','", "' '", "', '", "'a'"};
      return call("States.StringSplit", {arg(rng, scope, Ty::string, depth, tags), {rng.pick(kDelimiters), Ty::string, {}}},
                  Ty::array, tags);
    }
    default: {
      TypedExpr l = leaf(rng, scope, Ty::array);
      if (!l.text.empty()) return l;
      return call("States.Array", {}, Ty::array, tags, asl::Value(asl::Array{}));
    }
  }
}

TypedExpr gen_integer(Rng& rng, const ExprScope& scope, int depth, std::vector<std::string>& tags) {
  switch (rng.below(4)) {
    case 0: return call("States.ArrayLength", {arg(rng, scope, Ty::array, depth, tags)}, Ty::integer, tags);
    case 1:
      return call("States.MathAdd", {arg(rng, scope, Ty::integer, depth, tags), arg(rng, scope, Ty::integer, depth, tags)},
                  Ty::integer, tags);
    case 2: {
      int lo = rng.between(-10, 10), hi = lo + rng.between(1, 100);
      std::vector<TypedExpr> args{{std::to_string(lo), Ty::integer, {}}, {std::to_string(hi), Ty::integer, {}}};
      if (rng.coin()) args.push_back({std::to_string(rng.between(0, 99999)), Ty::integer, {}});
      return call("States.MathRandom", args, Ty::integer, tags);
    }
    default: return leaf(rng, scope, Ty::integer);
  }
}

TypedExpr gen_object(Rng& rng, const ExprScope& scope, int depth, std::vector<std::string>& tags) {
  auto object_arg = [&]() -> TypedExpr {
    if (auto p = path_leaf(rng, scope, Ty::object)) return *p;
    return call("States.StringToJson", {{intrinsic_literal("{\"k\": 1, \"s\": \"v\"}"), Ty::string, {}}}, Ty::object, tags);
  };
  if (rng.coin()) {
    return call("States.JsonMerge", {object_arg(), object_arg(), {"false", Ty::boolean, {}}}, Ty::object, tags);
  }
  TypedExpr inner = call("States.JsonToString", {object_arg()}, Ty::string, tags);
  return call("States.StringToJson", {inner}, Ty::object, tags);
}

TypedExpr gen(Rng& rng, const ExprScope& scope, Ty want, int depth, std::vector<std::string>& tags) {
  switch (want) {
    case Ty::string: return gen_string(rng, scope, depth, tags);
    case Ty::array: return gen_array(rng, scope, depth, tags);
    case Ty::integer: return gen_integer(rng, scope, depth, tags);
    case Ty::object: return gen_object(rng, scope, depth, tags);
    case Ty::boolean:
      return call("States.ArrayContains", {gen_array(rng, scope, depth, tags), arg(rng, scope, Ty::any, depth, tags)},
                  Ty::boolean, tags);
    case Ty::any:
      break;
  }
  switch (rng.below(7)) {
    case 0: {
      // ArrayGetItem over an array whose length is known, with an index inside it.
      TypedExpr a = rng.coin() ? gen_array(rng, scope, depth, tags) : leaf(rng, scope, Ty::array);
      if (a.value && a.value->is_array() && a.value->size() > 0) {
        int index = rng.below(static_cast<int>(a.value->size()));
        return call("States.ArrayGetItem", {a, {std::to_string(index), Ty::integer, {}}}, Ty::any, tags);
      }
      return call("States.StringToJson", {call("States.JsonToString", {a.text.empty() ? gen_array(rng, scope, depth, tags) : a},
                                              Ty::string, tags)},
                  Ty::any, tags);
    }
    case 1: return gen_string(rng, scope, depth, tags);
    case 2: return gen_array(rng, scope, depth, tags);
    case 3: return gen_integer(rng, scope, depth, tags);
    case 4: return gen_object(rng, scope, depth, tags);
    case 5: return gen(rng, scope, Ty::boolean, depth, tags);
    default: {
      static const char* const kJsonTexts[] = {"42", "\"x\"", "[1, 2]", "", " ", "-0", "{\"a\": {\"b\": null}}"};
      return call("States.StringToJson", {{intrinsic_literal(rng.pick(kJsonTexts)), Ty::string, {}}}, Ty::any, tags);
    }
  }
}

}  // namespace

std::string intrinsic_literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '{' || c == '}' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

TypedExpr intrinsic_call(Rng& rng, const ExprScope& scope, Ty want, int depth, std::vector<std::string>& tags) {
  TypedExpr e = gen(rng, scope, want, std::max(0, depth), tags);
  // A `.$` value must be a path or a call: a bare literal leaf is wrapped in a call that keeps its type.
  if (e.text.empty()) return call("States.UUID", {}, Ty::string, tags);
  if (e.text[0] == '\'') return call("States.Format", {e}, Ty::string, tags);
  if (e.text[0] != '$' && !e.text.starts_with("States.")) {
    return call("States.MathAdd", {e, {"0", Ty::integer, {}}}, Ty::integer, tags);
  }
  return e;
}

std::string failing_intrinsic_call(Rng& rng, const ExprScope& scope, std::vector<std::string>& tags) {
  tag(tags, "intrinsic-error");
  switch (rng.below(6)) {
    case 0: return call("States.ArrayGetItem", {{"States.Array(1, 2)", Ty::array, {}}, {"5", Ty::integer, {}}}, Ty::any, tags).text;
    case 1: return call("States.ArrayRange", {{"0", Ty::integer, {}}, {"5000", Ty::integer, {}}, {"1", Ty::integer, {}}}, Ty::array, tags).text;
    case 2: return call("States.MathAdd", {{"2147483648", Ty::integer, {}}, {"1", Ty::integer, {}}}, Ty::integer, tags).text;
    case 3: return call("States.Hash", {{"'x'", Ty::string, {}}, {"'SHA-3'", Ty::string, {}}}, Ty::string, tags).text;
    case 4: {
      TypedExpr a = leaf(rng, scope, Ty::string);
      if (a.text.empty()) a = {"'x'", Ty::string, {}};
      return call("States.ArrayLength", {a}, Ty::integer, tags).text;
    }
    default: return call("States.ArrayPartition", {{"States.Array(1)", Ty::array, {}}, {"0", Ty::integer, {}}}, Ty::array, tags).text;
  }
}

std::string fail_path_call(Rng& rng, const ExprScope& scope, std::vector<std::string>& tags) {
  switch (rng.below(3)) {
    case 0: {
      TypedExpr a = leaf(rng, scope, Ty::any);
      if (a.text.empty()) a = {"$", Ty::any, {}};
      return call("States.Format", {{"'failed at {}'", Ty::string, {}}, a}, Ty::string, tags).text;
    }
    case 1: return call("States.JsonToString", {{"$", Ty::any, {}}}, Ty::string, tags).text;
    default: return call("States.UUID", {}, Ty::string, tags).text;
  }
}

std::string jsonpath_expression(Rng& rng, const ExprScope& scope, bool indefinite, std::vector<std::string>& tags) {
  const std::vector<Node>& nodes = *scope.nodes;
  if (indefinite) {
    std::vector<const Node*> arrays = nodes_where(nodes, [](const asl::Value& v) { return v.is_array() && v.size() > 0; });
    if (!arrays.empty()) {
      const Node* a = arrays[rng.below(static_cast<int>(arrays.size()))];
      const asl::Value& first = *a->value.at(0);
      std::string key;
      if (first.is_object() && first.size() > 0) {
        const std::string& k = first.as_object()[rng.below(static_cast<int>(first.size()))].key;
        if (plain_key(k)) key = k;
      }
      switch (rng.below(6)) {
        case 0: tag(tags, "jsonpath:wildcard"); return a->path + "[*]" + (key.empty() ? "" : "." + key);
        case 1: tag(tags, "jsonpath:slice"); return a->path + (rng.coin() ? "[0:2]" : "[-1:]");
        case 2: tag(tags, "jsonpath:union"); return a->path + "[0,1]";
        case 3:
          if (!key.empty()) {
            tag(tags, "jsonpath:deep-scan");
            return "$.." + key;
          }
          break;
        case 4:
          if (!key.empty() && first.get(key)->is_number()) {
            tag(tags, "jsonpath:filter");
            return a->path + "[?(@." + key + " > " + std::to_string(rng.between(0, 100)) + ")]";
          }
          if (!key.empty() && first.get(key)->is_bool()) {
            tag(tags, "jsonpath:filter");
            return a->path + "[?(@." + key + " == true)]";
          }
          break;
        default: break;
      }
      tag(tags, "jsonpath:wildcard");
      return a->path + "[*]";
    }
  }
  const Node& n = nodes[rng.below(static_cast<int>(nodes.size()))];
  if (n.path != n.brackets && rng.below(4) == 0) {
    tag(tags, "jsonpath:brackets");
    return n.brackets;
  }
  return n.path;
}

}  // namespace aslgen::detail
