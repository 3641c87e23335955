// parallel_map.cpp — Parallel branches and Map iterations (inline and distributed) as concurrent fibers.
#include <deque>

#include "asl/json.h"
#include "exec/retry_catch.h"

namespace asl::exec {

namespace {

Value truncated_false() { return Value(Object{{"truncated", Value(false)}}); }

// Runs one branch or iteration; the first real failure cancels its siblings, as AWS aborts them.
Task<MachineOutcome> run_child(Execution& ex, Frame& frame, Value input, CancelGroup& group,
                               std::optional<Failure>& first_failure, bool stop_siblings) {
  MachineOutcome out = co_await run_machine(ex, frame, std::move(input));
  if (!out.ok && !out.aborted && !first_failure) {
    first_failure = out.failure;
    if (stop_siblings) group.cancel(ex.scheduler);
  }
  co_return out;
}

Task<Attempt> parallel_attempt(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id,
                               std::int64_t retry_count) {
  StateEnvironment env(ex, frame, s, retry_count);
  auto runtime_failure = [&](const Error& e) { return Attempt{false, false, Value(), state_failure(e, s, entered_id)}; };
  auto effective = apply_filter_path(s.input_path, raw, env.scope);
  if (!effective) co_return runtime_failure(effective.error());
  Value branch_input = *effective;
  if (s.parameters) {
    auto built = apply_template(*s.parameters, *effective, env.scope);
    if (!built) co_return runtime_failure(built.error());
    branch_input = std::move(built).value();
  }
  std::int64_t started = ex.add_event(frame, "ParallelStateStarted");
  CancelGroup group(frame.cancel);
  std::optional<Failure> first_failure;
  std::deque<VariableScope> scopes;
  std::deque<Frame> frames;
  std::vector<Task<MachineOutcome>> branches;
  for (std::size_t i = 0; i < s.branches.size(); ++i) {
    scopes.emplace_back(frame.variables);
    frames.push_back(Frame{s.branches[i].get(), &scopes.back(), frame.scope_key + "/" + s.name + "#" + std::to_string(i),
                           started, frame.record_history, &group});
  }
  for (std::size_t i = 0; i < s.branches.size(); ++i) {
    branches.push_back(run_child(ex, frames[i], branch_input, group, first_failure, true));
  }
  std::vector<MachineOutcome> outcomes = co_await JoinAll<MachineOutcome>(ex.scheduler, std::move(branches));
  if (ex.case_error || frame.cancelled()) co_return Attempt{false, true, Value(), {}};
  if (first_failure) co_return Attempt{false, false, Value(), *first_failure};
  Array results;
  results.reserve(outcomes.size());
  for (MachineOutcome& o : outcomes) results.push_back(std::move(o.output));
  ex.add_event(frame, "ParallelStateSucceeded");
  co_return Attempt{true, false, Value(std::move(results)), {}};
}

// "refers to value \"x\" which is not a valid integer": strings are shown bare, other values as JSON.
std::string shown(const Value& v) { return v.is_string() ? v.as_string() : json::write(v); }

// MaxConcurrency(Path), ToleratedFailureCount(Path), ToleratedFailurePercentage(Path).
Expected<std::optional<double>> map_number(const NumberOrPath& field, std::string_view path_field, bool integral,
                                           const Value& effective, const StateScope& scope) {
  if (field.literal) return std::optional<double>(field.literal->as_double());
  if (!field.path) return std::optional<double>();
  auto v = jsonpath::evaluate(*field.path, scope.with_input(effective));
  if (!v) {
    return Error{std::string(kStatesRuntime), "Invalid path '" + field.path->text() + "' : " + v.error().message, {}};
  }
  auto invalid = [&] {
    return Error{std::string(kStatesRuntime),
                 "The " + std::string(path_field) + " field refers to value \"" + shown(*v) + "\" which is not a valid " +
                     (integral ? "integer" : "float") + ": " + field.path->text(),
                 {}};
  };
  if (v->is_string()) {
    // AWS parses a numeric string ("1" from a variable runs the Map: recorded).
    auto parsed = json::read(v->as_string());
    if (!parsed || !parsed->is_number() || (integral && !parsed->is_integral())) return invalid();
    return std::optional<double>(parsed->as_double());
  }
  if (!v->is_number() || (integral && !v->is_integral())) return invalid();
  return std::optional<double>(v->as_double());
}

Task<Attempt> map_attempt(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id,
                          std::int64_t retry_count) {
  StateEnvironment env(ex, frame, s, retry_count);
  auto runtime_failure = [&](const Error& e) { return Attempt{false, false, Value(), state_failure(e, s, entered_id)}; };
  auto runtime = [](std::string cause) { return Error{std::string(kStatesRuntime), std::move(cause), {}}; };
  if (s.item_reader) {
    if (!ex.case_error) ex.case_error = "Map state '" + s.name + "' reads items with an ItemReader, which the oracle does not run yet";
    co_return Attempt{false, true, Value(), {}};
  }
  auto effective = apply_filter_path(s.input_path, raw, env.scope);
  if (!effective) co_return runtime_failure(effective.error());
  Value items = *effective;
  if (s.items_path) {
    auto selected = jsonpath::evaluate(*s.items_path, env.scope.with_input(*effective));
    if (!selected) {
      co_return runtime_failure(runtime("Invalid path '" + s.items_path->text() + "' : " + selected.error().message));
    }
    items = std::move(selected).value();
  }
  if (!items.is_array()) co_return runtime_failure(runtime("Map state input must be an array but was: " + json::write(items)));

  auto max_concurrency = map_number(s.max_concurrency, "MaxConcurrencyPath", true, *effective, env.scope);
  if (!max_concurrency) co_return runtime_failure(max_concurrency.error());
  const Array& list = items.as_array();
  const std::size_t n = list.size();
  std::int64_t started = ex.add_event(frame, "MapStateStarted", "mapStateStartedEventDetails",
                                      Value(Object{{"length", Value(static_cast<std::int64_t>(n))}}));
  // The tolerated-failure fields are read after MapStateStarted (recorded event order).
  auto tolerated_count = map_number(s.tolerated_failure_count, "ToleratedFailureCountPath", true, *effective, env.scope);
  if (!tolerated_count) co_return runtime_failure(tolerated_count.error());
  if (*tolerated_count && **tolerated_count < 0) co_return runtime_failure(runtime("ToleratedFailureCount cannot be negative."));
  auto tolerated_percentage =
      map_number(s.tolerated_failure_percentage, "ToleratedFailurePercentagePath", false, *effective, env.scope);
  if (!tolerated_percentage) co_return runtime_failure(tolerated_percentage.error());
  if (*tolerated_percentage && (**tolerated_percentage < 0 || **tolerated_percentage > 100)) {
    co_return runtime_failure(runtime("ToleratedFailurePercentage must be between 0 and 100."));
  }

  std::string map_run_arn;
  if (s.distributed) {
    map_run_arn = "arn:aws:states:" + ex.region + ":123456789012:mapRun:" + s.name + "/" + ex.entropy.uuid_v4();
    started = ex.add_event(frame, "MapRunStarted", "mapRunStartedEventDetails",
                           Value(Object{{"mapRunArn", Value(map_run_arn)}}));
  }

  // Iteration inputs, built up front: ItemSelector sees the effective input as `$` and the item
  // as $$.Map.Item.
  std::vector<Value> inputs;
  inputs.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!s.item_selector) {
      inputs.push_back(list[i]);
      continue;
    }
    Value index(static_cast<std::int64_t>(i));
    Value context = ex.context_object(s, ex.now(), retry_count, &index, &list[i], nullptr);
    StateScope scope{&context, frame.variables, &ex.entropy};
    auto built = apply_template(*s.item_selector, *effective, scope);
    if (!built) co_return runtime_failure(built.error());
    inputs.push_back(std::move(built).value());
  }

