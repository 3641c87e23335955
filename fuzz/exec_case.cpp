// exec_case.cpp — libFuzzer target: any bytes as a case file, loaded, validated and run on the oracle with bounded work.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "asl/exec.h"
#include "asl/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto json = asl::json::read(text);
  if (!json) return 0;
  auto c = asl::read_case(*json);
  if (!c) {
    if (c.error().where.pointer.empty()) std::abort();  // case errors are always located
    return 0;
  }
  asl::ExecOptions options;
  options.history = true;
  options.max_history_events = 2000;  // a looping machine ends at the limit, quickly
  options.max_total_events = 20000;   // and so do nested distributed Maps, whose children count apart
  options.max_jsonata_work = 2'000'000;  // and runaway JSONata ($pad to a terabyte, ranges of ranges)
  asl::Result first = asl::execute(*c, options);
  asl::Result second = asl::execute(*c, options);
  // Same case, same seed: the same Result, byte for byte.
  if (asl::json::write(asl::to_json(first)) != asl::json::write(asl::to_json(second))) std::abort();
  if (first.status == asl::Status::invalid_definition && first.diagnostics.empty()) std::abort();
  return 0;
}
