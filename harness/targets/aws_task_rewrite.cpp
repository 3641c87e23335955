// aws_task_rewrite.cpp — rewrites a case's Task states to call the scripted-task Lambda (aws target), or says why it cannot be done faithfully.
#include "targets/aws_task_rewrite.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "asl/exec.h"
#include "asl/json.h"
#include "asl/machine.h"

namespace aslcheck {

namespace {

constexpr std::string_view kCallbackResource = "arn:aws:states:::lambda:invoke.waitForTaskToken";

// What the original Resource is, as the reference interpreter tells them apart (exec/task.cpp):
// which events it emits and whether HeartbeatSeconds applies.
enum class ResourceKind : std::uint8_t { lambda_function, activity, callback, sync, plain };

ResourceKind kind_of(const std::string& resource) {
  if (resource.starts_with("arn:aws:lambda:")) return ResourceKind::lambda_function;
  if (resource.find(":activity:") != std::string::npos) return ResourceKind::activity;
  if (resource.ends_with(".waitForTaskToken")) return ResourceKind::callback;
  if (resource.ends_with(".sync") || resource.find(".sync:") != std::string::npos) return ResourceKind::sync;
  return ResourceKind::plain;
}

std::string text_of(const asl::Value* v) { return v != nullptr && v->is_string() ? v->as_string() : std::string(); }

std::string seconds_text(double s) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", s);
  return buffer;
}

// successors := Next | Default | Choices[*].Next | Catch[*].Next
std::vector<std::string> successors(const asl::Value& state) {
  std::vector<std::string> out;
  for (const char* key : {"Next", "Default"}) {
    if (std::string next = text_of(state.get(key)); !next.empty()) out.push_back(next);
  }
  for (const char* list : {"Choices", "Catch"}) {
    const asl::Value* items = state.get(list);
    if (items == nullptr || !items->is_array()) continue;
    for (const asl::Value& item : items->as_array()) {
      if (std::string next = text_of(item.get("Next")); !next.empty()) out.push_back(next);
    }
  }
  return out;
}

// Whether `name` can be entered again after it is left, within its own States block.
bool on_loop(const asl::Value& states, const std::string& name) {
  std::set<std::string> seen;
  std::vector<std::string> todo;
  if (const asl::Value* self = states.get(name)) todo = successors(*self);
  while (!todo.empty()) {
    std::string at = std::move(todo.back());
    todo.pop_back();
    if (at == name) return true;
    if (!seen.insert(at).second) continue;
    if (const asl::Value* s = states.get(at)) {
      for (std::string& next : successors(*s)) todo.push_back(std::move(next));
    }
  }
  return false;
}

// A literal number of seconds in TimeoutSeconds/HeartbeatSeconds: known. A *Path field or a
// JSONata expression: known only at run time.
struct Seconds {
  bool present = false;
  std::optional<double> literal;
  std::string field;  // as written, for skip reasons
};
Seconds seconds_field(const asl::Value& state, const char* key) {
  Seconds s;
  if (const asl::Value* v = state.get(key)) {
    s.present = true;
    s.field = key;
    if (v->is_number()) s.literal = v->as_double();
  } else if (state.get(std::string(key) + "Path") != nullptr) {
    s.present = true;
    s.field = std::string(key) + "Path";
  }
  return s;
}

// One enclosing Parallel or Map of a Task state, innermost last.
struct Enclosing {
  std::string name;
  bool map = false;
  bool loops = false;     // it can run again: a loop in its own block, or its own Retry
  bool express = false;   // a distributed Map whose children are Express executions
};

class Rewriter {
 public:
  // retried: the states the reference retried in its run of the case (nullopt: unknown).
  Rewriter(const asl::Case& c, const AwsTaskRewriteOptions& options, AwsTaskRewrite& out,
           std::optional<std::set<std::string>> retried)
      : case_(c), options_(options), out_(out), retried_states_(std::move(retried)) {
    const asl::Value* language = c.definition.get("QueryLanguage");
    top_jsonata_ = language != nullptr && !(language->is_string() && language->as_string() == "JSONPath");
  }

  // Returns the block (a machine, branch or ItemProcessor object) with its States rewritten.
  asl::Value block(const asl::Value& json, std::vector<Enclosing>& chain) {
    const asl::Value* states = json.get("States");
    if (states == nullptr || !states->is_object()) return json;
    asl::Object rewritten;
    for (const asl::Member& m : states->as_object()) {
      if (out_.skip) return json;
      rewritten.append_unique(m.key, state(m.key, m.value, *states, chain));
    }
    asl::Value copy = json;
    copy.mutable_object().set("States", asl::Value(std::move(rewritten)));
    return copy;
  }

