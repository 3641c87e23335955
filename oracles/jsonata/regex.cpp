// regex.cpp — RegExp#exec for JSONata regex literals on Boost.Regex (perl syntax, over code points).
#include "jsonata/regex.h"

#include <boost/regex.hpp>
#include <cwctype>
#include <exception>

namespace asl::jsonata::detail {

struct Regex::Impl {
  boost::basic_regex<wchar_t> re;
};

namespace {
// The pattern as code points; \uXXXX (ECMAScript) becomes \x{XXXX} (Perl), the one escape they spell differently.
std::wstring widen_pattern(std::string_view pattern) {
  std::wstring out;
  for (std::size_t i = 0; i < pattern.size();) {
    auto c = static_cast<unsigned char>(pattern[i++]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    std::uint32_t cp = extra == 0 ? c : (c & (0x3Fu >> extra));
    for (int k = 0; k < extra && i < pattern.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(pattern[i++]) & 0x3Fu);
    out.push_back(static_cast<wchar_t>(cp));
  }
  // \uXXXX in ECMAScript is \x{XXXX} in Perl.
  std::wstring fixed;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == L'\\' && i + 1 < out.size()) {
      if (out[i + 1] == L'u' && i + 6 <= out.size()) {
        bool hex = true;
        for (std::size_t k = 2; k < 6; ++k) hex = hex && std::iswxdigit(static_cast<wint_t>(out[i + k]));
        if (hex) {
          fixed += L"\\x{";
          fixed += out.substr(i + 2, 4);
          fixed += L"}";
          i += 5;
          continue;
        }
      }
      fixed += out[i];
      fixed += out[i + 1];
      ++i;
      continue;
    }
    fixed += out[i];
  }
  return fixed;
}
}  // namespace

std::shared_ptr<const Regex> Regex::compile(std::string_view pattern, std::string_view flags, std::string& error) {
  using namespace boost::regex_constants;
  syntax_option_type options = perl | no_except | no_mod_s;
  bool multiline = false;
  for (char f : flags) {
    if (f == 'i') options |= icase;
    if (f == 'm') multiline = true;
  }
  if (!multiline) options |= no_mod_m;
  auto impl = std::make_shared<Impl>();
  impl->re.assign(widen_pattern(pattern), options);
  if (impl->re.status() != 0) {
    error = "Invalid regular expression: /" + std::string(pattern) + "/";
    return nullptr;
  }
  auto regex = std::make_shared<Regex>();
  regex->source = std::string(pattern);
  regex->flags = std::string(flags);
  regex->impl = std::move(impl);
  return regex;
}

std::optional<RegexMatch> Regex::exec(const std::u32string& text, std::size_t from) const {
  if (from > text.size()) return std::nullopt;
  static_assert(sizeof(wchar_t) == sizeof(char32_t), "wchar_t must hold a code point");
  const auto* begin = reinterpret_cast<const wchar_t*>(text.data());
  const auto* end = begin + text.size();
  boost::match_results<const wchar_t*> m;
  try {
    // `begin` as the search base: `^` (outside multiline mode) matches only there, as V8's
    // lastIndex search does, while \b and lookbehind still see the text before `from`.
    auto flags = boost::match_default | boost::match_not_dot_newline;
    if (!boost::regex_search(begin + from, end, m, impl->re, flags, begin)) return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;  // Boost gives up on catastrophic backtracking; V8 would grind on
  }
  RegexMatch out;
  out.start = static_cast<std::size_t>(m[0].first - begin);
  out.end = static_cast<std::size_t>(m[0].second - begin);
  out.match = text.substr(out.start, out.end - out.start);
  for (std::size_t g = 1; g < m.size(); ++g) {
    if (m[g].matched)
      out.groups.emplace_back(std::u32string(reinterpret_cast<const char32_t*>(m[g].first),
                                             static_cast<std::size_t>(m[g].second - m[g].first)));
    else
      out.groups.emplace_back(std::nullopt);
  }
  return out;
}

}  // namespace asl::jsonata::detail
