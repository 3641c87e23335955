// worker_target.cpp — runs cases in a WorkerProcess: capabilities from its hello, one request/answer line per case.
#include "targets/worker_target.h"

#include <cstdlib>

#include "asl/json.h"

namespace aslcheck {
namespace {

using asl::Value;

asl::Result target_error(std::string message) {
  asl::Result r;
  r.status = asl::Status::target_error;
  r.message = std::move(message);
  return r;
}

bool bool_field(const Value& object, std::string_view key, bool fallback) {
  const Value* v = object.get(key);
  return v != nullptr && v->is_bool() ? v->as_bool() : fallback;
}

// The hello's "capabilities": {"channels": [...], "express", "distributedMap", "callbacks",
// "jsonata", "variables", "timeScale"}. Unknown channel names are errors: a worker that claims
// a channel aslcheck does not know would have it silently ignored.
asl::Expected<Capabilities> read_capabilities(const Value& hello) {
  Capabilities caps;
  caps.channels = {Channel::status};
  const Value* c = hello.get("capabilities");
  if (c == nullptr || !c->is_object()) return caps;
  if (const Value* channels = c->get("channels"); channels != nullptr && channels->is_array()) {
    caps.channels.clear();
    for (const Value& name : channels->as_array()) {
      auto channel = name.is_string() ? parse_channel(name.as_string()) : std::nullopt;
      if (!channel) {
        return asl::Error{"TARGET_ERROR", "the worker's hello names an unknown channel " + asl::json::write(name), {}};
      }
      caps.channels.push_back(*channel);
    }
    if (!caps.reports(Channel::status)) caps.channels.insert(caps.channels.begin(), Channel::status);
  }
  caps.express = bool_field(*c, "express", true);
  caps.distributed_map = bool_field(*c, "distributedMap", true);
  caps.callbacks = bool_field(*c, "callbacks", true);
  caps.jsonata = bool_field(*c, "jsonata", true);
  caps.variables = bool_field(*c, "variables", true);
  if (const Value* scale = c->get("timeScale"); scale != nullptr && scale->is_number() && scale->as_double() > 0) {
    caps.time_scale = scale->as_double();
  }
  return caps;
}

class WorkerTarget final : public Target {
 public:
  explicit WorkerTarget(WorkerTargetConfig config) : config_(std::move(config)), worker_(config_.command) {
    capabilities_.channels = {Channel::status};
    if (config_.unavailable.empty()) learn_capabilities();
  }

  std::string_view name() const override { return config_.name; }
  const Capabilities& capabilities() const override { return capabilities_; }

  std::optional<std::string> cannot_run(const asl::Case& c) const override {
    if (!config_.unavailable.empty() || !known_) return std::nullopt;  // run() reports the target error
    if (auto why = unsupported_feature(c, capabilities_)) return why;
    if (config_.cannot_run) return config_.cannot_run(c);
    return std::nullopt;
  }

  asl::Result run(const asl::Case& c) override {
    if (!config_.unavailable.empty()) return target_error(config_.unavailable);
    if (!known_) {
      learn_capabilities();
      if (!known_) return target_error(start_error_);
    }
    Object request;
    request.append_unique("id", Value(c.id));
    request.append_unique("case", asl::to_json(c));
    request.append_unique("contextObject", case_context_object(c));
    auto answer = worker_.exchange(Value(std::move(request)), config_.case_timeout_seconds);
    if (!answer) return target_error(answer.error().message);
    const Value* result = answer->get("result");
    if (result == nullptr) {
      worker_.kill();
      return target_error("the worker's answer has no \"result\": " + asl::json::write(*answer).substr(0, 200));
    }
    auto parsed = asl::read_result(*result);
    if (!parsed) {
      worker_.kill();  // it speaks something else than the protocol: start afresh
      return target_error("the worker's result is not a Result: " + asl::format_error(parsed.error()));
    }
    return std::move(parsed).value();
  }

 private:
  using Object = asl::Object;

  void learn_capabilities() {
    auto hello = worker_.ensure_started();
    if (!hello) {
      start_error_ = hello.error().message;
      return;
    }
    auto caps = read_capabilities(*hello);
    if (!caps) {
      start_error_ = caps.error().message;
      worker_.kill();
      return;
    }
    capabilities_ = std::move(caps).value();
    known_ = true;
  }

