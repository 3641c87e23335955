// test_state.cpp — TestState: one state run once on the executor's pipeline, mocks for its work, AWS's inspection data.
#include "asl/test_state.h"

#include <cmath>

#include "asl/json.h"
#include "exec/jsonata_fields.h"
#include "exec/retry_catch.h"
#include "exec/test_state_checks.h"

namespace asl::exec {

namespace {

constexpr std::string_view kAccount = "123456789012";
constexpr std::string_view kToleranceExceeded = "States.ExceedToleratedFailureThreshold";

// inspectionData's members in the service model's order (botocore's InspectionData); AWS's own
// order is not recorded (the recordings list them sorted).
constexpr std::string_view kInspectionOrder[] = {
    "input", "afterArguments", "afterInputPath", "afterParameters", "result", "afterResultSelector",
    "afterResultPath", "request", "response", "variables", "errorDetails", "afterItemsPath", "afterItemSelector",
    "afterItemBatcher", "afterItemsPointer", "toleratedFailureCount", "toleratedFailurePercentage", "maxConcurrency"};

// One TestState run: the state, what it sees, and what the response will show.
class Run {
 public:
  Run(const TestStateRequest& request, const StateUnderTest& target, const CheckedRequest& checked, std::uint64_t seed)
      : request_(request), s_(*target.state), owner_(*target.owner), checked_(checked), ex_(case_, options_, owner_) {
    options_.seed = seed;
    ex_.entropy.reseed(seed);
    case_.input = checked.input;
    case_.context = Value(Object{});
    for (const Member& m : checked.variables.as_object()) variables_.set(m.key, m.value);
    ex_.context_override = checked.context ? *checked.context : default_context();
    scope_ = StateScope{&*ex_.context_override, &variables_, &ex_.entropy};
  }

  // What the interpreter cannot model about this state (empty: nothing), once run() returned.
  const std::string& unsupported() const { return unsupported_; }

  TestStateResponse run() {
    note("input", raw());
    // JSONata Pass, Succeed, Choice, Wait and Fail run as in an execution; AWS shows only the
    // input (and the variables) for them (recorded).
    const bool jsonata = s_.language == QueryLanguage::jsonata;
    switch (jsonata ? StateType::task : s_.type) {
      case StateType::task:
        if (!jsonata) {
          run_task();
          break;
        }
        switch (s_.type) {
          case StateType::task: run_jsonata_task(); break;
          case StateType::parallel: run_jsonata_parallel(); break;
          case StateType::map: run_jsonata_map(); break;
          case StateType::pass: finish_outcome(run_in_frame(&run_pass_state)); break;
          case StateType::succeed: finish_outcome(run_in_frame(&run_succeed_state)); break;
          case StateType::choice: finish_outcome(run_in_frame(&run_choice_state)); break;
          case StateType::wait: finish_outcome(run_in_frame(&run_wait_state)); break;
          case StateType::fail: finish_outcome(run_in_frame(&run_fail_state)); break;
        }
        break;
      case StateType::pass: run_pass(); break;
      case StateType::choice: run_choice(); break;
      case StateType::wait: run_wait(); break;
      case StateType::succeed: run_succeed(); break;
      case StateType::fail: run_fail(); break;
      case StateType::parallel: run_parallel(); break;
      case StateType::map: run_map(); break;
    }
    if (request_.inspection_level != InspectionLevel::info) {
      if (!error_details_.empty()) inspection_.set("errorDetails", Value(error_details_));
      Object ordered;
      for (std::string_view key : kInspectionOrder) {
        if (const Value* v = inspection_.find(key)) ordered.append_unique(std::string(key), *v);
      }
      response_.inspection_data = Value(std::move(ordered));
    }
    return std::move(response_);
  }

 private:
  const Value& raw() const { return checked_.input; }

  // A payload as the response shows it: JSON text.
  void note(std::string_view key, const Value& payload) { inspection_.set(std::string(key), Value(json::write(payload))); }

