// writer.cpp — compact JSON text as AWS (Jackson on the JVM) prints it.
#include <charconv>
#include <cmath>
#include <cstring>

#include "asl/json.h"

namespace asl::json {

namespace {
constexpr char kHex[] = "0123456789ABCDEF";  // Jackson writes \u escapes in upper case

// Whether a byte needs escaping in a JSON string, as in Jackson's default output escapes.
constexpr bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }
}  // namespace

void write_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (!needs_escape(c)) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    out.push_back('\\');
    switch (c) {
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case '\b': out.push_back('b'); break;
      case '\f': out.push_back('f'); break;
      case '\n': out.push_back('n'); break;
      case '\r': out.push_back('r'); break;
      case '\t': out.push_back('t'); break;
      default:
        out.append("u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(text.data() + run, text.size() - run);
  out.push_back('"');
}

// Java's Double.toString (JDK 19+, shortest round-trip digits): plain notation with at least one
// fractional digit for 1e-3 <= |d| < 1e7, otherwise d.dddE[-]n.
void write_double(std::string& out, double d) {
  if (std::isnan(d)) {
    out.append("\"NaN\"");  // Jackson's default WRITE_NAN_AS_STRINGS
    return;
  }
  if (std::isinf(d)) {
    out.append(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    return;
  }
  if (d == 0) {
    out.append(std::signbit(d) ? "-0.0" : "0.0");
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));  // e.g. "-1.2345e+06"
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  std::size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();

  if (negative) out.push_back('-');
  double magnitude = std::fabs(d);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      auto int_len = static_cast<std::size_t>(exponent) + 1;
      if (digits.size() <= int_len) {
        out.append(digits);
        out.append(int_len - digits.size(), '0');
        out.append(".0");
      } else {
        out.append(digits, 0, int_len);
        out.push_back('.');
        out.append(digits, int_len, std::string::npos);
      }
    } else {
      out.append("0.");
      out.append(static_cast<std::size_t>(-exponent - 1), '0');
      out.append(digits);
    }
    return;
  }
  out.push_back(digits[0]);
  out.push_back('.');
  if (digits.size() > 1) {
    out.append(digits, 1, std::string::npos);
  } else {
    out.push_back('0');
  }
  out.push_back('E');
  out.append(std::to_string(exponent));
}

void write_to(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Kind::null: out.append("null"); return;
    case Kind::boolean: out.append(value.as_bool() ? "true" : "false"); return;
    case Kind::integer: {
      char buf[24];
      auto res = std::to_chars(buf, buf + sizeof buf, value.as_int());
      out.append(buf, res.ptr);
      return;
    }
    case Kind::big_integer: out.append(value.big_digits()); return;
    case Kind::real: write_double(out, value.as_double()); return;
    case Kind::string: write_string(out, value.as_string()); return;
    case Kind::array: {
      out.push_back('[');
      bool first = true;
      for (const Value& item : value.as_array()) {
        if (!first) out.push_back(',');
        first = false;
        write_to(out, item);
      }
      out.push_back(']');
      return;
    }
    case Kind::object: {
      out.push_back('{');
      bool first = true;
      for (const Member& m : value.as_object()) {
        if (!first) out.push_back(',');
        first = false;
        write_string(out, m.key);
        out.push_back(':');
        write_to(out, m.value);
      }
      out.push_back('}');
      return;
    }
  }
}

std::string write(const Value& value) {
  std::string out;
  write_to(out, value);
  return out;
}

namespace {
std::size_t string_size(std::string_view text) {
  std::size_t n = 2;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (!needs_escape(c)) {
      ++n;
    } else if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
      n += 2;
    } else {
      n += 6;
    }
  }
  return n;
}
}  // namespace

std::size_t written_size(const Value& value) {
  switch (value.kind()) {
    case Kind::string: return string_size(value.as_string());
    case Kind::array: {
      if (std::int64_t cached = value.cached_written_size(); cached >= 0) return static_cast<std::size_t>(cached);
      std::size_t n = 2 + (value.size() > 0 ? value.size() - 1 : 0);
      for (const Value& item : value.as_array()) n += written_size(item);
      value.cache_written_size(static_cast<std::int64_t>(n));
      return n;
    }
    case Kind::object: {
      if (std::int64_t cached = value.cached_written_size(); cached >= 0) return static_cast<std::size_t>(cached);
      std::size_t n = 2 + (value.size() > 0 ? value.size() - 1 : 0);
      for (const Member& m : value.as_object()) n += string_size(m.key) + 1 + written_size(m.value);
      value.cache_written_size(static_cast<std::int64_t>(n));
      return n;
    }
    case Kind::null: return 4;
    case Kind::boolean: return value.as_bool() ? 4 : 5;
    case Kind::integer: {
      // Digits counted, not printed: this runs for every state's output (the payload limit).
      std::int64_t i = value.as_int();
      std::uint64_t magnitude = i < 0 ? 0 - static_cast<std::uint64_t>(i) : static_cast<std::uint64_t>(i);
      std::size_t digits = 1;
      while (magnitude >= 10) {
        magnitude /= 10;
        ++digits;
      }
      return digits + (i < 0 ? 1 : 0);
    }
    case Kind::big_integer: return value.big_digits().size();
    case Kind::real: {
      thread_local std::string scratch;
      scratch.clear();
      write_double(scratch, value.as_double());
      return scratch.size();
    }
  }
  return 0;
}

namespace {

// An upper bound of written_size that never scans string bytes or prints doubles (each byte of a
// string writes as at most 6: \u00XX; a double as at most 25 characters), cut short once it
// passes `budget`. Exact sizes cached on containers are used as they are.
std::size_t written_size_bound(const Value& value, std::size_t budget, bool top) {
  switch (value.kind()) {
    case Kind::string: return 2 + 6 * value.as_string().size();
    case Kind::array:
    case Kind::object: {
      if (std::int64_t cached = value.cached_written_size(); cached >= 0) return static_cast<std::size_t>(cached);
      // Nested containers are mostly parts of the state's input, passed on: sizing them exactly
      // caches the size on them, so the next state's check stops there.
      if (!top) return written_size(value);
      std::size_t n = 2 + (value.size() > 0 ? value.size() - 1 : 0);
      if (value.is_array()) {
        for (const Value& item : value.as_array()) {
          n += written_size_bound(item, budget, false);
          if (n > budget) return n;
        }
      } else {
        for (const Member& m : value.as_object()) {
          n += 3 + 6 * m.key.size() + written_size_bound(m.value, budget, false);
          if (n > budget) return n;
        }
      }
      return n;
    }
    case Kind::null:
    case Kind::boolean: return 5;
    case Kind::integer: return 20;
    case Kind::big_integer: return value.big_digits().size();
    case Kind::real: return 25;
  }
  return 0;
}

}  // namespace

bool written_size_at_most(const Value& value, std::size_t limit) {
  return written_size_bound(value, limit, true) <= limit || written_size(value) <= limit;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace asl::json
