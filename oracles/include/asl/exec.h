// exec.h — running a Case on the reference interpreter: virtual time, scripted tasks, AWS-shaped results and history.
#pragma once

#include <cstdint>
#include <string>

#include "asl/case.h"
#include "asl/machine.h"
#include "asl/result.h"

namespace asl {

struct ExecOptions {
  bool history = false;         // fill Result::history with AWS-shaped events
  std::uint64_t seed = 0;       // UUIDs, unseeded MathRandom, FULL jitter
  std::int64_t max_history_events = 25000;  // AWS's quota for a Standard execution
};

// Validates and loads the case's definition, then runs it. INVALID_DEFINITION (with the
// validator's diagnostics) when the definition is rejected; TARGET_ERROR when the case itself
// cannot be run (a Task state with no script for an invocation).
Result execute(const Case& c, const ExecOptions& options = {});

// Runs an already loaded machine (the fast path for repeated runs of one definition).
Result execute(const StateMachine& machine, const Case& c, const ExecOptions& options = {});

}  // namespace asl
