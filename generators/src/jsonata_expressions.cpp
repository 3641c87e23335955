// jsonata_expressions.cpp — JSONata expressions and documents for differential testing: a small typed grammar drawn with RapidCheck picks.
#include "aslgen/jsonata_expressions.h"

#include <cstdint>
#include <vector>

namespace aslgen {
namespace {

// Every choice is a RapidCheck pick inside gen::exec, so shrinking replays the picks toward 0:
// alternative 0 of every choice is the simplest one.
int choose(int n) { return *rc::gen::inRange(0, n); }

template <class T>
const T& one_of(const std::vector<T>& items) {
  return items[static_cast<std::size_t>(choose(static_cast<int>(items.size())))];
}

const std::vector<std::string> kFields = {"a", "b", "name", "price", "items", "tags", "nested", "qty", "flag", "c"};
const std::vector<std::string> kRareKeys = {"1", "10", "0"};  // integer-like: JavaScript orders them first

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// --- documents ------------------------------------------------------------------------------

std::string text_piece() {
  static const std::vector<std::string> pieces = {"a", "b", "x", " ", "A", "1", "-", "\xc3\xa9", "\xe2\x82\xac", "ab", ".", "z"};
  if (choose(40) == 39) return "\xf0\x9f\x98\x80";  // outside the BMP: UTF-16 offsets differ
  return one_of(pieces);
}

std::string text() {
  std::string s;
  int n = choose(5);
  for (int i = 0; i < n; ++i) s += text_piece();
  return s;
}

asl::Value number_value() {
  switch (choose(5)) {
    case 0: return asl::Value(static_cast<std::int64_t>(choose(10)));
    case 1: return asl::Value(static_cast<std::int64_t>(*rc::gen::inRange(-100, 1000)));
    case 2: return asl::Value(static_cast<double>(*rc::gen::inRange(-2000, 2000)) / 4.0);
    case 3: return asl::Value(0.1 * choose(30));
    default: return asl::Value(static_cast<std::int64_t>(*rc::gen::inRange(-5, 5)));
  }
}

asl::Value scalar_value() {
  switch (choose(5)) {
    case 0: return number_value();
    case 1: return asl::Value(text());
    case 2: return asl::Value(choose(2) == 1);
    case 3: return asl::Value();
    default: return number_value();
  }
}

std::string key() { return choose(30) == 29 ? one_of(kRareKeys) : one_of(kFields); }

asl::Value document_value(int depth);
asl::Value record_array();

asl::Value object_value(int depth) {
  asl::Object o;
  int n = choose(6);
  for (int i = 0; i < n; ++i) o.set(key(), document_value(depth - 1));
  return asl::Value(std::move(o));
}

// Records of one shape (what paths over arrays, predicates, sorting and grouping work on).
asl::Value record_array() {
  asl::Array records;
  int n = choose(5);
  for (int i = 0; i < n; ++i) {
    asl::Object r;
    r.set("name", asl::Value(text()));
    r.set("price", number_value());
    if (choose(3)) r.set("qty", asl::Value(static_cast<std::int64_t>(choose(5))));
    if (choose(2)) {
      asl::Array tags;
      int t = choose(3);
      for (int k = 0; k < t; ++k) tags.push_back(asl::Value(text()));
      r.set("tags", asl::Value(std::move(tags)));
    }
    if (choose(4) == 3) r.set("nested", asl::Value(asl::Object{{"a", number_value()}, {"b", asl::Value(text())}}));
    records.push_back(asl::Value(std::move(r)));
  }
  return asl::Value(std::move(records));
}

asl::Value document_value(int depth) {
  int kind = depth <= 0 ? 0 : choose(5);
  switch (kind) {
    case 0: return scalar_value();
    case 3: return record_array();
    case 1: {
      asl::Array items;
      int n = choose(5);
      for (int i = 0; i < n; ++i) items.push_back(depth > 1 && choose(2) == 1 ? object_value(depth - 1) : scalar_value());
      return asl::Value(std::move(items));
    }
    case 2: return object_value(depth);
    default: return scalar_value();
  }
}

// --- expressions ----------------------------------------------------------------------------

enum class Type { any, number, string, boolean, array, object, function };

std::string expr(Type type, int depth);

std::string number_literal() {
  static const std::vector<std::string> literals = {"0", "1", "2", "3", "10", "-1", "1.5", "0.1", "100", "-2.5", "1e3", "7",
                                                    "0.2", "1e21", "1e-7", "123456.789", "2.5", "-0.5", "3.14159", "1e300"};
  return one_of(literals);
}

std::string string_literal() {
  // Strings the library treats specially: numbers in text, whitespace, case mappings, URLs, dates.
  static const std::vector<std::string> special = {
      "0x1F", " 12 ", "1e5", "-0", "12.50", "\xc3\x9f", "\xc7\x85", "\t a \n", "a,b,,c", "A-B_c d",
      "2024-02-29", "2024-01-02T03:04:05Z", "%41", "http://x.y/a b?c=d&e=\xc3\xa9", "YWJj", "[1,2]", "null"};
  switch (choose(10)) {
    case 8: return "'" + text() + "'";  // single quotes
    case 9: return quote(one_of(special));
    default: return quote(text());
  }
}

std::string field_name() {
  if (choose(30) == 29) return "`" + one_of(kRareKeys) + "`";
  return one_of(kFields);
}

std::string variable() {
  static const std::vector<std::string> names = {"$", "$v", "$$", "$x", "$i", "$acc", "$undefined"};
  return one_of(names);
}

std::string call(const std::string& name, const std::vector<std::string>& args) {
  std::string out = "$" + name + "(";
  for (std::size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
  return out + ")";
}

std::string lambda(int params, Type body_type, int depth) {
  static const std::vector<std::string> names = {"$v", "$i", "$a"};
  std::string out = "function(";
  for (int i = 0; i < params; ++i) out += (i ? ", " : "") + names[static_cast<std::size_t>(i)];
  return out + "){ " + expr(body_type, depth) + " }";
}

std::string regex_literal() {
  static const std::vector<std::string> regexes = {"/a/", "/[0-9]+/", "/^x/i", "/(a)(b)?/", "/\\s/", "/b+/", "/./", "/e|\xc3\xa9/"};
  return one_of(regexes);
}

// A path: steps of field names with filters, indexes, wildcards and the other step operators.
std::string path(int depth) {
  std::string out;
  int steps = 1 + choose(3);
  for (int s = 0; s < steps; ++s) {
    if (s) out += ".";
    switch (s == 0 ? choose(8) : choose(7)) {
      case 0: out += field_name(); break;
      case 1: out += field_name() + "[" + std::to_string(*rc::gen::inRange(-2, 3)) + "]"; break;
      case 2: out += field_name() + "[" + expr(Type::boolean, depth - 1) + "]"; break;
      case 3: out += "*"; break;
      case 4: out += field_name() + "^(" + (choose(2) ? ">" : "<") + field_name() + ")"; break;
      case 5: out += field_name() + (choose(2) ? "#$i" : "@$v"); break;
      case 6: out += "(" + expr(Type::any, depth - 1) + ")"; break;
      default: out += choose(2) ? "**" : "$"; break;
    }
  }
  switch (choose(8)) {
    case 0: return out;
    case 1: return out + "[]";
    case 2: return out + "{" + field_name() + ": " + expr(Type::any, depth - 1) + "}";
    case 3: return out + ".%." + field_name();
    case 4: return out + "[" + expr(Type::boolean, depth - 1) + "]";
    default: return out;
  }
}

std::string number_expr(int depth) {
  static const std::vector<std::string> ops = {"+", "-", "*", "/", "%"};
  switch (choose(depth <= 0 ? 2 : 12)) {
    case 0: return number_literal();
    case 1: return field_name();
    case 2: return "(" + expr(Type::number, depth - 1) + " " + one_of(ops) + " " + expr(Type::number, depth - 1) + ")";
    case 3: return "-" + expr(Type::number, depth - 1);
    case 4: {
      static const std::vector<std::string> aggregates = {"sum", "max", "min", "average", "count"};
      return call(one_of(aggregates), {expr(Type::array, depth - 1)});
    }
    case 5: {
      static const std::vector<std::string> unary = {"abs", "floor", "ceil", "sqrt", "number"};
      return call(one_of(unary), {expr(Type::number, depth - 1)});
    }
    case 6: return call("round", {expr(Type::number, depth - 1), std::to_string(choose(4) - 1)});
    case 7: return call("power", {expr(Type::number, depth - 1), std::to_string(choose(4))});
    case 8: return call("length", {expr(Type::string, depth - 1)});
    case 9: return call(choose(4) == 3 ? "toMillis" : "number", {string_literal()});
    case 10: return call("toMillis", {quote(choose(2) ? "2024-01-02T03:04:05.678Z" : "2024-13-01")});
    default: return path(depth);
  }
}

std::string string_expr(int depth) {
  switch (choose(depth <= 0 ? 2 : 17)) {
    case 0: return string_literal();
    case 1: return field_name();
    case 2: return "(" + expr(Type::any, depth - 1) + " & " + expr(Type::any, depth - 1) + ")";
    case 3: {
      static const std::vector<std::string> unary = {"uppercase", "lowercase", "trim", "string", "base64encode", "encodeUrlComponent"};
      return call(one_of(unary), {expr(Type::string, depth - 1)});
    }
    case 4: {
      std::vector<std::string> args = {expr(Type::string, depth - 1), expr(Type::number, depth - 1)};
      if (choose(2)) args.push_back(expr(Type::number, depth - 1));
      return call("substring", args);
    }
    case 5: return call(choose(2) ? "substringBefore" : "substringAfter", {expr(Type::string, depth - 1), string_literal()});
    case 6: return call("join", {expr(Type::array, depth - 1), string_literal()});
    case 7: return call("replace", {expr(Type::string, depth - 1), choose(2) ? string_literal() : regex_literal(), string_literal()});
    case 8: return call("pad", {expr(Type::string, depth - 1), std::to_string(*rc::gen::inRange(-6, 7)), quote("*")});
    case 9: return call("string", {expr(Type::any, depth - 1), choose(2) ? "true" : "false"});
    case 10: {
      static const std::vector<std::string> pictures = {"#,##0.00", "000.#", "#.###e0", "0%", "#,##0.0;(#)", "00.00\xe2\x80\xb0", "#"};
      return call("formatNumber", {expr(Type::number, depth - 1), quote(one_of(pictures))});
    }
    case 11: return call("formatBase", {expr(Type::number, depth - 1), std::to_string(2 + choose(15))});
    case 12: {
      static const std::vector<std::string> pictures = {"w", "#,##0", "W", "Ww", "i", "I", "a", "A", "0001", "1;o", "#;w"};
      return call("formatInteger", {expr(Type::number, depth - 1), quote(one_of(pictures))});
    }
    case 13: {
      static const std::vector<std::string> pictures = {"[Y0001]-[M01]-[D01]", "[H01]:[m01]:[s01].[f001]", "[FNn], [D1o] [MNn] [Y]",
                                                        "[Y,2]/[M,2]", "[h].[m01][P]", "[dwo] day", "[X0001]-W[W01]"};
      std::vector<std::string> args = {std::to_string(*rc::gen::inRange(-1000, 2000000)) + "000000"};
      if (choose(2)) args.push_back(quote(one_of(pictures)));
      if (choose(3) == 2) args.push_back(quote(choose(2) ? "+0530" : "-0100"));
      return call("fromMillis", args);
    }
    case 14: {
      switch (choose(6)) {
        case 0: return call("type", {expr(Type::any, depth - 1)});
        case 1: return call("replace", {expr(Type::string, depth - 1), regex_literal(), quote(choose(2) ? "[$0]" : "$1$$")});
        case 2: return call(choose(2) ? "base64decode" : "decodeUrlComponent", {string_literal()});
        case 3: return call("join", {call("split", {expr(Type::string, depth - 1), quote(","), std::to_string(choose(4))}), quote("|")});
        case 4: return call("string", {number_literal() + " + " + number_literal()});
        default: return call("formatNumber", {number_literal(), quote("#,##0.###")});
      }
    }
    case 15: return "(" + expr(Type::boolean, depth - 1) + " ? " + expr(Type::string, depth - 1) + " : " + expr(Type::string, depth - 1) + ")";
    default: return path(depth);
  }
}

std::string boolean_expr(int depth) {
  static const std::vector<std::string> comparisons = {"=", "!=", "<", "<=", ">", ">="};
  switch (choose(depth <= 0 ? 2 : 10)) {
    case 0: return choose(2) ? "true" : "false";
    case 1: return field_name();
    case 2: return "(" + expr(Type::any, depth - 1) + " " + one_of(comparisons) + " " + expr(Type::any, depth - 1) + ")";
    case 3: return "(" + expr(Type::boolean, depth - 1) + (choose(2) ? " and " : " or ") + expr(Type::boolean, depth - 1) + ")";
    case 4: return call(choose(2) ? "not" : "boolean", {expr(Type::any, depth - 1)});
    case 5: return call("exists", {expr(Type::any, depth - 1)});
    case 6: return call("contains", {expr(Type::string, depth - 1), choose(2) ? string_literal() : regex_literal()});
    case 7: return "(" + expr(Type::any, depth - 1) + " in " + expr(Type::array, depth - 1) + ")";
    case 8: return "(" + field_name() + " " + one_of(comparisons) + " " + number_literal() + ")";
    default: return path(depth);
  }
}

std::string array_expr(int depth) {
  switch (choose(depth <= 0 ? 2 : 16)) {
    case 0: return "[" + number_literal() + ", " + number_literal() + "]";
    case 1: return field_name();
    case 2: {
      std::string out = "[";
      int n = choose(4);
      for (int i = 0; i < n; ++i) out += (i ? ", " : "") + expr(Type::any, depth - 1);
      return out + "]";
    }
    case 3: return "[" + std::to_string(choose(4)) + ".." + std::to_string(choose(8)) + "]";
    case 4: {
      static const std::vector<std::string> unary = {"reverse", "distinct", "sort", "keys", "spread"};
      return call(one_of(unary), {expr(Type::any, depth - 1)});
    }
    case 5: return call("append", {expr(Type::any, depth - 1), expr(Type::any, depth - 1)});
    case 6: return call("map", {expr(Type::array, depth - 1), lambda(1 + choose(3), Type::any, depth - 1)});
    case 7: return call("filter", {expr(Type::array, depth - 1), lambda(1 + choose(2), Type::boolean, depth - 1)});
    case 8: return call("split", {expr(Type::string, depth - 1), choose(2) ? string_literal() : regex_literal()});
    case 9: return call("match", {expr(Type::string, depth - 1), regex_literal()});
    case 10: return call("sort", {expr(Type::array, depth - 1), "function($l, $r){ $l > $r }"});
    case 11: return call("zip", {expr(Type::array, depth - 1), expr(Type::array, depth - 1)});
    case 12: return expr(Type::array, depth - 1) + "[" + std::to_string(*rc::gen::inRange(-2, 3)) + "]";
    case 13: return call("each", {expr(Type::object, depth - 1), "function($v, $k){ $k & \"=\" & $string($v) }"});
    case 14: return expr(Type::array, depth - 1) + " ~> $" + (choose(2) ? "count()" : "reverse()");
    default: return path(depth);
  }
}

std::string object_expr(int depth) {
  switch (choose(depth <= 0 ? 2 : 8)) {
    case 0: return "{}";
    case 1: return "$";
    case 2: {
      std::string out = "{";
      int n = 1 + choose(3);
      for (int i = 0; i < n; ++i) out += (i ? ", " : "") + quote(key()) + ": " + expr(Type::any, depth - 1);
      return out + "}";
    }
    case 3: return call("merge", {"[" + expr(Type::object, depth - 1) + ", " + expr(Type::object, depth - 1) + "]"});
    case 4: return call("sift", {expr(Type::object, depth - 1), lambda(1 + choose(2), Type::boolean, depth - 1)});
    case 5: return expr(Type::any, depth - 1) + "{" + expr(Type::string, depth - 1) + ": " + expr(Type::any, depth - 1) + "}";
    case 6: return "$ ~> |" + field_name() + "|{" + quote(key()) + ": " + expr(Type::any, depth - 1) + "}" +
                   (choose(2) ? ", [" + quote(key()) + "]|" : "|");
    default: return call("lookup", {expr(Type::object, depth - 1), quote(key())});
  }
}

// `composite`: never a bare literal or name (the top of a generated expression).
std::string any_expr(int depth, bool composite = false) {
  switch (depth <= 0 ? choose(5) : composite ? 5 + choose(11) : choose(16)) {
    case 0: return field_name();
    case 1: return number_literal();
    case 2: return string_literal();
    case 3: return variable();
    case 4: return choose(2) ? "null" : "true";
    case 5: return path(depth);
    case 6: return "(" + expr(Type::boolean, depth - 1) + " ? " + expr(Type::any, depth - 1) + " : " + expr(Type::any, depth - 1) + ")";
    case 7: return "($x := " + expr(Type::any, depth - 1) + "; " + expr(Type::any, depth - 1) + ")";
    case 8: return "(" + lambda(1, Type::any, depth - 1) + ")(" + expr(Type::any, depth - 1) + ")";
    case 9: return "($f := " + lambda(2, Type::any, depth - 1) + "; $f(?, " + expr(Type::any, depth - 1) + ")(" + expr(Type::any, depth - 1) + "))";
    case 10: return call("reduce", {expr(Type::array, depth - 1), "function($acc, $v){ $acc + $v }"} );
    case 11: return call("single", {expr(Type::array, depth - 1)});
    case 12: return "(" + expr(Type::any, depth - 1) + " ~> " + lambda(1, Type::any, depth - 1) + ")";
    case 13: return expr(Type::any, depth - 1) + "." + expr(Type::any, depth - 1);
    case 14: return "[" + number_literal() + " .. " + number_literal() + "]";
    default: return expr(static_cast<Type>(1 + choose(5)), depth);
  }
}

std::string expr(Type type, int depth) {
  switch (type) {
    case Type::number: return number_expr(depth);
    case Type::string: return string_expr(depth);
    case Type::boolean: return boolean_expr(depth);
    case Type::array: return array_expr(depth);
    case Type::object: return object_expr(depth);
    default: return any_expr(depth);
  }
}

}  // namespace

rc::Gen<asl::Value> jsonata_document() {
  return rc::gen::exec([] {
    asl::Value doc = object_value(4);
    if (choose(2)) doc.mutable_object().set("items", record_array());
    return doc;
  });
}

rc::Gen<std::string> jsonata_expression(int depth) {
  return rc::gen::exec([depth] { return any_expr(depth, true); });
}

rc::Gen<JsonataCase> jsonata_case(int depth) {
  return rc::gen::map(rc::gen::pair(jsonata_expression(depth), jsonata_document()),
                      [](std::pair<std::string, asl::Value> p) { return JsonataCase{std::move(p.first), std::move(p.second)}; });
}

}  // namespace aslgen
