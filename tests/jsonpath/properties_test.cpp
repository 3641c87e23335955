// properties_test.cpp — RapidCheck properties: write-then-read, normalised round trips, no crash on any input.
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "asl/json.h"
#include "asl/jsonpath.h"
#include "aslgen/json_values.h"
#include "support/test_support.h"

namespace asl {
namespace {

// Names that survive normalisation unchanged (no quote or backslash: Jayway prints names
// without escaping them), including ones that need brackets.
const std::vector<std::string>& names() {
  static const std::vector<std::string> kNames = {"a", "b", "c", "key", "0", "d e", "x.y", "$", "@", "", "é", "*"};
  return kNames;
}
// Joins pieces (GCC 12 misreports `"literal" + std::string` chains as overflowing).
std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(p);
  return out;
}
bool dot_friendly(const std::string& name) { return name == "a" || name == "b" || name == "c" || name == "key"; }

rc::Gen<std::string> name() { return rc::gen::elementOf(names()); }

// Documents whose members come from names(), so that generated paths find things.
rc::Gen<Value> document(int depth) {
  auto scalar = rc::gen::oneOf(rc::gen::just(Value()), rc::gen::map(rc::gen::inRange(-3, 5), [](int i) { return Value(i); }),
                               rc::gen::map(rc::gen::elementOf(names()), [](const std::string& s) { return Value(s); }),
                               rc::gen::just(Value(2.5)), rc::gen::just(Value(true)));
  if (depth <= 0) return scalar;
  auto child = rc::gen::lazy([depth] { return document(depth - 1); });
  auto array = rc::gen::map(rc::gen::resize(4, rc::gen::container<std::vector<Value>>(child)),
                            [](std::vector<Value> items) { return Value(Array(std::move(items))); });
  auto object = rc::gen::map(rc::gen::resize(5, rc::gen::container<std::vector<std::pair<std::string, Value>>>(
                                                    rc::gen::pair(name(), child))),
                             [](std::vector<std::pair<std::string, Value>> members) {
                               Object o;
                               for (auto& [k, v] : members) o.set(std::move(k), std::move(v));
                               return Value(std::move(o));
                             });
  return rc::gen::weightedOneOf<Value>({{2, scalar}, {2, array}, {3, object}});
}

// One step of a reference path: a name (index -1) or an index.
struct RefStep {
  std::string name;
  int index = -1;
};

std::string spell(const RefStep& step, int style) {
  if (step.index >= 0) return cat({"[", std::to_string(step.index), "]"});
  if (dot_friendly(step.name) && style == 0) return cat({".", step.name});
  if (style == 2) return cat({"[\"", step.name, "\"]"});
  return cat({"['", step.name, "']"});
}

rc::Gen<std::vector<RefStep>> reference_steps() {
  auto step = rc::gen::oneOf(rc::gen::map(name(), [](const std::string& n) { return RefStep{n, -1}; }),
                             rc::gen::map(rc::gen::inRange(0, 3), [](int i) { return RefStep{"", i}; }));
  return rc::gen::resize(5, rc::gen::container<std::vector<RefStep>>(step));
}

// A document in which the first `depth` steps of the path exist (objects for names, arrays long
// enough for indexes) and the rest are missing names: a write through it must succeed.
Value along(const std::vector<RefStep>& steps, std::size_t at, std::size_t depth, const Value& filler) {
  if (at == steps.size()) return filler;
  if (at >= depth) return Value(Object{{"sibling", Value(1)}});  // steps[at] is a name it lacks
  Value inner = along(steps, at + 1, depth, filler);
  const RefStep& s = steps[at];
  if (s.index >= 0) {
    Array items(static_cast<std::size_t>(s.index) + 1, Value(0));
    items[static_cast<std::size_t>(s.index)] = inner;
    return Value(std::move(items));
  }
  Object o;
  o.set("sibling", Value(1));
  o.set(s.name, inner);
  return Value(std::move(o));
}

// How deep `along` may stop: only where every later step is a name (those get created).
std::size_t creatable_from(const std::vector<RefStep>& steps, std::size_t wanted) {
  for (std::size_t k = wanted; k < steps.size(); ++k) {
    if (steps[k].index >= 0) return steps.size();
  }
  return wanted;
}

// Assigning at a reference path and reading the same path back gives the value written; a write
// that cannot happen is PATH_NOT_FOUND and leaves the input alone.
RC_GTEST_PROP(JsonPathProperties, AssignThenEvaluateReturnsTheValue, ()) {
  auto steps = *reference_steps();
  std::string text = "$";
  for (const RefStep& s : steps) text += spell(s, *rc::gen::inRange(0, 3));
  auto path = jsonpath::compile(text);
  RC_ASSERT(path.ok());
  RC_ASSERT(path->is_reference());

  bool shaped = *rc::gen::arbitrary<bool>();
  std::size_t depth = creatable_from(steps, *rc::gen::inRange<std::size_t>(0, steps.size() + 1));
  Value doc = shaped ? along(steps, 0, depth, *document(2)) : *document(3);
  Value value = *aslgen::json_value(2);
  std::string before = json::write(doc);

  auto written = jsonpath::assign(*path, doc, value);
  RC_ASSERT(json::write(doc) == before);
  RC_CLASSIFY(written.ok(), "written");
  if (!written) {
    RC_ASSERT(!shaped);
    RC_ASSERT(written.error().name == errc::path_not_found);
    return;
  }
  auto read = jsonpath::evaluate(*path, written.value());
  RC_ASSERT(read.ok());
  RC_ASSERT(read.value() == value);
}

// Steps of general paths whose normalised form says everything (no filters, no arguments).
rc::Gen<std::string> general_step() {
  return rc::gen::oneOf(
      rc::gen::map(name(), [](const std::string& n) { return dot_friendly(n) ? cat({".", n}) : cat({"['", n, "']"}); }),
      rc::gen::map(name(), [](const std::string& n) { return cat({"[\"", n, "\"]"}); }),
      rc::gen::map(rc::gen::pair(name(), name()), [](const auto& p) { return cat({"['", p.first, "','", p.second, "']"}); }),
      rc::gen::map(rc::gen::inRange(-3, 4), [](int i) { return cat({"[", std::to_string(i), "]"}); }),
      rc::gen::map(rc::gen::pair(rc::gen::inRange(-3, 4), rc::gen::inRange(-3, 4)),
                   [](const auto& p) { return cat({"[", std::to_string(p.first), ",", std::to_string(p.second), "]"}); }),
      rc::gen::map(rc::gen::pair(rc::gen::inRange(-3, 4), rc::gen::inRange(-3, 4)),
                   [](const auto& p) { return cat({"[", std::to_string(p.first), ":", std::to_string(p.second), "]"}); }),
      rc::gen::map(rc::gen::inRange(-3, 4), [](int i) { return cat({"[:", std::to_string(i), "]"}); }),
      rc::gen::map(rc::gen::inRange(-3, 4), [](int i) { return cat({"[", std::to_string(i), ":]"}); }),
      rc::gen::element<std::string>("[*]", ".*", "..a", "..*", "..['b']", "..[0]", "..[*]"));
}

rc::Gen<std::string> general_path() {
  return rc::gen::map(rc::gen::pair(rc::gen::resize(5, rc::gen::container<std::vector<std::string>>(general_step())),
                                    rc::gen::element<std::string>("", "", ".length()", ".keys()", ".sum()")),
                      [](const auto& p) {
                        std::string text = "$";
                        for (const std::string& s : p.first) text += s;
                        // Jayway rewrites `$..x.fn()` to `$.fn($..x)`, whose normal form drops the argument.
                        if (text.rfind("$..", 0) != 0) text += p.second;
                        return text;
                      });
}

// compile(normalized()) is the same path: same normal form, same definiteness, same answers
// (values and error texts) on any document.
RC_GTEST_PROP(JsonPathProperties, NormalizedFormIsEquivalent, ()) {
  std::string text = *general_path();
  auto first = jsonpath::compile(text);
  RC_ASSERT(first.ok());
  auto second = jsonpath::compile(first->normalized());
  RC_ASSERT(second.ok());
  RC_ASSERT(second->normalized() == first->normalized());
  RC_ASSERT(second->definite() == first->definite());
  RC_ASSERT(second->is_reference() == first->is_reference());
  Value doc = *document(3);
  auto a = jsonpath::evaluate(*first, doc);
  auto b = jsonpath::evaluate(*second, doc);
  RC_ASSERT(a.ok() == b.ok());
  if (a.ok()) {
    RC_ASSERT(json::write(a.value()) == json::write(b.value()));
  } else {
    RC_ASSERT(a.error().name == b.error().name);
    RC_ASSERT(a.error().message == b.error().message);
  }
}

// Text drawn from the characters paths are made of, plus fragments of real syntax.
rc::Gen<std::string> path_like_text() {
  static const std::vector<std::string> kPieces = {
      "$", "$", "@", ".", "..", "[", "]", "'", "\"", "(", ")", "?", "*", ",", ":", "-", "0", "1", "9", "a", "b", " ",
      "=", "==", "<", ">", "!", "&&", "||", "/", "~", "\\", "{", "}", "in", "nin", "size", "empty", "true", "null",
      "length()", "sum(", "concat(", "[?(", "@.a", "$.b", "=~", "/a.*/i", "e", "é", "\x01", "subsetof", "anyof"};
  return rc::gen::map(rc::gen::resize(30, rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(kPieces))),
                      [](const std::vector<std::string>& parts) {
                        std::string text;
                        for (const std::string& p : parts) text += p;
                        return text;
                      });
}

