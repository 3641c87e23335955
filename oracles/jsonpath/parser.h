// parser.h — shared state of the path and filter parsers: the error being built, the nesting guard.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "jsonpath/program.h"

namespace asl::jsonpath::detail {

struct ParseContext {
  std::string_view source;  // the whole text being compiled: columns are counted in it
  int depth = 0;
  bool failed = false;
  // Jayway raised something other than InvalidPathException (NumberFormatException,
  // PatternSyntaxException, ...): a filter's `Value op Value` attempt does not swallow those.
  bool generic = false;
  std::string message;
  std::size_t offset = 0;  // byte offset of the error in `source`

  bool fail(std::string text, std::size_t at, bool is_generic = false) {
    if (!failed) {
      failed = true;
      generic = is_generic;
      message = std::move(text);
      offset = at;
    }
    return false;
  }
  void clear() {
    failed = false;
    generic = false;
    message.clear();
    offset = 0;
  }
};

// Counts one level of nesting for the life of the object; past kMaxNesting the parse fails.
class NestingGuard {
 public:
  NestingGuard(ParseContext& ctx, std::size_t at) : ctx_(ctx) {
    ++ctx_.depth;
    if (ctx_.depth > kMaxNesting) {
      ctx_.fail("Path is nested too deeply: more than " + std::to_string(kMaxNesting) +
                    " levels of filters, parentheses, '!' or function arguments",
                at);
    }
  }
  ~NestingGuard() { --ctx_.depth; }
  NestingGuard(const NestingGuard&) = delete;
  NestingGuard& operator=(const NestingGuard&) = delete;
  bool ok() const { return ctx_.depth <= kMaxNesting; }

 private:
  ParseContext& ctx_;
};

// FilterCompiler.compile: `criteria` is the whole `[?( ... )]`.
std::shared_ptr<const FilterNode> compile_filter(ParseContext& ctx, std::string_view criteria, std::size_t base);

// Whether Jayway's PathCompiler.compile accepts `text` (filters treat such strings in lists as paths).
bool compiles_as_path(std::string_view text);

// Java's Integer.parseInt; false where it throws NumberFormatException.
bool parse_java_int(std::string_view text, std::int32_t& out);

// Java's String.trim(): strips every char <= ' ' at both ends.
std::string_view java_trim(std::string_view text);

}  // namespace asl::jsonpath::detail
