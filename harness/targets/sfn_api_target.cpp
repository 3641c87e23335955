// sfn_api_target.cpp — runs cases through the Step Functions HTTP API: sfn-api, sfn-local, localstack and aws.
#include "targets/sfn_api_target.h"

#include <atomic>
#include <chrono>
#include <signal.h>

#include <csignal>
#include <deque>
#include <cstdlib>
#include <cstdio>
#include <mutex>
#include <sstream>
#include <thread>

#include "asl/exec.h"
#include "asl/json.h"
#include "aslcheck/target.h"
#include "http/credentials.h"
#include "http/epoch_time.h"
#include "http/sfn_client.h"
#include "serve/mock_config.h"
#include "targets/aws_task_rewrite.h"
#include "targets/aws_test_state.h"
#include "targets/sfn_api_result.h"

namespace aslcheck {

namespace {

enum class Flavour : std::uint8_t { generic, sfn_local, localstack, aws };

constexpr std::string_view kLocalRole = "arn:aws:iam::123456789012:role/aslcheck";

// Ctrl-C during a run on a real account: the first one makes every later run() return at once
// so the runner ends and the targets delete what they created; a second one kills.
std::atomic<bool> g_interrupted{false};
void on_interrupt(int) {
  g_interrupted = true;
  std::signal(SIGINT, SIG_DFL);
}

std::string option(const TargetSpec& spec, std::initializer_list<const char*> keys, std::string fallback = {}) {
  for (const char* key : keys) {
    if (auto it = spec.options.find(key); it != spec.options.end()) return it->second;
  }
  return fallback;
}

asl::Result target_error(std::string message) {
  asl::Result r;
  r.status = asl::Status::target_error;
  r.message = std::move(message);
  return r;
}

std::string describe(const asl::Error& e) { return e.name + ": " + e.message; }

// Walks a definition's JSON and reports whether any object has `key` (optionally with `value`).
bool has_key(const asl::Value& v, std::string_view key, const char* value = nullptr) {
  if (v.is_array()) {
    for (const asl::Value& item : v.as_array()) {
      if (has_key(item, key, value)) return true;
    }
  }
  if (!v.is_object()) return false;
  for (const asl::Member& m : v.as_object()) {
    if (m.key == key && (value == nullptr || (m.value.is_string() && m.value.as_string() == value))) return true;
    if (has_key(m.value, key, value)) return true;
  }
  return false;
}

std::string short_hash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

class SfnApiTarget final : public Target {
 public:
  SfnApiTarget(const TargetSpec& spec, Flavour flavour) : flavour_(flavour), name_(spec.name) {
    http::AwsOverrides overrides;
    overrides.profile = option(spec, {"profile"});
    overrides.region = option(spec, {"region"});
    overrides.endpoint_url = option(spec, {"endpoint-url", "endpoint_url", "endpoint"});
    if (overrides.endpoint_url.empty()) {
      if (flavour == Flavour::sfn_local) overrides.endpoint_url = "http://localhost:8083";
      if (flavour == Flavour::localstack) overrides.endpoint_url = "http://localhost:4566";
    }
    run_id_ = option(spec, {"run-id", "run_id"}, "local");
    role_arn_ = option(spec, {"role-arn", "role_arn"}, flavour == Flavour::aws ? "" : std::string(kLocalRole));
    rewrite_options_.lambda_arn = option(spec, {"lambda-arn", "lambda_arn"});
    timeout_seconds_ = std::strtod(option(spec, {"timeout"}, flavour == Flavour::aws ? "360" : "60").c_str(), nullptr);
    if (timeout_seconds_ <= 0) timeout_seconds_ = 60;
    if (auto cap = option(spec, {"max-executions", "max_executions"}); !cap.empty()) {
      max_executions_ = std::strtoll(cap.c_str(), nullptr, 10);
    }
    // aws: one-state Task cases go through TestState unless test-state=off (then they run as
    // executions, with history and retry delays). test-state-interval: seconds between TestState
    // calls (AWS allows 1 per second; tests against `aslcheck serve` use 0).
    use_test_state_ = flavour == Flavour::aws && option(spec, {"test-state", "test_state"}, "on") != "off";
    http::SfnClientOptions client_options;
    if (auto interval = option(spec, {"test-state-interval", "test_state_interval"}); !interval.empty()) {
      double seconds = std::strtod(interval.c_str(), nullptr);
      client_options.test_state_interval = std::chrono::milliseconds(static_cast<std::int64_t>(std::max(0.0, seconds) * 1000));
    }
    auto settings = http::resolve_settings(overrides, http::process_environment(), flavour == Flavour::aws);
    if (!settings) {
      setup_error_ = settings.error().message;
    } else if (!settings->endpoint_url.empty() && !http::parse_url(settings->endpoint_url)) {
      setup_error_ = http::parse_url(settings->endpoint_url).error().message;
    } else if (flavour == Flavour::aws && role_arn_.empty()) {
      setup_error_ = "the aws target needs role-arn (the ExecutionRoleArn output of harness/targets/aws/deploy.sh)";
    } else if (flavour == Flavour::aws && !rewrite_options_.lambda_arn.empty() &&
               (!rewrite_options_.lambda_arn.starts_with("arn:aws:lambda:") ||
                rewrite_options_.lambda_arn.find(":function:") == std::string::npos)) {
      setup_error_ = "lambda-arn '" + rewrite_options_.lambda_arn +
                     "' is not a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME, the ScriptedTaskArn "
                     "output of harness/targets/aws/deploy.sh)";
    } else {
      client_ = std::make_unique<http::SfnClient>(std::move(settings).value(), client_options);
    }
    capabilities_.channels = {Channel::status, Channel::output, Channel::error, Channel::cause,
                              Channel::trace,  Channel::retries, Channel::history, Channel::diagnostics};
    capabilities_.distributed_map = false;
    if (flavour == Flavour::aws) {
      static std::once_flag once;
      // The runner's own Ctrl-C handling (stop starting cases, then end) wins when it has one.
      std::call_once(once, [] {
        struct sigaction current {};
        sigaction(SIGINT, nullptr, &current);
        if (current.sa_handler == SIG_DFL) std::signal(SIGINT, on_interrupt);
      });
    }
  }

