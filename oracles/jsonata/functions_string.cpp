// functions_string.cpp — string built-ins: $string, $substring..., $pad, $match/$contains/$replace/$split, $join, base64 and URL coding.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <cwctype>
#include <limits>
#include <locale>

#include "jsonata/functions.h"
#include "jsonata/regex.h"

namespace asl::jsonata::detail {

namespace {

// JavaScript Array#slice bounds over a length.
std::pair<std::size_t, std::size_t> js_slice(double start, double end, std::size_t length) {
  auto clamp = [&](double i) -> std::size_t {
    const double n = static_cast<double>(length);
    if (std::isnan(i)) return 0;
    if (i < 0) return static_cast<std::size_t>(std::max(0.0, n + std::trunc(i)));
    return static_cast<std::size_t>(std::min(n, std::trunc(i)));
  };
  std::size_t s = clamp(start), e = clamp(end);
  if (e < s) e = s;
  return {s, e};
}

Val fn_string(Ctx&, std::vector<Val>& args) {
  const Val& v = arg(args, 0);
  if (v.undefined()) return Val();
  bool pretty = arg(args, 1).is_bool() && arg(args, 1).boolean_value();
  if (!pretty) return Val::string(string_value(v));
  if (v.is_string()) return v;
  if (v.is_function()) return Val::string("");
  if (v.is_number() && !std::isfinite(v.num())) throw Failure("D3001").with_value(v);
  std::string out;
  stringify(out, v.is_outer_wrapper() ? v.at(0) : v, true, 2);
  return Val::string(out);
}

Val fn_substring(Ctx&, std::vector<Val>& args) {
  const Val& s = arg(args, 0);
  if (s.undefined()) return Val();
  std::u32string str = to_u32(s.str());
  // An undefined start is NaN in JavaScript's arithmetic: no characters when a length is given.
  double start = arg(args, 1).is_number() ? arg(args, 1).num() : std::numeric_limits<double>::quiet_NaN();
  const double len = static_cast<double>(str.size());
  if (len + start < 0) start = 0;
  if (arg(args, 2).defined()) {
    double length = arg(args, 2).num();
    if (length <= 0) return Val::string("");
    double end = start >= 0 ? start + length : len + start + length;
    auto [a, b] = js_slice(start, end, str.size());
    return Val::string(from_u32(str.substr(a, b - a)));
  }
  auto [a, b] = js_slice(start, len, str.size());
  return Val::string(from_u32(str.substr(a, b - a)));
}

Val fn_substring_before(Ctx&, std::vector<Val>& args) {
  const Val& s = arg(args, 0);
  if (s.undefined()) return Val();
  std::string chars = arg(args, 1).is_string() ? arg(args, 1).str() : "undefined";
  auto pos = s.str().find(chars);
  return pos == std::string::npos ? s : Val::string(s.str().substr(0, pos));
}

Val fn_substring_after(Ctx&, std::vector<Val>& args) {
  const Val& s = arg(args, 0);
  if (s.undefined()) return Val();
  std::string chars = arg(args, 1).is_string() ? arg(args, 1).str() : "undefined";
  auto pos = s.str().find(chars);
  return pos == std::string::npos ? s : Val::string(s.str().substr(pos + chars.size()));
}

const std::ctype<wchar_t>* unicode_ctype() {
  static const std::ctype<wchar_t>* facet = []() -> const std::ctype<wchar_t>* {
    try {
      static const std::locale loc("C.UTF-8");
      return &std::use_facet<std::ctype<wchar_t>>(loc);
    } catch (...) {
      return nullptr;
    }
  }();
  return facet;
}

Val change_case(const Val& s, bool upper) {
  if (s.undefined()) return Val();
  std::u32string text = to_u32(s.str());
  const auto* facet = unicode_ctype();
  std::string out;
  for (char32_t c : text) {
    if (c == U'\u00DF' && upper) {
      out += "SS";
      continue;
    }
    wchar_t w = static_cast<wchar_t>(c);
    if (facet) w = upper ? facet->toupper(w) : facet->tolower(w);
    else if (c < 128) w = static_cast<wchar_t>(upper ? std::toupper(static_cast<int>(c)) : std::tolower(static_cast<int>(c)));
    append_utf8(out, static_cast<char32_t>(w));
  }
  return Val::string(out);
}

Val fn_lowercase(Ctx&, std::vector<Val>& args) { return change_case(arg(args, 0), false); }
Val fn_uppercase(Ctx&, std::vector<Val>& args) { return change_case(arg(args, 0), true); }

Val fn_length(Ctx&, std::vector<Val>& args) {
  const Val& s = arg(args, 0);
  if (s.undefined()) return Val();
  return num(static_cast<double>(code_point_count(s.str())));
}

Val fn_trim(Ctx&, std::vector<Val>& args) {
  const Val& s = arg(args, 0);
  if (s.undefined()) return Val();
  std::string out;
  bool in_space = false;
  for (char c : s.str()) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!in_space) out += ' ';
      in_space = true;
    } else {
      out += c;
      in_space = false;
    }
  }
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return Val::string(out);
}