  // The Context object AWS builds when the caller gives none: an Express execution of a machine
  // of its own, the state named "StateName" (recorded), RetryCount for states that retry.
  Value default_context() {
    std::string machine_name = "TestState-" + ex_.entropy.uuid_v4();
    std::string execution_name = ex_.entropy.uuid_v4();
    std::string arn = "arn:aws:states:" + ex_.region + ":" + std::string(kAccount) + ":";
    Object execution;
    execution.append_unique("Id", Value(arn + "express:" + machine_name + ":" + execution_name));
    execution.append_unique("Input", raw());
    execution.append_unique("Name", Value(execution_name));
    execution.append_unique("RoleArn", request_.role_arn ? Value(*request_.role_arn) : Value());
    execution.append_unique("StartTime", Value(format_timestamp(ex_.start)));
    Object state{{"Name", Value(kSingleStateName)}, {"EnteredTime", Value(format_timestamp(ex_.start))}};
    if (s_.type == StateType::task || s_.type == StateType::parallel || s_.type == StateType::map) {
      state.append_unique("RetryCount", Value(request_.state_configuration.retrier_retry_count.value_or(0)));
    }
    Object ctx;
    ctx.append_unique("Execution", Value(std::move(execution)));
    ctx.append_unique("StateMachine", Value(Object{{"Id", Value(arn + "stateMachine:" + machine_name)},
                                                   {"Name", Value(machine_name)}}));
    ctx.append_unique("State", Value(std::move(state)));
    if (s_.type == StateType::task && s_.resource.ends_with(".waitForTaskToken")) {
      ctx.append_unique("Task", Value(Object{{"Token", Value(ex_.entropy.uuid_v4())}}));
    }
    return Value(std::move(ctx));
  }

  // A failure of the state's own processing. Its cause has no "An error occurred while
  // executing the state ..." prefix: that names an event id, and a test run has no events
  // (recorded for ItemsPath). States.Runtime is terminal, as state_failure() makes it.
  Failure failure_of(const Error& e) const { return Failure{e.name, e.message, e.name == kStatesRuntime}; }
  // The same for a failure the executor's state functions built with the prefix.
  Failure without_prefix(Failure f) const {
    std::string prefix = Execution::runtime_prefix(s_.name, 0);
    if (f.cause && f.cause->starts_with(prefix)) f.cause = f.cause->substr(prefix.size());
    return f;
  }

  void fail(const Failure& f) {
    response_.status = TestStateStatus::failed;
    response_.error = f.error;
    response_.cause = f.cause;
  }

  void succeed(const Value& output, std::optional<std::string> next) {
    response_.status = TestStateStatus::succeeded;
    response_.output = json::write(output);
    response_.next_state = std::move(next);
    show_variables();
  }

  std::optional<std::string> next_of(const State& s) const {
    return s.end || s.next.empty() ? std::nullopt : std::optional<std::string>(s.next);
  }

  void apply_assigned(const Object& assigned) {
    for (const Member& m : assigned) variables_.set(m.key, m.value);
    for (const Member& m : assigned) shown_variables_.set(m.key, m.value);
  }

  // The variables after the state: the request's, then what the state assigned. Shown when any.
  void show_variables() {
    Object all = checked_.variables.as_object();
    for (const Member& m : shown_variables_) all.set(m.key, m.value);
    if (!all.empty()) note("variables", Value(std::move(all)));
  }

  // The result half of the pipeline for Task, Parallel and Map: Assign on the raw result, then
  // ResultSelector, ResultPath and OutputPath, as run_with_retry_and_catch applies them.
  void finish_with_result(const Value& result) {
    Object assigned;
    if (s_.assign) {
      auto done = evaluate_assign(*s_.assign, result, scope_, assigned);
      if (!done) return handle_failure(failure_of(done.error()));
    }
    Value selected = result;
    if (s_.result_selector) {
      auto built = apply_template(*s_.result_selector, result, scope_);
      if (!built) return handle_failure(failure_of(built.error()));
      selected = std::move(built).value();
    }
    note("afterResultSelector", selected);
    auto placed = apply_result_path(s_.result_path, raw(), selected);
    if (!placed) return handle_failure(failure_of(placed.error()));
    note("afterResultPath", *placed);
    auto output = apply_filter_path(s_.output_path, *placed, scope_);
    if (!output) return handle_failure(failure_of(output.error()));
    apply_assigned(assigned);
    succeed(*output, next_of(s_));
  }