  WorkerTargetConfig config_;
  WorkerProcess worker_;
  Capabilities capabilities_;
  bool known_ = false;
  std::string start_error_;
};

// --- what a case needs ------------------------------------------------------------------------

struct Needs {
  std::string distributed_map, callback, jsonata, variables;  // the first state that needs each
};

void scan_machine(const Value& machine, Needs& needs, bool jsonata_default) {
  bool machine_jsonata = jsonata_default;
  if (const Value* ql = machine.get("QueryLanguage"); ql != nullptr && ql->is_string()) {
    machine_jsonata = ql->as_string() == "JSONata";
  }
  const Value* states = machine.get("States");
  if (states == nullptr || !states->is_object()) return;
  for (const asl::Member& m : states->as_object()) {
    const Value& s = m.value;
    bool state_jsonata = machine_jsonata;
    if (const Value* ql = s.get("QueryLanguage"); ql != nullptr && ql->is_string()) {
      state_jsonata = ql->as_string() == "JSONata";
    }
    if (state_jsonata && needs.jsonata.empty()) needs.jsonata = m.key;
    if (needs.variables.empty() && s.get("Assign") != nullptr) needs.variables = m.key;
    if (const Value* catchers = s.get("Catch"); needs.variables.empty() && catchers != nullptr && catchers->is_array()) {
      for (const Value& c : catchers->as_array()) {
        if (c.get("Assign") != nullptr) needs.variables = m.key;
      }
    }
    if (const Value* choices = s.get("Choices"); needs.variables.empty() && choices != nullptr && choices->is_array()) {
      for (const Value& c : choices->as_array()) {
        if (c.get("Assign") != nullptr) needs.variables = m.key;
      }
    }
    if (needs.distributed_map.empty() &&
        (s.get("ItemReader") != nullptr || s.get("ResultWriter") != nullptr || s.get("ItemBatcher") != nullptr)) {
      needs.distributed_map = m.key;
    }
    if (const Value* resource = s.get("Resource"); needs.callback.empty() && resource != nullptr &&
                                                   resource->is_string() &&
                                                   resource->as_string().ends_with(".waitForTaskToken")) {
      needs.callback = m.key;
    }
    if (const Value* branches = s.get("Branches"); branches != nullptr && branches->is_array()) {
      for (const Value& b : branches->as_array()) scan_machine(b, needs, state_jsonata);
    }
    for (const char* key : {"ItemProcessor", "Iterator"}) {
      if (const Value* p = s.get(key); p != nullptr) scan_machine(*p, needs, state_jsonata);
    }
  }
}

std::string context_string(const asl::Case& c, std::string_view key, std::string fallback) {
  const Value* v = c.context.get(key);
  return v != nullptr && v->is_string() ? v->as_string() : fallback;
}

}  // namespace

std::optional<std::string> unsupported_feature(const asl::Case& c, const Capabilities& capabilities) {
  if (!capabilities.express && c.type == asl::MachineType::express) return "the target cannot run EXPRESS machines";
  Needs needs;
  scan_machine(c.definition, needs, false);
  if (!capabilities.jsonata && !needs.jsonata.empty()) {
    return "state '" + needs.jsonata + "' uses JSONata, which the target does not support";
  }
  if (!capabilities.variables && !needs.variables.empty()) {
    return "state '" + needs.variables + "' assigns variables, which the target does not support";
  }
  if (!capabilities.distributed_map && !needs.distributed_map.empty()) {
    return "state '" + needs.distributed_map + "' reads or writes items (ItemReader/ItemBatcher/ResultWriter), " +
           "which the target does not support";
  }
  if (!capabilities.callbacks && !needs.callback.empty()) {
    return "state '" + needs.callback + "' waits for a task token, which the target does not support";
  }
  return std::nullopt;
}

// Mirrors the oracle's identity (oracles/exec/execution.cpp, build_identity) for seed 0: the
// harness runs the oracle with seed 0, so "exec-0" is its default execution name.
Value case_context_object(const asl::Case& c) {
  const std::string account = "123456789012";
  std::string region = context_string(c, "region", "us-east-1");
  std::string machine_name = context_string(c, "stateMachineName", c.id.empty() ? "aslcheck" : c.id);
  std::string execution_name = context_string(c, "executionName", "exec-0");
  std::string role = context_string(c, "roleArn", "arn:aws:iam::" + account + ":role/aslcheck");
  std::string start = context_string(c, "startTime", "2026-01-01T00:00:00Z");
  std::string prefix = "arn:aws:states:" + region + ":" + account + ":";
  asl::Object execution;
  if (c.type == asl::MachineType::express) {
    execution.append_unique("Id", Value(prefix + "express:" + machine_name + ":" + execution_name + ":" +
                                        context_string(c, "executionUuid", "00000000-0000-4000-8000-000000000000")));
  } else {
    execution.append_unique("Id", Value(prefix + "execution:" + machine_name + ":" + execution_name));
  }
  execution.append_unique("Input", c.input);
  execution.append_unique("StartTime", Value(start));
  execution.append_unique("Name", Value(execution_name));
  execution.append_unique("RoleArn", Value(role));
  execution.append_unique("RedriveCount", Value(0));
  asl::Object machine{{"Id", Value(prefix + "stateMachine:" + machine_name)}, {"Name", Value(machine_name)}};
  return Value(asl::Object{{"Execution", Value(std::move(execution))}, {"StateMachine", Value(std::move(machine))}});
}

void apply_common_worker_options(const TargetSpec& spec, WorkerTargetConfig& config) {
  if (auto it = spec.options.find("timeout"); it != spec.options.end()) {
    double seconds = std::strtod(it->second.c_str(), nullptr);
    if (seconds > 0) config.case_timeout_seconds = seconds;
  }
  if (auto it = spec.options.find("stderr"); it != spec.options.end()) config.command.stderr_path = it->second;
  if (auto it = spec.options.find("dir"); it != spec.options.end()) config.command.working_dir = it->second;
}

std::unique_ptr<Target> make_worker_target(WorkerTargetConfig config) {
  return std::make_unique<WorkerTarget>(std::move(config));
}

}  // namespace aslcheck