  std::size_t limit = n;
  if (*max_concurrency && **max_concurrency > 0) limit = std::min(n, static_cast<std::size_t>(**max_concurrency));
  if (!s.distributed && limit > 40) limit = 40;  // inline Map runs at most 40 iterations at once

  CancelGroup group(frame.cancel);
  std::optional<Failure> first_failure;
  std::vector<std::optional<MachineOutcome>> outcomes(n);
  std::size_t next = 0;
  std::size_t failures = 0;
  const bool stop_on_failure = !s.distributed;
  auto worker = [&]() -> Task<bool> {
    while (next < n && !group.cancelled()) {
      std::size_t i = next++;
      VariableScope scope(frame.variables);
      Frame child{s.processor.get(), &scope, frame.scope_key + "/" + s.name + "#" + std::to_string(i), started,
                  frame.record_history && !s.distributed, &group};
      std::int64_t child_events = 1;  // a child execution's own ExecutionStarted is event 1
      if (s.distributed) {
        child.own_event_counter = &child_events;
        child.previous_event_id = 0;
      }
      Value iteration_details(Object{{"name", Value(s.name)}, {"index", Value(static_cast<std::int64_t>(i))}});
      if (!s.distributed) ex.add_event(child, "MapIterationStarted", "mapIterationStartedEventDetails", iteration_details);
      MachineOutcome out = co_await run_child(ex, child, inputs[i], group, first_failure, stop_on_failure);
      if (!s.distributed) {
        std::string_view type = out.ok ? "MapIterationSucceeded" : out.aborted ? "MapIterationAborted" : "MapIterationFailed";
        std::string key = out.ok ? "mapIterationSucceededEventDetails"
                          : out.aborted ? "mapIterationAbortedEventDetails" : "mapIterationFailedEventDetails";
        ex.add_event(child, type, key, iteration_details);
      }
      if (!out.ok && !out.aborted) ++failures;
      outcomes[i] = std::move(out);
    }
    co_return true;
  };
  std::vector<Task<bool>> workers;
  for (std::size_t w = 0; w < limit; ++w) workers.push_back(worker());
  co_await JoinAll<bool>(ex.scheduler, std::move(workers));
  if (ex.case_error || frame.cancelled()) co_return Attempt{false, true, Value(), {}};

