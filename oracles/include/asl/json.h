// json.h — reading JSON text into asl::Value (through simdjson) and writing it back as AWS prints it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "asl/error.h"
#include "asl/value.h"

namespace asl::json {

// Deepest nesting accepted, the default of Jackson's StreamReadConstraints (2.15+), which AWS's
// JSON stack is built on. Deeper documents are a located JSON_LIMIT error, never a crash.
inline constexpr std::size_t kMaxDepth = 1000;

struct ReadOptions {
  std::size_t max_depth = kMaxDepth;
};

// Reads exactly one JSON document (surrounding whitespace allowed). Errors are located by
// line:column and named errc::json_syntax (bad text, invalid UTF-8, trailing content) or
// errc::json_limit (too deep, a number beyond the double range).
//
// Numbers: integral lexemes within int64 become Kind::integer, longer ones Kind::big_integer
// (kept exactly); a fraction or exponent gives Kind::real, a double, as Jackson reads them.
// Underflow (1e-400) reads as 0.0 like Java's Double.parseDouble.
// Duplicate keys: the last value wins and keeps the first key's position, as Jackson's
// ObjectNode does with its default (non-strict) duplicate handling.
Expected<Value> read(std::string_view text, const ReadOptions& options = {});

// Reads a file; errors name the file in Error::message only through format_error's source name.
Expected<Value> read_file(const std::string& path, const ReadOptions& options = {});

// Compact JSON as AWS (Jackson) prints it: no spaces; integers as digits; doubles as Java's
// Double.toString ("1.0", "1.0E21", "0.30000000000000004", "-0.0", "1.0E-5"); strings with
// \" \\ \b \f \n \r \t escaped and other control characters as \u00XX; everything else
// (including '/', DEL and non-ASCII) written as is.
std::string write(const Value& value);
void write_to(std::string& out, const Value& value);
void write_string(std::string& out, std::string_view text);  // quoted and escaped
// Appends code point `cp` (at most U+10FFFF) as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);
void write_double(std::string& out, double d);               // Java Double.toString

// Size in bytes of write(value), without building the string (payload-limit checks).
std::size_t written_size(const Value& value);
// written_size(value) <= limit, usually without computing it exactly (the per-state payload check).
bool written_size_at_most(const Value& value, std::size_t limit);

// 1-based line and column (in code points) of a byte offset in text.
Location locate(std::string_view text, std::size_t offset);

}  // namespace asl::json
