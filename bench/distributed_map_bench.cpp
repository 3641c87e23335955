// distributed_map_bench.cpp — a distributed Map streaming JSONL items from the case's objects into a ResultWriter: items/s and peak RSS.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <string>

#include "asl/exec.h"
#include "asl/json.h"

namespace {

// Peak resident set of this process so far, in MiB (Linux reports ru_maxrss in KiB). It is a
// high-water mark: run this benchmark alone (--benchmark_filter=DistributedMap) to read it
// for the Map alone.
double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// `n` small JSON Lines, generated in memory: {"id":0,"name":"item-0"} ...
std::string jsonl_lines(std::int64_t n) {
  std::string text;
  text.reserve(static_cast<std::size_t>(n) * 32);
  for (std::int64_t i = 0; i < n; ++i) {
    text += R"({"id":)";
    text += std::to_string(i);
    text += R"(,"name":"item-)";
    text += std::to_string(i);
    text += "\"}\n";
  }
  return text;
}

// The Map the memory target is about: ItemReader JSONL, one Pass per child, a ResultWriter.
// `transformation` is the WriterConfig's (COMPACT writes each child's output; NONE its whole
// execution record, about 600 bytes a child, which alone would pass 512 MiB at a million).
asl::Value definition(const char* transformation) {
  auto parsed = asl::json::read(std::string(R"({"StartAt":"Fan","States":{"Fan":{"Type":"Map",
    "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},
      "Parameters":{"Bucket":"in","Key":"items.jsonl"}},
    "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
      "StartAt":"Touch","States":{"Touch":{"Type":"Pass","Parameters":{"id.$":"$.id"},"End":true}}},
    "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"bench"},
      "WriterConfig":{"OutputType":"JSONL","Transformation":")") + transformation + R"("}},
    "End":true}}})");
  return std::move(parsed).value();
}

void run_map(benchmark::State& state, const char* transformation) {
  const std::int64_t n = state.range(0);
  asl::Case c;
  c.id = "distributed-map-bench";
  c.definition = definition(transformation);
  c.input = asl::Value(asl::Object{});
  c.objects["s3://in/items.jsonl"] = asl::Value(jsonl_lines(n));
  asl::LoadResult loaded = asl::load(c.definition);
  if (!loaded.machine) {
    state.SkipWithError("the benchmark's definition does not load");
    return;
  }
  std::size_t written_bytes = 0;
  for (auto _ : state) {
    asl::Result r = asl::execute(*loaded.machine, c);
    if (r.status != asl::Status::succeeded) {
      state.SkipWithError(("the Map did not succeed: " + r.cause.value_or(r.message)).c_str());
      return;
    }
    written_bytes = 0;
    for (const auto& [uri, content] : r.written_objects) written_bytes += content.is_string() ? content.as_string().size() : 0;
    benchmark::DoNotOptimize(r);
  }
  state.counters["items_per_second"] = benchmark::Counter(static_cast<double>(n) * static_cast<double>(state.iterations()),
                                                          benchmark::Counter::kIsRate);
  state.counters["peak_rss_MiB"] = peak_rss_mib();
  state.counters["written_MiB"] = static_cast<double>(written_bytes) / (1024.0 * 1024.0);
}

void BM_DistributedMap_JsonlToResultWriter_Compact(benchmark::State& state) { run_map(state, "COMPACT"); }
// One iteration each: a million items take seconds (see BASELINE.md).
BENCHMARK(BM_DistributedMap_JsonlToResultWriter_Compact)
    ->Arg(100000)
    ->Arg(1000000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

void BM_DistributedMap_JsonlToResultWriter_None(benchmark::State& state) { run_map(state, "NONE"); }
BENCHMARK(BM_DistributedMap_JsonlToResultWriter_None)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
