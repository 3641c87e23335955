// field_rules.h — which state types and query languages allow each state field (one table for validator and loader).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "asl/machine.h"

namespace asl::detail {

enum class FieldLanguage : std::uint8_t { any, jsonpath_only, jsonata_only };

struct FieldRule {
  std::string_view name;
  std::uint8_t state_types;  // bit (1 << StateType) per state type that allows the field
  FieldLanguage language;
};

// nullptr for a name no state type knows.
const FieldRule* find_field_rule(std::string_view name);
bool allows(const FieldRule& rule, StateType type);

std::string_view query_language_name(QueryLanguage language);  // "JSONPath" / "JSONata"

}  // namespace asl::detail
