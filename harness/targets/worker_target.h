// worker_target.h — a Target whose cases run in a supervised JSON-lines worker process (the alsf and command targets).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "aslcheck/target.h"
#include "targets/worker_process.h"

namespace aslcheck {

struct WorkerTargetConfig {
  std::string name;
  WorkerCommand command;
  double case_timeout_seconds = 30;  // per case; a worker that takes longer is killed
  // Why the worker can never run (e.g. its package is not installed): every case is then a
  // target error with this message, and no process is started.
  std::string unavailable;
  // Cases this target cannot express beyond what its capabilities say.
  std::function<std::optional<std::string>(const asl::Case&)> cannot_run;
};

// The timeout, stderr and working-directory options every worker target takes:
// timeout=SECONDS, stderr=PATH, dir=PATH.
void apply_common_worker_options(const TargetSpec& spec, WorkerTargetConfig& config);

std::unique_ptr<Target> make_worker_target(WorkerTargetConfig config);

// Why a case needs something these capabilities lack (EXPRESS, distributed Map item I/O,
// callbacks, JSONata, variables), or nothing.
std::optional<std::string> unsupported_feature(const asl::Case& c, const Capabilities& capabilities);

// The context object a run of the case starts with ($$.Execution and $$.StateMachine), as the
// oracle builds it from the case's `context` (execution name, start time, ...), sent to workers
// so both sides see the same identity.
asl::Value case_context_object(const asl::Case& c);

}  // namespace aslcheck