Val fn_pad(Ctx& ctx, std::vector<Val>& args) {
  const Val& s = arg(args, 0);
  if (s.undefined()) return Val();
  std::string ch = arg(args, 2).is_string() && !arg(args, 2).str().empty() ? arg(args, 2).str() : " ";
  double width = arg(args, 1).is_number() ? arg(args, 1).num() : 0;
  double pad_length = std::fabs(width) - static_cast<double>(code_point_count(s.str()));
  if (!(pad_length > 0)) return s;
  ctx.charge(pad_length < 1e18 ? static_cast<std::size_t>(pad_length) : std::numeric_limits<std::size_t>::max());
  auto n = static_cast<std::size_t>(pad_length);
  std::u32string unit = to_u32(ch);
  std::u32string padding;
  while (padding.size() < n) padding += unit;
  padding.resize(n);
  std::string p = from_u32(padding);
  return Val::string(width > 0 ? s.str() + p : p + s.str());
}

// Iterates the matches of a matcher: a regex literal (run directly) or any function returning
// jsonata-js's {match, start, end, groups, next} structure.
class Matches {
 public:
  struct M {
    std::size_t start = 0;
    std::size_t end = 0;
    std::u32string match;
    std::vector<Val> groups;
  };

  Matches(Ctx& ctx, const Val& matcher, const std::string& str, const std::u32string& text)
      : ctx_(ctx), matcher_(matcher), str_(str), text_(text) {}

  std::optional<M> first() {
    if (matcher_.is_function() && matcher_.fn().kind == FnKind::regex) {
      regex_ = matcher_.fn().regex.get();
      position_ = matcher_.fn().position;
      return direct(0, false);
    }
    return generic(ctx_.call(matcher_, {Val::string(str_)}));
  }

  std::optional<M> next() {
    if (regex_) {
      if (last_index_ >= text_.size()) return std::nullopt;
      return direct(last_index_, true);
    }
    if (!next_.is_function()) return std::nullopt;
    return generic(ctx_.call(next_, {}));
  }

 private:
  std::optional<M> direct(std::size_t from, bool is_next) {
    auto m = regex_->exec(text_, from);
    if (!m) return std::nullopt;
    if (is_next && m->match.empty()) {
      Failure f("D1004");
      f.at(position_).with_value(Val::string(regex_->source));
      throw f;
    }
    last_index_ = m->end;
    M out;
    out.start = m->start;
    out.end = m->end;
    out.match = std::move(m->match);
    for (auto& g : m->groups) out.groups.push_back(g ? Val::string(from_u32(*g)) : Val());
    return out;
  }

