// test_state_checks.h — what TestState checks before it runs a state: the definition, the state, the mock, the context.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "asl/machine.h"
#include "asl/test_state.h"

namespace asl::exec {

// The state under test, inside the machine that was loaded for it.
struct StateUnderTest {
  std::shared_ptr<const StateMachine> machine;  // keeps `owner` and `state` alive
  const StateMachine* owner = nullptr;          // the (sub)machine whose states[] holds `state`
  const State* state = nullptr;
};

// The request's JSON texts, parsed once the checks have passed.
struct CheckedRequest {
  Value input;                      // the state's raw input
  std::optional<Value> mock_result;
  std::optional<Value> context;     // the caller's Context object
  Value variables;                  // an object (empty when none were given)
  std::optional<Value> item_reader_data;
  // Why a Task's mocked result could not be checked against its service's API model (the models
  // are not installed): TestState answers 'unsupported' rather than accept it unchecked.
  std::string mock_unverifiable;
};

// A single state is wrapped as state "StateName" of a machine of its own (AWS reports its
// locations as /States/StateName/...); a machine is loaded whole and `state_name` looked up in
// it and in every branch and ItemProcessor. Fills `refused` with InvalidDefinition, or
// ValidationException "State not found in definition".
std::optional<StateUnderTest> load_state_under_test(const TestStateRequest& request, TestStateApiError& refused);

// Every check AWS makes on the request itself, in the order the recordings show them. Returns
// the parsed payloads, or fills `refused`.
std::optional<CheckedRequest> check_request(const TestStateRequest& request, const StateUnderTest& target,
                                            TestStateApiError& refused);

// The name AWS gives a single state under test, in its Context object and its locations.
inline constexpr std::string_view kSingleStateName = "StateName";

}  // namespace asl::exec