 private:
  void skip(std::string why) {
    if (!out_.skip) out_.skip = std::move(why);
  }

  bool jsonata(const asl::Value& state) const {
    const asl::Value* language = state.get("QueryLanguage");
    if (language == nullptr) return top_jsonata_;
    return !(language->is_string() && language->as_string() == "JSONPath");
  }

  asl::Value state(const std::string& name, const asl::Value& json, const asl::Value& states, std::vector<Enclosing>& chain) {
    std::string type = text_of(json.get("Type"));
    if (type == "Task") return task(name, json, states, chain);
    if (type != "Parallel" && type != "Map") return json;
    // A Retry on a Parallel or Map runs its branches or iterations again under the same counters:
    // it counts when the reference retries the state in its run of the case (were AWS to retry
    // where the reference does not, the retries and trace channels already say so).
    const asl::Value* retry = json.get("Retry");
    bool retried = retry != nullptr && retry->is_array() && retry->size() > 0 &&
                   (!retried_states_ || retried_states_->contains(name));
    Enclosing here{name, type == "Map", retried || on_loop(states, name), false};
    if (here.map) {
      const asl::Value* processor = json.get("ItemProcessor");
      if (processor == nullptr) processor = json.get("Iterator");
      const asl::Value* config = processor != nullptr ? processor->get("ProcessorConfig") : nullptr;
      here.express = config != nullptr && text_of(config->get("Mode")) == "DISTRIBUTED" &&
                     text_of(config->get("ExecutionType")) == "EXPRESS";
    }
    chain.push_back(here);
    asl::Value copy = json;
    asl::Object& object = copy.mutable_object();
    if (const asl::Value* branches = json.get("Branches"); branches != nullptr && branches->is_array()) {
      asl::Array rewritten;
      for (const asl::Value& b : branches->as_array()) rewritten.push_back(block(b, chain));
      object.set("Branches", asl::Value(std::move(rewritten)));
    }
    for (const char* key : {"ItemProcessor", "Iterator"}) {
      if (const asl::Value* p = json.get(key)) object.set(key, block(*p, chain));
    }
    chain.pop_back();
    return copy;
  }

