// jsonpath_compile.cpp — libFuzzer target: any bytes as a JSONPath; compiled ones are evaluated and assigned.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "asl/json.h"
#include "asl/jsonpath.h"

namespace {

// A document with every kind of value at several depths, so that most steps find something.
const asl::Value& document() {
  static const asl::Value doc = [] {
    auto parsed = asl::json::read(
        R"({"a":{"b":[1,2.5,"3",null,true,{"c":"x","d":[[],{}]}],"e":{"f":{"g":"deep"}}},)"
        R"("key":"value","n":-7,"big":123456789012345678901234,"arr":[{"id":1,"name":"one","tags":["x","y"]},)"
        R"({"id":2,"name":"two","price":10.5},{"id":"3"},[0,1,[2]]],"":{"space key":{"$":"@"}},"é":[0.1,1e21]})");
    if (!parsed) std::abort();
    return std::move(parsed).value();
  }();
  return doc;
}

bool known_error(const asl::Error& e) {
  return e.name == asl::errc::jsonpath_syntax || e.name == asl::errc::path_not_found;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto path = asl::jsonpath::compile(text);
  if (!path) {
    // Every syntax error is named, worded and located on line 1.
    if (path.error().name != asl::errc::jsonpath_syntax || path.error().message.empty() ||
        path.error().where.line != 1 || path.error().where.column == 0) {
      std::abort();
    }
    return 0;
  }
  const asl::Value& doc = document();
  (void)path->normalized();
  auto result = asl::jsonpath::evaluate(*path, doc);
  if (!result && !known_error(result.error())) std::abort();
  if (result && !path->definite() && !result->is_array()) std::abort();

  auto written = asl::jsonpath::assign(*path, doc, asl::Value("written"));
  if (!written) {
    if (!known_error(written.error())) std::abort();
  } else {
    // A write at a reference path reads back.
    auto read = asl::jsonpath::evaluate(*path, *written);
    if (!read || !(*read == asl::Value("written"))) std::abort();
  }
  // A reference path's normalised form compiles back to itself, unless a name holds a quote or
  // a backslash (Jayway prints names without escaping them).
  std::string normal = path->normalized();
  if (path->is_reference() && normal.find_first_of("'\\\"") == std::string::npos) {
    auto again = asl::jsonpath::compile(normal);
    if (!again || again->normalized() != normal) std::abort();
  }
  return 0;
}
