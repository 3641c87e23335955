// properties_test.cpp — RapidCheck properties of intrinsic calls: spelling independence, round trips, robustness.
#include "support/test_support.h"  // gtest first: rapidcheck/gtest.h builds on it

#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "asl/intrinsics.h"
#include "asl/json.h"
#include "aslgen/json_values.h"

namespace asl::test {
namespace {

// A value written as an intrinsic literal, and the same value as a path would read it.
struct Literal {
  std::string text;
  Value value;
};

std::string quote_literal(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '{' || c == '}' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

rc::Gen<Literal> literal() {
  auto strings = rc::gen::map(aslgen::json_string(), [](const std::string& s) { return Literal{quote_literal(s), Value(s)}; });
  auto integers = rc::gen::map(rc::gen::oneOf(rc::gen::arbitrary<std::int64_t>(), rc::gen::inRange<std::int64_t>(-50, 50)),
                               [](std::int64_t i) { return Literal{std::to_string(i), Value(i)}; });
  // Decimals are spelled once and read both ways, so both sides see the same double.
  auto decimals = rc::gen::map(rc::gen::pair(rc::gen::inRange(-100000, 100000), rc::gen::inRange(1, 4)), [](auto p) {
    std::string digits = std::to_string(p.first < 0 ? -p.first : p.first);
    while (digits.size() <= static_cast<std::size_t>(p.second)) digits.insert(0, "0");
    std::string text = (p.first < 0 ? "-" : "") + digits.substr(0, digits.size() - p.second) + "." +
                       digits.substr(digits.size() - p.second);
    return Literal{text, json::read(text).value()};
  });
  auto keywords = rc::gen::element(Literal{"null", Value()}, Literal{"true", Value(true)}, Literal{"false", Value(false)});
  return rc::gen::oneOf(strings, integers, decimals, keywords);
}

// Calls that take one value in the position X; each must treat a literal and a path alike.
const std::vector<std::string> kOneValueCalls = {
    "States.Array(X)",
    "States.JsonToString(X)",
    "States.Format('<{}>', X)",
    "States.Format('{}{}', X, X)",
    "States.ArrayContains(States.Array(1, 'a', null, true), X)",
    "States.StringSplit(X, ', ')",
    "States.StringSplit('a,b c', X)",
    "States.Base64Encode(X)",
    "States.Hash(X, 'SHA-256')",
    "States.MathAdd(X, 1)",
    "States.StringToJson(X)",
    "States.ArrayRange(X, 3, 1)",
    "States.ArrayGetItem(States.Array(1, 2, 3), X)",
    "States.MathRandom(X, 100, 42)",
    "States.ArrayLength(X)",
};

std::string replace_x(std::string pattern, const std::string& with) {
  for (std::size_t at = pattern.find('X'); at != std::string::npos; at = pattern.find('X', at + with.size())) {
    pattern.replace(at, 1, with);
  }
  return pattern;
}

std::string outcome(const Expected<Value>& r) {
  return r ? "ok " + json::write(*r) : r.error().name + ": " + r.error().message;
}

Expected<Value> run(const std::string& text, const Value& input, std::uint64_t seed = 7) {
  auto call = intrinsics::compile(text);
  if (!call) return call.error();
  Entropy entropy(seed);
  const Value context = parse(R"({"Execution":{"Name":"exec-1","Input":{}},"State":{"Name":"S"}})");
  return intrinsics::evaluate(*call, Scope{&input, &context, nullptr, &entropy});
}

RC_GTEST_PROP(IntrinsicsProperties, LiteralAndPathArgumentsGiveTheSameResult, ()) {
  const Literal lit = *literal();
  const std::string pattern = *rc::gen::elementOf(kOneValueCalls);
  const Value input(Object{{"v", lit.value}});
  const auto from_literal = run(replace_x(pattern, lit.text), input);
  const auto from_path = run(replace_x(pattern, "$.v"), input);
  RC_LOG() << replace_x(pattern, lit.text) << "\n  literal: " << outcome(from_literal)
           << "\n  path:    " << outcome(from_path) << "\n";
  RC_ASSERT(outcome(from_literal) == outcome(from_path));
}

// A call tree rendered with chosen whitespace between its tokens.
struct Tree {
  std::string leaf;  // the text of a literal or path; empty for a call
  std::string function;
  std::vector<Tree> args;
};

const std::vector<std::string> kPaths = {"$", "$.s", "$.n", "$.r", "$.arr", "$.obj", "$.b", "$.nil", "$.missing",
                                         "$$.Execution.Name", "$$.State", "$.arr[1]", "$.obj.k"};

rc::Gen<Tree> tree(int depth) {
  auto leaf_literal = rc::gen::map(literal(), [](const Literal& l) { return Tree{l.text, {}, {}}; });
  auto leaf_path = rc::gen::map(rc::gen::elementOf(kPaths), [](const std::string& p) { return Tree{p, {}, {}}; });
  if (depth <= 0) return rc::gen::oneOf(leaf_literal, leaf_path);
  static const std::vector<std::pair<std::string, std::pair<int, int>>> functions = {
      {"States.Format", {1, 4}},      {"States.StringToJson", {1, 1}},  {"States.JsonToString", {1, 1}},
      {"States.Array", {0, 4}},       {"States.ArrayPartition", {2, 2}}, {"States.ArrayContains", {2, 2}},
      {"States.ArrayRange", {3, 3}},  {"States.ArrayGetItem", {2, 2}},  {"States.ArrayLength", {1, 1}},
      {"States.ArrayUnique", {1, 1}}, {"States.Base64Encode", {1, 1}},  {"States.Base64Decode", {1, 1}},
      {"States.Hash", {2, 2}},        {"States.JsonMerge", {3, 3}},     {"States.MathRandom", {2, 3}},
      {"States.MathAdd", {2, 2}},     {"States.StringSplit", {2, 2}},   {"States.UUID", {0, 0}}};
  auto call = rc::gen::mapcat(rc::gen::elementOf(functions), [depth](const auto& f) {
    // Mostly the right number of arguments, sometimes one too few or too many.
    auto count = rc::gen::weightedOneOf<int>({{6, rc::gen::inRange(f.second.first, f.second.second + 1)},
                                              {1, rc::gen::inRange(0, f.second.second + 2)}});
    return rc::gen::mapcat(count, [depth, name = f.first](int n) {
      return rc::gen::map(rc::gen::container<std::vector<Tree>>(static_cast<std::size_t>(n), tree(depth - 1)),
                          [name](std::vector<Tree> args) { return Tree{{}, name, std::move(args)}; });
    });
  });
  return rc::gen::weightedOneOf<Tree>({{2, leaf_literal}, {2, leaf_path}, {3, call}});
}

// Renders `t`; `space(k)` gives the whitespace for the k-th gap between tokens.
template <class Space>
void render(const Tree& t, std::string& out, std::size_t& gap, const Space& space) {
  if (t.function.empty()) {
    out += t.leaf;
    return;
  }
  out += t.function + "(";
  for (std::size_t i = 0; i < t.args.size(); ++i) {
    if (i > 0) out += ",";
    out += space(gap++);
    render(t.args[i], out, gap, space);
    out += space(gap++);
  }
  if (t.args.empty()) out += space(gap++);
  out += ")";
}

Value fixed_input() {
  return parse(R"({"s":"a,b","n":2,"r":1.5,"arr":[1,"x",null,[2]],"obj":{"k":"v","m":[1]},"b":true,"nil":null})");
}

RC_GTEST_PROP(IntrinsicsProperties, WhitespaceBetweenArgumentsDoesNotMatter, ()) {
  Tree root = *rc::gen::suchThat(tree(3), [](const Tree& t) { return !t.function.empty(); });
  const auto spaces = *rc::gen::container<std::vector<std::string>>(
      rc::gen::element<std::string>("", " ", "  ", "\t", "\n", " \r\n "));
  std::string tight, loose;
  std::size_t gap = 0;
  render(root, tight, gap, [](std::size_t) { return std::string(); });
  gap = 0;
  render(root, loose, gap, [&](std::size_t k) { return spaces.empty() ? std::string(" ") : spaces[k % spaces.size()]; });
  loose = spaces.empty() ? loose : spaces[0] + loose + spaces.back();
  const Value input = fixed_input();
  RC_LOG() << tight << "\n" << loose << "\n";
  RC_ASSERT(outcome(run(tight, input)) == outcome(run(loose, input)));
}

RC_GTEST_PROP(IntrinsicsProperties, JsonToStringThenStringToJsonGivesTheValueBack, (const Value& v)) {
  const Value input(Object{{"v", v}, {"text", Value(json::write(v))}});
  const auto back = run("States.StringToJson(States.JsonToString($.v))", input);
  RC_ASSERT(back.ok());
  RC_ASSERT(*back == v);
  RC_ASSERT(json::write(*back) == json::write(v));
  const auto text = run("States.JsonToString(States.StringToJson($.text))", input);
  RC_ASSERT(text.ok());
  RC_ASSERT(text->as_string() == json::write(v));
}

RC_GTEST_PROP(IntrinsicsProperties, ArrayLengthOfArrayCountsItsArguments, ()) {
  const auto items = *rc::gen::resize(40, rc::gen::container<std::vector<Literal>>(literal()));
  std::string text = "States.ArrayLength(States.Array(";
  for (std::size_t i = 0; i < items.size(); ++i) text += (i > 0 ? ", " : "") + items[i].text;
  text += "))";
  const auto n = run(text, Value(Object{}));
  RC_ASSERT(n.ok());
  RC_ASSERT(n->as_int() == static_cast<std::int64_t>(items.size()));
}

RC_GTEST_PROP(IntrinsicsProperties, RandomCallsNeverCrashAndFailOnlyAsDocumented, ()) {
  const Tree root = *tree(4);
  std::string text;
  std::size_t gap = 0;
  render(root, text, gap, [](std::size_t k) { return k % 3 == 0 ? std::string(" ") : std::string(); });
  auto call = intrinsics::compile(text);
  if (!call) {
    RC_ASSERT(call.error().name == std::string(errc::intrinsic_syntax));
    RC_ASSERT(call.error().where.line >= 1);
    RC_ASSERT(call.error().where.column >= 1);
    return;
  }
  const Value input = fixed_input();
  const auto first = run(text, input, 11);
  if (!first) {
    RC_ASSERT(first.error().name == std::string(states_runtime));
    RC_ASSERT(!first.error().message.empty());
  }
  // The same seed gives the same outcome: evaluation is deterministic and the call reusable.
  RC_ASSERT(outcome(first) == outcome(run(text, input, 11)));
}

RC_GTEST_PROP(IntrinsicsProperties, ArbitraryTextNeverCrashesTheCompiler, (const std::string& tail)) {
  for (const std::string& text : {tail, "States.Format(" + tail, "States.Array('" + tail, "States.Array($" + tail}) {
    auto call = intrinsics::compile(text);
    if (!call) {
      RC_ASSERT(call.error().name == std::string(errc::intrinsic_syntax));
      RC_ASSERT(call.error().where.line >= 1);
    }
  }
}

}  // namespace
}  // namespace asl::test