  // Retry and Catch answer once: the first matching retrier that has attempts left makes the
  // state RETRIABLE (with the backoff of its next retry); an exhausted one passes the error to
  // Catch; the first matching catcher makes it CAUGHT_ERROR. States.Runtime is never retried
  // nor caught, as in an execution.
  void handle_failure(const Failure& f) {
    if (!f.terminal) {
      std::string name = f.name();
      std::int64_t retries = request_.state_configuration.retrier_retry_count.value_or(0);
      for (std::size_t i = 0; i < s_.retry.size(); ++i) {
        const Retrier& r = s_.retry[i];
        if (!error_matches(r.error_equals, name)) continue;
        if (retries < r.max_attempts) {
          double backoff = retry_delay(r, retries + 1, ex_.entropy);
          error_details_.set("retryBackoffIntervalSeconds", Value(static_cast<std::int64_t>(std::llround(backoff))));
          error_details_.set("retryIndex", Value(static_cast<std::int64_t>(i)));
          response_.status = TestStateStatus::retriable;
          response_.error = f.error;
          response_.cause = f.cause;
          return;
        }
        error_details_.set("retryIndex", Value(static_cast<std::int64_t>(i)));
        break;
      }
      for (std::size_t i = 0; i < s_.catchers.size(); ++i) {
        const Catcher& c = s_.catchers[i];
        if (!error_matches(c.error_equals, name)) continue;
        error_details_.set("catchIndex", Value(static_cast<std::int64_t>(i)));
        Value caught = error_output(f);
        Object assigned;
        auto placed = s_.language == QueryLanguage::jsonata ? jsonata_caught_output(c, i, caught, assigned)
                                                            : caught_output(c, caught, assigned);
        if (!placed) return fail(failure_of(placed.error()));
        apply_assigned(assigned);
        response_.status = TestStateStatus::caught_error;
        response_.error = f.error;
        response_.cause = f.cause;
        response_.output = json::write(*placed);
        response_.next_state = c.next;
        show_variables();
        return;
      }
    }
    fail(f);
  }

  // A JSONPath catcher: Assign reads the Error Output, ResultPath places it into the input.
  Expected<Value> caught_output(const Catcher& c, const Value& caught, Object& assigned) {
    if (c.assign) {
      auto done = evaluate_assign(*c.assign, caught, scope_, assigned);
      if (!done) return std::move(done).error();
    }
    return apply_result_path(c.result_path, raw(), caught);
  }

  // A JSONata catcher, as run_with_retry_and_catch runs it: Assign and Output (default: the
  // Error Output) read $states.errorOutput.
  Expected<Value> jsonata_caught_output(const Catcher& c, std::size_t index, const Value& caught, Object& assigned) {
    JsonataScope scope = JsonataScope::of(ex_, scope_, raw(), nullptr, &caught);
    const std::string at = "Catch[" + std::to_string(index) + "]/";
    if (c.jsonata_assign.present()) {
      auto done = evaluate_jsonata_assign(c.jsonata_assign, at + "Assign", scope, assigned);
      if (!done) return std::move(done).error();
    }
    return jsonata_output(c.output, at + "Output", scope, caught);
  }

  // InputPath, shown as afterInputPath.
  std::optional<Value> effective_input() {
    auto effective = apply_filter_path(s_.input_path, raw(), scope_);
    if (!effective) {
      fail(failure_of(effective.error()));
      return std::nullopt;
    }
    note("afterInputPath", *effective);
    return std::move(effective).value();
  }