  std::optional<M> generic(const Val& result) {
    if (result.undefined()) return std::nullopt;
    Val start = result.get("start"), end = result.get("end"), groups = result.get("groups"), next = result.get("next");
    if (!(start.is_number() || groups.is_array() || next.is_function())) throw Failure("T1010");
    M out;
    out.start = start.is_number() ? saturate<std::size_t>(start.num()) : 0;
    Val match = result.get("match");
    out.match = match.is_string() ? to_u32(match.str()) : std::u32string();
    out.end = end.is_number() ? saturate<std::size_t>(end.num()) : out.start + out.match.size();
    for (std::size_t i = 0; i < groups.size(); ++i) out.groups.push_back(groups.at(i));
    next_ = next;
    return out;
  }

  Ctx& ctx_;
  Val matcher_;
  const std::string& str_;
  const std::u32string& text_;
  const Regex* regex_ = nullptr;
  std::size_t position_ = 0;
  std::size_t last_index_ = 0;
  Val next_;
};

Val fn_contains(Ctx& ctx, std::vector<Val>& args) {
  const Val& s = arg(args, 0);
  if (s.undefined()) return Val();
  const Val& token = arg(args, 1);
  if (token.is_string()) return Val::boolean(s.str().find(token.str()) != std::string::npos);
  std::u32string text = to_u32(s.str());
  Matches matches(ctx, token, s.str(), text);
  return Val::boolean(matches.first().has_value());
}

Val fn_match(Ctx& ctx, std::vector<Val>& args) {
  const Val& s = arg(args, 0);
  if (s.undefined()) return Val();
  const Val& limit = arg(args, 2);
  if (limit.is_number() && limit.num() < 0) throw Failure("D3040").with_value(limit).with_index(3);
  auto result = make_sequence();
  if (limit.undefined() || limit.num() > 0) {
    std::u32string text = to_u32(s.str());
    Matches matches(ctx, arg(args, 1), s.str(), text);
    double count = 0;
    for (auto m = matches.first(); m && (limit.undefined() || count < limit.num()); m = matches.next()) {
      auto obj = make_object();
      obj->set("match", Val::string(from_u32(m->match)));
      obj->set("index", num(static_cast<double>(m->start)));
      auto groups = std::make_shared<Arr>();
      groups->items = m->groups;
      obj->set("groups", Val(groups));
      result->items.push_back(Val(obj));
      ++count;
    }
  }
  return Val(result);
}

std::u32string substitute(const std::u32string& replacement, const Matches::M& m) {
  std::u32string out;
  std::size_t position = 0;
  auto index = replacement.find(U'$', position);
  while (index != std::u32string::npos && position < replacement.size()) {
    out += replacement.substr(position, index - position);
    position = index + 1;
    char32_t dollar = position < replacement.size() ? replacement[position] : 0;
    if (dollar == U'$') {
      out += U'$';
      ++position;
    } else if (dollar == U'0') {
      out += m.match;
      ++position;
    } else {
      std::size_t max_digits =
          m.groups.empty() ? 1 : static_cast<std::size_t>(std::floor(std::log10(static_cast<double>(m.groups.size())))) + 1;
      auto parse_int = [&](std::size_t digits) -> long {
        long v = -1;
        for (std::size_t k = 0; k < digits && position + k < replacement.size(); ++k) {
          char32_t c = replacement[position + k];
          if (c < U'0' || c > U'9') break;
          v = (v < 0 ? 0 : v) * 10 + static_cast<long>(c - U'0');
        }
        return v;
      };
      long group = parse_int(max_digits);
      if (max_digits > 1 && group > static_cast<long>(m.groups.size())) group = parse_int(max_digits - 1);
      if (group >= 0) {
        if (!m.groups.empty() && group >= 1 && static_cast<std::size_t>(group) <= m.groups.size()) {
          const Val& sub = m.groups[static_cast<std::size_t>(group - 1)];
          if (sub.is_string()) out += to_u32(sub.str());
        }
        position += std::to_string(group).size();
      } else {
        out += U'$';
      }
    }
    index = replacement.find(U'$', position);
  }
  if (position < replacement.size()) out += replacement.substr(position);
  return out;
}

