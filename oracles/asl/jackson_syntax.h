// jackson_syntax.h — where and how Jackson (AWS's JSON parser) rejects a text, so syntax errors read as AWS's do.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace asl::detail {

struct JacksonSyntaxError {
  std::string message;   // e.g. "Unrecognized token 'not': was expecting (JSON String, ...)"
  std::string location;  // "[Source: (String)\"not a definition\"; line: 1, column: 4]"
};

// Scans the first JSON value of `text` as Jackson 2.12's ReaderBasedJsonParser reads a tree:
// the error it would raise, or nothing. Like ObjectMapper.readTree, it stops after the first
// value, so `end` tells where that value ended (trailing content is not looked at).
struct JacksonScan {
  std::optional<JacksonSyntaxError> error;
  std::size_t end = 0;  // byte offset just past the first value
};
JacksonScan jackson_scan(std::string_view text);

}  // namespace asl::detail
