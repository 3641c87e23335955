// sfn_service.cpp — the Step Functions operations of `aslcheck serve`, in memory, over asl::execute.
#include "serve/sfn_service.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

#include "asl/exec.h"
#include "asl/scope.h"
#include "asl/json.h"
#include "asl/test_state.h"
#include "http/epoch_time.h"

namespace aslcheck::serve {

namespace {

constexpr std::size_t kMaxPayloadBytes = 262144;  // execution input/output quota
constexpr std::size_t kMaxDefinitionBytes = 1048576;

// The error namespaces AWS puts before '#' in __type (UNCONFIRMED, see docs/aws-differences.md;
// clients read the code after '#').
constexpr std::string_view kServiceNamespace = "com.amazonaws.swf.service.v2.model";
constexpr std::string_view kFrameworkNamespace = "com.amazon.coral.service";

ApiReply ok(asl::Object body) { return ApiReply{200, asl::Value(std::move(body))}; }

// A string member: absent leaves `out` alone (or is MissingRequiredParameter when required);
// another JSON type is a SerializationException, as AWS's deserializer reports it.
std::optional<ApiReply> read_string(const asl::Value& request, std::string_view key, std::string& out, bool required) {
  const asl::Value* v = request.get(key);
  if (v == nullptr || v->is_null()) {
    if (!required) return std::nullopt;
    return api_error("MissingRequiredParameter", "Missing required parameter: '" + std::string(key) + "'");
  }
  if (!v->is_string()) {
    return api_error("SerializationException", "Cannot deserialize '" + std::string(key) + "': expected a string");
  }
  out = v->as_string();
  return std::nullopt;
}

std::optional<ApiReply> read_int(const asl::Value& request, std::string_view key, std::int64_t& out) {
  const asl::Value* v = request.get(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_integer()) return api_error("SerializationException", "Cannot deserialize '" + std::string(key) + "': expected an integer");
  out = v->as_int();
  return std::nullopt;
}

std::optional<ApiReply> read_bool(const asl::Value& request, std::string_view key, bool& out) {
  const asl::Value* v = request.get(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_bool()) return api_error("SerializationException", "Cannot deserialize '" + std::string(key) + "': expected a boolean");
  out = v->as_bool();
  return std::nullopt;
}

// Names of state machines and executions: 1-80 characters, none of whitespace, brackets,
// wildcards, the punctuation AWS lists, or control characters.
bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 80) return false;
  for (unsigned char c : name) {
    if (c <= 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) return false;
    if (std::string_view("<>{}[]?*\"#%\\^|~`$&,;:/").find(static_cast<char>(c)) != std::string_view::npos) return false;
  }
  return true;
}

// arn:aws:states:<region>:<account>:<kind>:<rest>
bool arn_of_kind(std::string_view arn, std::string_view kind) {
  std::size_t field = 0, at = 0;
  std::string_view parts[7];
  while (field < 6) {
    auto colon = arn.find(':', at);
    if (colon == std::string_view::npos) return false;
    parts[field++] = arn.substr(at, colon - at);
    at = colon + 1;
  }
  parts[6] = arn.substr(at);
  return parts[0] == "arn" && parts[1].starts_with("aws") && parts[2] == "states" && !parts[3].empty() &&
         !parts[4].empty() && parts[5] == kind && !parts[6].empty();
}

asl::Value epoch(double seconds) { return asl::Value(seconds); }

std::string status_text(asl::Status status) {
  switch (status) {
    case asl::Status::succeeded: return "SUCCEEDED";
    case asl::Status::failed: return "FAILED";
    case asl::Status::timed_out: return "TIMED_OUT";
    case asl::Status::aborted: return "ABORTED";
    default: return "FAILED";
  }
}

asl::Value payload_details(bool included) { return asl::Value(asl::Object{{"included", asl::Value(included)}}); }

}  // namespace

ApiReply api_error(std::string_view code, std::string message, int status) {
  bool framework = code == "SerializationException" || code == "UnknownOperationException" ||
                   code == "ValidationException" || code == "MissingRequiredParameter";
  std::string type = std::string(framework ? kFrameworkNamespace : kServiceNamespace) + "#" + std::string(code);
  return ApiReply{status, asl::Value(asl::Object{{"__type", asl::Value(type)}, {"message", asl::Value(std::move(message))}})};
}

struct SfnService::Machine {
  std::string arn;
  std::string name;
  std::string definition_text;
  std::string role_arn;
  asl::MachineType type = asl::MachineType::standard;
  double creation_date = 0;
  asl::Value definition;
  std::shared_ptr<const asl::StateMachine> loaded;
  std::map<std::string, std::string> tags;
};