  // Pass: with Result, AWS neither shows nor applies InputPath and Parameters (recorded: the
  // output holds the Result and inspectionData has no afterInputPath/afterParameters).
  void run_pass() {
    Value result;
    if (s_.result) {
      result = *s_.result;
      note("result", result);
    } else {
      auto effective = effective_input();
      if (!effective) return;
      result = *effective;
      if (s_.parameters) {
        auto built = apply_template(*s_.parameters, *effective, scope_);
        if (!built) return fail(failure_of(built.error()));
        result = std::move(built).value();
      }
      note("afterParameters", result);
    }
    Object assigned;
    if (s_.assign) {
      auto done = evaluate_assign(*s_.assign, result, scope_, assigned);
      if (!done) return fail(failure_of(done.error()));
    }
    note("afterResultSelector", result);
    auto placed = apply_result_path(s_.result_path, raw(), result);
    if (!placed) return fail(failure_of(placed.error()));
    note("afterResultPath", *placed);
    auto output = apply_filter_path(s_.output_path, *placed, scope_);
    if (!output) return fail(failure_of(output.error()));
    apply_assigned(assigned);
    succeed(*output, next_of(s_));
  }

  void run_succeed() {
    auto effective = effective_input();
    if (!effective) return;
    auto output = apply_filter_path(s_.output_path, *effective, scope_);
    if (!output) return fail(failure_of(output.error()));
    succeed(*output, std::nullopt);
  }

  // Choice, Fail and Wait run as in an execution (exec/choice.cpp, simple_states.cpp), on a
  // frame of their own; `$$` is the test's Context object.
  StateOutcome run_in_frame(Task<StateOutcome> (*fn)(Execution&, Frame&, const State&, const Value&, std::int64_t)) {
    Frame frame{&owner_, &variables_, "", 0, false};
    Task<StateOutcome> task = fn(ex_, frame, s_, raw(), 0);
    ex_.scheduler.make_ready(task.handle());
    ex_.scheduler.run_until(std::nullopt, [&] { return task.done(); });
    return task.take();
  }
  StateOutcome run_in_frame(StateOutcome (*fn)(Execution&, Frame&, const State&, const Value&, std::int64_t)) {
    Frame frame{&owner_, &variables_, "", 0, false};
    return fn(ex_, frame, s_, raw(), 0);
  }

  void finish_outcome(StateOutcome out) {
    if (out.kind == StateOutcome::Kind::failed) return fail(without_prefix(std::move(out.failure)));
    apply_assigned(out.assigned);
    std::optional<std::string> next;
    if (out.kind == StateOutcome::Kind::next) next = owner_.states[out.next_index].name;
    succeed(out.output, std::move(next));
  }

  void run_choice() {
    if (!effective_input()) return;
    finish_outcome(run_in_frame(&run_choice_state));
  }

  void run_wait() {
    if (!effective_input()) return;
    finish_outcome(run_in_frame(&run_wait_state));
  }

  void run_fail() {
    note("afterInputPath", raw());
    finish_outcome(run_in_frame(&run_fail_state));
  }

  void run_task() {
    auto effective = effective_input();
    if (!effective) return;
    Value parameters = *effective;
    if (s_.parameters) {
      auto built = apply_template(*s_.parameters, *effective, scope_);
      if (!built) return handle_failure(failure_of(built.error()));
      parameters = std::move(built).value();
    }
    note("afterParameters", parameters);
    if (request_.mock->error_output) return handle_failure(mocked_failure());
    note("result", *checked_.mock_result);
    finish_with_result(*checked_.mock_result);
  }

  Failure mocked_failure() const {
    const TestStateMock::ErrorOutput& e = *request_.mock->error_output;
    return Failure{e.error, e.cause, false};
  }

  // Parallel: the mock stands in for the branches. AWS shows no afterInputPath/afterParameters
  // for it (recorded), so neither is evaluated.
  void run_parallel() {
    if (request_.mock->error_output) return handle_failure(mocked_failure());
    finish_with_result(*checked_.mock_result);
  }

