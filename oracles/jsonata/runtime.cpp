// runtime.cpp — runtime containers, deep equality, JavaScript number text, JSON.stringify and the conversion back to asl::Value.
#include "asl/json.h"
#include "jsonata/runtime.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "jsonata/function.h"

namespace asl::jsonata::detail {

// --- objects ------------------------------------------------------------------------------------

std::ptrdiff_t Obj::index_of(std::string_view key) const {
  if (index) {
    auto it = index->find(std::string(key));
    return it == index->end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
  }
  for (std::size_t i = 0; i < members.size(); ++i)
    if (members[i].first == key) return static_cast<std::ptrdiff_t>(i);
  return -1;
}

void Obj::rebuild() {
  if (members.size() < 16) {
    index.reset();
    return;
  }
  index = std::make_unique<std::unordered_map<std::string, std::uint32_t>>();
  for (std::size_t i = 0; i < members.size(); ++i) (*index)[members[i].first] = static_cast<std::uint32_t>(i);
}

const Val* Obj::find(std::string_view key) const {
  auto i = index_of(key);
  return i < 0 ? nullptr : &members[static_cast<std::size_t>(i)].second;
}

void Obj::set(const std::string& key, Val value) {
  auto i = index_of(key);
  if (i >= 0) {
    members[static_cast<std::size_t>(i)].second = std::move(value);
    return;
  }
  members.emplace_back(key, std::move(value));
  if (index)
    (*index)[key] = static_cast<std::uint32_t>(members.size() - 1);
  else if (members.size() >= 16)
    rebuild();
}

void Obj::erase(std::string_view key) {
  auto i = index_of(key);
  if (i < 0) return;
  members.erase(members.begin() + i);
  if (index) rebuild();
}

std::shared_ptr<Arr> make_sequence() {
  auto a = std::make_shared<Arr>();
  a->sequence = true;
  return a;
}
std::shared_ptr<Arr> make_sequence(Val first) {
  auto a = make_sequence();
  a->items.push_back(std::move(first));
  return a;
}
Val seq_val(std::shared_ptr<Arr> a) { return Val(std::move(a)); }
std::shared_ptr<Obj> make_object() { return std::make_shared<Obj>(); }

// --- equality -----------------------------------------------------------------------------------

bool deep_equal(const Val& a, const Val& b) {
  if (a.undefined() || b.undefined()) return a.undefined() && b.undefined();
  if (a.is_json() && b.is_json()) {
    const auto& x = a.json();
    const auto& y = b.json();
    if (x.is_number() && y.is_number()) return x.as_double() == y.as_double();
    if (x.kind() != y.kind()) return false;
    return x == y;
  }
  if (a.is_function() || b.is_function()) return a.heap() == b.heap();
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!deep_equal(a.at(i), b.at(i))) return false;
    return true;
  }
  if (a.is_object() && b.is_object()) {
    if (a.member_count() != b.member_count()) return false;
    bool equal = true;
    a.for_each_member([&](const std::string& k, const Val& v) {
      if (!equal) return;
      Val other = b.get(k);
      if (other.undefined() && !v.undefined()) {
        // The key must exist on both sides; an undefined member still counts as a key.
        bool present = false;
        b.for_each_member([&](const std::string& k2, const Val&) { present = present || k2 == k; });
        if (!present) equal = false;
        return;
      }
      if (!deep_equal(v, other)) equal = false;
    });
    return equal;
  }
  return false;
}

// --- numbers ------------------------------------------------------------------------------------

std::string js_number_to_string(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
  bool negative = sci[0] == '-';
  if (negative) sci.remove_prefix(1);
  auto e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e))
    if (c != '.') digits.push_back(c);
  int exponent = std::atoi(std::string(sci.substr(e + 1)).c_str());
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  std::string out = negative ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += digits;
  } else {
    out += digits[0];
    if (k > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += 'e';
    out += n - 1 >= 0 ? '+' : '-';
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

double to_precision_15(double d) {
  if (!std::isfinite(d) || d == 0) return d;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.14e", d);
  return std::strtod(buf, nullptr);
}

// --- JSON.stringify -----------------------------------------------------------------------------

void stringify_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

namespace {
void newline(std::string& out, int indent, int level) {
  if (indent <= 0) return;
  out.push_back('\n');
  out.append(static_cast<std::size_t>(indent * level), ' ');
}

void stringify_json(std::string& out, const asl::Value& v, bool for_string, int indent, int level) {
  switch (v.kind()) {
    case Kind::null: out += "null"; break;
    case Kind::boolean: out += v.as_bool() ? "true" : "false"; break;
    case Kind::integer:
    case Kind::big_integer:
    case Kind::real: {
      double d = v.as_double();
      if (!std::isfinite(d)) {
        // $string's replacer calls isNumeric, which rejects infinities.
        if (for_string && !std::isnan(d)) throw Failure("D1001").with_value(Val(v));
        out += "null";
        break;
      }
      if (for_string) d = to_precision_15(d);
      out += js_number_to_string(d);
      break;
    }
    case Kind::string: stringify_string(out, v.as_string()); break;
    case Kind::array: {
      const auto& a = v.as_array();
      out.push_back('[');
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (i) out.push_back(',');
        newline(out, indent, level + 1);
        stringify_json(out, a[i], for_string, indent, level + 1);
      }
      if (!a.empty()) newline(out, indent, level);
      out.push_back(']');
      break;
    }
    case Kind::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& m : v.as_object()) {
        if (!first) out.push_back(',');
        first = false;
        newline(out, indent, level + 1);
        stringify_string(out, m.key);
        out.push_back(':');
        if (indent > 0) out.push_back(' ');
        stringify_json(out, m.value, for_string, indent, level + 1);
      }
      if (!first) newline(out, indent, level);
      out.push_back('}');
      break;
    }
  }
}
}  // namespace

