// shrink.h — reducing a failing Case to a small one that still fails, keeping its definition valid.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

#include "asl/case.h"

namespace aslgen {

// One-step simplifications of a case, most aggressive first: remove a state (re-linking its
// predecessors), replace a Choice/Parallel/Map by a simpler state, drop a Parallel branch, a
// Choice rule, a retrier or catcher, drop optional fields (I/O fields, Assign, Retry, Catch,
// timeouts), simplify Parameters, the input and the task scripts. A candidate keeps the case's
// validity class: a valid definition stays valid; a near-valid one keeps the exact diagnostics
// it is labelled with.
std::vector<asl::Case> shrink_candidates(const asl::Case& c);

struct ShrinkStats {
  std::size_t steps = 0;       // accepted simplifications
  std::size_t attempts = 0;    // predicate calls
  bool hit_deadline = false;
};

// Greedy shrinking: repeatedly takes the first candidate for which `still_fails` holds, until
// none does or the deadline passes. Returns the smallest failing case found (the input itself
// when nothing smaller fails). `still_fails` must be deterministic.
asl::Case shrink_case(const asl::Case& c, const std::function<bool(const asl::Case&)>& still_fails,
                      std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max(),
                      ShrinkStats* stats = nullptr);

// States in a definition, nested ones (Parallel branches, Map processors) included.
std::size_t count_states(const asl::Value& definition);

}  // namespace aslgen
