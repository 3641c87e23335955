// task.cpp — Task states driven by the case's task script, with AWS's event shapes and timeouts.
#include <algorithm>

#include "asl/json.h"
#include "exec/jsonata_fields.h"
#include "exec/retry_catch.h"

namespace asl::exec {

namespace {

enum class ResourceKind : std::uint8_t { lambda_function, service, activity };

struct ResourceInfo {
  ResourceKind kind = ResourceKind::service;
  std::string type;    // TaskScheduled.resourceType: "lambda", "sqs", ...
  std::string action;  // TaskScheduled.resource: "invoke", "sendMessage.waitForTaskToken", ...
  bool callback = false;
  bool sync = false;
};

ResourceInfo describe(const std::string& resource) {
  ResourceInfo info;
  if (resource.rfind("arn:aws:lambda:", 0) == 0) {
    info.kind = ResourceKind::lambda_function;
    return info;
  }
  if (resource.find(":activity:") != std::string::npos) {
    info.kind = ResourceKind::activity;
    return info;
  }
  constexpr std::string_view prefix = "arn:aws:states:::";
  std::string rest = resource.rfind(prefix, 0) == 0 ? resource.substr(prefix.size()) : resource;
  auto colon = rest.rfind(':');
  // `.sync:2` (startExecution's JSON-output form) is part of the action: resourceType "states",
  // resource "startExecution.sync:2".
  if (colon != std::string::npos && colon > 0 && colon + 1 < rest.size() &&
      rest.find_first_not_of("0123456789", colon + 1) == std::string::npos &&
      std::string_view(rest).substr(0, colon).ends_with(".sync")) {
    colon = rest.rfind(':', colon - 1);
  }
  info.type = colon == std::string::npos ? rest : rest.substr(0, colon);
  info.action = colon == std::string::npos ? std::string() : rest.substr(colon + 1);
  info.callback = info.action.ends_with(".waitForTaskToken");
  info.sync = info.action.ends_with(".sync") || info.action.find(".sync:") != std::string::npos;
  return info;
}

Value details(std::initializer_list<Member> members) { return Value(Object(members)); }

Value payload(const Value& v) { return Value(json::write(v)); }

// The scripted step for this invocation of the state in this branch or iteration.
const TaskStep* scripted_step(Execution& ex, Frame& frame, const State& s, std::int64_t& invocation) {
  invocation = ex.task_invocations[frame.scope_key + "|" + s.name]++;
  auto it = ex.the_case.tasks.find(s.name);
  if (it == ex.the_case.tasks.end()) return nullptr;
  std::int64_t seen = 0;
  for (const TaskStep& step : it->second) {
    seen += step.times;
    if (invocation < seen) return &step;
  }
  return nullptr;
}

// TimeoutSeconds / HeartbeatSeconds and their Path forms, read against the effective input.
Expected<std::optional<double>> seconds_field(const NumberOrPath& field, const Value& effective, const StateScope& scope) {
  if (field.literal) return std::optional<double>(field.literal->as_double());
  if (!field.path) return std::optional<double>();
  auto v = jsonpath::evaluate(*field.path, scope.with_input(effective));
  if (!v) {
    return Error{std::string(kStatesRuntime), "Invalid path '" + field.path->text() + "' : " + v.error().message, {}};
  }
  if (!v->is_number() || !v->is_integral() || v->as_double() <= 0) {
    // AWS's wording for a non-positive or non-integer timeout is not recorded: UNCONFIRMED.
    return Error{std::string(kStatesRuntime),
                 "The field " + field.path->text() + " must reference a positive integer, found " + json::write(*v), {}};
  }
  return std::optional<double>(v->as_double());
}

Task<Attempt> task_attempt(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id,
                           std::int64_t retry_count) {
  ResourceInfo info = describe(s.resource);
  std::string token;
  if (info.callback) token = ex.entropy.uuid_v4();  // what $$.Task.Token reads
  Value context = ex.context_object(s, ex.now(), retry_count, nullptr, nullptr, info.callback ? &token : nullptr);
  StateScope scope{&context, frame.variables, &ex.entropy};
  auto runtime_failure = [&](const Error& e) {
    return Attempt{false, false, Value(), evaluation_failure(ex, frame, s, e, entered_id)};
  };

  // What the task is sent (Parameters, or JSONata Arguments) and its time limits.
  Value parameters;
  Expected<std::optional<double>> timeout = std::optional<double>();
  Expected<std::optional<double>> heartbeat = std::optional<double>();
  if (s.language == QueryLanguage::jsonata) {
    JsonataScope js = JsonataScope::of(ex, scope, raw);
    auto arguments = jsonata_output(s.arguments, "Arguments", js, raw);
    if (!arguments) co_return runtime_failure(arguments.error());
    parameters = std::move(arguments).value();
    timeout = jsonata_number(s.timeout_seconds, "TimeoutSeconds", true, js);
    if (timeout) heartbeat = jsonata_number(s.heartbeat_seconds, "HeartbeatSeconds", true, js);
  } else {
    auto effective = apply_filter_path(s.input_path, raw, scope);
    if (!effective) co_return runtime_failure(effective.error());
    parameters = *effective;
    if (s.parameters) {
      auto built = apply_template(*s.parameters, *effective, scope);
      if (!built) co_return runtime_failure(built.error());
      parameters = std::move(built).value();
    }
    timeout = seconds_field(s.timeout_seconds, *effective, scope);
    if (timeout) heartbeat = seconds_field(s.heartbeat_seconds, *effective, scope);
  }
  if (!timeout) co_return runtime_failure(timeout.error());
  if (!heartbeat) co_return runtime_failure(heartbeat.error());

  // Scheduled and Started, shaped per kind of resource. Their details (and the JSON text of the
  // payloads in them) are built only when the history is kept.
  const bool keep = ex.records_history(frame);
  std::string family;
  if (info.kind == ResourceKind::lambda_function) {
    family = "LambdaFunction";
    if (keep) {
      Object d{{"resource", Value(s.resource)}, {"input", payload(parameters)},
               {"inputDetails", details({{"truncated", Value(false)}})}};
      if (*timeout) d.append_unique("timeoutInSeconds", Value::number(**timeout));
      ex.add_event(frame, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", Value(std::move(d)));
    } else {
      ex.add_event(frame, "LambdaFunctionScheduled");
    }
    ex.add_event(frame, "LambdaFunctionStarted");
  } else if (info.kind == ResourceKind::activity) {
    family = "Activity";
    if (keep) {
      Object d{{"resource", Value(s.resource)}, {"input", payload(parameters)},
               {"inputDetails", details({{"truncated", Value(false)}})}};
      if (*timeout) d.append_unique("timeoutInSeconds", Value::number(**timeout));
      if (*heartbeat) d.append_unique("heartbeatInSeconds", Value::number(**heartbeat));
      ex.add_event(frame, "ActivityScheduled", "activityScheduledEventDetails", Value(std::move(d)));
      ex.add_event(frame, "ActivityStarted", "activityStartedEventDetails",
                   details({{"workerName", Value("aslcheck-worker")}}));
    } else {
      ex.add_event(frame, "ActivityScheduled");
      ex.add_event(frame, "ActivityStarted");
    }
  } else {
    family = "Task";
    if (keep) {
      Object d{{"resourceType", Value(info.type)}, {"resource", Value(info.action)}, {"region", Value(ex.region)},
               {"parameters", payload(parameters)}};
      if (*timeout) d.append_unique("timeoutInSeconds", Value::number(**timeout));
      if (*heartbeat) d.append_unique("heartbeatInSeconds", Value::number(**heartbeat));
      ex.add_event(frame, "TaskScheduled", "taskScheduledEventDetails", Value(std::move(d)));
      ex.add_event(frame, "TaskStarted", "taskStartedEventDetails",
                   details({{"resourceType", Value(info.type)}, {"resource", Value(info.action)}}));
    } else {
      ex.add_event(frame, "TaskScheduled");
      ex.add_event(frame, "TaskStarted");
    }
  }
  // The event's type, and its details key and value (null when the history is not kept).
  auto event_details = [&](std::string_view suffix, Object extra) {
    std::string key = family;
    key[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(key[0])));
    if (!keep) return std::pair(family + std::string(suffix), std::pair(key + std::string(suffix) + "EventDetails", Value()));
    Object d;
    if (info.kind == ResourceKind::service) {
      d.append_unique("resourceType", Value(info.type));
      d.append_unique("resource", Value(info.action));
    }
    for (const Member& m : extra) d.append_unique(m.key, m.value);
    return std::pair(family + std::string(suffix), std::pair(key + std::string(suffix) + "EventDetails", Value(std::move(d))));
  };

  std::int64_t invocation = 0;
  const TaskStep* step = scripted_step(ex, frame, s, invocation);
  bool answered_outside = step == nullptr && ex.live && (info.callback || info.kind == ResourceKind::activity);
  if (step == nullptr && !answered_outside) {
    if (!ex.case_error) {
      ex.case_error = "Task state '" + s.name + "' has no scripted step for invocation " + std::to_string(invocation) +
                      " (add it to the case's \"tasks\")";
    }
    co_return Attempt{false, true, Value(), {}};
  }
  if (info.callback || info.sync) {
    auto [type, rest] = event_details("Submitted", keep ? Object{{"output", payload(Value(Object{}))},
                                                                 {"outputDetails", details({{"truncated", Value(false)}})}}
                                                        : Object{});
    ex.add_event(frame, type, rest.first, rest.second);
  }
  auto timed_out = [&] {
    auto [type, rest] = event_details("TimedOut", Object{{"error", Value(kStatesTimeout)}});
    ex.add_event(frame, type, rest.first, rest.second);
    return Attempt{false, false, Value(), Failure{std::string(kStatesTimeout), std::nullopt, false}};
  };
  auto failed = [&](const std::string& error, const std::optional<std::string>& cause) {
    Object extra{{"error", Value(error)}};
    if (cause) extra.append_unique("cause", Value(*cause));
    auto [type, rest] = event_details("Failed", std::move(extra));
    ex.add_event(frame, type, rest.first, rest.second);
    return Attempt{false, false, Value(), Failure{error, cause, false}};
  };
  auto succeeded = [&](const Value& output) {
    auto [type, rest] = event_details("Succeeded", keep ? Object{{"output", payload(output)},
                                                                 {"outputDetails", details({{"truncated", Value(false)}})}}
                                                        : Object{});
    ex.add_event(frame, type, rest.first, rest.second);
    return Attempt{true, false, output, {}};
  };
  bool heartbeat_applies = info.callback || info.kind == ResourceKind::activity;
  std::optional<double> heartbeat_limit = heartbeat_applies ? *heartbeat : std::nullopt;

  if (answered_outside) {
    if (token.empty()) token = ex.entropy.uuid_v4();
    PendingAnswer& pending = ex.pending_answers[token];
    pending.state = s.name;
    pending.input = parameters;
    pending.heartbeat_seconds = heartbeat_limit;
    double started = ex.scheduler.now();
    pending.last_beat = started;
    for (;;) {
      // Without TimeoutSeconds a callback waits as long as the execution may run (a year).
      double until = started + (*timeout ? **timeout : kLongestExecutionSeconds);
      if (heartbeat_limit) until = std::min(until, pending.last_beat + *heartbeat_limit);
      co_await CancelGroup::sleep_in(ex.scheduler, frame.cancel, until - ex.scheduler.now(), &pending.ticket);
      if (frame.cancelled()) {
        ex.pending_answers.erase(token);
        co_return Attempt{false, true, Value(), {}};
      }
      if (pending.answer == PendingAnswer::Answer::success) {
        Value output = pending.output;
        ex.pending_answers.erase(token);
        co_return succeeded(output);
      }
      if (pending.answer == PendingAnswer::Answer::failure) {
        std::string error = pending.error.value_or("");
        std::optional<std::string> cause = pending.cause;
        ex.pending_answers.erase(token);
        co_return failed(error, cause);
      }
      if (ex.scheduler.now() >= until) {
        ex.pending_answers.erase(token);
        co_return timed_out();
      }
      // Woken by a heartbeat: the heartbeat clock starts again.
    }
  }

  // A scripted worker answers after `seconds`; each scripted heartbeat before its answer restarts
  // the HeartbeatSeconds clock, and TimeoutSeconds still applies (asl-facts.md, Callback).
  std::optional<double> limit = *timeout;
  if (heartbeat_limit) {
    double expires = *heartbeat_limit;
    for (double beat : step->heartbeats) {
      if (beat >= step->seconds || beat > expires) break;
      expires = beat + *heartbeat_limit;
    }
    if (!limit || expires < *limit) limit = expires;
  }
  if (limit && step->seconds > *limit) {
    co_await ex.sleep(frame, *limit);
    if (frame.cancelled()) co_return Attempt{false, true, Value(), {}};
    co_return timed_out();
  }
  co_await ex.sleep(frame, step->seconds);
  if (frame.cancelled()) co_return Attempt{false, true, Value(), {}};
  if (step->action == TaskStep::Action::throw_error) co_return failed(step->error, step->cause);
  co_return succeeded(step->result);
}

}  // namespace

Task<StateOutcome> run_task_state(Execution& ex, Frame& frame, const State& s, const Value& raw, std::int64_t entered_id) {
  co_return co_await run_with_retry_and_catch(
      ex, frame, s, raw, entered_id, {},
      [&ex, &frame, &s, &raw, entered_id](std::int64_t retry_count) {
        return task_attempt(ex, frame, s, raw, entered_id, retry_count);
      });
}

}  // namespace asl::exec
