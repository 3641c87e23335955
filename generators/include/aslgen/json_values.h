// json_values.h — RapidCheck generators of asl::Value documents with JSON's edge cases.
#pragma once

#include <rapidcheck.h>

#include <string>

#include "asl/value.h"

namespace aslgen {

// Strings mixing ASCII, escapes that need writing (quote, backslash, control characters) and
// multi-byte UTF-8 (2, 3 and 4 bytes), so writers and readers meet every escaping path.
inline rc::Gen<std::string> json_string() {
  static const char* const pieces[] = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\x01", "\x1f", "\x7f",
                                       "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "$", ".", "'", "{}", "key"};
  return rc::gen::map(rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 20)), [](const std::vector<int>& ix) {
    std::string s;
    for (int i : ix) s += pieces[i];
    return s;
  });
}

// Numbers: small and extreme integers, integers beyond 2^53 and 2^63, and doubles including -0.0,
// 1e21 and tiny fractions, the values whose printing differs between JSON libraries.
inline rc::Gen<asl::Value> json_number() {
  return rc::gen::oneOf(
      rc::gen::map(rc::gen::arbitrary<std::int64_t>(), [](std::int64_t i) { return asl::Value(i); }),
      rc::gen::map(rc::gen::inRange<std::int64_t>(-1000, 1000), [](std::int64_t i) { return asl::Value(i); }),
      rc::gen::map(rc::gen::arbitrary<double>(),
                   [](double d) { return std::isfinite(d) ? asl::Value(d) : asl::Value(0.5); }),
      rc::gen::element(asl::Value(-0.0), asl::Value(1e21), asl::Value(0.1), asl::Value(1e-7), asl::Value(1.0),
                       asl::Value(9007199254740993.0), asl::Value::big_integer("123456789012345678901234567890"),
                       asl::Value::big_integer("-9223372036854775809"), asl::Value(std::int64_t{9007199254740993})));
}

inline rc::Gen<asl::Value> json_scalar() {
  return rc::gen::oneOf(rc::gen::just(asl::Value()),
                        rc::gen::map(rc::gen::arbitrary<bool>(), [](bool b) { return asl::Value(b); }), json_number(),
                        rc::gen::map(json_string(), [](const std::string& s) { return asl::Value(s); }));
}

// A document of bounded depth; `depth` 0 gives scalars only.
inline rc::Gen<asl::Value> json_value(int depth = 4) {
  if (depth <= 0) return json_scalar();
  auto child = rc::gen::lazy([depth] { return json_value(depth - 1); });
  auto array = rc::gen::map(rc::gen::resize(6, rc::gen::container<std::vector<asl::Value>>(child)),
                            [](std::vector<asl::Value> items) { return asl::Value(asl::Array(std::move(items))); });
  auto object = rc::gen::map(
      rc::gen::resize(6, rc::gen::container<std::vector<std::pair<std::string, asl::Value>>>(
                             rc::gen::pair(json_string(), child))),
      [](std::vector<std::pair<std::string, asl::Value>> members) {
        asl::Object o;
        for (auto& [k, v] : members) o.set(std::move(k), std::move(v));
        return asl::Value(std::move(o));
      });
  return rc::gen::weightedOneOf<asl::Value>({{4, json_scalar()}, {1, array}, {1, object}});
}

}  // namespace aslgen

namespace rc {
template <>
struct Arbitrary<asl::Value> {
  static Gen<asl::Value> arbitrary() { return aslgen::json_value(); }
};
}  // namespace rc
