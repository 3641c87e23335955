// choice_operators.h — the table of Choice comparison operators (each literal form and its ...Path form).
#pragma once

#include <string_view>

#include "asl/machine.h"

namespace asl::detail {

struct ChoiceOperator {
  std::string_view name;  // "StringEquals", "StringEqualsPath", "IsNull", ...
  Comparison comparison;
  bool takes_path;  // the ...Path form: the operand is a reference path
};

// nullptr when `name` is not a comparison operator.
const ChoiceOperator* find_choice_operator(std::string_view name);

// What the literal operand of `c` must be: "string", "number", "boolean" or "timestamp".
enum class OperandKind : std::uint8_t { string, number, boolean, timestamp };
OperandKind operand_kind(Comparison c);

}  // namespace asl::detail
