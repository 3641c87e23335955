// json_reader.cpp — libFuzzer target: any bytes through the JSON reader, and written back when they parse.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "asl/json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto value = asl::json::read(text);
  if (!value) {
    if (value.error().where.line == 0) std::abort();  // every error must be located
    return 0;
  }
  std::string written = asl::json::write(*value);
  auto again = asl::json::read(written);
  if (!again || !(*again == *value) || asl::json::write(*again) != written) std::abort();
  (void)value->hash();
  return 0;
}