Val fn_replace(Ctx& ctx, std::vector<Val>& args) {
  const Val& s = arg(args, 0);
  if (s.undefined()) return Val();
  const Val& pattern = arg(args, 1);
  const Val& replacement = arg(args, 2);
  const Val& limit = arg(args, 3);
  if (pattern.is_string() && pattern.str().empty()) throw Failure("D3010").with_value(pattern).with_index(2);
  if (limit.is_number() && limit.num() < 0) throw Failure("D3011").with_value(limit).with_index(4);
  if (!(limit.undefined() || limit.num() > 0)) return s;
  double count = 0;
  if (pattern.is_string()) {
    const std::string& str = s.str();
    const std::string& pat = pattern.str();
    std::string rep = replacement.is_string() ? replacement.str() : string_value(replacement);
    std::string out;
    std::size_t position = 0;
    auto index = str.find(pat, position);
    while (index != std::string::npos && (limit.undefined() || count < limit.num())) {
      ctx.charge(index - position + rep.size() + 1);
      out += str.substr(position, index - position);
      out += rep;
      position = index + pat.size();
      ++count;
      index = str.find(pat, position);
    }
    out += str.substr(position);
    return Val::string(out);
  }
  std::u32string text = to_u32(s.str());
  Matches matches(ctx, pattern, s.str(), text);
  auto m = matches.first();
  if (!m) return s;
  std::u32string out;
  std::size_t position = 0;
  std::u32string rep_text = replacement.is_string() ? to_u32(replacement.str()) : std::u32string();
  while (m && (limit.undefined() || count < limit.num())) {
    ctx.charge(m->start - std::min(position, m->start) + rep_text.size() + 1);
    if (m->start > position) out += text.substr(position, m->start - position);
    if (replacement.is_string()) {
      out += substitute(rep_text, *m);
    } else {
      auto obj = make_object();
      obj->set("match", Val::string(from_u32(m->match)));
      obj->set("start", num(static_cast<double>(m->start)));
      obj->set("end", num(static_cast<double>(m->end)));
      auto groups = std::make_shared<Arr>();
      groups->items = m->groups;
      obj->set("groups", Val(groups));
      Val replaced = ctx.call(replacement, {Val(obj)});
      if (!replaced.is_string()) throw Failure("D3012").with_value(replaced);
      out += to_u32(replaced.str());
    }
    position = m->start + m->match.size();
    ++count;
    m = matches.next();
  }
  if (position < text.size()) out += text.substr(position);
  return Val::string(from_u32(out));
}

Val fn_split(Ctx& ctx, std::vector<Val>& args) {
  const Val& s = arg(args, 0);
  if (s.undefined()) return Val();
  const Val& separator = arg(args, 1);
  const Val& limit = arg(args, 2);
  if (limit.is_number() && limit.num() < 0) throw Failure("D3020").with_value(limit).with_index(3);
  auto result = std::make_shared<Arr>();
  if (!(limit.undefined() || limit.num() > 0)) return Val(result);
  const double max = limit.undefined() ? 4294967295.0 : std::floor(limit.num());
  if (separator.is_string()) {
    const std::string& str = s.str();
    const std::string& sep = separator.str();
    if (sep.empty()) {
      for (char32_t c : to_u32(str)) {
        if (static_cast<double>(result->items.size()) >= max) break;
        std::string one;
        append_utf8(one, c);
        result->items.push_back(Val::string(one));
      }
      return Val(result);
    }
    std::size_t position = 0;
    for (;;) {
      if (static_cast<double>(result->items.size()) >= max) break;
      auto index = str.find(sep, position);
      if (index == std::string::npos) {
        result->items.push_back(Val::string(str.substr(position)));
        break;
      }
      result->items.push_back(Val::string(str.substr(position, index - position)));
      position = index + sep.size();
    }
    return Val(result);
  }
  std::u32string text = to_u32(s.str());
  Matches matches(ctx, separator, s.str(), text);
  auto m = matches.first();
  if (!m) {
    result->items.push_back(s);
    return Val(result);
  }
  std::size_t start = 0;
  double count = 0;
  while (m && (limit.undefined() || count < limit.num())) {
    result->items.push_back(Val::string(from_u32(text.substr(start, m->start > start ? m->start - start : 0))));
    start = m->end;
    m = matches.next();
    ++count;
  }
  if (limit.undefined() || count < limit.num()) result->items.push_back(Val::string(from_u32(text.substr(std::min(start, text.size())))));
  return Val(result);
}

