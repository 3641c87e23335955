// execution.h — the state of one run (clock, history, scripts, entropy) and of each fiber in it.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "asl/exec.h"
#include "asl/scope.h"
#include "exec/scheduler.h"
#include "exec/timestamp.h"

namespace asl::exec {

inline constexpr std::string_view kStatesRuntime = "States.Runtime";
inline constexpr std::string_view kStatesTimeout = "States.Timeout";
inline constexpr std::string_view kStatesAll = "States.ALL";
inline constexpr std::string_view kStatesTaskFailed = "States.TaskFailed";
inline constexpr std::string_view kStatesDataLimitExceeded = "States.DataLimitExceeded";
inline constexpr std::size_t kPayloadLimitBytes = 262144;
inline constexpr double kLongestExecutionSeconds = 365.0 * 86400;  // a Standard execution's maximum duration

// An error leaving a state. `error`/`cause` are absent when AWS reports none (a Fail state
// without Error or Cause). `terminal` errors end the execution: Retry and Catch never see them.
struct Failure {
  std::optional<std::string> error;
  std::optional<std::string> cause;
  bool terminal = false;

  static Failure runtime(std::string cause) { return Failure{std::string(kStatesRuntime), std::move(cause), true}; }
  std::string name() const { return error.value_or(""); }
};

// A chain of variable scopes: the machine's top level, then one per Parallel branch or Map
// iteration. Reads walk outwards; writes land in the innermost scope.
class VariableScope final : public Variables {
 public:
  explicit VariableScope(const VariableScope* parent = nullptr) : parent_(parent) {}
  const Value* find(std::string_view name) const override {
    for (const VariableScope* s = this; s != nullptr; s = s->parent_) {
      auto it = s->values_.find(std::string(name));
      if (it != s->values_.end()) return &it->second;
    }
    return nullptr;
  }
  void set(const std::string& name, Value value) { values_[name] = std::move(value); }

 private:
  const VariableScope* parent_;
  std::unordered_map<std::string, Value> values_;
};

// One fiber: a (sub)machine being run, with its variables and its place in the history.
struct Frame {
  const StateMachine* machine = nullptr;
  VariableScope* variables = nullptr;
  std::string scope_key;                    // "" at top level; ".../Branch#i" or ".../Map#i" inside
  std::int64_t previous_event_id = 0;       // previousEventId of this fiber's next event
  bool record_history = true;               // false inside a distributed Map's child executions
  CancelGroup* cancel = nullptr;            // set inside Parallel branches and Map iterations
  // A distributed Map's child is an execution of its own: its events are numbered from its own
  // counter and do not use up the parent's ids or history quota. Null: the execution's counter.
  std::int64_t* own_event_counter = nullptr;

  bool cancelled() const { return cancel != nullptr && cancel->cancelled(); }
};

// What running one state decided.
struct StateOutcome {
  enum class Kind : std::uint8_t { next, end, failed };
  Kind kind = Kind::next;
  std::uint32_t next_index = 0;
  Value output;
  Failure failure;
  Object assigned;  // variables this state assigns, applied when it exits
  bool exited_event = true;  // Fail states and failures end without a StateExited event
};

struct MachineOutcome {
  bool ok = true;
  bool aborted = false;  // stopped because a sibling branch or iteration failed
  Value output;
  Failure failure;
};

// A task waiting for SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat from outside the run
// (a LiveExecution's callback task that the case does not script).
struct PendingAnswer {
  std::string state;
  Value input;  // what the task was sent (its Parameters)
  std::optional<double> heartbeat_seconds;
  double last_beat = 0;  // virtual time the heartbeat clock last restarted
  SleepTicket ticket;    // the waiting fiber's sleep, ended early by an answer or heartbeat
  enum class Answer : std::uint8_t { none, success, failure } answer = Answer::none;
  Value output;
  std::optional<std::string> error;
  std::optional<std::string> cause;
};

class Execution {
 public:
  Execution(const Case& c, const ExecOptions& options, const StateMachine& root);

  const Case& the_case;
  const ExecOptions& options;
  const StateMachine& root;
  Scheduler scheduler;
  Entropy entropy;
  Instant start;
  std::string region = "us-east-1";
  const Value& execution_object() const;      // $$.Execution, built on first use
  const Value& state_machine_object() const;  // $$.StateMachine, built on first use

  std::vector<std::string> trace;
  std::vector<RetryRecord> retries;
  Array history;
  std::int64_t event_count = 0;
  std::int64_t total_events = 0;  // every event, the children's too (ExecOptions::max_total_events)
  std::uint64_t jsonata_work_left = 0;  // ExecOptions::max_jsonata_work, spent by every evaluation
  std::optional<std::string> case_error;  // the case cannot be run: TARGET_ERROR
  std::optional<Failure> execution_failure;  // e.g. the history limit: ends the run
  std::map<std::string, std::int64_t> task_invocations;
  // S3 objects written by distributed Maps' ResultWriters ("s3://bucket/key"), handed to the Result.
  std::map<std::string, Value> written_objects;
  // Live runs only: callback tasks without a scripted step wait for an answer from outside.
  bool live = false;
  std::map<std::string, PendingAnswer> pending_answers;  // by task token
  // TestState only: the Context object every `$$` of the run reads instead of the built one.
  std::optional<Value> context_override;

  Instant now() const { return add_seconds(start, scheduler.now()); }
  auto sleep(Frame& frame, double seconds) { return CancelGroup::sleep_in(scheduler, frame.cancel, seconds); }

  // Records an event for the fiber and returns its id; the details object goes under `key`
  // (e.g. "stateEnteredEventDetails"), omitted when `key` is empty. Ids are counted even when
  // no history is kept, because AWS's causes quote them.
  std::int64_t add_event(Frame& frame, std::string_view type, std::string_view key = {}, Value details = Value());
  // Whether add_event keeps the details it is given: callers build them only then.
  bool records_history(const Frame& frame) const { return options.history && frame.record_history; }

  // The context object `$$` for a state entered at `entered`.
  Value context_object(const State& state, Instant entered, std::int64_t retry_count, const Value* map_index,
                       const Value* map_value, const std::string* task_token) const;

  // "An error occurred while executing the state 'S' (entered at the event id #N). "
  static std::string runtime_prefix(const std::string& state, std::int64_t entered_id);

 private:
  void build_identity() const;
  mutable bool identity_built_ = false;
  mutable Value execution_object_;
  mutable Value state_machine_object_;
};

// The execution as a whole: ExecutionStarted, then the machine from its StartAt.
Task<MachineOutcome> run_execution(Execution& ex, Frame& frame);
// The machine's TimeoutSeconds, capped at 5 minutes for Express; none: unbounded.
std::optional<double> execution_time_limit(const StateMachine& machine, const Case& c);
// The Result of a run whose main fiber finished (or ran out of time), with the closing event.
Result close_execution(Execution& ex, Task<MachineOutcome>& main, bool timed_out);

// Runs a machine (top level, branch or iteration) from its StartAt with `input`.
Task<MachineOutcome> run_machine(Execution& ex, Frame& frame, Value input);

// Per state type (exec/*.cpp). `entered_id` is the id of the state's Entered event.
Task<StateOutcome> run_task_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id);
Task<StateOutcome> run_parallel_state(Execution& ex, Frame& frame, const State& s, const Value& raw,
                                      std::int64_t entered_id);
Task<StateOutcome> run_map_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id);
Task<StateOutcome> run_wait_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id);
StateOutcome run_pass_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id);
StateOutcome run_choice_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id);
StateOutcome run_fail_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id);
StateOutcome run_succeed_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id);

}  // namespace asl::exec