  asl::Value task(const std::string& name, const asl::Value& json, const asl::Value& states, const std::vector<Enclosing>& chain) {
    const std::string resource = text_of(json.get("Resource"));
    const ResourceKind kind = kind_of(resource);
    const std::string where = "Task state '" + name + "'";
    if (kind == ResourceKind::activity) {
      skip(where + " runs an activity, which needs a worker polling GetActivityTask; the aws target has none");
      return json;
    }
    if (json.get("Credentials") != nullptr) {
      skip(where + " assumes the role in its Credentials field, which the test account does not have");
      return json;
    }
    const bool express = case_.type == asl::MachineType::express ||
                         std::any_of(chain.begin(), chain.end(), [](const Enclosing& e) { return e.express; });
    if (kind != ResourceKind::lambda_function && express) {
      skip(where + " (" + resource + ") runs in an Express workflow, which cannot wait for a task token; the rewrite "
           "needs .waitForTaskToken to hand the scripted result back unchanged (a plain lambda:invoke wraps it in "
           "the real invoke response)");
      return json;
    }

    // Which invocation of the script this is, as the reference counts them (per Map iteration
    // and Parallel branch). $$.State.RetryCount is that number when the state runs at most
    // once per iteration; otherwise a counter per execution and state, which cannot tell Map
    // iterations apart.
    bool loops = on_loop(states, name) ||
                 std::any_of(chain.begin(), chain.end(), [](const Enclosing& e) { return e.loops; });
    bool in_map = std::any_of(chain.begin(), chain.end(), [](const Enclosing& e) { return e.map; });
    if (loops && in_map) {
      skip(where + " can run more than once in one Map iteration (it, or a Parallel/Map around it, is on a loop or "
           "retried), and the reference counts its invocations per iteration; on AWS a Task inside a Map iteration has no "
           "identifier of its iteration ($$.Map.Item.Index is readable only in the Map's ItemSelector), so the "
           "Lambda cannot keep that count");
      return json;
    }
    const bool counter = loops;

    // Timeouts: the Lambda waits no longer than it must, and a duration within the clock
    // margin of a deadline is a race on a real clock.
    const bool heartbeat_applies = kind == ResourceKind::callback;
    Seconds timeout = seconds_field(json, "TimeoutSeconds");
    Seconds heartbeat = seconds_field(json, "HeartbeatSeconds");
    bool drop_heartbeat = false;
    if (heartbeat.present && !heartbeat_applies && kind != ResourceKind::lambda_function) {
      // The reference evaluates it and ignores it (it applies to callbacks and activities); the
      // callback the rewrite makes would apply it, so a literal goes and an expression cannot.
      if (!heartbeat.literal) {
        skip(where + " has " + heartbeat.field + " computed at run time on a resource it does not apply to; the "
             "rewrite (a callback, where it would apply) cannot keep its evaluation without its effect");
        return json;
      }
      drop_heartbeat = true;
    }

    asl::Array script;
    bool throws = false;
    auto steps = case_.tasks.find(name);
    if (steps != case_.tasks.end()) {
      for (const asl::TaskStep& step : steps->second) {
        auto encoded = encode_step(step, where, timeout, heartbeat_applies ? heartbeat : Seconds{});
        if (!encoded) return json;
        throws = throws || step.action == asl::TaskStep::Action::throw_error;
        script.push_back(std::move(*encoded));
      }
    }
    if (kind == ResourceKind::lambda_function && throws) {
      skip(where + " calls a Lambda function by ARN and its script throws: Step Functions reports a function's "
           "error cause as the runtime's JSON ({\"errorMessage\", \"errorType\", \"requestId\", \"stackTrace\"}, with the "
           "real request id and stack), which cannot equal the scripted cause");
      return json;
    }
    if (name.starts_with("{%") && name.ends_with("%}")) {
      skip(where + ": the name would be read as a JSONata expression inside the rewritten Arguments");
      return json;
    }

    asl::Object job{{"state", asl::Value(name)}, {"script", asl::Value(std::move(script))}};
    if (counter) job.append_unique("counter", asl::Value(true));
    const bool callback = kind != ResourceKind::lambda_function;
    const bool ja = jsonata(json);

    // {"aslcheck": {job, execution | retry, token?}, "args": the state's own template}
    asl::Object meta{{"job", asl::Value(asl::json::write(asl::Value(std::move(job))))}};
    auto dynamic = [&](const char* key, const char* path, const char* expression) {
      if (ja) meta.append_unique(key, asl::Value(std::string("{% $states.context.") + expression + " %}"));
      else meta.append_unique(std::string(key) + ".$", asl::Value(path));
    };
    if (counter) dynamic("execution", "$$.Execution.Id", "Execution.Id");
    else dynamic("retry", "$$.State.RetryCount", "State.RetryCount");
    if (callback) dynamic("token", "$$.Task.Token", "Task.Token");
    asl::Object payload{{"aslcheck", asl::Value(std::move(meta))}};
    const char* template_key = ja ? "Arguments" : "Parameters";
    if (const asl::Value* own = json.get(template_key)) {
      payload.append_unique("args", *own);
      if (ja) out_.moved_jsonata_arguments = true;
    }

    asl::Value copy = json;
    asl::Object& object = copy.mutable_object();
    if (callback) {
      object.set("Resource", asl::Value(kCallbackResource));
      object.set(template_key, asl::Value(asl::Object{{"FunctionName", asl::Value(options_.lambda_arn)},
                                                      {"InvocationType", asl::Value("Event")},
                                                      {"Payload", asl::Value(std::move(payload))}}));
      if (kind != ResourceKind::callback && kind != ResourceKind::sync) out_.added_submitted.push_back(name);
    } else {
      object.set("Resource", asl::Value(options_.lambda_arn));
      object.set(template_key, asl::Value(std::move(payload)));
    }
    if (drop_heartbeat) object.erase("HeartbeatSeconds");
    ++out_.tasks;
    return copy;
  }