Val fn_join(Ctx& ctx, std::vector<Val>& args) {
  const Val& strs = arg(args, 0);
  if (strs.undefined()) return Val();
  std::string sep = arg(args, 1).is_string() ? arg(args, 1).str() : "";
  std::string out;
  for (std::size_t i = 0; i < strs.size(); ++i) {
    if (i) out += sep;
    Val item = strs.at(i);
    if (item.is_string()) out += item.str();
    ctx.charge(sep.size() + (item.is_string() ? item.str().size() : 0) + 1);
  }
  return Val::string(out);
}

const char* kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Val fn_base64encode(Ctx&, std::vector<Val>& args) {
  const Val& s = arg(args, 0);
  if (s.undefined()) return Val();
  // Buffer.from(str, 'binary'): one byte per UTF-16 unit, its low 8 bits.
  std::string bytes;
  for (char32_t c : to_u32(s.str())) bytes.push_back(static_cast<char>(c & 0xFF));
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += kBase64[(v >> 6) & 63];
    out += kBase64[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return Val::string(out);
}

Val fn_base64decode(Ctx&, std::vector<Val>& args) {
  const Val& s = arg(args, 0);
  if (s.undefined()) return Val();
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : s.str()) {
    const char* p = std::strchr(kBase64, c);
    int v;
    if (c == '-') v = 62;
    else if (c == '_') v = 63;
    else if (c && p) v = static_cast<int>(p - kBase64);
    else if (c == '=') break;
    else continue;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      append_utf8(out, static_cast<char32_t>((buffer >> bits) & 0xFF));
    }
  }
  return Val::string(out);
}

bool is_lone_surrogate_utf8(const std::string& s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) == 0xED && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0) return true;
  return false;
}

