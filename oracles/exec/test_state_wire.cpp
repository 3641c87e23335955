// test_state_wire.cpp — TestState's request and response in their AWS JSON form.
#include "asl/json.h"
#include "asl/test_state.h"

namespace asl {

namespace {

Error validation(std::string message) { return Error{"ValidationException", std::move(message), {}}; }

// AWS's wording for a member of the wrong JSON type (the SDKs send the right one; raw callers may not).
Error wrong_type(std::string_view member, std::string_view expected) {
  return validation("1 validation error detected: Value at '" + std::string(member) +
                    "' failed to satisfy constraint: Member must be " + std::string(expected));
}

Expected<std::optional<std::string>> optional_string(const Value& object, std::string_view key,
                                                     std::string_view member) {
  const Value* v = object.get(key);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return wrong_type(member, "a string");
  return std::optional<std::string>(v->as_string());
}

Expected<std::optional<std::int64_t>> optional_count(const Value& object, std::string_view key,
                                                     std::string_view member) {
  const Value* v = object.get(key);
  if (v == nullptr || v->is_null()) return std::optional<std::int64_t>();
  if (!v->is_integer()) return wrong_type(member, "an integer");
  if (v->as_int() < 0) {
    return validation("1 validation error detected: Value '" + std::to_string(v->as_int()) + "' at '" +
                      std::string(member) + "' failed to satisfy constraint: Member must have value greater than or equal to 0");
  }
  return std::optional<std::int64_t>(v->as_int());
}

// An enum member: AWS lists the allowed values when one does not fit.
template <class E>
Expected<std::optional<E>> optional_enum(const Value& object, std::string_view key, std::string_view member,
                                         std::initializer_list<std::pair<std::string_view, E>> values) {
  auto text = optional_string(object, key, member);
  if (!text) return std::move(text).error();
  if (!*text) return std::optional<E>();
  std::string allowed;
  for (const auto& [name, value] : values) {
    if (name == **text) return std::optional<E>(value);
    allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  }
  return validation("1 validation error detected: Value '" + **text + "' at '" + std::string(member) +
                    "' failed to satisfy constraint: Member must satisfy enum value set: [" + allowed + "]");
}

}  // namespace

std::string_view test_state_status_name(TestStateStatus status) {
  switch (status) {
    case TestStateStatus::succeeded: return "SUCCEEDED";
    case TestStateStatus::failed: return "FAILED";
    case TestStateStatus::retriable: return "RETRIABLE";
    case TestStateStatus::caught_error: return "CAUGHT_ERROR";
  }
  return "FAILED";
}

// TestStateInput: {definition, roleArn?, input?, inspectionLevel?, revealSecrets?, variables?,
// stateName?, mock?{result?, errorOutput?{error, cause?}, fieldValidationMode?}, context?,
// stateConfiguration?{retrierRetryCount?, errorCausedByState?, mapIterationFailureCount?,
// mapItemReaderData?}}
Expected<TestStateRequest> read_test_state_request(const Value& json) {
  if (!json.is_object()) return validation("The request must be a JSON object");
  TestStateRequest r;
  const Value* definition = json.get("definition");
  if (definition == nullptr || definition->is_null()) {
    return validation("1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null");
  }
  if (!definition->is_string()) return wrong_type("definition", "a string");
  r.definition = definition->as_string();

  auto text = [&](std::string_view key, std::optional<std::string>& into) -> Checked {
    auto v = optional_string(json, key, key);
    if (!v) return std::move(v).error();
    into = std::move(v).value();
    return checked_ok();
  };
  for (auto [key, into] : {std::pair{"stateName", &r.state_name}, std::pair{"input", &r.input},
                           std::pair{"roleArn", &r.role_arn}, std::pair{"variables", &r.variables},
                           std::pair{"context", &r.context}}) {
    if (auto done = text(key, *into); !done) return std::move(done).error();
  }
  auto level = optional_enum<InspectionLevel>(
      json, "inspectionLevel", "inspectionLevel",
      {{"INFO", InspectionLevel::info}, {"DEBUG", InspectionLevel::debug}, {"TRACE", InspectionLevel::trace}});
  if (!level) return std::move(level).error();
  r.inspection_level = level->value_or(InspectionLevel::info);
  if (const Value* reveal = json.get("revealSecrets"); reveal != nullptr && !reveal->is_null()) {
    if (!reveal->is_bool()) return wrong_type("revealSecrets", "a boolean");
    r.reveal_secrets = reveal->as_bool();
  }

  if (const Value* mock = json.get("mock"); mock != nullptr && !mock->is_null()) {
    if (!mock->is_object()) return wrong_type("mock", "an object");
    TestStateMock m;
    auto result = optional_string(*mock, "result", "mock.result");
    if (!result) return std::move(result).error();
    m.result = std::move(result).value();
    if (const Value* out = mock->get("errorOutput"); out != nullptr && !out->is_null()) {
      if (!out->is_object()) return wrong_type("mock.errorOutput", "an object");
      auto error = optional_string(*out, "error", "mock.errorOutput.error");
      if (!error) return std::move(error).error();
      auto cause = optional_string(*out, "cause", "mock.errorOutput.cause");
      if (!cause) return std::move(cause).error();
      m.error_output = TestStateMock::ErrorOutput{error->value_or(""), std::move(cause).value()};
    }
    auto mode = optional_enum<MockValidationMode>(*mock, "fieldValidationMode", "mock.fieldValidationMode",
                                                  {{"STRICT", MockValidationMode::strict},
                                                   {"PRESENT", MockValidationMode::present},
                                                   {"NONE", MockValidationMode::none}});
    if (!mode) return std::move(mode).error();
    m.field_validation_mode = mode->value_or(MockValidationMode::strict);
    r.mock = std::move(m);
  }

  if (const Value* config = json.get("stateConfiguration"); config != nullptr && !config->is_null()) {
    if (!config->is_object()) return wrong_type("stateConfiguration", "an object");
    TestStateConfiguration& c = r.state_configuration;
    auto retries = optional_count(*config, "retrierRetryCount", "stateConfiguration.retrierRetryCount");
    if (!retries) return std::move(retries).error();
    c.retrier_retry_count = *retries;
    auto failures = optional_count(*config, "mapIterationFailureCount", "stateConfiguration.mapIterationFailureCount");
    if (!failures) return std::move(failures).error();
    c.map_iteration_failure_count = *failures;
    auto state = optional_string(*config, "errorCausedByState", "stateConfiguration.errorCausedByState");
    if (!state) return std::move(state).error();
    c.error_caused_by_state = std::move(state).value();
    auto data = optional_string(*config, "mapItemReaderData", "stateConfiguration.mapItemReaderData");
    if (!data) return std::move(data).error();
    c.map_item_reader_data = std::move(data).value();
  }
  return r;
}

Value to_json(const TestStateResponse& response) {
  Object o;
  if (response.output) o.append_unique("output", Value(*response.output));
  if (response.error) o.append_unique("error", Value(*response.error));
  if (response.cause) o.append_unique("cause", Value(*response.cause));
  if (response.inspection_data) o.append_unique("inspectionData", *response.inspection_data);
  if (response.next_state) o.append_unique("nextState", Value(*response.next_state));
  o.append_unique("status", Value(test_state_status_name(response.status)));
  return Value(std::move(o));
}

Value to_json(const TestStateApiError& error) {
  return Value(Object{{"__type", Value(error.code)}, {"message", Value(error.message)}});
}

}  // namespace asl