  // A step as the Lambda reads it, with `seconds` cut to what the Lambda must wait: past a
  // deadline the task has already timed out, and the answer after it is ignored.
  std::optional<asl::Value> encode_step(const asl::TaskStep& step, const std::string& where, const Seconds& timeout,
                                        const Seconds& heartbeat) {
    const double seconds = step.seconds;
    std::optional<double> limit = timeout.literal;
    auto race = [&](double at, double deadline, const std::string& what) {
      if (std::fabs(at - deadline) >= kAwsClockMargin) return false;
      skip(where + ": a scripted " + what + " at " + seconds_text(at) + " s is within " + seconds_text(kAwsClockMargin) +
           " s of its deadline at " + seconds_text(deadline) + " s, a race on a real clock (Lambda start-up included)");
      return true;
    };
    if (seconds > 0) {
      for (const Seconds* s : {&timeout, &heartbeat}) {
        if (s->present && !s->literal) {
          skip(where + ": its " + s->field + " is known only at run time, so whether the scripted " + seconds_text(seconds) +
               " s task outlives it cannot be checked for a real-clock race");
          return std::nullopt;
        }
      }
    }
    asl::Array beats;
    if (heartbeat.literal) {
      // As exec/task.cpp: each heartbeat before the answer restarts the HeartbeatSeconds clock.
      double expires = *heartbeat.literal;
      for (double beat : step.heartbeats) {
        if (beat >= seconds || beat > expires) break;
        if (race(beat, expires, "heartbeat")) return std::nullopt;
        expires = beat + *heartbeat.literal;
        beats.push_back(asl::Value::number(beat));
      }
      limit = limit ? std::min(*limit, expires) : expires;
    } else if (heartbeat.present) {
      for (double beat : step.heartbeats) {
        if (beat < seconds) beats.push_back(asl::Value::number(beat));
      }
    }
    double wait = seconds;
    if (limit) {
      if (race(seconds, *limit, "answer")) return std::nullopt;
      if (seconds > *limit) wait = *limit + 2 * kAwsClockMargin;
    }
    if (wait > kAwsLongestTaskSeconds) {
      skip(where + ": a scripted step runs " + seconds_text(wait) + " s, longer than the Lambda may wait (" +
           seconds_text(kAwsLongestTaskSeconds) + " s within its 900 s timeout)");
      return std::nullopt;
    }

    asl::Object out;
    if (step.action == asl::TaskStep::Action::throw_error) {
      asl::Object thrown{{"error", asl::Value(step.error)}};
      if (step.cause) thrown.append_unique("cause", asl::Value(*step.cause));
      out.append_unique("throw", asl::Value(std::move(thrown)));
    } else {
      out.append_unique("return", step.result);
    }
    if (step.times != 1) out.append_unique("times", asl::Value(step.times));
    if (wait != 0) out.append_unique("seconds", asl::Value::number(wait));
    if (!beats.empty()) out.append_unique("heartbeats", asl::Value(std::move(beats)));
    return asl::Value(std::move(out));
  }

  const asl::Case& case_;
  const AwsTaskRewriteOptions& options_;
  AwsTaskRewrite& out_;
  std::optional<std::set<std::string>> retried_states_;
  bool top_jsonata_ = false;
};

}  // namespace

AwsTaskRewrite rewrite_tasks_for_aws(const asl::Case& c, const AwsTaskRewriteOptions& options) {
  AwsTaskRewrite out;
  out.definition = c.definition;
  asl::ValidationOptions validation;
  validation.type = c.type;
  auto diagnostics = asl::validate(c.definition, validation);
  if (std::any_of(diagnostics.begin(), diagnostics.end(), [](const asl::Diagnostic& d) { return d.severity == "ERROR"; })) {
    return out;  // nothing runs: the validation diagnostics are what is compared
  }
  std::optional<std::set<std::string>> retried;
  if (asl::Result reference = asl::execute(c); reference.status != asl::Status::target_error) {
    retried.emplace();
    for (const asl::RetryRecord& r : reference.retries) retried->insert(r.state);
  }
  std::vector<Enclosing> chain;
  Rewriter rewriter(c, options, out, std::move(retried));
  asl::Value rewritten = rewriter.block(c.definition, chain);
  if (out.skip) {
    out.definition = c.definition;
    out.tasks = 0;
    out.added_submitted.clear();
    out.moved_jsonata_arguments = false;
    return out;
  }
  if (out.tasks > 0 && options.lambda_arn.empty()) {
    out.skip = "the case has Task states and the aws target has no lambda-arn (--target-option lambda-arn=..., the "
               "ScriptedTaskArn output of harness/targets/aws/deploy.sh)";
    out.tasks = 0;
    out.added_submitted.clear();
    out.moved_jsonata_arguments = false;
    return out;
  }
  out.definition = std::move(rewritten);
  return out;
}

}  // namespace aslcheck
