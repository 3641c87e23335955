// registry.cpp — the table of the 18 States.* functions: name, arity, argument types and evaluator.
#include <algorithm>

#include "intrinsics/call_node.h"

namespace asl::intrinsics::detail {

namespace {

using T = ArgType;

// Arities follow the AWS documentation; a wrong count is a compile error (AWS rejects the
// definition). Types are checked at run time, because an argument read from a path only has a
// type then, and a literal of the wrong type fails the same way for consistency.
std::vector<FunctionSpec> make_registry() {
  std::vector<FunctionSpec> r = {
      {"States.Format", 1, kVariadic, {T::string}, T::any, &eval_format},
      {"States.StringToJson", 1, 1, {T::string}, T::any, &eval_string_to_json},
      {"States.JsonToString", 1, 1, {T::any}, T::any, &eval_json_to_string},
      {"States.Array", 0, kVariadic, {}, T::any, &eval_array},
      {"States.ArrayPartition", 2, 2, {T::array, T::number}, T::any, &eval_array_partition},
      {"States.ArrayContains", 2, 2, {T::array, T::any}, T::any, &eval_array_contains},
      {"States.ArrayRange", 3, 3, {T::number, T::number, T::number}, T::any, &eval_array_range},
      {"States.ArrayGetItem", 2, 2, {T::array, T::number}, T::any, &eval_array_get_item},
      {"States.ArrayLength", 1, 1, {T::array}, T::any, &eval_array_length},
      {"States.ArrayUnique", 1, 1, {T::array}, T::any, &eval_array_unique},
      {"States.Base64Encode", 1, 1, {T::string}, T::any, &eval_base64_encode},
      {"States.Base64Decode", 1, 1, {T::string}, T::any, &eval_base64_decode},
      {"States.Hash", 2, 2, {T::string, T::string}, T::any, &eval_hash},
      {"States.JsonMerge", 3, 3, {T::object, T::object, T::boolean}, T::any, &eval_json_merge},
      {"States.MathRandom", 2, 3, {T::number, T::number, T::number}, T::any, &eval_math_random},
      {"States.MathAdd", 2, 2, {T::number, T::number}, T::any, &eval_math_add},
      {"States.StringSplit", 2, 2, {T::string, T::string}, T::any, &eval_string_split},
      {"States.UUID", 0, 0, {}, T::any, &eval_uuid},
  };
  return r;
}

}  // namespace

const std::vector<FunctionSpec>& all_functions() {
  static const std::vector<FunctionSpec> registry = make_registry();
  return registry;
}

const FunctionSpec* find_function(std::string_view name) {
  const auto& registry = all_functions();
  auto it = std::find_if(registry.begin(), registry.end(), [&](const FunctionSpec& f) { return f.name == name; });
  return it == registry.end() ? nullptr : &*it;
}

}  // namespace asl::intrinsics::detail