  ~SfnApiTarget() override {
    // Everything this target created goes, also after failures (the runner's Ctrl-C path too).
    if (!client_) return;
    for (const std::string& arn : created_) {
      (void)client_->call("DeleteStateMachine", asl::Value(asl::Object{{"stateMachineArn", asl::Value(arn)}}));
    }
  }

  std::string_view name() const override { return name_; }
  const Capabilities& capabilities() const override { return capabilities_; }

  std::optional<std::string> cannot_run(const asl::Case& c) const override {
    if (!c.objects.empty() || has_key(c.definition, "ItemReader") || has_key(c.definition, "ResultWriter")) {
      return "the case reads or writes S3 objects (ItemReader/ResultWriter), which an API target cannot provide";
    }
    if (c.context.is_object()) {
      for (const asl::Member& m : c.context.as_object()) {
        if (m.key != "executionName") {
          return "the case fixes context." + m.key + ", which the Step Functions API cannot set for an execution";
        }
      }
    }
    if (flavour_ == Flavour::sfn_local || flavour_ == Flavour::localstack) {
      if (auto why = serve::needs_timing_extension(c)) return *why;
    }
    if (flavour_ == Flavour::sfn_local) {
      // asl-facts.md section 8: JSONata, variables and distributed Map are UNCONFIRMED there.
      if (has_key(c.definition, "QueryLanguage", "JSONata")) return "Step Functions Local does not run JSONata";
      if (has_key(c.definition, "Assign")) return "Step Functions Local does not support variables (Assign)";
      if (has_key(c.definition, "Mode", "DISTRIBUTED")) return "Step Functions Local does not run distributed Map";
    }
    if (flavour_ == Flavour::aws) {
      if (through_test_state(c)) return std::nullopt;
      // Task states call the scripted-task Lambda; what that cannot express faithfully is skipped.
      if (auto why = rewrite_tasks_for_aws(c, rewrite_options_).skip) return why;
    }
    return std::nullopt;
  }

  Withheld withheld_channels(const asl::Case& c) const override {
    if (through_test_state(c)) {
      // The trace is the state once (retries do not enter it again), also for Express.
      return {{Channel::retries, Channel::history},
              "run through TestState (one call per task attempt): no execution, so no history, and retry delays "
              "are not waited"};
    }
    if (c.type != asl::MachineType::express) return {};
    return {{Channel::trace, Channel::retries, Channel::history},
            "an Express execution has no history through the Step Functions API: StartSyncExecution reports "
            "status, output, error and cause only"};
  }

  bool billed() const override { return flavour_ == Flavour::aws; }
  std::string cost_estimate(const std::vector<asl::Case>& cases) const override {
    return estimate_aws_cost(cases, use_test_state_).summary();
  }

