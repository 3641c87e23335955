// arguments.cpp — what every evaluator shares: the error constructors, type names and Java-style integer conversion.
#include <cmath>
#include <limits>

#include "asl/json.h"
#include "intrinsics/call_node.h"

namespace asl::intrinsics::detail {

Error runtime_error(std::string cause) { return Error{std::string(states_runtime), std::move(cause), {}}; }

Error function_error(const CallNode& node, std::string problem) {
  return runtime_error(node.function->name + ": " + problem);
}

std::string_view type_name(ArgType type) {
  switch (type) {
    case ArgType::any: return "a JSON value";
    case ArgType::string: return "a string";
    case ArgType::number: return "a number";
    case ArgType::boolean: return "a boolean";
    case ArgType::array: return "an array";
    case ArgType::object: return "an object";
  }
  return "a value";
}

std::string describe_kind(const Value& value) {
  switch (value.kind()) {
    case Kind::null: return "null";
    case Kind::boolean: return std::string("the boolean ") + (value.as_bool() ? "true" : "false");
    case Kind::integer:
    case Kind::big_integer:
    case Kind::real: return "the number " + json::write(value);
    case Kind::string: return "a string";
    case Kind::array: return "an array";
    case Kind::object: return "an object";
  }
  return "a value";
}

double java_round(double value) {
  if (!std::isfinite(value)) return value;
  // value - floor(value) is exact for every finite double, so the tie test is exact too
  // (std::floor(value + 0.5) is not: it rounds 0.49999999999999994 up to 1).
  const double below = std::floor(value);
  return value - below >= 0.5 ? below + 1 : below;
}

Expected<std::int64_t> int32_argument(const CallNode& node, std::span<const Value> args, std::size_t index) {
  const Value& v = args[index];
  constexpr double lo = std::numeric_limits<std::int32_t>::min();
  constexpr double hi = std::numeric_limits<std::int32_t>::max();
  double rounded = 0;
  if (v.is_integer()) {
    rounded = static_cast<double>(v.as_int());
    if (v.as_int() < std::numeric_limits<std::int32_t>::min() || v.as_int() > std::numeric_limits<std::int32_t>::max()) {
      rounded = std::numeric_limits<double>::infinity();
    }
  } else {
    rounded = java_round(v.as_double());
  }
  if (!(rounded >= lo && rounded <= hi)) {
    return function_error(node, "argument " + std::to_string(index + 1) + " must be between -2147483648 and " +
                                    "2147483647, but it is " + json::write(v));
  }
  return static_cast<std::int64_t>(rounded);
}

}  // namespace asl::intrinsics::detail
