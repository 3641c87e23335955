// retry_catch.h — Retry and Catch around the work of a Task, Parallel or Map state, then its result processing.
#pragma once

#include <functional>

#include "exec/state_scope.h"

namespace asl::exec {

// One try at the state's work: the raw result, or the error it ended with.
struct Attempt {
  bool ok = false;
  bool aborted = false;  // a sibling failed: stop without retrying or catching
  Value result;
  Failure failure;
};

// Whether an ErrorEquals list matches an error name (States.ALL, States.TaskFailed rules).
bool error_matches(const std::vector<std::string>& error_equals, const std::string& name);

// A caught error as the catcher's ResultPath places it: {"Error", "Cause"} (absent ones omitted).
Value error_output(const Failure& f);

// The k-th retry's delay (k from 1): IntervalSeconds * BackoffRate^(k-1), capped by
// MaxDelaySeconds, drawn uniformly from [0, delay] under FULL jitter.
double retry_delay(const Retrier& r, std::int64_t k, Entropy& entropy);

// Runs `attempt(retry_count)` until it succeeds or Retry gives up, then either catches (per
// Catch) or fails; on success applies Assign (to the raw result), ResultSelector, ResultPath
// and OutputPath. `failed_event` ("ParallelStateFailed", "MapStateFailed", or empty) is
// recorded once the state has failed for good.
Task<StateOutcome> run_with_retry_and_catch(Execution& ex, Frame& frame, const State& s, const Value& raw,
                                            std::int64_t entered_id, std::string_view failed_event,
                                            std::function<Task<Attempt>(std::int64_t retry_count)> attempt);

}  // namespace asl::exec