  asl::Result run(const asl::Case& c) override {
    if (setup_error_) return target_error(*setup_error_);
    if (g_interrupted) return target_error("interrupted (Ctrl-C): not started");
    if (max_executions_ && executions_ >= *max_executions_) {
      return target_error("over --max-executions " + std::to_string(*max_executions_) + ": not started");
    }
    std::string type(asl::machine_type_name(c.type));
    if (through_test_state(c)) return run_test_state(c, type);
    AwsTaskRewrite rewrite;
    if (flavour_ == Flavour::aws) {
      rewrite = rewrite_tasks_for_aws(c, rewrite_options_);
      if (rewrite.skip) return target_error("not runnable on aws: " + *rewrite.skip);
      if (rewrite.tasks > 0) {
        // AWS judges the case's own definition, not only the rewrite.
        auto own = validate_definition(asl::json::write(c.definition), type);
        if (!own) return target_error("ValidateStateMachineDefinition: " + describe(own.error()));
        if (own->status == asl::Status::invalid_definition) return std::move(own).value();
      }
    } else {
      rewrite.definition = c.definition;
    }
    std::string definition = asl::json::write(rewrite.definition);
    std::string machine_name = flavour_ == Flavour::aws
                                   ? ("aslcheck-" + run_id_ + "-" + short_hash(type + definition)).substr(0, 80)
                                   : serve::machine_name_for(c);
    auto arn = ensure_machine(machine_name, definition, type);
    if (!arn) {
      if (arn.error().name == "InvalidDefinition") {
        // The case's own definition passed: a refused rewrite is this target's failure, not the case's.
        if (rewrite.tasks > 0) return target_error("CreateStateMachine refused the Task rewrite: " + describe(arn.error()));
        return invalid_definition(definition, type, arn.error());
      }
      return target_error("CreateStateMachine: " + describe(arn.error()));
    }
    std::string start_arn = *arn;
    if (flavour_ != Flavour::aws) start_arn += "#" + std::string(serve::kTestCaseName);
    asl::Object start{{"stateMachineArn", asl::Value(start_arn)}, {"input", asl::Value(asl::json::write(c.input))}};
    if (const asl::Value* name = c.context.get("executionName"); name != nullptr && name->is_string()) {
      start.set("name", *name);
    }
    ++executions_;
    if (c.type == asl::MachineType::express) {
      auto response = client_->call("StartSyncExecution", asl::Value(std::move(start)));
      if (!response) return target_error("StartSyncExecution: " + describe(response.error()));
      // Express histories go to CloudWatch Logs, not GetExecutionHistory: no trace, retries or history.
      asl::Result result = result_from_description(*response);
      undo_rewrite_artefacts(rewrite, result);
      return result;
    }
    auto started = client_->call("StartExecution", asl::Value(std::move(start)));
    if (!started) return target_error("StartExecution: " + describe(started.error()));
    std::string execution_arn = started->get("executionArn") != nullptr ? started->get("executionArn")->as_string() : "";
    auto described = wait_for_end(execution_arn);
    if (!described) return target_error("DescribeExecution: " + describe(described.error()));
    asl::Result result = result_from_description(*described);
    if (result.status == asl::Status::target_error) return result;
    auto events = client_->execution_history(execution_arn);
    if (!events) return target_error("GetExecutionHistory: " + describe(events.error()));
    read_history(*events, result);
    undo_rewrite_artefacts(rewrite, result);
    return result;
  }

 private:
  bool through_test_state(const asl::Case& c) const { return use_test_state_ && !test_state_unsuitable(c); }

  // One TestState call per task attempt; nothing is created.
  asl::Result run_test_state(const asl::Case& c, const std::string& type) {
    TestStateIdentity identity;
    identity.role_arn = role_arn_;
    identity.region = client_->settings().region;
    identity.account = account_;
    identity.machine_name = ("aslcheck-" + run_id_ + "-" + short_hash(type + asl::json::write(c.definition))).substr(0, 80);
    const asl::Value* name = c.context.get("executionName");
    identity.execution_name = name != nullptr && name->is_string() ? name->as_string()
                                                                   : "aslcheck-" + short_hash(c.id + std::to_string(++test_state_runs_));
    identity.start_time = http::iso_timestamp(http::now_epoch_seconds());
    auto result = run_through_test_state(c, identity, [&](const asl::Value& request) {
      return client_->call("TestState", request);
    });
    if (!result) {
      if (result.error().name == "InvalidDefinition") return invalid_definition(asl::json::write(c.definition), type, result.error());
      return target_error("TestState: " + describe(result.error()));
    }
    return std::move(result).value();
  }

