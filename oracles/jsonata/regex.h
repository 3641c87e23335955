// regex.h — JSONata regex literals (/pattern/flags) with ECMAScript semantics on Boost.Regex.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asl::jsonata::detail {

struct RegexMatch {
  std::size_t start = 0;  // code point offsets into the searched text
  std::size_t end = 0;
  std::u32string match;
  std::vector<std::optional<std::u32string>> groups;  // nullopt: the group did not take part
};

// Boost.Regex in perl mode over UTF-32 code points: its perl syntax is the closest match to
// ECMAScript's (lookahead, lazy quantifiers, backreferences, \d\w\s, non-capturing groups), it
// does not recurse per character as std::regex does (so long inputs cannot overflow the stack),
// and it is already a dependency of the JSONPath engine. Flags: i and m as in JavaScript; `.`
// never matches a line terminator and `^`/`$` anchor the whole text unless m is given.
// Known gaps against V8: offsets count code points, not UTF-16 units; lookbehind and named groups
// follow Perl's rules; \u{...} and the u/s/y flags are not supported (jsonata allows only i and m).
struct Regex {
  std::string source;
  std::string flags;
  struct Impl;
  std::shared_ptr<const Impl> impl;

  // Null with `error` set when the pattern does not compile.
  static std::shared_ptr<const Regex> compile(std::string_view pattern, std::string_view flags, std::string& error);
  // RegExp#exec with lastIndex = from.
  std::optional<RegexMatch> exec(const std::u32string& text, std::size_t from) const;
};

}  // namespace asl::jsonata::detail
