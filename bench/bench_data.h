// bench_data.h — the documents every benchmark reads: ../shared/bench workloads and a generated order book.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "asl/json.h"

namespace aslbench {

inline std::string shared_file(const std::string& name) {
  const char* env = std::getenv("ASLCHECK_SHARED_DIR");
  std::string path = std::string(env != nullptr && *env != '\0' ? env : ASLCHECK_SHARED_DIR) + "/bench/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);  // the edge: a benchmark without data is an error
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline asl::Value must_read(const std::string& text) {
  auto value = asl::json::read(text);
  if (!value) throw std::runtime_error("bad benchmark JSON: " + asl::format_error(value.error()));
  return std::move(value).value();
}

// About 190 KB of JSON shaped like Step Functions payloads: an array of orders with nested
// customers, line items, strings with escapes, integers and doubles.
inline const std::string& order_book_text() {
  static const std::string text = [] {
    std::string s = "{\"orders\":[";
    for (int i = 0; i < 1000; ++i) {
      if (i) s += ',';
      s += "{\"id\":\"ord-" + std::to_string(100000 + i) + "\",\"customer\":{\"name\":\"Customer \\\"" +
           std::to_string(i) + "\\\"\",\"tier\":\"" + (i % 3 == 0 ? "gold" : "silver") +
           "\"},\"total\":" + std::to_string(i * 1.25) + ",\"paid\":" + (i % 2 ? "true" : "false") +
           ",\"items\":[{\"sku\":\"A" + std::to_string(i) + "\",\"qty\":" + std::to_string(i % 7) +
           ",\"price\":9.99},{\"sku\":\"B\",\"qty\":1,\"price\":120}],\"note\":null}";
    }
    s += "]}";
    return s;
  }();
  return text;
}

}  // namespace aslbench
