// execution.cpp — one run end to end: the context object, history events, the state loop and the Result.
#include "exec/execution.h"

#include "asl/json.h"
#include "exec/io_pipeline.h"

namespace asl::exec {

namespace {

constexpr std::string_view kDefaultStartTime = "2026-01-01T00:00:00Z";
constexpr std::string_view kAccount = "123456789012";

std::string context_string(const Case& c, std::string_view key, std::string_view fallback) {
  const Value* v = c.context.get(key);
  return v != nullptr && v->is_string() ? v->as_string() : std::string(fallback);
}

struct EventNames {
  std::string_view entered, exited, aborted;
};

// Event type names per state type, spelled out so no name is built per state.
EventNames event_names(StateType type) {
  switch (type) {
    case StateType::pass: return {"PassStateEntered", "PassStateExited", "PassStateAborted"};
    case StateType::task: return {"TaskStateEntered", "TaskStateExited", "TaskStateAborted"};
    case StateType::choice: return {"ChoiceStateEntered", "ChoiceStateExited", "ChoiceStateAborted"};
    case StateType::wait: return {"WaitStateEntered", "WaitStateExited", "WaitStateAborted"};
    case StateType::succeed: return {"SucceedStateEntered", "SucceedStateExited", "SucceedStateAborted"};
    case StateType::fail: return {"FailStateEntered", "FailStateExited", "FailStateAborted"};
    case StateType::parallel: return {"ParallelStateEntered", "ParallelStateExited", "ParallelStateAborted"};
    case StateType::map: return {"MapStateEntered", "MapStateExited", "MapStateAborted"};
  }
  return {};
}

Value payload_details(std::string_view name_key, const std::string& name, std::string_view payload_key,
                      const Value& payload) {
  Object d;
  if (!name_key.empty()) d.append_unique(std::string(name_key), Value(name));
  d.append_unique(std::string(payload_key), Value(json::write(payload)));
  d.append_unique(std::string(payload_key) + "Details", Value(Object{{"truncated", Value(false)}}));
  return Value(std::move(d));
}

}  // namespace

Execution::Execution(const Case& c, const ExecOptions& opts, const StateMachine& machine)
    : the_case(c), options(opts), root(machine), entropy(opts.seed), jsonata_work_left(opts.max_jsonata_work) {
  // Repeated runs of one case (bench, shrinking) start at the same time: parse it once.
  thread_local std::string last_text(kDefaultStartTime);
  thread_local Instant last_start = *parse_timestamp(kDefaultStartTime);
  const Value* given = c.context.get("startTime");
  std::string_view text = given != nullptr && given->is_string() ? std::string_view(given->as_string()) : kDefaultStartTime;
  if (text != last_text) {
    last_start = parse_timestamp(text).value_or(*parse_timestamp(kDefaultStartTime));
    last_text = std::string(text);
  }
  start = last_start;
  region = context_string(c, "region", "us-east-1");
  // One allocation for the trace of a machine that enters each state about once.
  trace.reserve(std::min<std::size_t>(machine.states.size(), 64));
}

void Execution::build_identity() const {
  const Case& c = the_case;
  std::string machine_name = context_string(c, "stateMachineName", c.id.empty() ? "aslcheck" : c.id);
  std::string execution_name = context_string(c, "executionName", "exec-" + std::to_string(options.seed));
  std::string role = context_string(c, "roleArn", "arn:aws:iam::" + std::string(kAccount) + ":role/aslcheck");
  std::string arn_prefix = "arn:aws:states:" + region + ":" + std::string(kAccount) + ":";
  std::string machine_arn = arn_prefix + "stateMachine:" + machine_name;
  Object exec;
  if (c.type == MachineType::express) {
    // Express executions list their fields in another order, as recorded on AWS.
    exec.append_unique("Id", Value(arn_prefix + "express:" + machine_name + ":" + execution_name + ":" +
                                   context_string(c, "executionUuid", "00000000-0000-4000-8000-000000000000")));
    exec.append_unique("Input", c.input);
    exec.append_unique("Name", Value(execution_name));
    exec.append_unique("RoleArn", Value(role));
    exec.append_unique("StartTime", Value(format_timestamp(start)));
    // A synchronous Express execution cannot be redriven and has no RedriveCount (recorded).
    if (context_string(c, "api", "StartExecution") != "StartSyncExecution") exec.append_unique("RedriveCount", Value(0));
  } else {
    exec.append_unique("Id", Value(arn_prefix + "execution:" + machine_name + ":" + execution_name));
    exec.append_unique("Input", c.input);
    exec.append_unique("StartTime", Value(format_timestamp(start)));
    exec.append_unique("Name", Value(execution_name));
    exec.append_unique("RoleArn", Value(role));
    exec.append_unique("RedriveCount", Value(0));
  }
  execution_object_ = Value(std::move(exec));
  state_machine_object_ = Value(Object{{"Id", Value(machine_arn)}, {"Name", Value(machine_name)}});
  identity_built_ = true;
}

const Value& Execution::execution_object() const {
  if (!identity_built_) build_identity();
  return execution_object_;
}

const Value& Execution::state_machine_object() const {
  if (!identity_built_) build_identity();
  return state_machine_object_;
}

std::int64_t Execution::add_event(Frame& frame, std::string_view type, std::string_view key, Value details) {
  if (options.max_total_events > 0 && ++total_events > options.max_total_events && !case_error) {
    case_error = "the run was stopped after " + std::to_string(options.max_total_events) +
                 " history events across the execution and its child executions (the caller's work limit)";
  }
  if (frame.own_event_counter != nullptr) {
    frame.previous_event_id = ++*frame.own_event_counter;
    return frame.previous_event_id;
  }
  std::int64_t id = ++event_count;
  if (event_count > options.max_history_events && !execution_failure) {
    // UNCONFIRMED wording (a third-party claim, see asl-facts.md section 7).
    execution_failure = Failure{std::string(kStatesRuntime),
                                "The execution reached the maximum number of history events (" +
                                    std::to_string(options.max_history_events) + ").",
                                true};
  }
  if (options.history && frame.record_history) {
    Object event;
    event.append_unique("timestamp", Value(format_timestamp(now())));
    event.append_unique("type", Value(type));
    event.append_unique("id", Value(id));
    event.append_unique("previousEventId", Value(frame.previous_event_id));
    if (!key.empty()) event.append_unique(std::string(key), std::move(details));
    history.emplace_back(std::move(event));
  }
  frame.previous_event_id = id;
  return id;
}

Value Execution::context_object(const State& state, Instant entered, std::int64_t retry_count, const Value* map_index,
                                const Value* map_value, const std::string* task_token) const {
  if (context_override) return *context_override;
  Object ctx;
  ctx.append_unique("Execution", execution_object());
  ctx.append_unique("StateMachine", state_machine_object());
  Object st{{"Name", Value(state.name)}, {"EnteredTime", Value(format_timestamp(entered))}};
  // RetryCount appears for the states that can retry; AWS omits it for a Pass state (recorded).
  if (state.type == StateType::task || state.type == StateType::parallel || state.type == StateType::map) {
    st.append_unique("RetryCount", Value(retry_count));
  }
  ctx.append_unique("State", Value(std::move(st)));
  if (map_index != nullptr) {
    ctx.append_unique("Map", Value(Object{{"Item", Value(Object{{"Index", *map_index}, {"Value", *map_value}})}}));
  }
  if (task_token != nullptr) ctx.append_unique("Task", Value(Object{{"Token", Value(*task_token)}}));
  return Value(std::move(ctx));
}

std::string Execution::runtime_prefix(const std::string& state, std::int64_t entered_id) {
  return "An error occurred while executing the state '" + state + "' (entered at the event id #" +
         std::to_string(entered_id) + "). ";
}

Task<MachineOutcome> run_machine(Execution& ex, Frame& frame, Value input) {
  const StateMachine& machine = *frame.machine;
  std::uint32_t index = machine.start_index;
  for (;;) {
    if (frame.cancelled()) co_return MachineOutcome{false, true, Value(), {}};
    const State& s = machine.states[index];
    const EventNames names = event_names(s.type);
    const bool keep = ex.records_history(frame);
    std::int64_t entered_id = ex.add_event(frame, names.entered, "stateEnteredEventDetails",
                                           keep ? payload_details("name", s.name, "input", input) : Value());
    ex.trace.push_back(s.name);
    co_await ex.scheduler.yield();  // lets concurrent branches enter their states in lockstep, as AWS shows

    StateOutcome out;
    switch (s.type) {
      case StateType::pass: out = run_pass_state(ex, frame, s, input, entered_id); break;
      case StateType::choice: out = run_choice_state(ex, frame, s, input, entered_id); break;
      case StateType::succeed: out = run_succeed_state(ex, frame, s, input, entered_id); break;
      case StateType::fail: out = run_fail_state(ex, frame, s, input, entered_id); break;
      case StateType::wait: out = co_await run_wait_state(ex, frame, s, input, entered_id); break;
      case StateType::task: out = co_await run_task_state(ex, frame, s, input, entered_id); break;
      case StateType::parallel: out = co_await run_parallel_state(ex, frame, s, input, entered_id); break;
      case StateType::map: out = co_await run_map_state(ex, frame, s, input, entered_id); break;
    }
    if (ex.case_error || ex.execution_failure) {
      co_return MachineOutcome{false, false, Value(), ex.execution_failure.value_or(Failure{})};
    }
    if (frame.cancelled()) {
      // A sibling branch or iteration failed while this state ran: AWS aborts it.
      ex.add_event(frame, names.aborted, "stateExitedEventDetails",
                   Value(Object{{"name", Value(s.name)}}));
      co_return MachineOutcome{false, true, Value(), {}};
    }
    if (out.kind != StateOutcome::Kind::failed) {
      if (auto too_big = check_payload_size(out.output, s)) {
        out.kind = StateOutcome::Kind::failed;
        out.failure = *too_big;
      }
    }
    if (out.kind == StateOutcome::Kind::failed) co_return MachineOutcome{false, false, Value(), std::move(out.failure)};

    Object exited;
    if (keep) {
      exited.append_unique("name", Value(s.name));
      exited.append_unique("output", Value(json::write(out.output)));
      exited.append_unique("outputDetails", Value(Object{{"truncated", Value(false)}}));
    }
    if (!out.assigned.empty()) {
      Object shown;
      for (const Member& m : out.assigned) {
        if (keep) shown.append_unique(m.key, Value(json::write(m.value)));
        frame.variables->set(m.key, m.value);
      }
      if (keep) {
        exited.append_unique("assignedVariables", Value(std::move(shown)));
        exited.append_unique("assignedVariablesDetails", Value(Object{{"truncated", Value(false)}}));
      }
    }
    // Without history nothing reads the details: no container is made for them.
    ex.add_event(frame, names.exited, "stateExitedEventDetails", keep ? Value(std::move(exited)) : Value());
    if (out.kind == StateOutcome::Kind::end) co_return MachineOutcome{true, false, std::move(out.output), {}};
    index = out.next_index;
    input = std::move(out.output);
  }
}

// The execution as a whole: ExecutionStarted, then the machine; the caller closes it.
Task<MachineOutcome> run_execution(Execution& ex, Frame& frame) {
  Object started;
  if (ex.options.history) {
    started.append_unique("input", Value(json::write(ex.the_case.input)));
    started.append_unique("inputDetails", Value(Object{{"truncated", Value(false)}}));
    started.append_unique("roleArn", *ex.execution_object().get("RoleArn"));
  }
  ex.add_event(frame, "ExecutionStarted", "executionStartedEventDetails",
               ex.options.history ? Value(std::move(started)) : Value());
  frame.previous_event_id = 0;  // the first StateEntered has previousEventId 0 on AWS
  co_return co_await run_machine(ex, frame, ex.the_case.input);
}

std::optional<double> execution_time_limit(const StateMachine& machine, const Case& c) {
  std::optional<double> limit;
  if (machine.timeout_seconds) limit = static_cast<double>(*machine.timeout_seconds);
  if (c.type == MachineType::express && (!limit || *limit > 300)) limit = 300;  // Express runs at most 5 minutes
  return limit;
}

Result close_execution(Execution& ex, Task<MachineOutcome>& main, bool timed_out) {
  Result result;
  result.trace = std::move(ex.trace);
  result.retries = std::move(ex.retries);
  result.written_objects = std::move(ex.written_objects);
  if (ex.case_error) {
    result.status = Status::target_error;
    result.message = *ex.case_error;
    return result;
  }
  Frame closing{&ex.root, nullptr, "", ex.event_count, true};
  if (timed_out) {
    result.status = Status::timed_out;
    result.error = std::string(kStatesTimeout);
    ex.add_event(closing, "ExecutionTimedOut", "executionTimedOutEventDetails",
                 Value(Object{{"error", Value(kStatesTimeout)}}));
  } else {
    MachineOutcome outcome = main.take();
    if (outcome.ok) {
      result.status = Status::succeeded;
      result.output = outcome.output;
      ex.add_event(closing, "ExecutionSucceeded", "executionSucceededEventDetails",
                   ex.options.history ? payload_details({}, {}, "output", outcome.output) : Value());
    } else {
      result.status = Status::failed;
      result.error = outcome.failure.error;
      result.cause = outcome.failure.cause;
      Object details;
      if (outcome.failure.error) details.append_unique("error", Value(*outcome.failure.error));
      if (outcome.failure.cause) details.append_unique("cause", Value(*outcome.failure.cause));
      ex.add_event(closing, "ExecutionFailed", "executionFailedEventDetails", Value(std::move(details)));
    }
  }
  if (ex.options.history) result.history = Value(std::move(ex.history));
  return result;
}

Result run_loaded(const StateMachine& machine, const Case& c, const ExecOptions& options) {
  Execution ex(c, options, machine);
  ex.trace.reserve(16);
  VariableScope variables;
  Frame frame{&machine, &variables, "", 0, true};
  Task<MachineOutcome> main = run_execution(ex, frame);
  ex.scheduler.make_ready(main.handle());
  ex.scheduler.run_until(execution_time_limit(machine, c), [&] { return main.done(); });
  return close_execution(ex, main, !main.done());
}

Result run_case(const Case& c, const ExecOptions& options) {
  ValidationOptions validation;
  validation.type = c.type;
  LoadResult loaded = load(c.definition, validation);
  if (!loaded.machine) {
    Result result;
    result.status = Status::invalid_definition;
    result.diagnostics = std::move(loaded.diagnostics);
    return result;
  }
  return run_loaded(*loaded.machine, c, options);
}

}  // namespace asl::exec

namespace asl {
Result execute(const Case& c, const ExecOptions& options) { return exec::run_case(c, options); }
Result execute(const StateMachine& machine, const Case& c, const ExecOptions& options) {
  return exec::run_loaded(machine, c, options);
}
}  // namespace asl