  asl::Expected<std::string> ensure_machine(const std::string& machine_name, const std::string& definition,
                                            const std::string& type) {
    if (auto it = machines_.find(machine_name); it != machines_.end()) return it->second;
    asl::Object request{{"name", asl::Value(machine_name)},
                        {"definition", asl::Value(definition)},
                        {"roleArn", asl::Value(role_arn_)},
                        {"type", asl::Value(type)}};
    request.set("tags", asl::Value(asl::Array{asl::Value(asl::Object{{"key", asl::Value("aslcheck:run")}, {"value", asl::Value(run_id_)}})}));
    auto created = client_->call("CreateStateMachine", asl::Value(request));
    if (!created && created.error().name == "StateMachineAlreadyExists" && flavour_ != Flavour::aws) {
      // Left by an earlier run with another definition (names are fixed by the mock config).
      std::string arn = arn_for(machine_name);
      (void)client_->call("DeleteStateMachine", asl::Value(asl::Object{{"stateMachineArn", asl::Value(arn)}}));
      created = client_->call("CreateStateMachine", asl::Value(std::move(request)));
    }
    if (!created) return std::move(created).error();
    const asl::Value* arn = created->get("stateMachineArn");
    if (arn == nullptr || !arn->is_string()) return asl::Error{"Transport", "CreateStateMachine returned no stateMachineArn", {}};
    machines_[machine_name] = arn->as_string();
    created_.push_back(arn->as_string());
    return arn->as_string();
  }

  std::string arn_for(const std::string& machine_name) const {
    return "arn:aws:states:" + client_->settings().region + ":" + account_ + ":stateMachine:" + machine_name;
  }

  // Standard executions run asynchronously: poll DescribeExecution, quickly at first.
  asl::Expected<asl::Value> wait_for_end(const std::string& execution_arn) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds_);
    std::chrono::milliseconds pause(flavour_ == Flavour::aws ? 200 : 5);
    for (;;) {
      auto described = client_->call("DescribeExecution", asl::Value(asl::Object{{"executionArn", asl::Value(execution_arn)}}));
      if (!described) return described;
      const asl::Value* status = described->get("status");
      if (status == nullptr || !status->is_string() || status->as_string() != "RUNNING") return described;
      if (std::chrono::steady_clock::now() > deadline || g_interrupted) {
        (void)client_->call("StopExecution", asl::Value(asl::Object{{"executionArn", asl::Value(execution_arn)},
                                                                    {"error", asl::Value("aslcheck.Timeout")}}));
        return asl::Error{"Timeout", "the execution was still RUNNING after " + std::to_string(timeout_seconds_) +
                                         " s; stopped it (raise --target-option timeout=SECONDS)", {}};
      }
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::milliseconds(1000));
    }
  }

  // CreateStateMachine refused the definition: its diagnostics come from ValidateStateMachineDefinition.
  asl::Result invalid_definition(const std::string& definition, const std::string& type, const asl::Error& error) {
    asl::Result result;
    if (auto validated = validate_definition(definition, type)) result = std::move(validated).value();
    result.status = asl::Status::invalid_definition;
    if (result.diagnostics.empty()) result.diagnostics.push_back(asl::Diagnostic{"ERROR", "", error.message, ""});
    return result;
  }

  // ValidateStateMachineDefinition: INVALID_DEFINITION with AWS's diagnostics when the result is
  // FAIL, else a succeeded Result carrying the warnings.
  asl::Expected<asl::Result> validate_definition(const std::string& definition, const std::string& type) {
    auto validated = client_->call("ValidateStateMachineDefinition",
                                   asl::Value(asl::Object{{"definition", asl::Value(definition)}, {"type", asl::Value(type)}}));
    if (!validated) return std::move(validated).error();
    asl::Result result;
    const asl::Value* verdict = validated->get("result");
    if (verdict != nullptr && verdict->is_string() && verdict->as_string() == "FAIL") {
      result.status = asl::Status::invalid_definition;
    }
    if (const asl::Value* list = validated->get("diagnostics"); list != nullptr && list->is_array()) {
      for (const asl::Value& d : list->as_array()) {
        auto field = [&](const char* key) {
          const asl::Value* v = d.get(key);
          return v != nullptr && v->is_string() ? v->as_string() : std::string();
        };
        result.diagnostics.push_back(asl::Diagnostic{field("severity"), field("code"), field("message"), field("location")});
      }
    }
    return result;
  }

  Flavour flavour_;
  bool use_test_state_ = false;
  std::int64_t test_state_runs_ = 0;
  std::string name_;
  Capabilities capabilities_;
  std::unique_ptr<http::SfnClient> client_;
  std::optional<std::string> setup_error_;
  std::string run_id_;
  std::string role_arn_;
  AwsTaskRewriteOptions rewrite_options_;
  std::string account_ = "123456789012";
  double timeout_seconds_ = 60;
  std::optional<std::int64_t> max_executions_;
  std::int64_t executions_ = 0;
  std::map<std::string, std::string> machines_;  // name -> ARN, reused across cases
  std::vector<std::string> created_;
};

