// java.cpp — how json-smart's Java objects print, compare and parse, for Jayway-exact results.
#include "jsonpath/java.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>

#include "asl/json.h"

namespace asl::jsonpath::detail {

std::string_view java_class_name(const Value& value) {
  switch (value.kind()) {
    case Kind::null: return "null";
    case Kind::boolean: return "java.lang.Boolean";
    case Kind::integer: {
      std::int64_t i = value.as_int();
      bool fits_int = i >= std::numeric_limits<std::int32_t>::min() && i <= std::numeric_limits<std::int32_t>::max();
      return fits_int ? "java.lang.Integer" : "java.lang.Long";
    }
    case Kind::big_integer: return "java.math.BigInteger";
    case Kind::real: return "java.lang.Double";
    case Kind::string: return "java.lang.String";
    case Kind::array: return "net.minidev.json.JSONArray";
    case Kind::object: return "java.util.LinkedHashMap";
  }
  return "null";
}

void append_java_string(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Kind::null: out += "null"; return;
    case Kind::boolean: out += value.as_bool() ? "true" : "false"; return;
    case Kind::integer: out += std::to_string(value.as_int()); return;
    case Kind::big_integer: out += value.big_digits(); return;
    case Kind::real: json::write_double(out, value.as_double()); return;
    case Kind::string: out += value.as_string(); return;
    case Kind::array: json::write_to(out, value); return;  // JSONArray.toString is its JSON text
    case Kind::object: {
      out.push_back('{');
      bool first = true;
      for (const Member& m : value.as_object()) {
        if (!first) out += ", ";
        first = false;
        out += m.key;
        out.push_back('=');
        append_java_string(out, m.value);
      }
      out.push_back('}');
      return;
    }
  }
}

std::string java_to_string(const Value& value) {
  std::string out;
  append_java_string(out, value);
  return out;
}

bool java_equals(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::null: return true;
    case Kind::boolean: return a.as_bool() == b.as_bool();
    case Kind::integer: return a.as_int() == b.as_int();
    case Kind::big_integer: return a.big_digits() == b.big_digits();
    case Kind::real: {
      // Double.equals compares bit patterns: 0.0 differs from -0.0.
      double x = a.as_double();
      double y = b.as_double();
      return x == y ? std::signbit(x) == std::signbit(y) : (x != x && y != y);
    }
    case Kind::string: return a.as_string() == b.as_string();
    case Kind::array: {
      const Array& x = a.as_array();
      const Array& y = b.as_array();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!java_equals(x[i], y[i])) return false;
      }
      return true;
    }
    case Kind::object: {
      const Object& x = a.as_object();
      const Object& y = b.as_object();
      if (x.size() != y.size()) return false;
      for (const Member& m : x) {
        const Value* other = y.find(m.key);
        if (other == nullptr || !java_equals(m.value, *other)) return false;
      }
      return true;
    }
  }
  return false;
}

namespace {

// Decodes one code point (invalid bytes read as themselves) and advances i.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i++]);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  std::uint32_t cp = extra == 0 ? c : (c & (0x3Fu >> extra));
  for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3Fu);
  return cp;
}

// The first UTF-16 unit of a code point decides its order against BMP characters.
std::uint32_t utf16_key(std::uint32_t cp) { return cp >= 0x10000 ? 0xD800 + ((cp - 0x10000) >> 10) : cp; }

}  // namespace

int java_compare(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    std::uint32_t x = next_code_point(a, i);
    std::uint32_t y = next_code_point(b, j);
    if (x == y) continue;
    std::uint32_t kx = utf16_key(x);
    std::uint32_t ky = utf16_key(y);
    if (kx != ky) return kx < ky ? -1 : 1;
    return x < y ? -1 : 1;  // same high surrogate: the low halves keep code point order
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return 0;
}

// ---- json-smart permissive reading ----------------------------------------------------------

namespace {

class PermissiveReader {
 public:
  explicit PermissiveReader(std::string_view text) : s_(text) {}

  bool read(Value& out) {
    if (!value(out, 0)) return false;
    skip_ws();
    return i_ == s_.size();
  }

 private:
  static constexpr int kMaxDepth = 64;

  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  static bool is_stop(char c) {
    return c == ',' || c == ':' || c == ']' || c == '}' || c == '[' || c == '{' || c == ' ' || c == '\t' ||
           c == '\n' || c == '\r';
  }

  bool value(Value& out, int depth) {
    if (depth > kMaxDepth) return false;
    skip_ws();
    if (i_ >= s_.size()) return false;
    char c = s_[i_];
    if (c == '{') return object(out, depth);
    if (c == '[') return array(out, depth);
    if (c == '"' || c == '\'') {
      std::string text;
      if (!quoted(text)) return false;
      out = Value(std::move(text));
      return true;
    }
    return word(out);
  }

