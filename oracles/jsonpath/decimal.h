// decimal.h — the part of java.math.BigDecimal that Jayway's filters lean on: parse, compare, print.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "asl/value.h"

namespace asl::jsonpath::detail {

// unscaled × 10^-scale, as BigDecimal keeps it: "42.0" and "42" compare equal but print
// differently, and filters compare a document string with a number by that printed form.
struct Decimal {
  bool negative = false;  // never set for zero (BigDecimal has no negative zero)
  std::string digits;     // unscaled magnitude without leading zeros; empty for zero
  std::int64_t scale = 0;

  // new BigDecimal(String): [+-] digits [. digits] [(e|E) [+-] digits]; nullopt where Java
  // throws NumberFormatException.
  static std::optional<Decimal> parse(std::string_view text);
  // A JSON number as Jayway turns it into a filter operand: new BigDecimal(number.toString()),
  // so the double 42.0 becomes 42.0 (scale 1) and 1e21 becomes 1.0E+21.
  static Decimal of(const Value& number);

  int compare(const Decimal& other) const;  // compareTo: -1, 0, 1
  std::string to_string() const;            // BigDecimal.toString()
  std::int32_t int_value() const;           // BigDecimal.intValue(): truncated, low 32 bits
};

}  // namespace asl::jsonpath::detail
