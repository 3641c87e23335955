// build_task.cpp — Task states with realistic resources and responses, their scripts, Retry/Catch and timeouts.
#include <algorithm>

#include "asl/json.h"
#include "builder.h"

namespace aslgen::detail {
namespace {

enum class Resource { lambda_invoke, lambda_arn, sns_publish, dynamodb_put, sqs_send, callback };

const char* const kLambdaErrors[] = {"Lambda.ServiceException", "Lambda.TooManyRequestsException", "Lambda.Unknown"};
const char* const kOtherErrors[] = {"States.TaskFailed", "Custom.Declined", "App.ValidationError"};

std::string lambda_cause(Rng& rng, const std::string& error) {
  asl::Object cause{{"errorMessage", asl::Value(rng.coin() ? "Rate exceeded" : "boom")},
                    {"errorType", asl::Value(error.substr(error.find('.') + 1))},
                    {"requestId", asl::Value("c0ffee00-0000-4000-8000-00000000000" + std::to_string(rng.below(10)))},
                    {"stackTrace", asl::Value(asl::Array{})}};
  return asl::json::write(asl::Value(std::move(cause)));
}

asl::Value response(Rng& rng, Resource r, const asl::Value& payload) {
  static const asl::Value kMetadata(asl::Object{{"HttpStatusCode", asl::Value(200)}});
  switch (r) {
    case Resource::lambda_invoke:
      return asl::Value(asl::Object{{"ExecutedVersion", asl::Value("$LATEST")},
                                    {"Payload", payload},
                                    {"SdkHttpMetadata", kMetadata},
                                    {"StatusCode", asl::Value(200)}});
    case Resource::sns_publish:
      return asl::Value(asl::Object{{"MessageId", asl::Value("a1b2c3d4-0000-4000-8000-00000000000" + std::to_string(rng.below(10)))},
                                    {"SdkHttpMetadata", kMetadata},
                                    {"SdkResponseMetadata", asl::Value(asl::Object{{"RequestId", asl::Value("req-1")}})}});
    case Resource::dynamodb_put:
      return asl::Value(asl::Object{{"SdkHttpMetadata", kMetadata},
                                    {"SdkResponseMetadata", asl::Value(asl::Object{{"RequestId", asl::Value("req-2")}})}});
    case Resource::sqs_send:
      return asl::Value(asl::Object{{"MD5OfMessageBody", asl::Value("9e107d9d372bb6826bd81d3542a419d6")},
                                    {"MessageId", asl::Value("m-" + std::to_string(rng.below(1000)))}});
    case Resource::lambda_arn:
    case Resource::callback:
      return payload;
  }
  return payload;
}

// A JSONata Task's Arguments for its resource: constants, expressions over $states.input,
// $states.context and variables; sometimes one that fails (a catchable QueryEvaluationError).
void jsonata_arguments(Builder& b, BlockEnv& env, asl::Object& state, Resource r, const std::string& fn) {
  JaScope scope = b.ja_scope_of(env);
  Rng& rng = b.rng;
  auto text = [&](Ty type) { return braces(jsonata_expression(rng, scope, type, b.tags).text); };
  switch (r) {
    case Resource::lambda_invoke: {
      state.set("Resource", asl::Value("arn:aws:states:::lambda:invoke"));
      asl::Object a{{"FunctionName", asl::Value(fn)}};
      if (rng.chance(b.w.io_fields)) a.set("Payload", jsonata_template(rng, scope, rng.between(1, 3), b.tags));
      else a.set("Payload", braces("$states.input"));
      state.set("Arguments", asl::Value(std::move(a)));
      b.tag("resource:lambda-invoke");
      break;
    }
    case Resource::lambda_arn:
      state.set("Resource", asl::Value(fn));
      if (rng.chance(b.w.io_fields)) {
        state.set("Arguments", rng.coin() ? jsonata_template(rng, scope, rng.between(1, 3), b.tags) : text(Ty::object));
      }
      b.tag("resource:lambda-arn");
      break;
    case Resource::sns_publish:
      state.set("Resource", asl::Value("arn:aws:states:::sns:publish"));
      state.set("Arguments", asl::Value(asl::Object{{"TopicArn", asl::Value("arn:aws:sns:us-east-1:123456789012:orders")},
                                                    {"Message", text(Ty::string)}}));
      b.tag("resource:sns-publish");
      break;
    case Resource::dynamodb_put:
      state.set("Resource", asl::Value("arn:aws:states:::dynamodb:putItem"));
      state.set("Arguments",
                asl::Value(asl::Object{{"TableName", asl::Value("orders")},
                                       {"Item", asl::Value(asl::Object{{"pk", asl::Value(asl::Object{
                                                    {"S", braces("'order-' & $states.context.Execution.Name")}})}})}}));
      b.tag("resource:dynamodb-putItem");
      b.tag("jsonata:context");
      break;
    case Resource::sqs_send:
      state.set("Resource", asl::Value("arn:aws:states:::sqs:sendMessage"));
      state.set("Arguments", asl::Value(asl::Object{
                                 {"QueueUrl", asl::Value("https://sqs.us-east-1.amazonaws.com/123456789012/orders")},
                                 {"MessageBody", braces("$states.input")}}));
      b.tag("resource:sqs-sendMessage");
      break;
    case Resource::callback:
      state.set("Resource", asl::Value("arn:aws:states:::sqs:sendMessage.waitForTaskToken"));
      state.set("Arguments", asl::Value(asl::Object{
                                 {"QueueUrl", asl::Value("https://sqs.us-east-1.amazonaws.com/123456789012/approvals")},
                                 {"MessageBody", asl::Value(asl::Object{{"token", braces("$states.context.Task.Token")},
                                                                        {"input", braces("$states.input")}})}}));
      b.tag("callback");
      break;
  }
  if (rng.chance(b.w.jsonata_errors)) {
    // An Arguments member that evaluates to nothing: a QueryEvaluationError before the task runs.
    asl::Object a;
    if (const asl::Value* have = state.find("Arguments"); have != nullptr && have->is_object()) a = have->as_object();
    a.set("broken", braces(jsonata_failing(rng, scope, JaFailure::undefined, b.tags)));
    state.set("Arguments", asl::Value(std::move(a)));
  }
  if (state.find("Arguments") != nullptr) b.tag("jsonata:Arguments");
}

}  // namespace

void Builder::add_retry_catch(BlockEnv& env, asl::Object& state, const std::string& name,
                              const std::vector<std::string>& errors, const std::vector<std::string>& later,
                              std::vector<StateOut>& side, std::int64_t& attempts_bound) {
  auto error_list = [&](bool may_be_all) {
    if (may_be_all && rng.below(3) == 0) return asl::Array{asl::Value("States.ALL")};
    asl::Array list;
    int n = rng.between(1, 2);
    for (int i = 0; i < n; ++i) {
      std::string e = rng.below(4) == 0 ? (rng.coin() ? "States.TaskFailed" : "States.Timeout") : rng.pick(errors);
      if (std::find(list.begin(), list.end(), asl::Value(e)) == list.end()) list.emplace_back(e);
    }
    return list;
  };
  if (rng.chance(w.retry)) {
    tag("retry");
    asl::Array retriers;
    int n = rng.between(1, 3);
    for (int i = 0; i < n; ++i) {
      asl::Object r;
      r.set("ErrorEquals", asl::Value(error_list(i == n - 1)));
      if (rng.coin()) r.set("IntervalSeconds", asl::Value(static_cast<std::int64_t>(rng.between(1, 5))));
      std::int64_t attempts = 3;
      if (rng.below(4) != 0) {
        attempts = rng.between(0, 3);
        r.set("MaxAttempts", asl::Value(attempts));
      }
      attempts_bound += attempts;
      if (rng.coin()) {
        static const double kRates[] = {1.0, 1.5, 2.0, 2.5};
        double rate = rng.pick(kRates);
        r.set("BackoffRate", rate == 2.0 && rng.coin() ? asl::Value(2) : asl::Value(rate));
        tag("retry:BackoffRate");
      }
      if (rng.below(4) == 0) {
        r.set("MaxDelaySeconds", asl::Value(static_cast<std::int64_t>(rng.between(1, 6))));
        tag("retry:MaxDelaySeconds");
      }
      if (rng.below(4) == 0) {
        r.set("JitterStrategy", asl::Value(rng.coin() ? "FULL" : "NONE"));
        tag("retry:JitterStrategy");
      }
      retriers.emplace_back(std::move(r));
    }
    state.set("Retry", asl::Value(std::move(retriers)));
  }
  if (rng.chance(w.catch_)) {
    tag("catch");
    asl::Array catchers;
    int n = rng.between(1, 2);
    for (int i = 0; i < n; ++i) {
      asl::Object c;
      asl::Array caught = error_list(i == n - 1);
      if (ja && rng.below(4) == 0 && !(caught[0] == asl::Value("States.ALL"))) {
        caught.emplace_back("States.QueryEvaluationError");
        tag("catch:States.QueryEvaluationError");
      }
      c.set("ErrorEquals", asl::Value(std::move(caught)));
      int where;
      std::string error_at;
      if (ja) {
        error_at = jsonata_catcher(env, c, name);
        where = error_at == "$" ? 2 : error_at.empty() ? 1 : 0;
      } else {
        where = env.view.is_object() ? rng.below(3) : 1;
        if (where == 0) {
          error_at = "$.err_" + name;
          c.set("ResultPath", asl::Value(error_at));
        } else if (where == 1) {
          c.set("ResultPath", asl::Value(nullptr));
        } else {
          error_at = "$";  // the Error Output replaces the data: only a terminal state may follow
        }
      }
      if (where != 2 && !later.empty() && rng.coin()) {
        c.set("Next", asl::Value(later[rng.below(static_cast<int>(later.size()))]));
      } else {
        StateOut exit = side_terminal(env, error_at);
        c.set("Next", asl::Value(exit.name));
        side.push_back(std::move(exit));
      }
      catchers.emplace_back(std::move(c));
    }
    state.set("Catch", asl::Value(std::move(catchers)));
  }
}

StateOut Builder::task_state(BlockEnv& env, bool last, const std::vector<std::string>& later, std::vector<StateOut>& side) {
  const std::string name = self;
  const bool jsonata = ja;
  StateOut s{name, {}, true};
  s.json.set("Type", asl::Value("Task"));
  tag("task");
  Resource r;
  bool callbacks_ok = !express && !env.express_child;
  if (callbacks_ok && rng.chance(w.callback)) {
    r = Resource::callback;
  } else {
    static const Resource kResources[] = {Resource::lambda_invoke, Resource::lambda_invoke, Resource::lambda_arn,
                                          Resource::sns_publish,   Resource::dynamodb_put,  Resource::sqs_send};
    r = rng.pick(kResources);
  }
  BlockEnv local_env;
  BlockEnv* view_env = &env;
  if (!jsonata && env.view.is_object() && rng.chance(w.io_fields / 4)) {
    std::vector<const Node*> objects = nodes_where(env.nodes, [](const asl::Value& v) { return v.is_object(); });
    if (objects.size() > 1) {
      const Node* node = objects[1 + rng.below(static_cast<int>(objects.size()) - 1)];
      s.json.set("InputPath", asl::Value(node->path));
      local_env = env;
      local_env.view = node->value;
      local_env.nodes = definite_nodes(local_env.view);
      local_env.jsonata_nodes.reset();
      view_env = &local_env;
      tag("io:InputPath");
    }
  }
  ExprScope scope = scope_of(*view_env);
  std::vector<const Node*> strings = nodes_where(view_env->nodes, is_small_string);
  auto string_ref = [&]() -> std::pair<std::string, asl::Value> {
    if (!strings.empty() && rng.coin()) {
      return {"Message.$", asl::Value(strings[rng.below(static_cast<int>(strings.size()))]->path)};
    }
    return {"Message.$", asl::Value(intrinsic_call(rng, scope, Ty::string, 1, tags).text)};
  };
  const std::string fn = "arn:aws:lambda:us-east-1:123456789012:function:" + name;
  if (jsonata) {
    jsonata_arguments(*this, env, s.json, r, fn);
  } else {
    switch (r) {
      case Resource::lambda_invoke: {
        s.json.set("Resource", asl::Value("arn:aws:states:::lambda:invoke"));
        asl::Object p{{"FunctionName", asl::Value(fn)}};
        if (rng.chance(w.io_fields)) p.set("Payload", payload_template(*view_env, rng.between(1, 3), true));
        else p.set("Payload.$", asl::Value("$"));
        s.json.set("Parameters", asl::Value(std::move(p)));
        tag("resource:lambda-invoke");
        break;
      }
      case Resource::lambda_arn:
        s.json.set("Resource", asl::Value(fn));
        if (rng.chance(w.io_fields)) s.json.set("Parameters", payload_template(*view_env, rng.between(1, 3), true));
        tag("resource:lambda-arn");
        break;
      case Resource::sns_publish: {
        s.json.set("Resource", asl::Value("arn:aws:states:::sns:publish"));
        auto [key, value] = string_ref();
        s.json.set("Parameters", asl::Value(asl::Object{{"TopicArn", asl::Value("arn:aws:sns:us-east-1:123456789012:orders")},
                                                         {key, value}}));
        tag("resource:sns-publish");
        break;
      }
      case Resource::dynamodb_put: {
        s.json.set("Resource", asl::Value("arn:aws:states:::dynamodb:putItem"));
        asl::Object item{{"pk", asl::Value(asl::Object{{"S.$", asl::Value("States.Format('order-{}', $$.Execution.Name)")}})}};
        s.json.set("Parameters", asl::Value(asl::Object{{"TableName", asl::Value("orders")}, {"Item", asl::Value(std::move(item))}}));
        tag("intrinsic:States.Format");
        tag("resource:dynamodb-putItem");
        break;
      }
      case Resource::sqs_send:
        s.json.set("Resource", asl::Value("arn:aws:states:::sqs:sendMessage"));
        s.json.set("Parameters", asl::Value(asl::Object{
                                     {"QueueUrl", asl::Value("https://sqs.us-east-1.amazonaws.com/123456789012/orders")},
                                     {"MessageBody.$", asl::Value("$")}}));
        tag("resource:sqs-sendMessage");
        break;
      case Resource::callback:
        s.json.set("Resource", asl::Value("arn:aws:states:::sqs:sendMessage.waitForTaskToken"));
        s.json.set("Parameters", asl::Value(asl::Object{
                                     {"QueueUrl", asl::Value("https://sqs.us-east-1.amazonaws.com/123456789012/approvals")},
                                     {"MessageBody", asl::Value(asl::Object{{"token.$", asl::Value("$$.Task.Token")},
                                                                            {"input.$", asl::Value("$")}})}}));
        tag("callback");
        break;
    }
    tag("io:Parameters");
  }

  // Timeouts.
  std::int64_t timeout = 0, heartbeat = 0;
  if (rng.chance(w.timeouts)) {
    tag("timeout");
    timeout = rng.between(2, 20);
    std::string path;
    if (!jsonata) path = rng.below(4) == 0 && s.json.find("InputPath") == nullptr ? integer_path(env, timeout, true) : "";
    if (jsonata) {
      // Literals or expressions that give the same numbers, so the script's durations still fit.
      JaScope scope = ja_scope_of(env);
      s.json.set("TimeoutSeconds", rng.coin() ? asl::Value(timeout) : braces(jsonata_integer(rng, scope, timeout, tags)));
      if (rng.coin()) {
        heartbeat = rng.between(1, static_cast<int>(timeout) - 1);
        s.json.set("HeartbeatSeconds", rng.coin() ? asl::Value(heartbeat) : braces(jsonata_integer(rng, scope, heartbeat, tags)));
        tag("heartbeat");
      }
      tag("jsonata:TimeoutSeconds");
    } else if (!path.empty()) {
      s.json.set("TimeoutSecondsPath", asl::Value(path));
      timeout = 0;  // whatever the path holds: steps below stay short
      tag("timeout:TimeoutSecondsPath");
    } else {
      s.json.set("TimeoutSeconds", asl::Value(timeout));
      if (rng.coin()) {
        heartbeat = rng.between(1, static_cast<int>(timeout) - 1);
        s.json.set("HeartbeatSeconds", asl::Value(heartbeat));
        tag("heartbeat");
      }
    }
  }

  // The script: some failures, then the response, covering every invocation retries allow.
  std::vector<std::string> thrown;
  std::vector<asl::TaskStep> steps;
  auto step_seconds = [&]() -> double {
    if (timeout > 0 && rng.below(3) == 0) return static_cast<double>(rng.between(0, static_cast<int>(timeout) + 3));
    return rng.below(5) == 0 ? rng.between(1, 4) / 2.0 : 0.0;
  };
  if (rng.chance(w.task_failures)) {
    int n = rng.between(1, 3);
    for (int i = 0; i < n; ++i) {
      bool lambda = r == Resource::lambda_invoke || r == Resource::lambda_arn;
      std::string error = lambda && rng.coin() ? rng.pick(kLambdaErrors) : rng.pick(kOtherErrors);
      asl::TaskStep step;
      step.action = asl::TaskStep::Action::throw_error;
      step.error = error;
      step.cause = error.starts_with("Lambda.") ? lambda_cause(rng, error) : text_value(rng);
      step.seconds = step_seconds();
      steps.push_back(std::move(step));
      if (std::find(thrown.begin(), thrown.end(), error) == thrown.end()) thrown.push_back(error);
    }
    tag("task-failure");
  }
  if (thrown.empty()) thrown.push_back("States.TaskFailed");

  asl::Value payload = payload_value(rng);
  if (jsonata) {
    jsonata_output(env, s.json, name, last, true);
    jsonata_assign(env, s.json, true);
  } else {
    if (rng.chance(w.io_fields / 2)) {
      asl::Value selector;
      switch (r) {
        case Resource::lambda_invoke:
          selector = asl::Value(asl::Object{{"payload.$", asl::Value("$.Payload")}, {"status.$", asl::Value("$.StatusCode")}});
          break;
        case Resource::sns_publish:
        case Resource::sqs_send: selector = asl::Value(asl::Object{{"id.$", asl::Value("$.MessageId")}}); break;
        case Resource::dynamodb_put:
          selector = asl::Value(asl::Object{{"code.$", asl::Value("$.SdkHttpMetadata.HttpStatusCode")}});
          break;
        default: selector = asl::Value(asl::Object{{"ok.$", asl::Value("$.ok")}, {"all.$", asl::Value("$")}}); break;
      }
      s.json.set("ResultSelector", selector);
      tag("io:ResultSelector");
    }
    add_result_path(env, s.json, name, last);
    if (rng.chance(w.io_fields / 3)) {
      if (last && env.nodes.size() > 1 && rng.coin()) {
        s.json.set("OutputPath", asl::Value(env.nodes[1 + rng.below(static_cast<int>(env.nodes.size()) - 1)].path));
      } else {
        s.json.set("OutputPath", asl::Value("$"));
      }
      tag("io:OutputPath");
    }
    add_assign(env, s.json, false);
  }

  std::int64_t attempts = 0;
  std::vector<std::string> errors = thrown;
  if (timeout > 0) errors.push_back("States.Timeout");
  add_retry_catch(env, s.json, name, errors, later, side, attempts);

  asl::TaskStep done;
  done.result = response(rng, r, payload);
  done.times = env.repeats * (1 + attempts);
  done.seconds = step_seconds();
  steps.push_back(std::move(done));
  out.tasks[name] = std::move(steps);
  return s;
}

}  // namespace aslgen::detail