  // MaxConcurrency(Path), ToleratedFailureCount(Path), ToleratedFailurePercentage(Path).
  Expected<std::optional<Value>> map_number(const NumberOrPath& field, std::string_view path_field, bool integral,
                                            const Value& effective) {
    if (field.literal) return std::optional<Value>(*field.literal);
    if (!field.path) return std::optional<Value>();
    auto number = read_number_at_path(*field.path, path_field, integral, kStatesRuntime, effective, scope_);
    if (!number) return std::move(number).error();
    return std::optional<Value>(std::move(number).value());
  }

  // Map: the mock stands in for the iterations; the items, ItemSelector and the Map's numbers
  // are read as an execution reads them. `mapIterationFailureCount` iterations fail: beyond a
  // tolerated threshold that is given, the Map fails with States.ExceedToleratedFailureThreshold
  // (without one, recorded: it succeeds).
  void run_map() {
    auto effective = effective_input();
    if (!effective) return;
    Value items;
    if (s_.item_reader) {
      if (!reader_items()) return;
      items = *checked_.item_reader_data;
    } else {
      items = *effective;
      std::string path_text = "$";
      if (s_.items_path) {
        path_text = s_.items_path->text();
        auto selected = jsonpath::evaluate(*s_.items_path, scope_.with_input(*effective));
        if (!selected) {
          return fail(Failure::runtime("Invalid path '" + path_text + "' : " + selected.error().message));
        }
        items = std::move(selected).value();
      }
      if (!items.is_array()) {
        // AWS names the path with a context path's `$$` shown as `$` (recorded for `$$` and
        // `$$.Execution.Input`).
        if (path_text.starts_with("$$")) path_text.erase(0, 1);
        return fail(Failure::runtime("Reference path \"" + path_text + "\" must point to array."));
      }
      note("afterItemsPath", items);
    }
    if (s_.item_selector) {
      Array selected;
      for (std::size_t i = 0; i < items.size(); ++i) {
        Value context = item_context(static_cast<std::int64_t>(i), *items.at(i));
        StateScope scope{&context, &variables_, &ex_.entropy};
        auto built = apply_template(*s_.item_selector, *effective, scope);
        if (!built) return handle_failure(failure_of(built.error()));
        selected.push_back(std::move(built).value());
      }
      note("afterItemSelector", Value(std::move(selected)));
    }
    auto max_concurrency = map_number(s_.max_concurrency, "MaxConcurrencyPath", true, *effective);
    if (!max_concurrency) return handle_failure(failure_of(max_concurrency.error()));
    auto tolerated_count = map_number(s_.tolerated_failure_count, "ToleratedFailureCountPath", true, *effective);
    if (!tolerated_count) return handle_failure(failure_of(tolerated_count.error()));
    auto tolerated_percentage =
        map_number(s_.tolerated_failure_percentage, "ToleratedFailurePercentagePath", false, *effective);
    if (!tolerated_percentage) return handle_failure(failure_of(tolerated_percentage.error()));
    finish_map(items.size(), *max_concurrency, *tolerated_count, *tolerated_percentage);
  }

  // The ItemReader's items come from stateConfiguration.mapItemReaderData; false (unsupported)
  // without them.
  bool reader_items() {
    if (checked_.item_reader_data && checked_.item_reader_data->is_array()) return true;
    unsupported_ = "Map state '" + s_.name +
                   "' reads its items with an ItemReader: give them as stateConfiguration.mapItemReaderData "
                   "(a JSON array)";
    return false;
  }

