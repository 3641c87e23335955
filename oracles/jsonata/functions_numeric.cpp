// functions_numeric.cpp — numeric built-ins: $number, $abs/$floor/$ceil/$round, $sqrt/$power, $random, $formatNumber (XPath F&O picture strings), $formatBase.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <regex>

#include "jsonata/functions.h"

namespace asl::jsonata::detail {

double js_round(double x) {
  if (!std::isfinite(x)) return x;
  double r = std::floor(x);
  if (x - r >= 0.5) r += 1;
  return r;
}

double round_half_even(double arg, int precision) {
  auto shift = [](double v, int places) {
    std::string s = js_number_to_string(v);
    auto e = s.find('e');
    std::string mantissa = e == std::string::npos ? s : s.substr(0, e);
    long exponent = e == std::string::npos ? 0 : std::strtol(s.c_str() + e + 1, nullptr, 10);
    std::string text = mantissa + "e" + std::to_string(exponent + places);
    return std::strtod(text.c_str(), nullptr);
  };
  if (precision) arg = shift(arg, precision);
  double result = js_round(arg);
  double diff = result - arg;
  if (std::fabs(diff) == 0.5 && std::fabs(std::fmod(result, 2)) == 1) result -= 1;
  if (precision) result = shift(result, -precision);
  if (result == 0) result = 0;  // no -0 in JSON
  return result;
}

namespace {

Val fn_number(Ctx&, std::vector<Val>& args) {
  const Val& v = arg(args, 0);
  if (v.undefined()) return Val();
  if (v.is_number()) return v;
  if (v.is_string()) {
    static const std::regex decimal("^-?[0-9]+(\\.[0-9]+)?([Ee][-+]?[0-9]+)?$");
    static const std::regex prefixed("^(0[xX][0-9A-Fa-f]+|0[oO][0-7]+|0[bB][0-1]+)$");
    const std::string& s = v.str();
    if (std::regex_match(s, decimal)) {
      double d = std::strtod(s.c_str(), nullptr);
      if (std::isfinite(d)) return num(d);
    } else if (std::regex_match(s, prefixed)) {
      int base = s[1] == 'x' || s[1] == 'X' ? 16 : s[1] == 'o' || s[1] == 'O' ? 8 : 2;
      double d = 0;
      for (std::size_t i = 2; i < s.size(); ++i) {
        char c = s[i];
        int digit = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        d = d * base + digit;
      }
      return num(d);
    }
  }
  if (v.is_bool()) return num(v.boolean_value() ? 1 : 0);
  throw Failure("D3030").with_value(v).with_index(1);
}

Val fn_abs(Ctx&, std::vector<Val>& a) { return arg(a, 0).undefined() ? Val() : num(std::fabs(arg(a, 0).num())); }
Val fn_floor(Ctx&, std::vector<Val>& a) { return arg(a, 0).undefined() ? Val() : num(std::floor(arg(a, 0).num()) + 0.0); }
Val fn_ceil(Ctx&, std::vector<Val>& a) { return arg(a, 0).undefined() ? Val() : num(std::ceil(arg(a, 0).num()) + 0.0); }

Val fn_round(Ctx&, std::vector<Val>& a) {
  if (arg(a, 0).undefined()) return Val();
  int precision = arg(a, 1).is_number() ? saturate<int>(arg(a, 1).num()) : 0;
  return num(round_half_even(arg(a, 0).num(), precision));
}

Val fn_sqrt(Ctx&, std::vector<Val>& a) {
  const Val& v = arg(a, 0);
  if (v.undefined()) return Val();
  if (v.num() < 0) throw Failure("D3060").with_value(v).with_index(1);
  return num(std::sqrt(v.num()));
}

Val fn_power(Ctx&, std::vector<Val>& a) {
  const Val& base = arg(a, 0);
  if (base.undefined()) return Val();
  double e = arg(a, 1).is_number() ? arg(a, 1).num() : std::nan("");
  double r = std::pow(base.num(), e);
  if (!std::isfinite(r)) {
    Failure f("D3061");
    f.with_value(base).with_index(1);
    f.exp = arg(a, 1);
    throw f;
  }
  return num(r);
}

// --- $formatNumber ------------------------------------------------------------------------------

std::u32string u(const std::string& s) { return to_u32(s); }
bool contains(const std::u32string& s, char32_t c) { return s.find(c) != std::u32string::npos; }

struct PictureParts {
  std::u32string prefix, suffix, active, mantissa, integer, fractional, subpicture;
  std::optional<std::u32string> exponent;
};

struct PictureVars {
  std::vector<int> integer_grouping;
  int regular_grouping = 0;
  int min_integer = 0;
  int scaling = 0;
  std::u32string prefix, suffix, picture;
  std::vector<int> fractional_grouping;
  int min_fraction = 0;
  int max_fraction = 0;
  int min_exponent = 0;
};

// Number#toFixed: NaN, and from 1e21 up, JavaScript writes the number as ToString does ("1e+21").
std::string to_fixed(double value, int dp) {
  if (std::isnan(value) || std::fabs(value) >= 1e21) return js_number_to_string(value);
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.*f", dp, value);
  return buf;
}

Val fn_format_number(Ctx&, std::vector<Val>& args) {
  const Val& value_v = arg(args, 0);
  if (value_v.undefined()) return Val();
  double value = value_v.num();
  struct Props {
    char32_t decimal = U'.', grouping = U',', exponent = U'e', percent = U'%', per_mille = U'\u2030', zero = U'0',
             digit = U'#', pattern = U';';
    std::u32string minus = U"-";
  } p;
  const Val& options = arg(args, 2);
  if (options.is_object()) {
    options.for_each_member([&](const std::string& k, const Val& v) {
      if (!v.is_string()) return;
      std::u32string s = u(v.str());
      char32_t c = s.empty() ? 0 : s[0];
      if (k == "decimal-separator") p.decimal = c;
      else if (k == "grouping-separator") p.grouping = c;
      else if (k == "exponent-separator") p.exponent = c;
      else if (k == "percent") p.percent = c;
      else if (k == "per-mille") p.per_mille = c;
      else if (k == "zero-digit") p.zero = c;
      else if (k == "digit") p.digit = c;
      else if (k == "pattern-separator") p.pattern = c;
      else if (k == "minus-sign") p.minus = s;
    });
  }
  std::u32string family;
  for (char32_t c = p.zero; c < p.zero + 10; ++c) family += c;
  std::u32string active_chars = family + p.decimal + p.exponent + p.grouping + p.digit + p.pattern;
  auto is_active = [&](char32_t c) { return contains(active_chars, c); };
  auto is_digit = [&](char32_t c) { return contains(family, c); };

  std::u32string picture = u(arg(args, 1).is_string() ? arg(args, 1).str() : "");
  std::vector<std::u32string> subpictures;
  {
    std::size_t start = 0;
    for (;;) {
      auto pos = picture.find(p.pattern, start);
      if (pos == std::u32string::npos) {
        subpictures.push_back(picture.substr(start));
        break;
      }
      subpictures.push_back(picture.substr(start, pos - start));
      start = pos + 1;
    }
  }
  if (subpictures.size() > 2) throw Failure("D3080");

  auto split_parts = [&](const std::u32string& sub) {
    PictureParts parts;
    parts.subpicture = sub;
    std::size_t i = 0;
    for (; i < sub.size(); ++i)
      if (is_active(sub[i]) && sub[i] != p.exponent) break;
    parts.prefix = sub.substr(0, i);
    std::size_t j = sub.size();
    for (; j > 0; --j)
      if (is_active(sub[j - 1]) && sub[j - 1] != p.exponent) break;
    parts.suffix = sub.substr(j);
    parts.active = sub.substr(parts.prefix.size(), sub.size() - parts.prefix.size() - parts.suffix.size());
    auto exponent_position = sub.find(p.exponent, parts.prefix.size());
    if (exponent_position == std::u32string::npos || exponent_position > sub.size() - parts.suffix.size()) {
      parts.mantissa = parts.active;
    } else {
      parts.mantissa = parts.active.substr(0, exponent_position);
      parts.exponent = parts.active.substr(std::min(exponent_position + 1, parts.active.size()));
    }
    auto decimal_position = parts.mantissa.find(p.decimal);
    if (decimal_position == std::u32string::npos) {
      parts.integer = parts.mantissa;
      parts.fractional = parts.suffix;
    } else {
      parts.integer = parts.mantissa.substr(0, decimal_position);
      parts.fractional = parts.mantissa.substr(decimal_position + 1);
    }
    return parts;
  };

  auto validate = [&](const PictureParts& parts) {
    const char* error = nullptr;
    const auto& sub = parts.subpicture;
    auto count = [&](char32_t c) { return std::count(sub.begin(), sub.end(), c); };
    auto decimal_pos = sub.find(p.decimal);
    if (count(p.decimal) > 1) error = "D3081";
    if (count(p.percent) > 1) error = "D3082";
    if (count(p.per_mille) > 1) error = "D3083";
    if (count(p.percent) > 0 && count(p.per_mille) > 0) error = "D3084";
    bool valid = false;
    for (char32_t c : parts.mantissa)
      if (is_digit(c) || c == p.digit) valid = true;
    if (!valid) error = "D3085";
    for (char32_t c : parts.active)
      if (!is_active(c)) error = "D3086";
    if (decimal_pos != std::u32string::npos) {
      if ((decimal_pos > 0 && sub[decimal_pos - 1] == p.grouping) ||
          (decimal_pos + 1 < sub.size() && sub[decimal_pos + 1] == p.grouping))
        error = "D3087";
    } else if (!parts.integer.empty() && parts.integer.back() == p.grouping) {
      error = "D3088";
    }
    if (sub.find(std::u32string{p.grouping, p.grouping}) != std::u32string::npos) error = "D3089";
    auto optional_pos = parts.integer.find(p.digit);
    if (optional_pos != std::u32string::npos) {
      for (std::size_t k = 0; k < optional_pos; ++k)
        if (is_digit(parts.integer[k])) error = "D3090";
    }
    optional_pos = parts.fractional.rfind(p.digit);
    if (optional_pos != std::u32string::npos) {
      for (std::size_t k = optional_pos; k < parts.fractional.size(); ++k)
        if (is_digit(parts.fractional[k])) error = "D3091";
    }
    if (parts.exponent && !parts.exponent->empty() && (count(p.percent) > 0 || count(p.per_mille) > 0)) error = "D3092";
    if (parts.exponent) {
      bool bad = parts.exponent->empty();
      for (char32_t c : *parts.exponent)
        if (!is_digit(c)) bad = true;
      if (bad) error = "D3093";
    }
    if (error) throw Failure(error);
  };

  auto analyse = [&](const PictureParts& parts) {
    PictureVars v;
    auto grouping_positions = [&](const std::u32string& part, bool to_left) {
      std::vector<int> positions;
      auto pos = part.find(p.grouping);
      while (pos != std::u32string::npos) {
        std::u32string side = to_left ? part.substr(0, pos) : part.substr(pos);
        int n = 0;
        for (char32_t c : side)
          if (is_digit(c) || c == p.digit) ++n;
        positions.push_back(n);
        pos = parts.integer.find(p.grouping, pos + 1);
      }
      return positions;
    };
    v.integer_grouping = grouping_positions(parts.integer, false);
    auto regular = [](const std::vector<int>& indexes) {
      if (indexes.empty()) return 0;
      int factor = std::accumulate(indexes.begin() + 1, indexes.end(), indexes[0],
                                   [](int a, int b) { return std::gcd(a, b); });
      for (std::size_t index = 1; index <= indexes.size(); ++index)
        if (std::find(indexes.begin(), indexes.end(), static_cast<int>(index) * factor) == indexes.end()) return 0;
      return factor;
    };
    v.regular_grouping = regular(v.integer_grouping);
    v.fractional_grouping = grouping_positions(parts.fractional, true);
    for (char32_t c : parts.integer)
      if (is_digit(c)) ++v.min_integer;
    v.scaling = v.min_integer;
    for (char32_t c : parts.fractional) {
      if (is_digit(c)) ++v.min_fraction;
      if (is_digit(c) || c == p.digit) ++v.max_fraction;
    }
    bool exponent_present = parts.exponent.has_value();
    if (v.min_integer == 0 && v.max_fraction == 0) {
      if (exponent_present) {
        v.min_fraction = 1;
        v.max_fraction = 1;
      } else {
        v.min_integer = 1;
      }
    }
    if (exponent_present && v.min_integer == 0 && parts.integer.find(p.digit) != std::u32string::npos) v.min_integer = 1;
    if (v.min_integer == 0 && v.min_fraction == 0) v.min_fraction = 1;
    if (exponent_present)
      for (char32_t c : *parts.exponent)
        if (is_digit(c)) ++v.min_exponent;
    v.prefix = parts.prefix;
    v.suffix = parts.suffix;
    v.picture = parts.subpicture;
    return v;
  };

  std::vector<PictureParts> parts;
  for (const auto& sub : subpictures) parts.push_back(split_parts(sub));
  for (const auto& part : parts) validate(part);
  std::vector<PictureVars> vars;
  for (const auto& part : parts) vars.push_back(analyse(part));
  if (vars.size() == 1) {
    vars.push_back(vars[0]);
    vars[1].prefix = p.minus + vars[1].prefix;
  }
  const PictureVars& pic = value >= 0 ? vars[0] : vars[1];
  double adjusted = value;
  if (contains(pic.picture, p.percent)) adjusted = value * 100;
  else if (contains(pic.picture, p.per_mille)) adjusted = value * 1000;
  double mantissa = adjusted;
  std::optional<int> exponent;
  if (pic.min_exponent != 0) {
    double max_mantissa = std::pow(10, pic.scaling);
    double min_mantissa = std::pow(10, pic.scaling - 1);
    // jsonata-js's loops below never end for zero, a negative number or infinity: it hangs (an
    // evaluation time limit ends it). Fail as that limit would, at once.
    if (mantissa <= 0 || std::isinf(mantissa)) {
      Failure f("U1001");
      f.message = "Expression evaluation timeout: Check for infinite loop";
      throw f;
    }
    int e = 0;
    while (mantissa < min_mantissa) {
      mantissa *= 10;
      e -= 1;
    }
    while (mantissa > max_mantissa) {
      mantissa /= 10;
      e += 1;
    }
    exponent = e;
  }
  double rounded = round_half_even(mantissa, pic.max_fraction);
  auto make_string = [&](double v, int dp) {
    std::u32string s = u(to_fixed(std::fabs(v), dp));
    if (p.zero != U'0')
      for (auto& c : s)
        if (c >= U'0' && c <= U'9') c = family[c - U'0'];
    return s;
  };
  std::u32string str = make_string(rounded, pic.max_fraction);
  auto dot = str.find(U'.');
  if (dot == std::u32string::npos) str += p.decimal;
  else str[dot] = p.decimal;
  while (!str.empty() && str[0] == p.zero) str.erase(0, 1);
  while (!str.empty() && str.back() == p.zero) str.pop_back();
  auto decimal_pos = static_cast<long>(str.find(p.decimal));
  long pad_left = pic.min_integer - decimal_pos;
  long pad_right = pic.min_fraction - (static_cast<long>(str.size()) - decimal_pos - 1);
  if (pad_left > 0) str = std::u32string(static_cast<std::size_t>(pad_left), p.zero) + str;
  if (pad_right > 0) str += std::u32string(static_cast<std::size_t>(pad_right), p.zero);
  decimal_pos = static_cast<long>(str.find(p.decimal));
  if (pic.regular_grouping > 0) {
    long group_count = (decimal_pos - 1) / pic.regular_grouping;
    for (long group = 1; group <= group_count; ++group) {
      auto at = static_cast<std::size_t>(decimal_pos - group * pic.regular_grouping);
      str.insert(at, 1, p.grouping);
    }
  } else {
    for (int pos : pic.integer_grouping) {
      auto at = static_cast<std::size_t>(std::max(0L, decimal_pos - pos));
      str.insert(at, 1, p.grouping);
      ++decimal_pos;
    }
  }
  decimal_pos = static_cast<long>(str.find(p.decimal));
  for (int pos : pic.fractional_grouping) {
    auto at = std::min(str.size(), static_cast<std::size_t>(pos + decimal_pos + 1));
    str.insert(at, 1, p.grouping);
  }
  decimal_pos = static_cast<long>(str.find(p.decimal));
  if (!contains(pic.picture, p.decimal) || decimal_pos == static_cast<long>(str.size()) - 1) str.pop_back();
  if (exponent) {
    std::u32string e = make_string(*exponent, 0);
    long pad = pic.min_exponent - static_cast<long>(e.size());
    if (pad > 0) e = std::u32string(static_cast<std::size_t>(pad), p.zero) + e;
    str = str + p.exponent + (*exponent < 0 ? p.minus : std::u32string()) + e;
  }
  str = pic.prefix + str + pic.suffix;
  return Val::string(from_u32(str));
}

Val fn_format_base(Ctx&, std::vector<Val>& args) {
  const Val& v = arg(args, 0);
  if (v.undefined()) return Val();
  double value = round_half_even(v.num(), 0);
  double radix = arg(args, 1).is_number() ? round_half_even(arg(args, 1).num(), 0) : 10;
  if (radix < 2 || radix > 36) throw Failure("D3100").with_value(num(radix));
  const double base = radix;
  bool negative = value < 0;
  double x = std::fabs(value);
  if (!std::isfinite(x)) return Val::string(negative ? "-Infinity" : "Infinity");
  // V8's DoubleToRadixCString: digits below the double's precision are written as zeros, the
  // rest come from exact remainders.
  std::string digits;
  while (x / base >= 9007199254740992.0) {
    x /= base;
    digits.push_back('0');
  }
  do {
    const double remainder = std::fmod(x, base);
    digits.push_back("0123456789abcdefghijklmnopqrstuvwxyz"[static_cast<int>(remainder)]);
    x = (x - remainder) / base;
  } while (x > 0);
  std::reverse(digits.begin(), digits.end());
  return Val::string((negative ? "-" : "") + digits);
}

}  // namespace

void register_numeric_functions(Registrar& r) {
  r.push_back({"number", "<(nsb)-:n>", 1, fn_number, nullptr, nullptr});
  r.push_back({"abs", "<n-:n>", 1, fn_abs, nullptr, nullptr});
  r.push_back({"floor", "<n-:n>", 1, fn_floor, nullptr, nullptr});
  r.push_back({"ceil", "<n-:n>", 1, fn_ceil, nullptr, nullptr});
  r.push_back({"round", "<n-n?:n>", 2, fn_round, nullptr, nullptr});
  r.push_back({"sqrt", "<n-:n>", 1, fn_sqrt, nullptr, nullptr});
  r.push_back({"power", "<n-n:n>", 2, fn_power, nullptr, nullptr});
  r.push_back({"formatNumber", "<n-so?:s>", 3, fn_format_number, nullptr, nullptr});
  r.push_back({"formatBase", "<n-n?:s>", 2, fn_format_base, nullptr, nullptr});
}

}  // namespace asl::jsonata::detail
