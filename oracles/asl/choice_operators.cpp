// choice_operators.cpp — the table of Choice comparison operators and their operand kinds.
#include "asl/choice_operators.h"

#include <array>

namespace asl::detail {
namespace {

constexpr std::array<ChoiceOperator, 39> kOperators = {{
    {"StringEquals", Comparison::string_equals, false},
    {"StringEqualsPath", Comparison::string_equals, true},
    {"StringLessThan", Comparison::string_less_than, false},
    {"StringLessThanPath", Comparison::string_less_than, true},
    {"StringGreaterThan", Comparison::string_greater_than, false},
    {"StringGreaterThanPath", Comparison::string_greater_than, true},
    {"StringLessThanEquals", Comparison::string_less_than_equals, false},
    {"StringLessThanEqualsPath", Comparison::string_less_than_equals, true},
    {"StringGreaterThanEquals", Comparison::string_greater_than_equals, false},
    {"StringGreaterThanEqualsPath", Comparison::string_greater_than_equals, true},
    {"StringMatches", Comparison::string_matches, false},
    {"NumericEquals", Comparison::numeric_equals, false},
    {"NumericEqualsPath", Comparison::numeric_equals, true},
    {"NumericLessThan", Comparison::numeric_less_than, false},
    {"NumericLessThanPath", Comparison::numeric_less_than, true},
    {"NumericGreaterThan", Comparison::numeric_greater_than, false},
    {"NumericGreaterThanPath", Comparison::numeric_greater_than, true},
    {"NumericLessThanEquals", Comparison::numeric_less_than_equals, false},
    {"NumericLessThanEqualsPath", Comparison::numeric_less_than_equals, true},
    {"NumericGreaterThanEquals", Comparison::numeric_greater_than_equals, false},
    {"NumericGreaterThanEqualsPath", Comparison::numeric_greater_than_equals, true},
    {"BooleanEquals", Comparison::boolean_equals, false},
    {"BooleanEqualsPath", Comparison::boolean_equals, true},
    {"TimestampEquals", Comparison::timestamp_equals, false},
    {"TimestampEqualsPath", Comparison::timestamp_equals, true},
    {"TimestampLessThan", Comparison::timestamp_less_than, false},
    {"TimestampLessThanPath", Comparison::timestamp_less_than, true},
    {"TimestampGreaterThan", Comparison::timestamp_greater_than, false},
    {"TimestampGreaterThanPath", Comparison::timestamp_greater_than, true},
    {"TimestampLessThanEquals", Comparison::timestamp_less_than_equals, false},
    {"TimestampLessThanEqualsPath", Comparison::timestamp_less_than_equals, true},
    {"TimestampGreaterThanEquals", Comparison::timestamp_greater_than_equals, false},
    {"TimestampGreaterThanEqualsPath", Comparison::timestamp_greater_than_equals, true},
    {"IsNull", Comparison::is_null, false},
    {"IsPresent", Comparison::is_present, false},
    {"IsNumeric", Comparison::is_numeric, false},
    {"IsString", Comparison::is_string, false},
    {"IsBoolean", Comparison::is_boolean, false},
    {"IsTimestamp", Comparison::is_timestamp, false},
}};

}  // namespace

const ChoiceOperator* find_choice_operator(std::string_view name) {
  for (const ChoiceOperator& op : kOperators) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

OperandKind operand_kind(Comparison c) {
  switch (c) {
    case Comparison::string_equals:
    case Comparison::string_less_than:
    case Comparison::string_greater_than:
    case Comparison::string_less_than_equals:
    case Comparison::string_greater_than_equals:
    case Comparison::string_matches: return OperandKind::string;
    case Comparison::numeric_equals:
    case Comparison::numeric_less_than:
    case Comparison::numeric_greater_than:
    case Comparison::numeric_less_than_equals:
    case Comparison::numeric_greater_than_equals: return OperandKind::number;
    case Comparison::timestamp_equals:
    case Comparison::timestamp_less_than:
    case Comparison::timestamp_greater_than:
    case Comparison::timestamp_less_than_equals:
    case Comparison::timestamp_greater_than_equals: return OperandKind::timestamp;
    default: return OperandKind::boolean;  // BooleanEquals and the Is* tests
  }
}

}  // namespace asl::detail
