// functions_array.cpp — States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique.
#include <string>
#include <unordered_set>

#include "asl/json.h"
#include "intrinsics/call_node.h"

namespace asl::intrinsics::detail {

namespace {
// AWS's documented cap on the items ArrayRange may produce.
constexpr std::int64_t kMaxRangeItems = 1000;
}  // namespace

// States.Array(values...): the values in order.
Expected<Value> eval_array(const CallNode&, std::span<const Value> args, const Scope&) {
  return Value(Array(args.begin(), args.end()));
}

// States.ArrayPartition(array, size): consecutive chunks of `size` items, the last one shorter;
// [] gives [] [LS]. The size is rounded like every integer argument and must be positive.
Expected<Value> eval_array_partition(const CallNode& node, std::span<const Value> args, const Scope&) {
  auto size = int32_argument(node, args, 1);
  if (!size) return std::move(size).error();
  if (*size <= 0) return function_error(node, "the chunk size (argument 2) must be greater than 0, but it is " +
                                                  std::to_string(*size));
  const Array& items = args[0].as_array();
  const auto chunk = static_cast<std::size_t>(*size);
  Array chunks;
  chunks.reserve((items.size() + chunk - 1) / chunk);
  for (std::size_t i = 0; i < items.size(); i += chunk) {
    const std::size_t end = std::min(items.size(), i + chunk);
    chunks.emplace_back(Array(items.begin() + static_cast<std::ptrdiff_t>(i), items.begin() + static_cast<std::ptrdiff_t>(end)));
  }
  return Value(std::move(chunks));
}

// States.ArrayContains(array, value): deep equality [LS]. Numbers compare numerically (1 equals
// 1.0); whether AWS distinguishes them is UNCONFIRMED.
Expected<Value> eval_array_contains(const CallNode&, std::span<const Value> args, const Scope&) {
  for (const Value& item : args[0].as_array()) {
    if (item == args[1]) return Value(true);
  }
  return Value(false);
}

// States.ArrayRange(first, last, step): first, first+step, ... up to and including `last`
// ((0, 10, 3) gives [0,3,6,9] [LS]); a negative step counts down; at most 1000 items.
Expected<Value> eval_array_range(const CallNode& node, std::span<const Value> args, const Scope&) {
  auto first = int32_argument(node, args, 0);
  if (!first) return std::move(first).error();
  auto last = int32_argument(node, args, 1);
  if (!last) return std::move(last).error();
  auto step = int32_argument(node, args, 2);
  if (!step) return std::move(step).error();
  if (*step == 0) return function_error(node, "the step (argument 3) must not be 0");
  std::int64_t count = 0;
  if ((*step > 0 && *last >= *first) || (*step < 0 && *last <= *first)) count = (*last - *first) / *step + 1;
  if (count > kMaxRangeItems) {
    return function_error(node, "the range would have " + std::to_string(count) + " items, more than the limit of " +
                                    std::to_string(kMaxRangeItems));
  }
  Array items;
  items.reserve(static_cast<std::size_t>(count));
  for (std::int64_t k = 0; k < count; ++k) items.emplace_back(*first + k * *step);
  return Value(std::move(items));
}

// States.ArrayGetItem(array, index): the item at a 0-based index. The index is rounded like the
// other integer arguments (UNCONFIRMED for this function).
Expected<Value> eval_array_get_item(const CallNode& node, std::span<const Value> args, const Scope&) {
  auto index = int32_argument(node, args, 1);
  if (!index) return std::move(index).error();
  const Array& items = args[0].as_array();
  if (*index < 0 || static_cast<std::size_t>(*index) >= items.size()) {
    return function_error(node, "the index " + std::to_string(*index) + " is out of bounds for an array of " +
                                    std::to_string(items.size()) + (items.size() == 1 ? " item" : " items"));
  }
  return items[static_cast<std::size_t>(*index)];
}

// States.ArrayLength(array).
Expected<Value> eval_array_length(const CallNode&, std::span<const Value> args, const Scope&) {
  return Value(static_cast<std::int64_t>(args[0].size()));
}

// States.ArrayUnique(array): duplicates removed (deep equality), first occurrences kept in order.
Expected<Value> eval_array_unique(const CallNode&, std::span<const Value> args, const Scope&) {
  const Array& items = args[0].as_array();
  std::unordered_set<Value, ValueHash> seen;
  seen.reserve(items.size());
  Array out;
  out.reserve(items.size());
  for (const Value& item : items) {
    if (seen.insert(item).second) out.push_back(item);
  }
  if (out.size() == items.size()) return args[0];
  return Value(std::move(out));
}

}  // namespace asl::intrinsics::detail