  // The end of a Map in either language, once its items and numbers are known: the numbers are
  // shown, then the mock stands in for the iterations.
  void finish_map(std::size_t item_count, const std::optional<Value>& max_concurrency,
                  const std::optional<Value>& tolerated_count, const std::optional<Value>& tolerated_percentage) {
    if (tolerated_count) inspection_.set("toleratedFailureCount", *tolerated_count);
    if (tolerated_percentage) inspection_.set("toleratedFailurePercentage", *tolerated_percentage);
    inspection_.set("maxConcurrency", max_concurrency.value_or(Value(0)));

    if (request_.mock->error_output) return handle_failure(mocked_failure());
    if (auto failures = request_.state_configuration.map_iteration_failure_count; failures && *failures > 0) {
      double failed = static_cast<double>(*failures);
      double total = static_cast<double>(item_count);
      bool breached = (tolerated_count && failed > tolerated_count->as_double()) ||
                      (tolerated_percentage && total > 0 && failed * 100.0 / total > tolerated_percentage->as_double());
      if (breached) {
        return handle_failure(Failure{std::string(kToleranceExceeded),
                                      std::string("The specified tolerated failure threshold was exceeded"), false});
      }
    }
    if (s_.language == QueryLanguage::jsonata) return finish_jsonata(*checked_.mock_result);
    finish_with_result(*checked_.mock_result);
  }

  // JSONata Task, Parallel and Map: the result half as run_with_retry_and_catch runs it in
  // JSONata mode. Assign and Output read $states.input and $states.result, Output defaulting to
  // the result; their failures are the state's own, neither retried nor caught, as in an execution.
  void finish_jsonata(const Value& result) {
    JsonataScope scope = JsonataScope::of(ex_, scope_, raw(), &result);
    Object assigned;
    if (s_.jsonata_assign.present()) {
      auto done = evaluate_jsonata_assign(s_.jsonata_assign, "Assign", scope, assigned);
      if (!done) return fail(failure_of(done.error()));
    }
    auto output = jsonata_output(s_.output, "Output", scope, result);
    if (!output) return fail(failure_of(output.error()));
    apply_assigned(assigned);
    succeed(*output, next_of(s_));
  }

  // JSONata Task: Arguments (default: the input) as task_attempt builds them, shown as
  // afterArguments; then the mock's result (shown as result) or its error.
  void run_jsonata_task() {
    auto arguments = jsonata_output(s_.arguments, "Arguments", JsonataScope::of(ex_, scope_, raw()), raw());
    if (!arguments) return handle_failure(failure_of(arguments.error()));
    note("afterArguments", *arguments);
    if (request_.mock->error_output) return handle_failure(mocked_failure());
    note("result", *checked_.mock_result);
    finish_jsonata(*checked_.mock_result);
  }

  // JSONata Parallel: AWS shows only the input (recorded: no afterArguments), so, as in JSONPath
  // mode, the branches' Arguments are not evaluated.
  void run_jsonata_parallel() {
    if (request_.mock->error_output) return handle_failure(mocked_failure());
    finish_jsonata(*checked_.mock_result);
  }

  // A JSONata Map number (MaxConcurrency, ToleratedFailureCount, ToleratedFailurePercentage):
  // the literal as written, or what its expression gives.
  Expected<std::optional<Value>> jsonata_map_number(const NumberOrPath& field, std::string_view name, bool integral,
                                                    const JsonataScope& scope) {
    auto number = jsonata_number(field, name, integral, scope);
    if (!number) return std::move(number).error();
    if (!*number) return std::optional<Value>();
    if (field.literal && field.literal->is_number()) return std::optional<Value>(*field.literal);
    return std::optional<Value>(Value::number(**number));
  }

