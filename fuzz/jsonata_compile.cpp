// jsonata_compile.cpp — libFuzzer target: any bytes as a JSONata expression; compiled ones are evaluated under tight limits.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "asl/json.h"
#include "asl/jsonata.h"

namespace {

const asl::Value& document() {
  static const asl::Value doc = [] {
    auto parsed = asl::json::read(
        R"({"Account":{"Order":[{"OrderID":"o1","Product":[{"Name":"Hat","Price":34.45,"Quantity":2},)"
        R"({"Name":"Bag","Price":21.67,"Quantity":1}]},{"OrderID":"o2","Product":[{"Name":"Hat","Price":34.45,)"
        R"("Quantity":4}]}]},"a":[1,2.5,"3",null,true,{"b":[[],{}]}],"s":"hello world","n":-7,"e":1e21})");
    if (!parsed) std::abort();
    return std::move(parsed).value();
  }();
  return doc;
}

// Every failure is a jsonata-js code (S/T/D/U + four digits) with a message.
bool well_formed(const asl::Error& e) {
  if (e.name == asl::jsonata::kWorkLimitExceeded) return !e.message.empty();
  if (e.name.size() != 5 || std::string_view("STDU").find(e.name[0]) == std::string_view::npos) return false;
  for (std::size_t i = 1; i < 5; ++i)
    if (e.name[i] < '0' || e.name[i] > '9') return false;
  return !e.message.empty();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto expression = asl::jsonata::compile(text);
  if (!expression) {
    if (!well_formed(expression.error()) || expression.error().where.line == 0) std::abort();
    return 0;
  }
  asl::jsonata::EvalOptions options;
  options.depth_limit = 200;
  options.time_limit = std::chrono::milliseconds(200);
  options.now_millis = 0;
  // The clock alone cannot stop one call that builds a huge value ($pad to a terabyte); the
  // budget is charged before building.
  std::uint64_t budget = 2'000'000;
  options.work_budget = &budget;
  auto result = asl::jsonata::evaluate(**expression, &document(), {}, options);
  if (!result && !well_formed(result.error())) std::abort();
  return 0;
}
