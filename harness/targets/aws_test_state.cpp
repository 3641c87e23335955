// aws_test_state.cpp — runs a one-state Task case through TestState: which cases fit, each attempt's mock, and the Result an execution would give.
#include "targets/aws_test_state.h"

#include <algorithm>

#include "asl/exec.h"
#include "asl/json.h"
#include "asl/machine.h"
#include "targets/aws_task_rewrite.h"

namespace aslcheck {

namespace {

// The entered event of the one state of a one-state execution: ExecutionStarted is #1.
constexpr std::int64_t kEnteredEventId = 2;

std::string text_of(const asl::Value* v) { return v != nullptr && v->is_string() ? v->as_string() : std::string(); }

// The one state of a one-state definition: its name and JSON (nothing for any other definition).
struct OneState {
  std::string name;
  const asl::Value* json = nullptr;
};
std::optional<OneState> one_state(const asl::Value& definition) {
  const asl::Value* states = definition.get("States");
  if (states == nullptr || !states->is_object() || states->as_object().size() != 1) return std::nullopt;
  const asl::Member& m = *states->as_object().begin();
  return OneState{m.key, &m.value};
}

// Whether an error name is caught by ErrorEquals, as the reference matches retriers
// (exec/retry_catch.cpp): States.ALL and States.TaskFailed never match States.Runtime or
// States.DataLimitExceeded, and States.TaskFailed does not match States.Timeout. Used only to
// guess which retrier's count to send; the response's errorDetails.retryIndex corrects a guess.
bool error_matches(const asl::Value& error_equals, const std::string& name) {
  if (!error_equals.is_array()) return false;
  const bool never_wildcarded = name == "States.Runtime" || name == "States.DataLimitExceeded";
  for (const asl::Value& e : error_equals.as_array()) {
    const std::string pattern = text_of(&e);
    if (pattern == name) return true;
    if (pattern == "States.ALL" && !never_wildcarded) return true;
    if (pattern == "States.TaskFailed" && name != "States.Timeout" && !never_wildcarded) return true;
  }
  return false;
}

std::optional<std::size_t> matching_retrier(const asl::Value* retry, const std::string& error) {
  if (retry == nullptr || !retry->is_array()) return std::nullopt;
  std::size_t index = 0;
  for (const asl::Value& retrier : retry->as_array()) {
    const asl::Value* equals = retrier.get("ErrorEquals");
    if (equals != nullptr && error_matches(*equals, error)) return index;
    ++index;
  }
  return std::nullopt;
}

// The step of invocation `attempt`, counting each step `times` times.
const asl::TaskStep* step_for(const std::vector<asl::TaskStep>& script, std::int64_t attempt) {
  for (const asl::TaskStep& step : script) {
    if (attempt < step.times) return &step;
    attempt -= step.times;
  }
  return nullptr;
}

// Whether the definition reads the Context object anywhere (a `$$` path or $states.context).
bool reads_context(const asl::Value& definition) {
  std::string text = asl::json::write(definition);
  return text.find("$$") != std::string::npos || text.find("$states.context") != std::string::npos;
}

// The Context object of the execution the case would be (exec/execution.cpp's shape): TestState
// would otherwise show its own ("StateName", a TestState-<uuid> machine, the retrier's count).
asl::Value execution_context(const asl::Case& c, const std::string& state_name, const asl::Value& state,
                             const TestStateIdentity& id, std::int64_t retry_count) {
  const std::string arn_prefix = "arn:aws:states:" + id.region + ":" + id.account + ":";
  asl::Object execution;
  if (c.type == asl::MachineType::express) {
    // Started with StartSyncExecution: no RedriveCount (recorded).
    execution.append_unique("Id", asl::Value(arn_prefix + "express:" + id.machine_name + ":" + id.execution_name + ":" +
                                             id.execution_name));
    execution.append_unique("Input", c.input);
    execution.append_unique("Name", asl::Value(id.execution_name));
    execution.append_unique("RoleArn", asl::Value(id.role_arn));
    execution.append_unique("StartTime", asl::Value(id.start_time));
  } else {
    execution.append_unique("Id", asl::Value(arn_prefix + "execution:" + id.machine_name + ":" + id.execution_name));
    execution.append_unique("Input", c.input);
    execution.append_unique("StartTime", asl::Value(id.start_time));
    execution.append_unique("Name", asl::Value(id.execution_name));
    execution.append_unique("RoleArn", asl::Value(id.role_arn));
    execution.append_unique("RedriveCount", asl::Value(0));
  }
  asl::Object context;
  context.append_unique("Execution", asl::Value(std::move(execution)));
  context.append_unique("StateMachine", asl::Value(asl::Object{{"Id", asl::Value(arn_prefix + "stateMachine:" + id.machine_name)},
                                                               {"Name", asl::Value(id.machine_name)}}));
  context.append_unique("State", asl::Value(asl::Object{{"Name", asl::Value(state_name)},
                                                        {"EnteredTime", asl::Value(id.start_time)},
                                                        {"RetryCount", asl::Value(retry_count)}}));
  if (text_of(state.get("Resource")).ends_with(".waitForTaskToken")) {
    context.append_unique("Task", asl::Value(asl::Object{{"Token", asl::Value("aslcheck-" + id.execution_name)}}));
  }
  return asl::Value(std::move(context));
}

std::string number_text(double v) { return asl::json::write(asl::Value::number(v)); }

asl::Result target_error(std::string message) {
  asl::Result r;
  r.status = asl::Status::target_error;
  r.message = std::move(message);
  return r;
}

// A deadline field of the state: absent, a literal number, or known only at run time (a *Path
// field or a JSONata expression).
enum class Deadline : std::uint8_t { none, literal, runtime };
Deadline deadline_of(const asl::Value& state, const std::string& key) {
  if (const asl::Value* v = state.get(key)) return v->is_number() ? Deadline::literal : Deadline::runtime;
  if (state.get(key + "Path") != nullptr) return Deadline::runtime;
  return Deadline::none;
}

}  // namespace

std::optional<std::string> test_state_unsuitable(const asl::Case& c) {
  asl::ValidationOptions validation;
  validation.type = c.type;
  for (const asl::Diagnostic& d : asl::validate(c.definition, validation)) {
    if (d.severity == "ERROR") {
      return "the definition is invalid (" + d.code + "): the diagnostics of ValidateStateMachineDefinition are compared";
    }
  }
  auto one = one_state(c.definition);
  if (!one) return "the machine has more than one state (TestState runs one state)";
  const asl::Value& state = *one->json;
  const std::string where = "state '" + one->name + "'";
  const std::string type = text_of(state.get("Type"));
  if (type != "Task") {
    return where + " is a " + type + " state: only a Task state takes its TestState mock from the task script";
  }
  if (state.get("Next") != nullptr) return where + " goes on to itself: the execution runs it again, TestState answers once";
  if (state.get("Catch") != nullptr) {
    return where + " has a Catch, which in a one-state machine leads back to the state: the execution runs it again";
  }
  if (c.context.is_object()) {
    for (const asl::Member& m : c.context.as_object()) {
      if (m.key != "executionName") return "the case fixes context." + m.key;
    }
  }
  auto script = c.tasks.find(one->name);
  if (script == c.tasks.end() || script->second.empty()) return where + " has no task script to mock it with";

  // TestState does not wait: what a real clock decides in an execution cannot be shown.
  const bool durations = std::any_of(script->second.begin(), script->second.end(),
                                     [](const asl::TaskStep& s) { return s.seconds > 0; });
  for (const std::string key : {"TimeoutSeconds", "HeartbeatSeconds"}) {
    Deadline d = deadline_of(state, key);
    if (d == Deadline::runtime) {
      return where + "'s " + key + " is computed at run time: an execution evaluates it (a bad one fails the state), "
             "TestState does not";
    }
    if (d != Deadline::literal) continue;
    // A duration well inside the deadline leaves the outcome alone (as the rewrite, within the
    // clock margin an execution's outcome is a race).
    const double deadline = state.get(key)->as_double();
    for (const asl::TaskStep& step : script->second) {
      if (step.seconds > 0 && step.seconds + kAwsClockMargin > deadline) {
        return where + ": a scripted duration of " + number_text(step.seconds) + " s reaches its " + key + " of " +
               number_text(deadline) + " s (or comes within " + number_text(kAwsClockMargin) +
               " s of it), and TestState does not wait";
      }
    }
  }
  const asl::Value* retry = state.get("Retry");
  const bool retries = retry != nullptr && retry->is_array() && retry->size() > 0;
  if (c.definition.get("TimeoutSeconds") != nullptr && (durations || retries)) {
    return "the machine's TimeoutSeconds runs on the clock (scripted durations or Retry delays), and TestState does not wait";
  }
  if (durations || retries) {
    // Retry delays and durations can still reach the Express limit of five minutes.
    asl::Result reference = asl::execute(c);
    if (reference.status == asl::Status::timed_out) {
      return "the execution times out on the clock in the reference, and TestState does not wait";
    }
  }
  return std::nullopt;
}

std::optional<asl::Value> test_state_mock(const std::vector<asl::TaskStep>& script, std::int64_t attempt) {
  const asl::TaskStep* step = step_for(script, attempt);
  if (step == nullptr) return std::nullopt;
  asl::Object mock;
  if (step->action == asl::TaskStep::Action::throw_error) {
    asl::Object error{{"error", asl::Value(step->error)}};
    if (step->cause) error.append_unique("cause", asl::Value(*step->cause));
    mock.append_unique("errorOutput", asl::Value(std::move(error)));
  } else {
    mock.append_unique("result", asl::Value(asl::json::write(step->result)));
  }
  mock.append_unique("fieldValidationMode", asl::Value("NONE"));
  return asl::Value(std::move(mock));
}

asl::Expected<asl::Result> run_through_test_state(const asl::Case& c, const TestStateIdentity& identity,
                                                  const TestStateCall& call, TestStateRunStats* stats) {
  auto one = one_state(c.definition);
  if (!one) return target_error("not a one-state machine");
  const asl::Value& state = *one->json;
  const asl::Value* retry = state.get("Retry");
  const std::size_t retriers = retry != nullptr && retry->is_array() ? retry->size() : 0;
  const auto script_it = c.tasks.find(one->name);
  static const std::vector<asl::TaskStep> kNoScript;
  const std::vector<asl::TaskStep>& script = script_it != c.tasks.end() ? script_it->second : kNoScript;
  const bool with_context = reads_context(c.definition);
  const std::string definition = asl::json::write(c.definition);
  const std::string input = asl::json::write(c.input);

  std::vector<std::int64_t> retried(retriers, 0);  // retries made by each retrier so far
  std::optional<std::size_t> last_retrier;
  for (std::int64_t attempt = 0;; ++attempt) {
    auto mock = test_state_mock(script, attempt);
    if (!mock) {
      return target_error("Task state '" + one->name + "' has no scripted step for invocation " + std::to_string(attempt + 1));
    }
    const asl::TaskStep& step = *step_for(script, attempt);
    // The retrier that will match decides retrierRetryCount: the thrown error's, else (a failure
    // of the state's own processing) the one that matched last.
    std::optional<std::size_t> guess = step.action == asl::TaskStep::Action::throw_error
                                           ? matching_retrier(retry, step.error)
                                           : last_retrier;
    std::int64_t sent = guess ? retried[*guess] : 0;
    asl::Value response;
    for (int round = 0;; ++round) {
      asl::Object request{{"definition", asl::Value(definition)},
                          {"stateName", asl::Value(one->name)},
                          {"input", asl::Value(input)},
                          {"inspectionLevel", asl::Value("DEBUG")},
                          {"mock", *mock}};
      if (!identity.role_arn.empty()) request.append_unique("roleArn", asl::Value(identity.role_arn));
      if (retriers > 0) {
        request.append_unique("stateConfiguration", asl::Value(asl::Object{{"retrierRetryCount", asl::Value(sent)}}));
      }
      if (with_context) {
        request.append_unique("context", asl::Value(asl::json::write(execution_context(c, one->name, state, identity, attempt))));
      }
      auto answered = call(asl::Value(std::move(request)));
      if (!answered) return std::move(answered).error();
      if (stats != nullptr) ++stats->calls;
      response = std::move(answered).value();
      const asl::Value* inspection = response.get("inspectionData");
      const asl::Value* details = inspection != nullptr ? inspection->get("errorDetails") : nullptr;
      const asl::Value* index = details != nullptr ? details->get("retryIndex") : nullptr;
      last_retrier.reset();
      if (index != nullptr && index->is_integer() && index->as_int() >= 0 &&
          static_cast<std::size_t>(index->as_int()) < retriers) {
        last_retrier = static_cast<std::size_t>(index->as_int());
      }
      // A wrong guess sent another retrier's count: ask again with the right one.
      if (last_retrier && retried[*last_retrier] != sent && round == 0) {
        sent = retried[*last_retrier];
        continue;
      }
      break;
    }

    const std::string status = text_of(response.get("status"));
    const asl::Value* error = response.get("error");
    const asl::Value* cause = response.get("cause");
    if (status == "RETRIABLE") {
      if (!last_retrier) return target_error("TestState answered RETRIABLE without errorDetails.retryIndex");
      ++retried[*last_retrier];
      continue;
    }
    asl::Result result;
    result.trace.push_back(one->name);
    if (status == "SUCCEEDED") {
      const asl::Value* output = response.get("output");
      auto parsed = asl::json::read(output != nullptr && output->is_string() ? output->as_string() : "null");
      if (!parsed) return target_error("TestState's output is not JSON: " + parsed.error().message);
      result.status = asl::Status::succeeded;
      result.output = std::move(parsed).value();
      return result;
    }
    if (status != "FAILED") {
      // CAUGHT_ERROR cannot happen for a state without a Catch.
      return target_error("TestState answered " + (status.empty() ? std::string("no status") : status) +
                          " for Task state '" + one->name + "'");
    }
    result.status = asl::Status::failed;
    result.error = text_of(error);
    std::optional<std::string> reported;
    if (cause != nullptr && cause->is_string()) reported = cause->as_string();
    const bool mocked = step.action == asl::TaskStep::Action::throw_error && step.error == *result.error &&
                        step.cause == reported;
    if (mocked) {
      result.cause = reported;
    } else {
      // The state's own processing failed: an execution names the state and its entered event.
      result.cause = "An error occurred while executing the state '" + one->name + "' (entered at the event id #" +
                     std::to_string(kEnteredEventId) + "). " + reported.value_or("");
    }
    return result;
  }
}

std::int64_t expected_test_state_calls(const asl::Case& c) {
  if (test_state_unsuitable(c)) return 0;
  asl::Result reference = asl::execute(c);
  return 1 + static_cast<std::int64_t>(reference.retries.size());
}

}  // namespace aslcheck
