// regex.cpp — Java-like regular expressions on Boost.Regex (perl syntax, over code points).
#include "jsonpath/regex.h"

#include <boost/regex.hpp>
#include <exception>

namespace asl::jsonpath::detail {

struct Regex::Impl {
  boost::wregex re;
};

Regex::~Regex() = default;

namespace {

// Java matches code points, not bytes: widen UTF-8 to one wchar_t (32-bit on Linux) per code point.
std::wstring widen(std::string_view s) {
  std::wstring out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i++]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    std::uint32_t cp = extra == 0 ? c : (c & (0x3Fu >> extra));
    for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3Fu);
    out.push_back(static_cast<wchar_t>(cp));
  }
  return out;
}

}  // namespace

std::shared_ptr<const Regex> Regex::compile(std::string_view pattern, std::string_view flags, std::string& error) {
  using boost::regex_constants::syntax_option_type;
  syntax_option_type options = boost::regex_constants::perl | boost::regex_constants::no_except;
  bool multiline = false;
  bool dotall = false;
  for (char f : flags) {
    switch (f) {
      case 'i': options |= boost::regex_constants::icase; break;
      case 'x': options |= boost::regex_constants::mod_x; break;
      case 'm': multiline = true; break;
      case 's': dotall = true; break;
      default: break;  // d (UNIX_LINES), u, U: no Boost counterpart that changes these matches
    }
  }
  // Java's defaults: ^ and $ anchor the whole input, . stops at line terminators.
  if (!multiline) options |= boost::regex_constants::no_mod_m;
  options |= dotall ? boost::regex_constants::mod_s : boost::regex_constants::no_mod_s;

  auto regex = std::shared_ptr<Regex>(new Regex);
  regex->impl_ = std::make_unique<Impl>();
  regex->impl_->re.assign(widen(pattern), options);
  if (regex->impl_->re.status() != 0) {
    error = "Invalid regular expression: /" + std::string(pattern) + "/";
    return nullptr;
  }
  return regex;
}

bool Regex::matches(std::string_view input) const {
  std::wstring wide = widen(input);
  try {
    return boost::regex_match(wide, impl_->re);
  } catch (const std::exception&) {
    // Boost gives up on pathological backtracking where Java would grind on; count it as no match.
    return false;
  }
}

}  // namespace asl::jsonpath::detail
