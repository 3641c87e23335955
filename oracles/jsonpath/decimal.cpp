// decimal.cpp — BigDecimal parsing, comparison and printing for filter operands.
#include "jsonpath/decimal.h"

#include <algorithm>
#include <limits>

#include "asl/json.h"

namespace asl::jsonpath::detail {

namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::size_t i = 0;
  Decimal d;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;
  std::int64_t fraction = 0;
  bool any_digit = false;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (is_digit(c)) {
      any_digit = true;
      digits.push_back(c);
      if (seen_point) ++fraction;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return std::nullopt;
  std::int64_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    if (i >= text.size()) return std::nullopt;
    for (; i < text.size(); ++i) {
      if (!is_digit(text[i])) return std::nullopt;
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > std::numeric_limits<std::int32_t>::max()) return std::nullopt;  // Java's int exponent
    }
    if (exp_negative) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;
  std::int64_t scale = fraction - exponent;
  if (scale > std::numeric_limits<std::int32_t>::max() || scale < std::numeric_limits<std::int32_t>::min())
    return std::nullopt;
  std::size_t first = digits.find_first_not_of('0');
  d.digits = first == std::string::npos ? std::string() : digits.substr(first);
  d.negative = negative && !d.digits.empty();
  d.scale = scale;
  return d;
}

Decimal Decimal::of(const Value& number) {
  std::string text;
  switch (number.kind()) {
    case Kind::integer: text = std::to_string(number.as_int()); break;
    case Kind::big_integer: text = number.big_digits(); break;
    case Kind::real: json::write_double(text, number.as_double()); break;
    default: return Decimal{};
  }
  auto parsed = parse(text);
  return parsed ? *parsed : Decimal{};
}

int Decimal::compare(const Decimal& other) const {
  int sign_a = digits.empty() ? 0 : (negative ? -1 : 1);
  int sign_b = other.digits.empty() ? 0 : (other.negative ? -1 : 1);
  if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
  if (sign_a == 0) return 0;
  // Same sign: compare magnitudes by adjusted exponent, then digit by digit.
  std::int64_t adj_a = static_cast<std::int64_t>(digits.size()) - 1 - scale;
  std::int64_t adj_b = static_cast<std::int64_t>(other.digits.size()) - 1 - other.scale;
  int magnitude = 0;
  if (adj_a != adj_b) {
    magnitude = adj_a < adj_b ? -1 : 1;
  } else {
    std::size_t n = std::max(digits.size(), other.digits.size());
    for (std::size_t k = 0; k < n && magnitude == 0; ++k) {
      char a = k < digits.size() ? digits[k] : '0';
      char b = k < other.digits.size() ? other.digits[k] : '0';
      if (a != b) magnitude = a < b ? -1 : 1;
    }
  }
  return sign_a > 0 ? magnitude : -magnitude;
}

std::string Decimal::to_string() const {
  std::string coeff = digits.empty() ? std::string("0") : digits;
  std::int64_t len = static_cast<std::int64_t>(coeff.size());
  std::int64_t adjusted = -scale + (len - 1);
  std::string out = negative ? "-" : "";
  if (scale == 0) return out + coeff;
  if (scale > 0 && adjusted >= -6) {
    if (len > scale) {
      out += coeff.substr(0, static_cast<std::size_t>(len - scale));
      out += '.';
      out += coeff.substr(static_cast<std::size_t>(len - scale));
    } else {
      out += "0.";
      out.append(static_cast<std::size_t>(scale - len), '0');
      out += coeff;
    }
    return out;
  }
  out += coeff[0];
  if (len > 1) {
    out += '.';
    out += coeff.substr(1);
  }
  if (adjusted != 0) {
    out += 'E';
    if (adjusted > 0) out += '+';
    out += std::to_string(adjusted);
  }
  return out;
}

std::int32_t Decimal::int_value() const {
  // The integer part modulo 2^32; 10^32 is a multiple of 2^32, so further trailing zeros add nothing.
  std::string integral;
  if (scale <= 0) {
    integral = digits;
    if (!integral.empty()) integral.append(static_cast<std::size_t>(std::min<std::int64_t>(-scale, 32)), '0');
  } else if (static_cast<std::int64_t>(digits.size()) > scale) {
    integral = digits.substr(0, digits.size() - static_cast<std::size_t>(scale));
  }
  std::uint32_t r = 0;
  for (char c : integral) r = r * 10u + static_cast<std::uint32_t>(c - '0');
  if (negative) r = 0u - r;
  return static_cast<std::int32_t>(r);
}

}  // namespace asl::jsonpath::detail
