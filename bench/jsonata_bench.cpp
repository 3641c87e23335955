// jsonata_bench.cpp — JSONata evaluation ns/op on the representative expressions that bench/jsonata-peer/run.mjs times in jsonata-js.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>

#include "asl/jsonata.h"

namespace {

// The same document bench/jsonata-peer/run.mjs builds: 200 orders of 5 lines each.
const asl::Value& orders_document() {
  static const asl::Value doc = [] {
    asl::Array orders;
    for (int i = 0; i < 200; ++i) {
      asl::Array lines;
      for (int j = 0; j < 5; ++j) {
        asl::Object line;
        char sku[16];
        std::snprintf(sku, sizeof sku, "s%d", j);
        line.set("sku", asl::Value(sku));
        line.set("qty", asl::Value(j + 1));
        line.set("price", asl::Value((i + j) % 50 + 0.5));
        lines.push_back(asl::Value(std::move(line)));
      }
      asl::Object order;
      char id[16];
      std::snprintf(id, sizeof id, "o%d", i);
      order.set("id", asl::Value(id));
      order.set("customer", asl::Value(asl::Object{{"tier", asl::Value(i % 3 == 0 ? "gold" : i % 3 == 1 ? "silver" : "bronze")}}));
      order.set("total", asl::Value((i * 37) % 2000));
      order.set("lines", asl::Value(std::move(lines)));
      orders.push_back(asl::Value(std::move(order)));
    }
    return asl::Value(asl::Object{{"orders", asl::Value(std::move(orders))}});
  }();
  return doc;
}

// Kept in step with EXPRESSIONS in bench/jsonata-peer/run.mjs.
constexpr const char* kPathWithPredicate = "orders[total > 1000 and customer.tier = 'gold'].id";
constexpr const char* kMapFilterReduce =
    "$reduce($map($filter(orders, function($o) { $o.total > 500 }), function($o) { $o.total * 1.1 }), "
    "function($a, $b) { $a + $b }, 0)";
constexpr const char* kGroupObject = "orders{customer.tier: {'count': $count(id), 'revenue': $sum(lines.(qty * price))}}";

void evaluate_loop(benchmark::State& state, const char* text) {
  auto expression = asl::jsonata::compile(text);
  if (!expression) {
    state.SkipWithError(expression.error().message.c_str());
    return;
  }
  const asl::Value& doc = orders_document();
  asl::jsonata::EvalOptions options;
  options.now_millis = 0;
  for (auto _ : state) {
    auto result = asl::jsonata::evaluate(**expression, &doc, {}, options);
    if (!result || !*result) {
      state.SkipWithError("evaluation failed");
      return;
    }
    benchmark::DoNotOptimize(result);
  }
}

void BM_Jsonata_PathWithPredicate(benchmark::State& state) { evaluate_loop(state, kPathWithPredicate); }
BENCHMARK(BM_Jsonata_PathWithPredicate);
void BM_Jsonata_MapFilterReduce(benchmark::State& state) { evaluate_loop(state, kMapFilterReduce); }
BENCHMARK(BM_Jsonata_MapFilterReduce);
void BM_Jsonata_GroupObject(benchmark::State& state) { evaluate_loop(state, kGroupObject); }
BENCHMARK(BM_Jsonata_GroupObject);

void BM_Jsonata_Compile(benchmark::State& state) {
  for (auto _ : state) {
    auto expression = asl::jsonata::compile(kGroupObject);
    benchmark::DoNotOptimize(expression.ok());
  }
}
BENCHMARK(BM_Jsonata_Compile);

}  // namespace
