// test_state.h — the TestState API on the reference interpreter: one state run once, with mocks and inspection data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "asl/error.h"
#include "asl/value.h"

namespace asl {

// What the response shows beyond status and output: INFO nothing, DEBUG and TRACE the data
// flow (`inspectionData`). TRACE adds HTTP Task requests and responses, which are not modelled.
enum class InspectionLevel : std::uint8_t { info, debug, trace };
// How strictly a mocked result is checked against the service's API model (default STRICT).
// A Task's result is checked against botocore's model of its operation (exec/service_models.h;
// $ASLCHECK_SERVICE_MODELS or awscli's data directory); without the models the run is unsupported.
enum class MockValidationMode : std::uint8_t { strict, present, none };

struct TestStateMock {
  struct ErrorOutput {
    std::string error;
    std::optional<std::string> cause;
  };
  // JSON text: a Task's result, a Parallel's branch results (an array, one per branch), a Map's
  // iteration results (an array, or an object when the Map has a ResultWriter).
  std::optional<std::string> result;
  std::optional<ErrorOutput> error_output;  // the state's work fails with this error instead
  MockValidationMode field_validation_mode = MockValidationMode::strict;
};

struct TestStateConfiguration {
  std::optional<std::int64_t> retrier_retry_count;          // retries already made by the matching retrier
  std::optional<std::string> error_caused_by_state;         // Map/Parallel: the child state the mocked error comes from
  std::optional<std::int64_t> map_iteration_failure_count;  // Map: iterations that failed
  std::optional<std::string> map_item_reader_data;          // Map: JSON text the ItemReader reads
};

// The request, as AWS's TestState takes it: JSON payloads travel as JSON text.
struct TestStateRequest {
  std::string definition;                 // one state, or a whole machine with state_name
  std::optional<std::string> state_name;  // a state anywhere in the machine (nested ones too)
  std::optional<std::string> input;       // absent: "{}"
  InspectionLevel inspection_level = InspectionLevel::info;
  std::optional<std::string> role_arn;
  bool reveal_secrets = false;
  std::optional<std::string> variables;  // a JSON object: the variables the state sees
  std::optional<std::string> context;    // a Context object replacing `$$` (only with a mock)
  std::optional<TestStateMock> mock;
  TestStateConfiguration state_configuration;
};

enum class TestStateStatus : std::uint8_t { succeeded, failed, retriable, caught_error };
std::string_view test_state_status_name(TestStateStatus status);  // "SUCCEEDED", "FAILED", "RETRIABLE", "CAUGHT_ERROR"

struct TestStateResponse {
  TestStateStatus status = TestStateStatus::succeeded;
  std::optional<std::string> output;  // JSON text (SUCCEEDED, CAUGHT_ERROR)
  std::optional<std::string> error;   // FAILED, RETRIABLE, CAUGHT_ERROR
  std::optional<std::string> cause;
  std::optional<std::string> next_state;
  // DEBUG/TRACE: an object in the service model's field order. Payload fields (input,
  // afterArguments, afterInputPath, afterParameters, result, afterResultSelector, afterResultPath, variables,
  // afterItemsPath, afterItemSelector) are JSON text; errorDetails, toleratedFailureCount,
  // toleratedFailurePercentage and maxConcurrency are JSON values.
  std::optional<Value> inspection_data;
};

// A request AWS refuses with HTTP 400: `code` is ValidationException, InvalidDefinition or
// InvalidExecutionInput, `message` AWS's wording.
struct TestStateApiError {
  std::string code;
  std::string message;
};

struct TestStateOutcome {
  enum class Kind : std::uint8_t {
    response,    // the state ran: `response`
    api_error,   // AWS would refuse the request: `api_error`
    unsupported  // the interpreter does not model this (calling a real service, S3 items): `message`
  };
  Kind kind = Kind::response;
  TestStateResponse response;
  TestStateApiError api_error;
  std::string message;
};

// Runs the request's state once. Every check AWS makes on the request comes first (api_error);
// then the state's input and output processing runs as in an execution, with the mock standing
// in for the state's work (a Task's call, a Parallel's branches, a Map's iterations), and Retry
// and Catch answer once: RETRIABLE when a retrier would retry, CAUGHT_ERROR when a catcher
// catches. `seed` draws the UUIDs of the default Context object.
TestStateOutcome test_state(const TestStateRequest& request, std::uint64_t seed = 0);

// The request from its AWS JSON form ({"definition": "...", "inspectionLevel": "DEBUG", ...}).
// A malformed request is an Error named "ValidationException" with AWS's wording.
Expected<TestStateRequest> read_test_state_request(const Value& json);

// The AWS JSON forms: {"output", "error", "cause", "inspectionData", "nextState", "status"}
// (absent fields omitted), and {"__type": code, "message"} for an API error.
Value to_json(const TestStateResponse& response);
Value to_json(const TestStateApiError& error);

}  // namespace asl
