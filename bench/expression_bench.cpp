// expression_bench.cpp — JSONPath compile/evaluate and intrinsic-template evaluation, ns per operation.
#include <benchmark/benchmark.h>

#include "asl/intrinsics.h"
#include "asl/jsonpath.h"
#include "asl/payload_template.h"
#include "bench_data.h"

namespace {

const asl::Value& bench_input() {
  static const asl::Value input = aslbench::must_read(aslbench::shared_file("input.json"));
  return input;
}

constexpr const char* kDefinitePath = "$.a.q.r";            // input.json: a -> q -> r
constexpr const char* kDefinite4Steps = "$.user.tags[1]";   // user -> tags -> [1]
constexpr const char* kFilterPath = "$.orders[?(@.total > 1000 && @.customer.tier == 'gold')].id";

void BM_JsonPathCompile_Definite(benchmark::State& state) {
  for (auto _ : state) {
    auto path = asl::jsonpath::compile(kDefinite4Steps);
    benchmark::DoNotOptimize(path.ok());
  }
}
BENCHMARK(BM_JsonPathCompile_Definite);

void BM_JsonPathCompile_Filter(benchmark::State& state) {
  for (auto _ : state) {
    auto path = asl::jsonpath::compile(kFilterPath);
    benchmark::DoNotOptimize(path.ok());
  }
}
BENCHMARK(BM_JsonPathCompile_Filter);

void evaluate_loop(benchmark::State& state, const char* text, const asl::Value& doc) {
  auto path = asl::jsonpath::compile(text);
  if (!path) {
    state.SkipWithError(("path does not compile: " + path.error().message).c_str());
    return;
  }
  for (auto _ : state) {
    auto result = asl::jsonpath::evaluate(*path, doc);
    benchmark::DoNotOptimize(result.ok());
  }
}

void BM_JsonPathEvaluate_Definite3Steps(benchmark::State& state) { evaluate_loop(state, kDefinitePath, bench_input()); }
BENCHMARK(BM_JsonPathEvaluate_Definite3Steps);

void BM_JsonPathEvaluate_Definite4Steps(benchmark::State& state) { evaluate_loop(state, kDefinite4Steps, bench_input()); }
BENCHMARK(BM_JsonPathEvaluate_Definite4Steps);

// A filter over the 1,000 orders of the generated order book (selects ~111).
void BM_JsonPathEvaluate_FilterOverThousand(benchmark::State& state) {
  static const asl::Value book = aslbench::must_read(aslbench::order_book_text());
  evaluate_loop(state, kFilterPath, book);
}
BENCHMARK(BM_JsonPathEvaluate_FilterOverThousand);

// The Parameters of ../shared/bench/intrinsics.asl.json (7 intrinsic calls, some nested),
// compiled once and evaluated against ../shared/bench/input.json.
void BM_IntrinsicsTemplate_BenchWorkload(benchmark::State& state) {
  asl::Value definition = aslbench::must_read(aslbench::shared_file("intrinsics.asl.json"));
  const asl::Value* parameters = definition.get("States")->get("I")->get("Parameters");
  auto compiled = asl::PayloadTemplate::compile(*parameters, "Parameters");
  if (!compiled) {
    state.SkipWithError(("template does not compile: " + compiled.error().message).c_str());
    return;
  }
  asl::Value context;
  asl::Entropy entropy(1);
  asl::Scope scope{&bench_input(), &context, nullptr, &entropy};
  for (auto _ : state) {
    auto result = compiled->evaluate(scope);
    benchmark::DoNotOptimize(result.ok());
  }
}
BENCHMARK(BM_IntrinsicsTemplate_BenchWorkload);

void BM_IntrinsicCompile_Format(benchmark::State& state) {
  for (auto _ : state) {
    auto call = asl::intrinsics::compile("States.Format('len={}', States.ArrayLength(States.ArrayRange(0, 50, 5)))");
    benchmark::DoNotOptimize(call.ok());
  }
}
BENCHMARK(BM_IntrinsicCompile_Format);

}  // namespace

BENCHMARK_MAIN();