  bool quoted(std::string& text) {
    char quote = s_[i_++];
    while (i_ < s_.size() && s_[i_] != quote) {
      char c = s_[i_++];
      if (c != '\\') {
        text.push_back(c);
        continue;
      }
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      switch (e) {
        case 'n': text.push_back('\n'); break;
        case 't': text.push_back('\t'); break;
        case 'r': text.push_back('\r'); break;
        case 'b': text.push_back('\b'); break;
        case 'f': text.push_back('\f'); break;
        case 'u': {
          if (s_.size() - i_ < 4) return false;
          std::uint32_t cp = 0;
          for (int k = 0; k < 4; ++k) {
            char h = s_[i_++];
            int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (v < 0) return false;
            cp = cp * 16 + static_cast<std::uint32_t>(v);
          }
          std::string enc;
          if (cp < 0x80) {
            enc.push_back(static_cast<char>(cp));
          } else if (cp < 0x800) {
            enc.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            enc.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          } else {
            enc.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            enc.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            enc.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          }
          text += enc;
          break;
        }
        default: text.push_back(e); break;
      }
    }
    if (i_ >= s_.size()) return false;
    ++i_;
    return true;
  }

  bool word(Value& out) {
    std::size_t start = i_;
    while (i_ < s_.size() && !is_stop(s_[i_])) ++i_;
    std::string_view w = s_.substr(start, i_ - start);
    if (w.empty()) return false;
    if (w == "true") {
      out = Value(true);
    } else if (w == "false") {
      out = Value(false);
    } else if (w == "null") {
      out = Value();
    } else if (!number(w, out)) {
      out = Value(w);  // json-smart keeps an unquoted word as a string
    }
    return true;
  }

  static bool number(std::string_view w, Value& out) {
    std::size_t k = 0;
    bool negative = false;
    if (k < w.size() && w[k] == '-') {
      negative = true;
      ++k;
    }
    std::size_t int_start = k;
    while (k < w.size() && w[k] >= '0' && w[k] <= '9') ++k;
    if (k == int_start) return false;
    bool integral = true;
    if (k < w.size() && w[k] == '.') {
      integral = false;
      ++k;
      std::size_t frac = k;
      while (k < w.size() && w[k] >= '0' && w[k] <= '9') ++k;
      if (k == frac) return false;
    }
    if (k < w.size() && (w[k] == 'e' || w[k] == 'E')) {
      integral = false;
      ++k;
      if (k < w.size() && (w[k] == '+' || w[k] == '-')) ++k;
      std::size_t exp = k;
      while (k < w.size() && w[k] >= '0' && w[k] <= '9') ++k;
      if (k == exp) return false;
    }
    if (k != w.size()) return false;
    if (!integral) {
      out = Value(std::strtod(std::string(w).c_str(), nullptr));
      return true;
    }
    std::string digits(w.substr(int_start));
    std::size_t nz = digits.find_first_not_of('0');
    digits = nz == std::string::npos ? "0" : digits.substr(nz);  // leading zeros are accepted
    if (digits.size() <= 18) {
      std::int64_t v = std::stoll(digits);
      out = Value(negative ? -v : v);
    } else {
      auto parsed = json::read((negative ? "-" : "") + digits);
      if (!parsed) return false;
      out = std::move(parsed).value();
    }
    return true;
  }

  bool array(Value& out, int depth) {
    ++i_;
    Array items;
    while (true) {
      skip_ws();
      if (i_ >= s_.size()) return false;
      if (s_[i_] == ']') {
        ++i_;
        break;
      }
      if (s_[i_] == ',') {  // stray commas are skipped
        ++i_;
        continue;
      }
      Value item;
      if (!value(item, depth + 1)) return false;
      items.push_back(std::move(item));
      skip_ws();
      if (i_ < s_.size() && s_[i_] != ',' && s_[i_] != ']') return false;
    }
    out = Value(std::move(items));
    return true;
  }

  bool object(Value& out, int depth) {
    ++i_;
    Object members;
    while (true) {
      skip_ws();
      if (i_ >= s_.size()) return false;
      if (s_[i_] == '}') {
        ++i_;
        break;
      }
      if (s_[i_] == ',') {
        ++i_;
        continue;
      }
      std::string key;
      if (s_[i_] == '"' || s_[i_] == '\'') {
        if (!quoted(key)) return false;
      } else {
        std::size_t start = i_;
        while (i_ < s_.size() && !is_stop(s_[i_])) ++i_;
        key = std::string(s_.substr(start, i_ - start));
        if (key.empty()) return false;
      }
      skip_ws();
      if (i_ >= s_.size() || s_[i_] != ':') return false;
      ++i_;
      Value item;
      if (!value(item, depth + 1)) return false;
      members.set(std::move(key), std::move(item));
      skip_ws();
      if (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}') return false;
    }
    out = Value(std::move(members));
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

bool read_permissive_json(std::string_view text, Value& out) { return PermissiveReader(text).read(out); }

}  // namespace asl::jsonpath::detail