void register_flavour(const char* name, const char* summary, Flavour flavour) {
  register_target(name, summary, [flavour](const TargetSpec& spec) { return std::make_unique<SfnApiTarget>(spec, flavour); });
}

}  // namespace

void register_sfn_api_targets() {
  register_flavour("sfn-api",
                   "any Step Functions API endpoint (--endpoint-url), e.g. aslcheck serve; task scripts through a "
                   "MockConfigFile with aslcheck's timing extension",
                   Flavour::generic);
  register_flavour("sfn-local", "Step Functions Local (default http://localhost:8083) with a MockConfigFile", Flavour::sfn_local);
  register_flavour("localstack", "LocalStack's Step Functions (default http://localhost:4566) with SFN_MOCK_CONFIG",
                   Flavour::localstack);
  register_flavour("aws", "a real AWS account (SigV4, tagged resources, deleted at the end)", Flavour::aws);
}

std::string CostEstimate::summary() const {
  char buffer[480];
  std::snprintf(buffer, sizeof buffer,
                "estimated AWS cost: %zu executions, %zu state transitions, %zu Lambda invocations: about $%.4f "
                "(us-east-1 list prices, before free tier; the scripted-task Lambda runs about %.0f s in all); "
                "%zu TestState calls (no listed price; at 1 per second, about %zu s)",
                executions, state_transitions, lambda_invocations, dollars, lambda_seconds, test_state_calls,
                test_state_calls);
  return buffer;
}

CostEstimate estimate_aws_cost(const std::vector<asl::Case>& cases, bool use_test_state) {
  CostEstimate estimate;
  asl::ExecOptions options;
  options.history = true;
  for (const asl::Case& c : cases) {
    if (use_test_state) {
      if (std::int64_t calls = expected_test_state_calls(c); calls > 0) {
        estimate.test_state_calls += static_cast<std::size_t>(calls);
        continue;
      }
    }
    asl::Result r = asl::execute(c, options);
    ++estimate.executions;
    std::size_t transitions = 0;
    if (r.history && r.history->is_array()) {
      // Each task attempt is one scripted-task Lambda invocation, running from its Scheduled
      // event to its end (the Lambda waits the scripted seconds), first in first out per state.
      EventOwners owner(*r.history);
      std::map<std::string, std::deque<double>> running;
      for (const asl::Value& e : r.history->as_array()) {
        const asl::Value* type = e.get("type");
        if (type == nullptr || !type->is_string()) continue;
        const std::string& t = type->as_string();
        if (t.ends_with("StateEntered")) ++transitions;
        const bool task_event = t.starts_with("Task") || t.starts_with("LambdaFunction");
        if (!task_event) continue;
        const asl::Value* ts = e.get("timestamp");
        double at = ts != nullptr && ts->is_string() ? http::epoch_seconds(ts->as_string()) : 0;
        if (t == "TaskScheduled" || t == "LambdaFunctionScheduled") {
          ++estimate.lambda_invocations;
          running[owner(e)].push_back(at);
        } else if (t.ends_with("Succeeded") || t.ends_with("Failed") || t.ends_with("TimedOut")) {
          auto& queue = running[owner(e)];
          if (queue.empty()) continue;
          estimate.lambda_seconds += std::max(0.0, at - queue.front());
          queue.pop_front();
        }
      }
    }
    estimate.state_transitions += transitions + 1;
    if (c.type == asl::MachineType::express) {
      estimate.dollars += 1.0 / 1e6 + 0.00001667 * 0.0625 * 0.1;  // request + 100 ms at 64 MB
    } else {
      estimate.dollars += 0.025 / 1000 * static_cast<double>(transitions + 1);
    }
  }
  // $0.20 per million requests, and duration at 128 MB ($0.0000166667 per GB-second, 1 ms minimum).
  estimate.dollars += 0.20 / 1e6 * static_cast<double>(estimate.lambda_invocations);
  estimate.dollars += 0.0000166667 * 0.125 * (estimate.lambda_seconds + 0.001 * static_cast<double>(estimate.lambda_invocations));
  return estimate;
}

}  // namespace aslcheck