  // JSONata Map, in map_attempt's order: the items (the ItemReader's, Items, or the input), the
  // Map's numbers, then ItemSelector per item. AWS shows the input and the numbers but not the
  // items (recorded: no afterItemsPath); afterItemSelector is shown as in JSONPath mode
  // (UNCONFIRMED: no recorded JSONata Map has an ItemSelector).
  void run_jsonata_map() {
    JsonataScope scope = JsonataScope::of(ex_, scope_, raw());
    Value items = raw();
    if (s_.item_reader) {
      if (!reader_items()) return;
      items = *checked_.item_reader_data;
    } else if (s_.items.present()) {
      auto evaluated = evaluate_jsonata(s_.items, "Items", scope);
      if (!evaluated) return handle_failure(failure_of(evaluated.error()));
      items = std::move(evaluated).value();
      if (!items.is_array()) {
        return handle_failure(failure_of(s_.items.compiled != nullptr
                                             ? unexpected_result_type(*s_.items.compiled, "Items", "array", items)
                                             : query_evaluation_error("Items must be an array", "Items")));
      }
    } else if (!items.is_array()) {
      return handle_failure(
          failure_of(query_evaluation_error("Map state input must be an array but was: " + json::write(items))));
    }
    auto max_concurrency = jsonata_map_number(s_.max_concurrency, "MaxConcurrency", true, scope);
    if (!max_concurrency) return handle_failure(failure_of(max_concurrency.error()));
    auto tolerated_count = jsonata_map_number(s_.tolerated_failure_count, "ToleratedFailureCount", true, scope);
    if (!tolerated_count) return handle_failure(failure_of(tolerated_count.error()));
    auto tolerated_percentage =
        jsonata_map_number(s_.tolerated_failure_percentage, "ToleratedFailurePercentage", false, scope);
    if (!tolerated_percentage) return handle_failure(failure_of(tolerated_percentage.error()));
    if (s_.jsonata_item_selector.present()) {
      Array selected;
      for (std::size_t i = 0; i < items.size(); ++i) {
        Value context = item_context(static_cast<std::int64_t>(i), *items.at(i));
        StateScope item_scope{&context, &variables_, &ex_.entropy};
        auto built = evaluate_jsonata(s_.jsonata_item_selector, "ItemSelector", JsonataScope::of(ex_, item_scope, raw()));
        if (!built) return handle_failure(failure_of(built.error()));
        selected.push_back(std::move(built).value());
      }
      note("afterItemSelector", Value(std::move(selected)));
    }
    finish_map(items.size(), *max_concurrency, *tolerated_count, *tolerated_percentage);
  }

  // `$$` for one item's ItemSelector: the test's Context object with Map.Item added.
  Value item_context(std::int64_t index, const Value& item) const {
    Value context = *ex_.context_override;
    if (context.is_object()) {
      context.mutable_object().set("Map", Value(Object{{"Item", Value(Object{{"Index", Value(index)}, {"Value", item}})}}));
    }
    return context;
  }

  const TestStateRequest& request_;
  const State& s_;
  const StateMachine& owner_;
  const CheckedRequest& checked_;
  Case case_;
  ExecOptions options_;
  Execution ex_;
  VariableScope variables_;
  StateScope scope_;
  Object inspection_;
  Object error_details_;
  Object shown_variables_;
  TestStateResponse response_;
  std::string unsupported_;
};

}  // namespace

}  // namespace asl::exec

namespace asl {

TestStateOutcome test_state(const TestStateRequest& request, std::uint64_t seed) {
  TestStateOutcome outcome;
  auto refused = [&](TestStateApiError e) {
    outcome.kind = TestStateOutcome::Kind::api_error;
    outcome.api_error = std::move(e);
    return outcome;
  };
  TestStateApiError error;
  auto target = exec::load_state_under_test(request, error);
  if (!target) return refused(std::move(error));
  auto checked = exec::check_request(request, *target, error);
  if (!checked) return refused(std::move(error));

  const State& s = *target->state;
  outcome.kind = TestStateOutcome::Kind::unsupported;
  if (!checked->mock_unverifiable.empty()) {
    outcome.message = checked->mock_unverifiable;
    return outcome;
  }
  if (s.type == StateType::task && !request.mock) {
    outcome.message = "Task state '" + s.name + "' without a mock calls " + s.resource +
                      ": the interpreter does not call AWS services (give a mock)";
    return outcome;
  }
  exec::Run run(request, *target, *checked, seed);
  TestStateResponse response = run.run();
  if (!run.unsupported().empty()) {
    outcome.message = run.unsupported();
    return outcome;
  }
  outcome.kind = TestStateOutcome::Kind::response;
  outcome.response = std::move(response);
  return outcome;
}

}  // namespace asl
