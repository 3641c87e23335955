// names.cpp — the ASL spellings of state types and Choice comparison operators.
#include <array>
#include <string_view>

#include "asl/machine.h"

namespace asl {

std::string_view state_type_name(StateType type) {
  switch (type) {
    case StateType::pass: return "Pass";
    case StateType::task: return "Task";
    case StateType::choice: return "Choice";
    case StateType::wait: return "Wait";
    case StateType::succeed: return "Succeed";
    case StateType::fail: return "Fail";
    case StateType::parallel: return "Parallel";
    case StateType::map: return "Map";
  }
  return "Unknown";
}

std::string_view comparison_name(Comparison c) {
  static constexpr std::array<std::string_view, 23> kNames = {
      "StringEquals",       "StringLessThan",       "StringGreaterThan",       "StringLessThanEquals",
      "StringGreaterThanEquals",
      "NumericEquals",      "NumericLessThan",      "NumericGreaterThan",      "NumericLessThanEquals",
      "NumericGreaterThanEquals",
      "BooleanEquals",
      "TimestampEquals",    "TimestampLessThan",    "TimestampGreaterThan",    "TimestampLessThanEquals",
      "TimestampGreaterThanEquals",
      "StringMatches",
      "IsNull",             "IsPresent",            "IsNumeric",               "IsString",
      "IsBoolean",          "IsTimestamp",
  };
  auto i = static_cast<std::size_t>(c);
  return i < kNames.size() ? kNames[i] : std::string_view("Unknown");
}

}  // namespace asl
