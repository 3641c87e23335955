// generator_bench.cpp — generated valid machines per second at the default size, and the time to shrink the planted bug.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>

#include "aslgen/generate.h"
#include "aslgen/planted_bug.h"
#include "aslgen/shrink.h"

namespace {

void BM_GenerateValidCase(benchmark::State& state) {
  const aslgen::GenOptions options;
  std::uint64_t index = 0;
  for (auto _ : state) benchmark::DoNotOptimize(aslgen::generate_valid_case(42, index++, options));
  state.SetItemsProcessed(static_cast<std::int64_t>(index));
}
BENCHMARK(BM_GenerateValidCase);

void BM_GenerateNearValidCase(benchmark::State& state) {
  const aslgen::GenOptions options;
  std::uint64_t index = 0;
  for (auto _ : state) benchmark::DoNotOptimize(aslgen::generate_near_valid_case(42, index++, options));
  state.SetItemsProcessed(static_cast<std::int64_t>(index));
}
BENCHMARK(BM_GenerateNearValidCase);

// Every case uses JSONata (the "jsonata" profile).
void BM_GenerateJsonataCase(benchmark::State& state) {
  const aslgen::GenOptions options = *aslgen::profile_options("jsonata");
  std::uint64_t index = 0;
  for (auto _ : state) benchmark::DoNotOptimize(aslgen::generate_valid_case(42, index++, options));
  state.SetItemsProcessed(static_cast<std::int64_t>(index));
}
BENCHMARK(BM_GenerateJsonataCase);

// One iteration: find the next diverging case for the planted boundary bug, then shrink it.
// Only the shrinking is timed; the median over iterations is the figure in BASELINE.md.
void BM_ShrinkPlantedBug(benchmark::State& state) {
  const aslgen::GenOptions options = *aslgen::profile_options("choice");
  static std::uint64_t index = 0;  // each repetition shrinks a different case
  for (auto _ : state) {
    state.PauseTiming();
    asl::Case c;
    do {
      c = aslgen::generate_valid_case(7, index++, options);
    } while (!aslgen::planted_bug_diverges(c));
    state.ResumeTiming();
    asl::Case shrunk = aslgen::shrink_case(c, aslgen::planted_bug_diverges);
    state.counters["states"] = static_cast<double>(aslgen::count_states(shrunk.definition));
  }
}
BENCHMARK(BM_ShrinkPlantedBug)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(15)->ReportAggregatesOnly(true);

}  // namespace
