// exec.h — running a Case on the reference interpreter: virtual time, scripted tasks, AWS-shaped results and history.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/case.h"
#include "asl/machine.h"
#include "asl/result.h"

namespace asl {

struct ExecOptions {
  bool history = false;         // fill Result::history with AWS-shaped events
  std::uint64_t seed = 0;       // UUIDs, unseeded MathRandom, FULL jitter
  std::int64_t max_history_events = 25000;  // AWS's quota for a Standard execution
  // A harness limit, not an AWS one: history events counted across the execution and all its
  // distributed Map child executions (each child has its own 25,000 quota, so nested distributed
  // Maps can do millions of transitions). Past it the run stops with TARGET_ERROR. 0: no limit.
  std::int64_t max_total_events = 0;
  // A harness limit too: the work all JSONata evaluations of the run may do together
  // (jsonata::EvalOptions::work_budget: one unit per evaluated node, plus the size of each large
  // string or array built). AWS's limit is not known; a run past it stops with TARGET_ERROR
  // rather than guess what AWS reports, and without it `[1..9999999].([1..9999999])` would not end.
  // 0: no limit.
  std::uint64_t max_jsonata_work = 100'000'000;
};

// Validates and loads the case's definition, then runs it. INVALID_DEFINITION (with the
// validator's diagnostics) when the definition is rejected; TARGET_ERROR when the case itself
// cannot be run (a Task state with no script for an invocation).
Result execute(const Case& c, const ExecOptions& options = {});

// Runs an already loaded machine (the fast path for repeated runs of one definition).
Result execute(const StateMachine& machine, const Case& c, const ExecOptions& options = {});

// A callback task waiting for an answer from outside the run.
struct PendingTask {
  std::string token;  // what SendTaskSuccess/Failure/Heartbeat name
  std::string state;
  Value input;        // the task's Parameters, as the worker would receive them
  std::optional<double> heartbeat_seconds;
};

// An execution that the outside world takes part in, as behind a Step Functions API endpoint:
// `.waitForTaskToken` (and activity) tasks that the case does not script wait for
// send_task_success / send_task_failure, and heartbeats restart their HeartbeatSeconds clock.
// Time: while no task waits for an answer the run goes on virtual time (a Wait of an hour passes
// at once); while one does, the virtual clock follows the wall clock the caller passes in
// (`wall_seconds`, seconds since start), so TimeoutSeconds and HeartbeatSeconds expire in real
// time. Scripted tasks behave exactly as in execute(). Not thread-safe: callers serialise.
class LiveExecution {
 public:
  // `machine` must be loaded from c.definition; history is always kept.
  LiveExecution(std::shared_ptr<const StateMachine> machine, Case c, ExecOptions options);
  ~LiveExecution();
  LiveExecution(const LiveExecution&) = delete;
  LiveExecution& operator=(const LiveExecution&) = delete;

  // Runs everything that can run by `wall_seconds`.
  void advance(double wall_seconds);
  bool finished() const;
  // The Result so far: status RUNNING (with trace and history) until finished.
  Result result() const;
  std::vector<PendingTask> pending() const;
  // False when no task waits on `token` (unknown, already answered, or timed out).
  bool send_task_success(std::string_view token, Value output, double wall_seconds);
  bool send_task_failure(std::string_view token, std::optional<std::string> error, std::optional<std::string> cause,
                         double wall_seconds);
  bool send_task_heartbeat(std::string_view token, double wall_seconds);
  // StopExecution: ABORTED with an ExecutionAborted event; false when already finished.
  bool stop(std::optional<std::string> error, std::optional<std::string> cause, double wall_seconds);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace asl