struct SfnService::Execution {
  std::string arn;
  std::string name;
  std::string machine_arn;
  std::string input_text;
  bool express = false;
  double start_date = 0;
  std::chrono::steady_clock::time_point wall_start;

  // Everything below is guarded by `mutex`: a LiveExecution is not thread-safe.
  std::mutex mutex;
  std::unique_ptr<asl::LiveExecution> live;  // null once finished
  double stop_date = 0;
  std::string status = "RUNNING";  // RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED
  std::optional<std::string> output;
  std::optional<std::string> error;
  std::optional<std::string> cause;
  asl::Array history;  // events with epoch-second timestamps
  std::vector<std::string> pending_tokens;

  double wall_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  }

  // Runs what can run by now and copies the live execution's state into the API's fields.
  void refresh() {
    if (!live) return;
    live->advance(wall_seconds());
    absorb(live->result());
    pending_tokens.clear();
    for (const asl::PendingTask& task : live->pending()) pending_tokens.push_back(task.token);
    if (live->finished()) live.reset();
  }

  void absorb(const asl::Result& result) {
    history.clear();
    if (result.history && result.history->is_array()) {
      for (const asl::Value& event : result.history->as_array()) {
        asl::Value copy = event;
        asl::Object& o = copy.mutable_object();
        if (const asl::Value* ts = o.find("timestamp"); ts != nullptr && ts->is_string()) {
          o.set("timestamp", epoch(http::epoch_seconds(ts->as_string())));
        }
        history.push_back(std::move(copy));
      }
    }
    double last_event = history.empty() ? start_date : history.back().get("timestamp")->as_double();
    if (result.status == asl::Status::running) {
      status = "RUNNING";
      return;
    }
    stop_date = last_event;
    if (result.status == asl::Status::target_error) {
      // A Task with no mocked response that nobody outside can answer: Step Functions Local
      // would call the real service, which serve cannot; the execution fails with a named
      // error instead (docs/aws-differences.md).
      status = "FAILED";
      error = "aslcheck.NoMockedResponse";
      cause = result.message;
      std::int64_t previous = history.empty() ? 0 : history.back().get("id")->as_int();
      history.emplace_back(asl::Object{
          {"timestamp", epoch(stop_date)},
          {"type", asl::Value("ExecutionFailed")},
          {"id", asl::Value(previous + 1)},
          {"previousEventId", asl::Value(previous)},
          {"executionFailedEventDetails", asl::Value(asl::Object{{"error", asl::Value(*error)}, {"cause", asl::Value(*cause)}})}});
      return;
    }
    status = status_text(result.status);
    if (result.output) output = asl::json::write(*result.output);
    error = result.error;
    cause = result.cause;
  }
};

SfnService::SfnService(ServiceOptions options) : options_(std::move(options)) {}
SfnService::~SfnService() = default;

std::string SfnService::arn_prefix() const { return "arn:aws:states:" + options_.region + ":" + options_.account + ":"; }

std::size_t SfnService::execution_count() const {
  std::shared_lock lock(mutex_);
  return executions_.size() + sync_answered_.load();
}

ApiReply SfnService::handle(std::string_view target, std::string_view body) {
  static const std::map<std::string, Handler, std::less<>> handlers = {
      {"CreateStateMachine", &SfnService::create_state_machine},
      {"DescribeStateMachine", &SfnService::describe_state_machine},
      {"DeleteStateMachine", &SfnService::delete_state_machine},
      {"ListStateMachines", &SfnService::list_state_machines},
      {"StartExecution", &SfnService::start_execution},
      {"StartSyncExecution", &SfnService::start_sync_execution},
      {"DescribeExecution", &SfnService::describe_execution},
      {"GetExecutionHistory", &SfnService::get_execution_history},
      {"StopExecution", &SfnService::stop_execution},
      {"ListExecutions", &SfnService::list_executions},
      {"ValidateStateMachineDefinition", &SfnService::validate_definition},
      {"TestState", &SfnService::test_state},
      {"SendTaskSuccess", &SfnService::send_task_success},
      {"SendTaskFailure", &SfnService::send_task_failure},
      {"SendTaskHeartbeat", &SfnService::send_task_heartbeat},
      {"TagResource", &SfnService::tag_resource},
      {"UntagResource", &SfnService::untag_resource},
      {"ListTagsForResource", &SfnService::list_tags},
  };
  constexpr std::string_view prefix = "AWSStepFunctions.";
  if (!target.starts_with(prefix)) return api_error("UnknownOperationException", "");
  auto handler = handlers.find(target.substr(prefix.size()));
  if (handler == handlers.end()) return api_error("UnknownOperationException", "");
  auto request = asl::json::read(body.empty() ? std::string_view("{}") : body);
  if (!request || !request->is_object()) {
    return api_error("SerializationException", request ? "Start of structure or map found where not expected."
                                                       : "Malformed request body: " + request.error().message);
  }
  return (this->*(handler->second))(*request);
}

