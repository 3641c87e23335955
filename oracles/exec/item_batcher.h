// item_batcher.h — a distributed Map's child inputs: items through ItemSelector, alone or grouped by ItemBatcher into {"BatchInput", "Items"}.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "exec/item_reader.h"

namespace asl::exec {

// ItemBatcher's limits, resolved against the Map's effective input.
struct BatchLimits {
  std::optional<std::int64_t> max_items;           // MaxItemsPerBatch(Path); absent or 0: no count limit
  std::size_t max_bytes = kPayloadLimitBytes;      // MaxInputBytesPerBatch(Path), at most 256 KiB
  std::optional<Value> batch_input;                // BatchInput, evaluated once per Map run
};

// Evaluates MaxItemsPerBatch(Path), MaxInputBytesPerBatch(Path) and BatchInput. Failures are
// States.Runtime.
Expected<BatchLimits> resolve_item_batcher(const ItemBatcher& batcher, const Value& input, const StateScope& scope);

// The inputs of a Map's children, pulled one at a time: each item goes through `select` (the
// ItemSelector, with the item's index) as it is read, then is either a child's input on its own
// or joins the current batch.
class ChildInputs {
 public:
  using Select = std::function<Expected<Value>(std::size_t index, const Value& item)>;
  ChildInputs(std::unique_ptr<ItemSource> items, Select select, std::optional<BatchLimits> batching)
      : items_(std::move(items)), select_(std::move(select)), batching_(std::move(batching)) {}

  // The next child's input, nullopt after the last. Errors are the reader's
  // (States.ItemReaderFailed) or the selector's (States.Runtime).
  Expected<std::optional<Value>> next();

 private:
  Expected<std::optional<Value>> pull();  // the next selected item

  std::unique_ptr<ItemSource> items_;
  Select select_;
  std::optional<BatchLimits> batching_;
  std::size_t index_ = 0;
  std::optional<Value> pending_;  // a selected item that did not fit into the previous batch
};

}  // namespace asl::exec