Val encode_uri(const Val& s, bool component, const char* name) {
  if (s.undefined()) return Val();
  if (is_lone_surrogate_utf8(s.str())) {
    Failure f("D3140");
    f.value = s;
    f.function_name = name;
    throw f;
  }
  static const char* unreserved = "-_.!~*'()";
  static const char* reserved = ";,/?:@&=+$#";
  std::string out;
  for (unsigned char c : s.str()) {
    bool keep = std::isalnum(c) || (c < 128 && std::strchr(unreserved, c)) || (!component && c < 128 && std::strchr(reserved, c));
    if (keep && c != 0) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return Val::string(out);
}

Val decode_uri(const Val& s, bool component, const char* name) {
  if (s.undefined()) return Val();
  auto malformed = [&]() {
    Failure f("D3140");
    f.value = s;
    f.function_name = name;
    return f;
  };
  static const char* reserved = ";/?:@&=+$,#";
  const std::string& str = s.str();
  std::string out;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < str.size();) {
    if (str[i] != '%') {
      out += str[i++];
      continue;
    }
    auto byte_at = [&](std::size_t p) -> int {
      if (p + 2 >= str.size()) return -1;
      if (str[p] != '%') return -1;
      int h = hex(str[p + 1]), l = hex(str[p + 2]);
      return h < 0 || l < 0 ? -1 : h * 16 + l;
    };
    int b = byte_at(i);
    if (b < 0) throw malformed();
    if (b < 0x80) {
      if (!component && std::strchr(reserved, b) && b != 0) out += str.substr(i, 3);
      else out += static_cast<char>(b);
      i += 3;
      continue;
    }
    int extra = (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0) throw malformed();
    std::string seq(1, static_cast<char>(b));
    std::uint32_t cp = static_cast<std::uint32_t>(b) & (0x3Fu >> extra);
    std::size_t p = i + 3;
    for (int k = 0; k < extra; ++k, p += 3) {
      int c = byte_at(p);
      if (c < 0 || (c & 0xC0) != 0x80) throw malformed();
      cp = (cp << 6) | (static_cast<std::uint32_t>(c) & 0x3F);
      seq += static_cast<char>(c);
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF || (extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
        (extra == 3 && cp < 0x10000))
      throw malformed();
    out += seq;
    i = p;
  }
  return Val::string(out);
}

Val fn_encode_url_component(Ctx&, std::vector<Val>& a) { return encode_uri(arg(a, 0), true, "encodeUrlComponent"); }
Val fn_encode_url(Ctx&, std::vector<Val>& a) { return encode_uri(arg(a, 0), false, "encodeUrl"); }
Val fn_decode_url_component(Ctx&, std::vector<Val>& a) { return decode_uri(arg(a, 0), true, "decodeUrlComponent"); }
Val fn_decode_url(Ctx&, std::vector<Val>& a) { return decode_uri(arg(a, 0), false, "decodeUrl"); }

}  // namespace

void register_string_functions(Registrar& r) {
  r.push_back({"string", "<x-b?:s>", 1, fn_string, nullptr, nullptr});
  r.push_back({"substring", "<s-nn?:s>", 3, fn_substring, nullptr, nullptr});
  r.push_back({"substringBefore", "<s-s:s>", 2, fn_substring_before, nullptr, nullptr});
  r.push_back({"substringAfter", "<s-s:s>", 2, fn_substring_after, nullptr, nullptr});
  r.push_back({"lowercase", "<s-:s>", 1, fn_lowercase, nullptr, nullptr});
  r.push_back({"uppercase", "<s-:s>", 1, fn_uppercase, nullptr, nullptr});
  r.push_back({"length", "<s-:n>", 1, fn_length, nullptr, nullptr});
  r.push_back({"trim", "<s-:s>", 1, fn_trim, nullptr, nullptr});
  r.push_back({"pad", "<s-ns?:s>", 3, fn_pad, nullptr, nullptr});
  r.push_back({"match", "<s-f<s:o>n?:a<o>>", 3, fn_match, nullptr, nullptr});
  r.push_back({"contains", "<s-(sf):b>", 2, fn_contains, nullptr, nullptr});
  r.push_back({"replace", "<s-(sf)(sf)n?:s>", 4, fn_replace, nullptr, nullptr});
  r.push_back({"split", "<s-(sf)n?:a<s>>", 3, fn_split, nullptr, nullptr});
  r.push_back({"join", "<a<s>s?:s>", 2, fn_join, nullptr, nullptr});
  r.push_back({"base64encode", "<s-:s>", 1, fn_base64encode, nullptr, nullptr});
  r.push_back({"base64decode", "<s-:s>", 1, fn_base64decode, nullptr, nullptr});
  r.push_back({"encodeUrlComponent", "<s-:s>", 1, fn_encode_url_component, nullptr, nullptr});
  r.push_back({"encodeUrl", "<s-:s>", 1, fn_encode_url, nullptr, nullptr});
  r.push_back({"decodeUrlComponent", "<s-:s>", 1, fn_decode_url_component, nullptr, nullptr});
  r.push_back({"decodeUrl", "<s-:s>", 1, fn_decode_url, nullptr, nullptr});
}

}  // namespace asl::jsonata::detail