// Whatever the text and the document, compile/evaluate/assign return a value or one of the
// documented errors (never crash, never an unnamed error).
RC_GTEST_PROP(JsonPathProperties, NeverCrashesOnAnyText, ()) {
  std::string text = *rc::gen::oneOf(path_like_text(), rc::gen::map(path_like_text(), [](std::string s) { return cat({"$", s}); }),
                                     rc::gen::map(general_path(), [](std::string s) { return s; }));
  auto path = jsonpath::compile(text);
  if (!path) {
    RC_ASSERT(path.error().name == errc::jsonpath_syntax);
    RC_ASSERT(!path.error().message.empty());
    RC_ASSERT(path.error().where.line == 1u);
    RC_ASSERT(path.error().where.column >= 1u);
    return;
  }
  RC_TAG("compiled");
  Value doc = *rc::gen::oneOf(document(3), aslgen::json_value(3));
  auto result = jsonpath::evaluate(*path, doc);
  if (!result) {
    RC_ASSERT(result.error().name == errc::path_not_found || result.error().name == errc::jsonpath_syntax);
    RC_ASSERT(!result.error().message.empty());
  } else if (!path->definite()) {
    RC_ASSERT(result.value().is_array());
  }
  auto written = jsonpath::assign(*path, doc, Value(1));
  if (!written) {
    RC_ASSERT(written.error().name == errc::path_not_found || written.error().name == errc::jsonpath_syntax);
  }
}

}  // namespace
}  // namespace asl
