// functions.h — what the built-in function files share: argument access, evaluator helpers, and their registration.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "jsonata/function.h"

namespace asl::jsonata::detail {

inline const Val& arg(const std::vector<Val>& args, std::size_t i) {
  static const Val undefined;
  return i < args.size() ? args[i] : undefined;
}

// Defined by the evaluator (evaluate.cpp).
std::optional<bool> boolean_of(const Val& v);           // fn.boolean
Val append_values(const Val& a, const Val& b);          // fn.append
Val lookup_value(const Val& input, std::string_view key);  // fn.lookup
std::string string_value(const Val& v);                 // $string without prettify
bool numeric_value(const Val& v);                       // utils.isNumeric (D1001 on infinities)
void sort_values(std::vector<Val>& items, const std::function<bool(const Val&, const Val&)>& swap);

// JavaScript truthiness (what `if (x)` sees), for comparator results.
bool js_truthy(const Val& v);
// A number as jsonata-js functions return it: NaN and infinities stay doubles.
inline Val num(double d) { return Val::number(d); }
// Math.round as JavaScript defines it (half toward +infinity).
double js_round(double x);
// jsonata-js's $round (banker's rounding at `precision` decimal places).
double round_half_even(double value, int precision);
// fromMillis, for $now.
Val from_millis(Ctx& ctx, double millis, const Val& picture, const Val& timezone);

using Registrar = std::vector<Builtin>;
void register_string_functions(Registrar& r);
void register_numeric_functions(Registrar& r);
void register_collection_functions(Registrar& r);
void register_datetime_functions(Registrar& r);
void register_aws_functions(Registrar& r);

}  // namespace asl::jsonata::detail