std::shared_ptr<SfnService::Machine> SfnService::find_machine(const std::string& arn) const {
  std::shared_lock lock(mutex_);
  auto it = machines_.find(arn);
  return it == machines_.end() ? nullptr : it->second;
}

std::shared_ptr<SfnService::Execution> SfnService::find_execution(const std::string& arn) const {
  std::shared_lock lock(mutex_);
  auto it = executions_.find(arn);
  return it == executions_.end() ? nullptr : it->second;
}

// CreateStateMachine {name, definition, roleArn, type?, tags?} -> {stateMachineArn, creationDate}
ApiReply SfnService::create_state_machine(const asl::Value& request) {
  auto m = std::make_shared<Machine>();
  std::string type = "STANDARD";
  if (auto e = read_string(request, "name", m->name, true)) return *e;
  if (auto e = read_string(request, "definition", m->definition_text, true)) return *e;
  if (auto e = read_string(request, "roleArn", m->role_arn, true)) return *e;
  if (auto e = read_string(request, "type", type, false)) return *e;
  if (!valid_name(m->name)) return api_error("InvalidName", "Invalid Name: '" + m->name + "'");
  if (type != "STANDARD" && type != "EXPRESS") {
    return api_error("ValidationException", "1 validation error detected: Value '" + type +
                                                "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]");
  }
  if (!arn_of_kind(m->role_arn, "role") && !m->role_arn.starts_with("arn:aws:iam::")) {
    return api_error("InvalidArn", "Invalid Arn: '" + m->role_arn + "'");
  }
  if (m->definition_text.size() > kMaxDefinitionBytes) {
    return api_error("InvalidDefinition", "Invalid State Machine Definition: 'The definition is larger than 1048576 bytes'");
  }
  m->type = type == "EXPRESS" ? asl::MachineType::express : asl::MachineType::standard;
  asl::ValidationOptions validation;
  validation.type = m->type;
  std::vector<asl::Diagnostic> diagnostics = asl::validate_text(m->definition_text, validation);
  std::vector<asl::Diagnostic> errors;
  for (const asl::Diagnostic& d : diagnostics) {
    if (d.severity == "ERROR") errors.push_back(d);
  }
  if (!errors.empty()) return api_error("InvalidDefinition", asl::invalid_definition_message(errors));
  auto parsed = asl::json::read(m->definition_text);
  if (!parsed) return api_error("InvalidDefinition", "Invalid State Machine Definition: '" + parsed.error().message + "'");
  m->definition = std::move(parsed).value();
  asl::LoadResult loaded = asl::load(m->definition, validation);
  if (!loaded.machine) return api_error("InvalidDefinition", asl::invalid_definition_message(loaded.diagnostics));
  m->loaded = loaded.machine;
  if (const asl::Value* tags = request.get("tags"); tags != nullptr && tags->is_array()) {
    for (const asl::Value& tag : tags->as_array()) {
      const asl::Value* key = tag.get("key");
      const asl::Value* value = tag.get("value");
      if (key != nullptr && key->is_string()) m->tags[key->as_string()] = value != nullptr && value->is_string() ? value->as_string() : "";
    }
  }
  m->arn = arn_prefix() + "stateMachine:" + m->name;
  m->creation_date = http::now_epoch_seconds();
  std::unique_lock lock(mutex_);
  if (auto existing = machines_.find(m->arn); existing != machines_.end()) {
    const Machine& old = *existing->second;
    // Idempotent for an identical request; anything else is a conflict.
    if (old.definition_text != m->definition_text || old.role_arn != m->role_arn || old.type != m->type) {
      return api_error("StateMachineAlreadyExists", "State Machine Already Exists: '" + m->arn + "'");
    }
    return ok({{"stateMachineArn", asl::Value(old.arn)}, {"creationDate", epoch(old.creation_date)}});
  }
  machines_[m->arn] = m;
  return ok({{"stateMachineArn", asl::Value(m->arn)}, {"creationDate", epoch(m->creation_date)}});
}

