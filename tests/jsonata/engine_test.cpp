// engine_test.cpp — the public API of the JSONata engine: AWS's added functions, bindings, options (now, seed, limits), errors, number conversion (tests/data/jsonata/engine.jsonl).
#include <atomic>
#include <chrono>
#include <thread>

#include "asl/json.h"
#include "asl/jsonata.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

TEST(JsonataEngine, DataDrivenCases) {
  auto cases = read_jsonl(source_path("tests/data/jsonata/engine.jsonl"));
  ASSERT_FALSE(cases.empty());
  for (const Value& c : cases) {
    const std::string name = string_field(c, "name");
    SCOPED_TRACE(name);
    auto compiled = jsonata::compile(string_field(c, "expr"));
    jsonata::Bindings bindings;
    if (const Value* b = field(c, "bindings"))
      for (const auto& m : b->as_object()) bindings.names.emplace_back(m.key, m.value);
    ObjectVariables variables(field(c, "variables"));
    bindings.variables = &variables;
    jsonata::EvalOptions options;
    if (const Value* now = field(c, "now")) options.now_millis = now->as_int();
    if (const Value* t = field(c, "timelimit")) options.time_limit = std::chrono::milliseconds(t->as_int());
    if (!field(c, "nodepth")) options.depth_limit = 500;
    std::optional<Error> error;
    std::optional<Value> result;
    if (!compiled) {
      error = compiled.error();
    } else {
      auto evaluated = jsonata::evaluate(**compiled, field(c, "input"), bindings, options);
      if (evaluated) result = *evaluated;
      else error = evaluated.error();
    }
    if (const Value* code = field(c, "code")) {
      ASSERT_TRUE(error.has_value()) << name << ": expected " << code->as_string();
      EXPECT_EQ(error->name, code->as_string()) << error->message;
      if (const Value* message = field(c, "message")) EXPECT_EQ(error->message, message->as_string());
      if (const Value* column = field(c, "column")) EXPECT_EQ(static_cast<std::int64_t>(error->where.column), column->as_int());
      continue;
    }
    ASSERT_FALSE(error.has_value()) << name << ": " << error->name << " " << error->message;
    if (field(c, "undefinedResult")) {
      EXPECT_FALSE(result.has_value()) << json::write(*result);
      continue;
    }
    ASSERT_TRUE(result.has_value()) << name << ": undefined";
    EXPECT_TRUE(json_equal(*field(c, "result"), *result));
    if (field(c, "integer")) EXPECT_TRUE(result->is_integer()) << json::write(*result);
  }
}

// The same seed draws the same $random/$uuid/$shuffle values; another seed draws others.
TEST(JsonataEngine, SeedReproduces) {
  auto e = jsonata::compile("[$random(), $uuid(), $shuffle([1..20])]");
  ASSERT_TRUE(e.ok());
  jsonata::EvalOptions a, b;
  a.seed = b.seed = 99;
  auto first = jsonata::evaluate(**e, nullptr, {}, a);
  auto second = jsonata::evaluate(**e, nullptr, {}, b);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE(json_equal(**first, **second));
  b.seed = 100;
  auto third = jsonata::evaluate(**e, nullptr, {}, b);
  ASSERT_TRUE(third.ok());
  EXPECT_NE(**first, **third);
}

// One compiled expression evaluated from several threads at once gives each the same answer.
TEST(JsonataEngine, CompiledExpressionIsShareable) {
  auto e = jsonata::compile("$sum(items[price > 2].(price * qty))");
  ASSERT_TRUE(e.ok());
  Value input = parse(R"({"items":[{"price":1,"qty":2},{"price":3,"qty":4},{"price":5,"qty":6}]})");
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        auto r = jsonata::evaluate(**e, &input);
        if (r.ok() && *r && **r == Value(42)) ++good;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), 800);
}

}  // namespace
}  // namespace asl::test
