// sfn_api_target.h — the `sfn-api` target family: any Step Functions API endpoint, Step Functions Local, LocalStack, a real AWS account.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "asl/case.h"

namespace aslcheck {

// Registers sfn-api, sfn-local, localstack and aws.
void register_sfn_api_targets();

// What running these cases on a real account costs, before it starts (us-east-1 list prices:
// Standard $0.025 per 1,000 state transitions, Express $1.00 per million requests plus
// duration, Lambda $0.20 per million requests plus duration at 128 MB). Transitions and task
// attempts are counted on the oracle. One-state Task cases that go through TestState start no
// execution and invoke no Lambda: their calls (one per task attempt) are counted apart, at $0
// (AWS's pricing page lists no charge for TestState; unconfirmed), and take about a second each
// (TestState's 1 request per second quota).
struct CostEstimate {
  std::size_t executions = 0;
  std::size_t test_state_calls = 0;
  std::size_t state_transitions = 0;
  std::size_t lambda_invocations = 0;  // task attempts: each is one scripted-task Lambda invocation
  double lambda_seconds = 0;           // how long those run (the scripted seconds, cut at timeouts)
  double dollars = 0;
  std::string summary() const;  // one line for the console
};
CostEstimate estimate_aws_cost(const std::vector<asl::Case>& cases, bool use_test_state = true);

}  // namespace aslcheck