ApiReply SfnService::describe_state_machine(const asl::Value& request) {
  std::string arn;
  if (auto e = read_string(request, "stateMachineArn", arn, true)) return *e;
  if (!arn_of_kind(arn, "stateMachine")) return api_error("InvalidArn", "Invalid Arn: '" + arn + "'");
  auto m = find_machine(arn);
  if (!m) return api_error("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
  return ok({{"stateMachineArn", asl::Value(m->arn)},
             {"name", asl::Value(m->name)},
             {"status", asl::Value("ACTIVE")},
             {"definition", asl::Value(m->definition_text)},
             {"roleArn", asl::Value(m->role_arn)},
             {"type", asl::Value(asl::machine_type_name(m->type))},
             {"creationDate", epoch(m->creation_date)},
             {"loggingConfiguration", asl::Value(asl::Object{{"level", asl::Value("OFF")}, {"includeExecutionData", asl::Value(false)}})}});
}

ApiReply SfnService::delete_state_machine(const asl::Value& request) {
  std::string arn;
  if (auto e = read_string(request, "stateMachineArn", arn, true)) return *e;
  if (!arn_of_kind(arn, "stateMachine")) return api_error("InvalidArn", "Invalid Arn: '" + arn + "'");
  std::unique_lock lock(mutex_);
  machines_.erase(arn);
  return ok({});
}

ApiReply SfnService::list_state_machines(const asl::Value& request) {
  asl::Array list;
  std::shared_lock lock(mutex_);
  for (const auto& [arn, m] : machines_) {
    list.emplace_back(asl::Object{{"stateMachineArn", asl::Value(arn)},
                                  {"name", asl::Value(m->name)},
                                  {"type", asl::Value(asl::machine_type_name(m->type))},
                                  {"creationDate", epoch(m->creation_date)}});
  }
  return ok({{"stateMachines", asl::Value(std::move(list))}});
}

std::shared_ptr<SfnService::Execution> SfnService::run(const asl::Value& request, bool sync, ApiReply& error) {
  std::string machine_arn, name, input_text = "{}";
  if (auto e = read_string(request, "stateMachineArn", machine_arn, true)) return error = *e, nullptr;
  if (auto e = read_string(request, "name", name, false)) return error = *e, nullptr;
  if (auto e = read_string(request, "input", input_text, false)) return error = *e, nullptr;
  // Step Functions Local's test cases: "<stateMachineArn>#<TestCase>".
  std::string test_case;
  if (auto hash = machine_arn.find('#'); hash != std::string::npos) {
    test_case = machine_arn.substr(hash + 1);
    machine_arn.resize(hash);
  }
  if (!arn_of_kind(machine_arn, "stateMachine")) return error = api_error("InvalidArn", "Invalid Arn: '" + machine_arn + "'"), nullptr;
  auto machine = find_machine(machine_arn);
  if (!machine) return error = api_error("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + machine_arn + "'"), nullptr;
  if (sync && machine->type != asl::MachineType::express) {
    return error = api_error("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine"), nullptr;
  }
  std::uint64_t number = ++counter_;
  asl::Entropy entropy(options_.seed ^ (number * 0x9e3779b97f4a7c15ULL));
  if (name.empty()) name = entropy.uuid_v4();
  if (!valid_name(name)) return error = api_error("InvalidName", "Invalid Name: '" + name + "'"), nullptr;
  if (input_text.size() > kMaxPayloadBytes) {
    return error = api_error("InvalidExecutionInput", "Invalid State Machine Execution Input: 'The input is larger than " +
                                                          std::to_string(kMaxPayloadBytes) + " bytes'"),
           nullptr;
  }
  auto input = asl::json::read(input_text);
  if (!input) {
    return error = api_error("InvalidExecutionInput", "Invalid State Machine Execution Input: '" + input.error().message + "'"), nullptr;
  }
  const TaskScript* script = nullptr;
  if (!test_case.empty()) {
    script = options_.mocks.find(machine->name, test_case);
    if (script == nullptr) {
      return error = api_error("ValidationException", "Test case '" + test_case + "' for state machine '" + machine->name +
                                                          "' is not in the mock config file"),
             nullptr;
    }
  }

  auto ex = std::make_shared<Execution>();
  ex->name = name;
  ex->machine_arn = machine_arn;
  ex->input_text = input_text;
  ex->express = machine->type == asl::MachineType::express;
  std::string uuid = entropy.uuid_v4();
  ex->arn = ex->express ? arn_prefix() + "express:" + machine->name + ":" + name + ":" + uuid
                        : arn_prefix() + "execution:" + machine->name + ":" + name;
  ex->start_date = options_.start_time ? http::epoch_seconds(*options_.start_time) : http::now_epoch_seconds();

  asl::Case c;
  c.id = machine->name;
  c.type = machine->type;
  c.definition = machine->definition;
  c.input = std::move(input).value();
  if (script != nullptr) c.tasks = *script;
  asl::Object context{{"stateMachineName", asl::Value(machine->name)},
                      {"executionName", asl::Value(name)},
                      {"startTime", asl::Value(http::iso_timestamp(ex->start_date))},
                      {"region", asl::Value(options_.region)},
                      {"roleArn", asl::Value(machine->role_arn)},
                      {"executionUuid", asl::Value(uuid)}};
  if (sync) context.append_unique("api", asl::Value("StartSyncExecution"));
  c.context = asl::Value(std::move(context));
  asl::ExecOptions exec_options;
  exec_options.history = true;
  exec_options.seed = options_.seed + number;
  ex->wall_start = std::chrono::steady_clock::now();
  ex->live = std::make_unique<asl::LiveExecution>(machine->loaded, std::move(c), exec_options);
  {
    std::unique_lock lock(mutex_);
    if (auto existing = executions_.find(ex->arn); existing != executions_.end()) {
      std::lock_guard existing_lock(existing->second->mutex);
      // Standard: the same name and input while running is idempotent.
      if (existing->second->status == "RUNNING" && existing->second->input_text == input_text) return existing->second;
      error = api_error("ExecutionAlreadyExists", "Execution Already Exists: '" + ex->arn + "'");
      return nullptr;
    }
    executions_[ex->arn] = ex;
  }
  refresh(ex);
  if (sync) {
    // StartSyncExecution answers when the execution ends, also when it waits on a task token
    // (Express executions end within 5 minutes).
    auto running = [&] {
      std::lock_guard lock(ex->mutex);
      return ex->status == "RUNNING" && ex->wall_seconds() < 300;
    };
    while (running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      refresh(ex);
    }
  }
  return ex;
}

void SfnService::refresh(const std::shared_ptr<Execution>& ex) {
  std::vector<std::string> tokens;
  {
    std::lock_guard lock(ex->mutex);
    if (!ex->live) return;
    ex->refresh();
    tokens = ex->pending_tokens;
  }
  std::unique_lock lock(mutex_);
  for (const std::string& token : tokens) tokens_[token] = ex;
}

ApiReply SfnService::start_execution(const asl::Value& request) {
  ApiReply error;
  auto ex = run(request, false, error);
  if (!ex) return error;
  return ok({{"executionArn", asl::Value(ex->arn)}, {"startDate", epoch(ex->start_date)}});
}

ApiReply SfnService::start_sync_execution(const asl::Value& request) {
  ApiReply error;
  auto ex = run(request, true, error);
  if (!ex) return error;
  {
    std::unique_lock lock(mutex_);
    executions_.erase(ex->arn);
    for (const std::string& token : ex->pending_tokens) tokens_.erase(token);
  }
  ++sync_answered_;
  std::lock_guard lock(ex->mutex);
  asl::Object out{{"executionArn", asl::Value(ex->arn)},
                  {"stateMachineArn", asl::Value(ex->machine_arn)},
                  {"name", asl::Value(ex->name)},
                  {"startDate", epoch(ex->start_date)},
                  {"stopDate", epoch(ex->stop_date)},
                  {"status", asl::Value(ex->status == "RUNNING" ? "TIMED_OUT" : ex->status)},
                  {"input", asl::Value(ex->input_text)},
                  {"inputDetails", payload_details(true)}};
  if (ex->output) {
    out.append_unique("output", asl::Value(*ex->output));
    out.append_unique("outputDetails", payload_details(true));
  }
  if (ex->error) out.append_unique("error", asl::Value(*ex->error));
  if (ex->cause) out.append_unique("cause", asl::Value(*ex->cause));
  std::int64_t billed_ms = std::max<std::int64_t>(100, static_cast<std::int64_t>((ex->stop_date - ex->start_date) * 1000));
  out.append_unique("billingDetails", asl::Value(asl::Object{{"billedMemoryUsedInMB", asl::Value(64)},
                                                             {"billedDurationInMilliseconds", asl::Value(billed_ms)}}));
  return ok(std::move(out));
}

ApiReply SfnService::describe_execution(const asl::Value& request) {
  std::string arn;
  if (auto e = read_string(request, "executionArn", arn, true)) return *e;
  if (arn_of_kind(arn, "express")) {
    return api_error("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'");
  }
  if (!arn_of_kind(arn, "execution")) return api_error("InvalidArn", "Invalid Arn: '" + arn + "'");
  auto ex = find_execution(arn);
  if (!ex) return api_error("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  refresh(ex);
  std::lock_guard lock(ex->mutex);
  asl::Object out{{"executionArn", asl::Value(ex->arn)},
                  {"stateMachineArn", asl::Value(ex->machine_arn)},
                  {"name", asl::Value(ex->name)},
                  {"status", asl::Value(ex->status)},
                  {"startDate", epoch(ex->start_date)}};
  if (ex->status != "RUNNING") out.append_unique("stopDate", epoch(ex->stop_date));
  out.append_unique("input", asl::Value(ex->input_text));
  out.append_unique("inputDetails", payload_details(true));
  if (ex->output) {
    out.append_unique("output", asl::Value(*ex->output));
    out.append_unique("outputDetails", payload_details(true));
  }
  if (ex->error) out.append_unique("error", asl::Value(*ex->error));
  if (ex->cause) out.append_unique("cause", asl::Value(*ex->cause));
  out.append_unique("redriveCount", asl::Value(0));
  out.append_unique("redriveStatus", asl::Value(ex->status == "SUCCEEDED" || ex->status == "RUNNING" ? "NOT_REDRIVABLE" : "REDRIVABLE"));
  return ok(std::move(out));
}

// GetExecutionHistory {executionArn, maxResults? (1..1000, default 100), reverseOrder?, nextToken?, includeExecutionData?}
ApiReply SfnService::get_execution_history(const asl::Value& request) {
  std::string arn, token;
  std::int64_t max_results = 100;
  bool reverse = false, include_data = true;
  if (auto e = read_string(request, "executionArn", arn, true)) return *e;
  if (auto e = read_string(request, "nextToken", token, false)) return *e;
  if (auto e = read_int(request, "maxResults", max_results)) return *e;
  if (auto e = read_bool(request, "reverseOrder", reverse)) return *e;
  if (auto e = read_bool(request, "includeExecutionData", include_data)) return *e;
  if (arn_of_kind(arn, "express")) return api_error("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'");
  if (!arn_of_kind(arn, "execution")) return api_error("InvalidArn", "Invalid Arn: '" + arn + "'");
  if (max_results < 0 || max_results > 1000) {
    return api_error("ValidationException", "1 validation error detected: Value '" + std::to_string(max_results) +
                                                "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
  }
  if (max_results == 0) max_results = 100;
  auto ex = find_execution(arn);
  if (!ex) return api_error("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  std::size_t offset = 0;
  if (!token.empty()) {
    if (token.find_first_not_of("0123456789") != std::string::npos || token.size() > 9) {
      return api_error("InvalidToken", "Invalid Token: '" + token + "'");
    }
    offset = std::stoul(token);
  }
  refresh(ex);
  std::lock_guard lock(ex->mutex);
  asl::Array page;
  std::size_t total = ex->history.size();
  for (std::size_t i = offset; i < total && page.size() < static_cast<std::size_t>(max_results); ++i) {
    asl::Value event = ex->history[reverse ? total - 1 - i : i];
    if (!include_data) {
      asl::Object& o = event.mutable_object();
      for (const asl::Member& m : asl::Object(o)) {
        if (!m.value.is_object() || !m.key.ends_with("EventDetails")) continue;
        asl::Value details = m.value;
        asl::Object& d = details.mutable_object();
        for (const char* key : {"input", "output", "inputDetails", "outputDetails", "parameters"}) d.erase(key);
        o.set(m.key, std::move(details));
      }
    }
    page.push_back(std::move(event));
  }
  asl::Object out{{"events", asl::Value(std::move(page))}};
  if (offset + static_cast<std::size_t>(max_results) < total) {
    out.append_unique("nextToken", asl::Value(std::to_string(offset + static_cast<std::size_t>(max_results))));
  }
  return ok(std::move(out));
}

ApiReply SfnService::stop_execution(const asl::Value& request) {
  std::string arn, error, cause;
  if (auto e = read_string(request, "executionArn", arn, true)) return *e;
  if (auto e = read_string(request, "error", error, false)) return *e;
  if (auto e = read_string(request, "cause", cause, false)) return *e;
  if (!arn_of_kind(arn, "execution")) return api_error("InvalidArn", "Invalid Arn: '" + arn + "'");
  auto ex = find_execution(arn);
  if (!ex) return api_error("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  refresh(ex);
  std::lock_guard lock(ex->mutex);
  if (ex->live) {
    auto optional = [](const std::string& text) { return text.empty() ? std::nullopt : std::optional<std::string>(text); };
    ex->live->stop(optional(error), optional(cause), ex->wall_seconds());
    ex->absorb(ex->live->result());
    ex->pending_tokens.clear();
    ex->live.reset();
  }
  return ok({{"stopDate", epoch(ex->stop_date)}});
}

ApiReply SfnService::list_executions(const asl::Value& request) {
  std::string machine_arn;
  if (auto e = read_string(request, "stateMachineArn", machine_arn, true)) return *e;
  if (!arn_of_kind(machine_arn, "stateMachine")) return api_error("InvalidArn", "Invalid Arn: '" + machine_arn + "'");
  if (!find_machine(machine_arn)) return api_error("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + machine_arn + "'");
  asl::Array list;
  std::shared_lock lock(mutex_);
  for (const auto& [arn, ex] : executions_) {
    if (ex->machine_arn != machine_arn || ex->express) continue;
    std::lock_guard ex_lock(ex->mutex);
    asl::Object item{{"executionArn", asl::Value(arn)}, {"stateMachineArn", asl::Value(machine_arn)},
                     {"name", asl::Value(ex->name)},    {"status", asl::Value(ex->status)},
                     {"startDate", epoch(ex->start_date)}};
    if (ex->status != "RUNNING") item.append_unique("stopDate", epoch(ex->stop_date));
    list.emplace_back(std::move(item));
  }
  return ok({{"executions", asl::Value(std::move(list))}});
}

// ValidateStateMachineDefinition {definition, type?, severity? ERROR|WARNING, maxResults?}
ApiReply SfnService::validate_definition(const asl::Value& request) {
  std::string definition, type = "STANDARD", severity = "ERROR";
  std::int64_t max_results = 100;
  if (auto e = read_string(request, "definition", definition, true)) return *e;
  if (auto e = read_string(request, "type", type, false)) return *e;
  if (auto e = read_string(request, "severity", severity, false)) return *e;
  if (auto e = read_int(request, "maxResults", max_results)) return *e;
  asl::ValidationOptions validation;
  validation.type = type == "EXPRESS" ? asl::MachineType::express : asl::MachineType::standard;
  bool failed = false;
  bool truncated = false;
  asl::Array shown;
  for (const asl::Diagnostic& d : asl::validate_text(definition, validation)) {
    failed = failed || d.severity == "ERROR";
    if (severity == "ERROR" && d.severity != "ERROR") continue;
    if (max_results > 0 && shown.size() >= static_cast<std::size_t>(max_results)) {
      truncated = true;
      continue;
    }
    asl::Object o{{"severity", asl::Value(d.severity)}, {"code", asl::Value(d.code)}, {"message", asl::Value(d.message)}};
    if (!d.location.empty()) o.set("location", asl::Value(d.location));
    shown.emplace_back(std::move(o));
  }
  return ok({{"result", asl::Value(failed ? "FAIL" : "OK")},
             {"diagnostics", asl::Value(std::move(shown))},
             {"truncated", asl::Value(truncated)}});
}

// TestState {definition, stateName?, input?, inspectionLevel?, roleArn?, revealSecrets?,
// variables?, context?, mock?, stateConfiguration?} -> {output?, error?, cause?,
// inspectionData?, nextState?, status}: the oracle's TestState (asl/test_state.h), which makes
// AWS's checks on the request and answers in AWS's wire shapes (payloads as JSON text).
ApiReply SfnService::test_state(const asl::Value& request) {
  auto parsed = asl::read_test_state_request(request);
  if (!parsed) return api_error(parsed.error().name, parsed.error().message);
  asl::TestStateOutcome outcome = asl::test_state(*parsed, options_.seed);
  switch (outcome.kind) {
    case asl::TestStateOutcome::Kind::response: return ApiReply{200, asl::to_json(outcome.response)};
    case asl::TestStateOutcome::Kind::api_error: return api_error(outcome.api_error.code, outcome.api_error.message);
    case asl::TestStateOutcome::Kind::unsupported: break;
  }
  // AWS would run it (an unmocked call to a real service, ...): serve cannot, and says so
  // under a code of its own rather than pretend to be AWS's answer (docs/aws-differences.md).
  return api_error("aslcheck.NotModelled", "aslcheck serve does not model this TestState request: " + outcome.message);
}

// SendTaskSuccess {taskToken, output} / SendTaskFailure {taskToken, error?, cause?} /
// SendTaskHeartbeat {taskToken}: answer a callback task that waits in a live execution.
ApiReply SfnService::answer_task(const asl::Value& request, std::string_view kind) {
  std::string token, output, error, cause;
  if (auto e = read_string(request, "taskToken", token, true)) return *e;
  if (kind == "success") {
    if (auto e = read_string(request, "output", output, true)) return *e;
  } else if (kind == "failure") {
    if (auto e = read_string(request, "error", error, false)) return *e;
    if (auto e = read_string(request, "cause", cause, false)) return *e;
  }
  asl::Value parsed_output;
  if (kind == "success") {
    if (output.size() > kMaxPayloadBytes) return api_error("InvalidOutput", "Invalid Output: 'The output is larger than 262144 bytes'");
    auto parsed = asl::json::read(output);
    if (!parsed) return api_error("InvalidOutput", "Invalid Output: '" + parsed.error().message + "'");
    parsed_output = std::move(parsed).value();
  }
  std::shared_ptr<Execution> ex;
  {
    std::shared_lock lock(mutex_);
    if (auto it = tokens_.find(token); it != tokens_.end()) ex = it->second.lock();
  }
  if (!ex) return api_error("TaskDoesNotExist", "Task Does Not Exist: '" + token + "'");
  refresh(ex);
  bool accepted = false;
  {
    std::lock_guard lock(ex->mutex);
    if (ex->live) {
      double now = ex->wall_seconds();
      auto optional = [](const std::string& text) { return text.empty() ? std::nullopt : std::optional<std::string>(text); };
      if (kind == "success") accepted = ex->live->send_task_success(token, parsed_output, now);
      else if (kind == "failure") accepted = ex->live->send_task_failure(token, optional(error), optional(cause), now);
      else accepted = ex->live->send_task_heartbeat(token, now);
    }
  }
  if (!accepted) {
    std::unique_lock lock(mutex_);
    tokens_.erase(token);
    return api_error("TaskTimedOut", "Task Timed Out: '" + token + "'");
  }
  refresh(ex);
  if (kind != "heartbeat") {
    std::unique_lock lock(mutex_);
    tokens_.erase(token);
  }
  return ok({});
}

ApiReply SfnService::send_task_success(const asl::Value& request) { return answer_task(request, "success"); }
ApiReply SfnService::send_task_failure(const asl::Value& request) { return answer_task(request, "failure"); }
ApiReply SfnService::send_task_heartbeat(const asl::Value& request) { return answer_task(request, "heartbeat"); }

ApiReply SfnService::tag_resource(const asl::Value& request) {
  std::string arn;
  if (auto e = read_string(request, "resourceArn", arn, true)) return *e;
  auto m = find_machine(arn);
  if (!m) return api_error("ResourceNotFound", "Resource not found: '" + arn + "'");
  std::unique_lock lock(mutex_);
  if (const asl::Value* tags = request.get("tags"); tags != nullptr && tags->is_array()) {
    for (const asl::Value& tag : tags->as_array()) {
      const asl::Value* key = tag.get("key");
      const asl::Value* value = tag.get("value");
      if (key != nullptr && key->is_string()) m->tags[key->as_string()] = value != nullptr && value->is_string() ? value->as_string() : "";
    }
  }
  return ok({});
}

ApiReply SfnService::untag_resource(const asl::Value& request) {
  std::string arn;
  if (auto e = read_string(request, "resourceArn", arn, true)) return *e;
  auto m = find_machine(arn);
  if (!m) return api_error("ResourceNotFound", "Resource not found: '" + arn + "'");
  std::unique_lock lock(mutex_);
  if (const asl::Value* keys = request.get("tagKeys"); keys != nullptr && keys->is_array()) {
    for (const asl::Value& key : keys->as_array()) {
      if (key.is_string()) m->tags.erase(key.as_string());
    }
  }
  return ok({});
}

ApiReply SfnService::list_tags(const asl::Value& request) {
  std::string arn;
  if (auto e = read_string(request, "resourceArn", arn, true)) return *e;
  auto m = find_machine(arn);
  if (!m) return api_error("ResourceNotFound", "Resource not found: '" + arn + "'");
  asl::Array tags;
  std::shared_lock lock(mutex_);
  for (const auto& [key, value] : m->tags) tags.emplace_back(asl::Object{{"key", asl::Value(key)}, {"value", asl::Value(value)}});
  return ok({{"tags", asl::Value(std::move(tags))}});
}

}  // namespace aslcheck::serve