  if (s.distributed) {
    // Each threshold given applies on its own; with neither, any failure fails the Map Run.
    bool breached = false;
    if (failures > 0) {
      bool any_given = *tolerated_count || *tolerated_percentage;
      if (!any_given) breached = true;
      if (*tolerated_count && static_cast<double>(failures) > **tolerated_count) breached = true;
      if (*tolerated_percentage && static_cast<double>(failures) * 100.0 / static_cast<double>(n) > **tolerated_percentage) {
        breached = true;
      }
    }
    if (breached) {
      ex.add_event(frame, "MapRunFailed", "mapRunFailedEventDetails", Value(Object{}));
      co_return Attempt{false, false, Value(),
                        Failure{std::string("States.ExceedToleratedFailureThreshold"),
                                std::string("The specified tolerated failure threshold was exceeded"), false}};
    }
    ex.add_event(frame, "MapRunSucceeded");
  } else if (first_failure) {
    co_return Attempt{false, false, Value(), *first_failure};
  }
  Array results;
  results.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    MachineOutcome& o = *outcomes[i];
    if (o.ok) {
      results.push_back(std::move(o.output));
    } else {
      // A tolerated failed child of a distributed Map: AWS's shape for it is UNCONFIRMED.
      Object failed_item;
      if (o.failure.error) failed_item.append_unique("Error", Value(*o.failure.error));
      if (o.failure.cause) failed_item.append_unique("Cause", Value(*o.failure.cause));
      results.push_back(Value(std::move(failed_item)));
    }
  }
  if (s.result_writer) {
    Object writer_details;
    writer_details.append_unique("MapRunArn", Value(map_run_arn));
    ex.add_event(frame, "MapStateSucceeded");
    co_return Attempt{true, false, Value(std::move(writer_details)), {}};
  }
  ex.add_event(frame, "MapStateSucceeded");
  co_return Attempt{true, false, Value(std::move(results)), {}};
}

}  // namespace

Task<StateOutcome> run_parallel_state(Execution& ex, Frame& frame, const State& s, const Value& raw,
                                      std::int64_t entered_id) {
  if (refuse_jsonata(ex, s)) co_return failed({});
  co_return co_await run_with_retry_and_catch(
      ex, frame, s, raw, entered_id, "ParallelStateFailed",
      [&ex, &frame, &s, &raw, entered_id](std::int64_t retry_count) {
        return parallel_attempt(ex, frame, s, raw, entered_id, retry_count);
      });
}

Task<StateOutcome> run_map_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id) {
  if (refuse_jsonata(ex, s)) co_return failed({});
  co_return co_await run_with_retry_and_catch(
      ex, frame, s, raw, entered_id, "MapStateFailed",
      [&ex, &frame, &s, &raw, entered_id](std::int64_t retry_count) {
        return map_attempt(ex, frame, s, raw, entered_id, retry_count);
      });
}

}  // namespace asl::exec
