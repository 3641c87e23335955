// aws_test_state.h — the aws target's TestState path: a one-state Task case answered by TestState, one call per task attempt, each mocked with the script's step.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "asl/case.h"
#include "asl/error.h"
#include "asl/result.h"
#include "asl/value.h"

namespace aslcheck {

// Why TestState cannot answer the case as an execution of it would (the case then runs as an
// execution), or nothing. It can when the definition is valid, has one state, and that state is
// a Task that ends the machine, has no Catch (in a one-state machine it leads back to the state
// itself), has a task script, and whose timing cannot change the outcome: TestState does not
// wait, so a scripted duration that reaches a literal TimeoutSeconds or HeartbeatSeconds (or comes
// within kAwsClockMargin of it), a machine TimeoutSeconds with durations or Retry delays, an
// execution the reference times out, and deadlines computed at run time (an execution evaluates
// them and fails on a bad one; TestState does not) are refused.
std::optional<std::string> test_state_unsuitable(const asl::Case& c);

// The mock of attempt `attempt` (0 for the first) of a Task from its script, as TestState takes
// it: {"result": "<the return value as JSON text>"} or {"errorOutput": {"error", "cause"?}}, with
// "fieldValidationMode": "NONE" (a script's result is not a service response and must not be
// checked against the service's API model). Nothing when the script has no step for the attempt.
std::optional<asl::Value> test_state_mock(const std::vector<asl::TaskStep>& script, std::int64_t attempt);

// What an attempt's request holds beyond the case: the identity the Context object carries when
// the state reads `$$` or `$states.context` (else TestState's default context is used).
struct TestStateIdentity {
  std::string role_arn;       // also sent as roleArn
  std::string region = "us-east-1";
  std::string account = "123456789012";
  std::string machine_name;   // as the execution path names it
  std::string execution_name; // the case's executionName, else a fresh name
  std::string start_time;     // ISO 8601, the execution's StartTime and the state's EnteredTime
};

// Sends one TestState request and returns AWS's response, or the API error.
using TestStateCall = std::function<asl::Expected<asl::Value>(const asl::Value& request)>;

// Counts of what a run did, for the caller's bookkeeping.
struct TestStateRunStats {
  std::int64_t calls = 0;  // TestState requests sent (attempts, plus a resend when the matching retrier was guessed wrong)
};

// Runs a case test_state_unsuitable() accepts through TestState: one DEBUG call per attempt with
// that attempt's mock, following RETRIABLE answers with the next attempt (retrierRetryCount is the
// count of the retrier that matches, learned from errorDetails.retryIndex), until SUCCEEDED or
// FAILED. The Result reads as the execution's: status, output, error, cause (a failure of the
// state's own processing gets the "An error occurred while executing the state ..." prefix an
// execution gives it, which TestState leaves out), and trace (the state, entered once: retries do
// not enter it again). Retry delays and history are not observable (the target withholds them).
// An API error comes back as the Error (InvalidDefinition: AWS rejects the definition).
asl::Expected<asl::Result> run_through_test_state(const asl::Case& c, const TestStateIdentity& identity,
                                                  const TestStateCall& call, TestStateRunStats* stats = nullptr);

// TestState calls the case is expected to take (one per task attempt the reference makes), or 0
// when test_state_unsuitable() refuses it.
std::int64_t expected_test_state_calls(const asl::Case& c);

}  // namespace aslcheck