void stringify(std::string& out, const Val& v, bool for_string, int indent, int level) {
  switch (v.tag()) {
    case Tag::undefined: out += "null"; break;
    case Tag::json: stringify_json(out, v.json(), for_string, indent, level); break;
    case Tag::function:
      if (for_string) out += "\"\"";
      else out += "null";
      break;
    case Tag::array: {
      const auto& items = v.arr().items;
      out.push_back('[');
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out.push_back(',');
        newline(out, indent, level + 1);
        if (items[i].undefined() || (!for_string && items[i].is_function())) out += "null";
        else stringify(out, items[i], for_string, indent, level + 1);
      }
      if (!items.empty()) newline(out, indent, level);
      out.push_back(']');
      break;
    }
    case Tag::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [k, m] : v.obj().members) {
        if (m.undefined() || (!for_string && m.is_function())) continue;
        if (!first) out.push_back(',');
        first = false;
        newline(out, indent, level + 1);
        stringify_string(out, k);
        out.push_back(':');
        if (indent > 0) out.push_back(' ');
        stringify(out, m, for_string, indent, level + 1);
      }
      if (!first) newline(out, indent, level);
      out.push_back('}');
      break;
    }
  }
}

std::string stringify(const Val& v, bool for_string) {
  std::string out;
  stringify(out, v, for_string);
  return out;
}

// --- to asl::Value ------------------------------------------------------------------------------

namespace {
constexpr double kMaxSafe = 9007199254740992.0;  // 2^53

bool needs_normalising(const asl::Value& v) {
  switch (v.kind()) {
    case Kind::real: {
      double d = v.as_double();
      return std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= kMaxSafe;
    }
    case Kind::array:
      for (const auto& x : v.as_array())
        if (needs_normalising(x)) return true;
      return false;
    case Kind::object:
      for (const auto& m : v.as_object())
        if (needs_normalising(m.value)) return true;
      return false;
    default: return false;
  }
}

asl::Value normalise(const asl::Value& v) {
  switch (v.kind()) {
    case Kind::real: {
      double d = v.as_double();
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= kMaxSafe)
        return asl::Value(static_cast<std::int64_t>(d));
      return v;
    }
    case Kind::array: {
      if (!needs_normalising(v)) return v;
      asl::Array out;
      out.reserve(v.as_array().size());
      for (const auto& x : v.as_array()) out.push_back(normalise(x));
      return asl::Value(std::move(out));
    }
    case Kind::object: {
      if (!needs_normalising(v)) return v;
      asl::Object out;
      out.reserve(v.as_object().size());
      for (const auto& m : v.as_object()) out.append_unique(m.key, normalise(m.value));
      return asl::Value(std::move(out));
    }
    default: return v;
  }
}
}  // namespace

asl::Value to_value(const Val& v) {
  switch (v.tag()) {
    case Tag::undefined: return asl::Value();
    case Tag::json: return normalise(v.json());
    case Tag::function: return asl::Value(std::string());
    case Tag::array: {
      asl::Array out;
      out.reserve(v.arr().items.size());
      for (const auto& x : v.arr().items) out.push_back(x.undefined() ? asl::Value() : to_value(x));
      return asl::Value(std::move(out));
    }
    case Tag::object: {
      asl::Object out;
      out.reserve(v.obj().members.size());
      for (const auto& [k, m] : v.obj().members)
        if (!m.undefined()) out.append_unique(k, to_value(m));
      return asl::Value(std::move(out));
    }
  }
  return asl::Value();
}

Val deep_clone(const Val& v) {
  if (v.is_function()) return Val::string("");
  if (v.is_array()) {
    auto a = std::make_shared<Arr>();
    a->items.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
      Val item = v.at(i);
      a->items.push_back(item.undefined() ? Val::null() : deep_clone(item));
    }
    return Val(a);
  }
  if (v.is_object()) {
    auto o = make_object();
    v.for_each_member([&](const std::string& k, const Val& m) {
      if (!m.undefined()) o->set(k, deep_clone(m));
    });
    return Val(o);
  }
  if (v.is_number()) {
    double d = v.num();
    if (!std::isfinite(d)) return Val::null();
    return Val::number(to_precision_15(d));
  }
  return v;
}

// --- UTF-8 --------------------------------------------------------------------------------------

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i++]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    char32_t cp = extra == 0 ? c : (c & (0x3Fu >> extra));
    for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3Fu);
    out.push_back(cp);
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) { json::append_utf8(out, static_cast<std::uint32_t>(cp)); }

std::string from_u32(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t cp : s) append_utf8(out, cp);
  return out;
}

std::size_t code_point_count(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace asl::jsonata::detail
