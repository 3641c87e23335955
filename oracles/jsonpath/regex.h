// regex.h — a filter's /pattern/flags, matched with java.util.regex semantics (whole input, Java flags).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace asl::jsonpath::detail {

class Regex {
 public:
  // `flags` are Jayway's letters: d i x m s u U. Null (with `error` set) for a pattern Java's
  // Pattern.compile would reject.
  static std::shared_ptr<const Regex> compile(std::string_view pattern, std::string_view flags, std::string& error);

  // Matcher.matches(): the whole input must match.
  bool matches(std::string_view input) const;

  ~Regex();
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace asl::jsonpath::detail
