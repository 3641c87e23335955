// test_state_checks.cpp — TestState's request checks: loading the state under test, mocks, context, variables, input.
#include "exec/test_state_checks.h"

#include <algorithm>

#include "asl/json.h"
#include "exec/service_models.h"

namespace asl::exec {

namespace {

TestStateApiError validation(std::string message) { return {"ValidationException", std::move(message)}; }

std::vector<Diagnostic> errors_only(std::vector<Diagnostic> diagnostics) {
  std::erase_if(diagnostics, [](const Diagnostic& d) { return d.severity != "ERROR"; });
  return diagnostics;
}

// The states a single state names as its successors: they become Succeed stubs, because the
// state is tested alone and its transitions only name where the run would go next.
void transition_targets(const Value& state, std::vector<std::string>& out) {
  auto add = [&](const Value* name) {
    if (name != nullptr && name->is_string() && name->as_string() != kSingleStateName) out.push_back(name->as_string());
  };
  add(state.get("Next"));
  add(state.get("Default"));
  for (const char* list : {"Choices", "Catch"}) {
    const Value* items = state.get(list);
    if (items == nullptr || !items->is_array()) continue;
    for (const Value& item : items->as_array()) add(item.get("Next"));
  }
}

// {"StartAt": "StateName", "States": {"StateName": <state>, <each target>: {"Type": "Succeed"}}}
Value single_state_machine(const Value& state) {
  Object states;
  states.append_unique(std::string(kSingleStateName), state);
  std::vector<std::string> targets;
  if (state.is_object()) transition_targets(state, targets);
  for (const std::string& target : targets) {
    if (!states.contains(target)) states.append_unique(target, Value(Object{{"Type", Value("Succeed")}}));
  }
  return Value(Object{{"StartAt", Value(kSingleStateName)}, {"States", Value(std::move(states))}});
}

// Depth-first over the machine, its branches and its ItemProcessors.
bool find_state(const StateMachine& machine, const std::string& name, StateUnderTest& found) {
  if (const State* s = machine.find(name)) {
    found.owner = &machine;
    found.state = s;
    return true;
  }
  for (const State& s : machine.states) {
    for (const auto& branch : s.branches) {
      if (find_state(*branch, name, found)) return true;
    }
    if (s.processor && find_state(*s.processor, name, found)) return true;
  }
  return false;
}

bool is_callback_or_sync_task(const State& s) {
  if (s.type != StateType::task) return false;
  const std::string& r = s.resource;
  return r.ends_with(".waitForTaskToken") || r.ends_with(".sync") || r.find(".sync:") != std::string::npos;
}

// The fields a caller's Context object may hold, and their types. UNCONFIRMED beyond the
// recorded messages (Execution.Id must be a string; 'Map' refused; unknown fields refused;
// 'Task' only for callback and .sync Tasks).
std::optional<std::string> context_problem(const Value& context, const State& s) {
  if (!context.is_object()) return "Context object must be a JSON object";
  enum class Type { string, number, any };
  struct Allowed {
    std::string_view section;
    std::vector<std::pair<std::string_view, Type>> fields;
  };
  static const std::vector<Allowed> sections = {
      {"Execution",
       {{"Id", Type::string}, {"Input", Type::any}, {"Name", Type::string}, {"RoleArn", Type::string},
        {"StartTime", Type::string}, {"RedriveCount", Type::number}, {"RedriveTime", Type::string}}},
      {"State", {{"EnteredTime", Type::string}, {"Name", Type::string}, {"RetryCount", Type::number}}},
      {"StateMachine", {{"Id", Type::string}, {"Name", Type::string}}},
      {"Task", {{"Token", Type::string}}},
  };
  for (const Member& m : context.as_object()) {
    if (m.key == "Map") return "'Map' field is not supported when mocking a Context object";
    auto section = std::find_if(sections.begin(), sections.end(), [&](const Allowed& a) { return a.section == m.key; });
    if (section == sections.end()) return "Field '" + m.key + "' is not allowed";
    if (m.key == "Task" && !is_callback_or_sync_task(s)) {
      return "Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' "
             "service integration pattern";
    }
    if (!m.value.is_object()) return m.key + " must be an object";
    for (const Member& f : m.value.as_object()) {
      auto field = std::find_if(section->fields.begin(), section->fields.end(),
                                [&](const auto& entry) { return entry.first == f.key; });
      if (field == section->fields.end()) return "Field '" + f.key + "' is not allowed";
      if (field->second == Type::string && !f.value.is_string()) return m.key + "." + f.key + " must be a string";
      if (field->second == Type::number && !f.value.is_number()) return m.key + "." + f.key + " must be a number";
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<StateUnderTest> load_state_under_test(const TestStateRequest& request, TestStateApiError& refused) {
  auto document = json::read(request.definition);
  if (!document) {
    refused = {"InvalidDefinition", invalid_definition_message(errors_only(validate_text(request.definition)))};
    return std::nullopt;
  }
  Value machine = request.state_name ? std::move(document).value() : single_state_machine(*document);
  LoadResult loaded = load(machine);
  if (!loaded.machine) {
    refused = {"InvalidDefinition", invalid_definition_message(errors_only(std::move(loaded.diagnostics)))};
    return std::nullopt;
  }
  StateUnderTest target;
  target.machine = loaded.machine;
  if (!find_state(*loaded.machine, request.state_name.value_or(std::string(kSingleStateName)), target)) {
    refused = validation("State not found in definition");
    return std::nullopt;
  }
  return target;
}

std::optional<CheckedRequest> check_request(const TestStateRequest& request, const StateUnderTest& target,
                                            TestStateApiError& refused) {
  const State& s = *target.state;
  const TestStateConfiguration& config = request.state_configuration;
  CheckedRequest checked;
  auto refuse = [&](TestStateApiError e) -> std::optional<CheckedRequest> {
    refused = std::move(e);
    return std::nullopt;
  };

  if (request.mock) {
    const TestStateMock& mock = *request.mock;
    // Both or neither: AWS's wording is recorded for both.
    if (mock.result.has_value() == mock.error_output.has_value()) {
      return refuse(validation("A test mock should have only one of the following fields: [result, errorOutput]."));
    }
    if (request.reveal_secrets) {
      return refuse(validation("TestState does not support RevealSecrets when a mock is specified."));
    }
    if (s.type != StateType::task && s.type != StateType::map && s.type != StateType::parallel) {
      return refuse(validation("State type '" + std::string(state_type_name(s.type)) +
                               "' is not supported when a mock is specified"));
    }
  } else {
    // Recorded: a Map with mapIterationFailureCount and no mock gets this, not the Map refusal.
    if (config.map_iteration_failure_count) {
      return refuse(validation("TestState does not support MapIterationFailureCount when a mock is not specified."));
    }
    if (s.type == StateType::map || s.type == StateType::parallel) {
      return refuse({"InvalidDefinition",
                     "TestState API does not support Map or Parallel states. Supported state types include: [Task, "
                     "Wait, Pass, Succeed, Fail, Choice]"});
    }
    if (request.context) {
      // UNCONFIRMED wording; the service model says a context needs a mock.
      return refuse(validation("TestState does not support Context when a mock is not specified."));
    }
  }

  if (request.mock && request.mock->result) {
    auto result = json::read(*request.mock->result);
    if (!result) return refuse(validation("Mocked result must be valid JSON"));
    if (s.type == StateType::map) {
      if (s.result_writer && !result->is_object()) return refuse(validation("Mocked result must be a JSON object."));
      if (!s.result_writer && !result->is_array()) return refuse(validation("Mocked result must be an array."));
      if (config.map_iteration_failure_count && result->is_array() &&
          static_cast<std::size_t>(*config.map_iteration_failure_count) > result->size()) {
        return refuse(
            validation("Map iteration failure count must be less than or equal to the number of Map iterations"));
      }
    }
    if (s.type == StateType::parallel) {
      if (!result->is_array()) return refuse(validation("Mocked result must be an array."));
      if (result->size() != s.branches.size()) {
        return refuse(
            validation("Mocked result must contain the same number of items as number of Parallel branches."));
      }
    }
    if (s.type == StateType::task) {
      auto violation = mock_result_violation(s.resource, *result, request.mock->field_validation_mode);
      if (!violation) checked.mock_unverifiable = violation.error().message;
      else if (*violation) return refuse(validation(**violation));
    }
    checked.mock_result = std::move(result).value();
  }

  if (request.context) {
    auto context = json::read(*request.context);
    if (!context) return refuse(validation("Invalid Context object provided: Context object must be valid JSON"));
    if (auto problem = context_problem(*context, s)) {
      return refuse(validation("Invalid Context object provided: " + *problem));
    }
    checked.context = std::move(context).value();
  }

  checked.variables = Value(Object{});
  if (request.variables) {
    auto variables = json::read(*request.variables);
    if (!variables || !variables->is_object()) {
      return refuse(validation("Variables must be a valid JSON object"));  // UNCONFIRMED wording
    }
    checked.variables = std::move(variables).value();
  }

  if (config.map_item_reader_data) {
    auto data = json::read(*config.map_item_reader_data);
    if (!data) return refuse(validation("Map item reader data must be valid JSON"));  // UNCONFIRMED wording
    checked.item_reader_data = std::move(data).value();
  }

  checked.input = Value(Object{});
  if (request.input) {
    auto input = json::read(*request.input);
    if (!input) {
      return refuse({"InvalidExecutionInput", "Invalid State Machine Execution Input: '" + input.error().message + "'"});
    }
    checked.input = std::move(input).value();
  }

  if (s.type == StateType::task && !request.mock && !request.role_arn) {
    return refuse(validation("RoleArn must be specified when testing a Task state"));
  }
  return checked;
}

}  // namespace asl::exec
