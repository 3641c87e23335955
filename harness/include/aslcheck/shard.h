// shard.h — deterministic partition of a run's cases into N shards by a hash of the case id.
#pragma once

#include <cstdint>
#include <string_view>

#include "asl/error.h"

namespace aslcheck {

// Shard K of N, 0-based: --shard K/N.
struct Shard {
  std::int64_t index = 0;
  std::int64_t count = 1;
  // Whether the case with this id belongs to this shard.
  bool owns(std::string_view case_id) const;
};

// FNV-1a 64 of the id: stable across platforms, builds and runs, so every shard of a run (on
// whatever machine) agrees on who owns which case.
std::uint64_t case_id_hash(std::string_view case_id);

// "K/N" with 0 <= K < N. `index_from_environment`: a shard index taken from a scheduler
// (JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, a CI matrix variable), used when the text is
// "N" or "auto/N" (then K comes from there).
asl::Expected<Shard> parse_shard(std::string_view text);
// The shard index a scheduler gave this process, from the first of JOB_COMPLETION_INDEX
// (Kubernetes Indexed Job), AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job) and
// ASLCHECK_SHARD_INDEX (anything else, e.g. a CI matrix) that is set; -1 when none is.
std::int64_t shard_index_from_environment();

}  // namespace aslcheck
