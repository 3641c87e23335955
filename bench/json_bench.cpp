// json_bench.cpp — JSON read and write throughput, next to simdjson's own DOM parse of the same bytes.
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include "bench_data.h"

namespace {

void set_bytes(benchmark::State& state, std::size_t bytes) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

// The documents read: a 190 KB order book, and the small execution input of ../shared/bench
// (the size the interpreter reads most).
std::string document(const std::string& which) {
  return which == "OrderBook" ? aslbench::order_book_text() : aslbench::shared_file("input.json");
}

// Peer: simdjson parsing to its own DOM (no asl::Value built), the floor our reader stands on.
void BM_SimdjsonDomParse(benchmark::State& state, const std::string& which) {
  std::string text = document(which);
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  for (auto _ : state) {
    auto doc = parser.parse(padded);
    benchmark::DoNotOptimize(doc.error());
  }
  set_bytes(state, text.size());
}
BENCHMARK_CAPTURE(BM_SimdjsonDomParse, OrderBook, std::string("OrderBook"));
BENCHMARK_CAPTURE(BM_SimdjsonDomParse, SmallInput, std::string("SmallInput"));

void BM_AslRead(benchmark::State& state, const std::string& which) {
  std::string text = document(which);
  for (auto _ : state) {
    auto value = asl::json::read(text);
    benchmark::DoNotOptimize(value.ok());
  }
  set_bytes(state, text.size());
}
BENCHMARK_CAPTURE(BM_AslRead, OrderBook, std::string("OrderBook"));
BENCHMARK_CAPTURE(BM_AslRead, SmallInput, std::string("SmallInput"));

void BM_AslWrite_OrderBook(benchmark::State& state) {
  asl::Value value = aslbench::must_read(aslbench::order_book_text());
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string out = asl::json::write(value);
    bytes = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  set_bytes(state, bytes);
}
BENCHMARK(BM_AslWrite_OrderBook);

}  // namespace
