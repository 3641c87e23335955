// pass_chain.h — INTERIM runner for JSONPath machines made only of Pass states, until the executor lands.
#pragma once

#include <string>

#include "asl/scope.h"
#include "asl/value.h"

namespace asl::test {

// Replaying AWS recordings of intrinsic functions needs a Pass state's I/O pipeline (InputPath,
// Parameters or Result, Assign, ResultPath, OutputPath) and the context object. This is only that,
// for the intrinsics tests: delete it once the real executor (oracles/exec/) can run these cases.

struct PassRunResult {
  std::string status;  // "SUCCEEDED" or "FAILED"
  Value output;
  std::string error;
  std::string cause;
};

// Identity of the simulated execution, placed in `$$`.
struct PassRunIdentity {
  std::string execution_name = "3f1c1e8e-5a7b-4c1d-9e2f-0a1b2c3d4e5f";
  std::string state_machine_name = "statemachine_1a2b3c4d";
  std::string account = "123456789012";
  std::string region = "us-east-1";
  std::string start_time = "2025-01-01T00:00:00.000Z";
};

// True for a JSONPath-mode definition whose every state is a Pass state.
bool is_pass_only(const Value& definition);

// Runs `definition` from StartAt with `input`; draws randomness from `entropy`.
PassRunResult run_pass_chain(const Value& definition, const Value& input, Entropy& entropy,
                             const PassRunIdentity& identity = {});

}  // namespace asl::test
