// test_state_command.cpp — `aslcheck test-state`: AWS's TestState on the reference interpreter, printed like `aws stepfunctions test-state`.
#include <iostream>
#include <tuple>

#include "asl/json.h"
#include "asl/test_state.h"
#include "cli/commands.h"
#include "cli/json_argument.h"

namespace aslcheck::cli {

namespace {

struct TestStateOptions {
  std::string definition;
  std::string input;
  std::string state_name;
  std::string inspection_level = "INFO";
  std::string mock;
  std::string context;
  std::string variables;
  std::string state_configuration;
  std::string role_arn;
  bool reveal_secrets = false;
  std::uint64_t seed = 0;
};

// The request in AWS's JSON form, so the CLI reads it exactly as the TestState operation does.
asl::Expected<asl::Value> wire_request(const TestStateOptions& options) {
  asl::Object request;
  auto definition = read_text_argument("@" + options.definition, "DEFINITION");
  if (!definition) return std::move(definition).error();
  request.set("definition", asl::Value(*definition));
  // Payloads travel as text: a malformed one is the API's error to report, not the CLI's.
  for (auto [option, key, text] : {std::tuple{"--input", "input", &options.input},
                                   std::tuple{"--context", "context", &options.context},
                                   std::tuple{"--variables", "variables", &options.variables}}) {
    if (text->empty()) continue;
    auto value = read_text_argument(*text, option);
    if (!value) return std::move(value).error();
    request.set(key, asl::Value(*value));
  }
  // The mock and the configuration are structures in the request, not text.
  for (auto [option, key, text] : {std::tuple{"--mock", "mock", &options.mock},
                                   std::tuple{"--state-configuration", "stateConfiguration", &options.state_configuration}}) {
    if (text->empty()) continue;
    auto value = read_json_argument(*text, option);
    if (!value) return std::move(value).error();
    request.set(key, std::move(value).value());
  }
  if (!options.state_name.empty()) request.set("stateName", asl::Value(options.state_name));
  if (!options.role_arn.empty()) request.set("roleArn", asl::Value(options.role_arn));
  request.set("inspectionLevel", asl::Value(options.inspection_level));
  if (options.reveal_secrets) request.set("revealSecrets", asl::Value(true));
  return asl::Value(std::move(request));
}

int run_test_state(const TestStateOptions& options) {
  auto wire = wire_request(options);
  if (!wire) {
    std::cerr << "aslcheck test-state: " << wire.error().message << '\n';
    return kExitUsage;
  }
  auto request = asl::read_test_state_request(*wire);
  if (!request) {
    std::cout << asl::json::write(asl::to_json(asl::TestStateApiError{request.error().name, request.error().message}))
              << '\n';
    return kExitFailed;
  }
  asl::TestStateOutcome outcome = asl::test_state(*request, options.seed);
  switch (outcome.kind) {
    case asl::TestStateOutcome::Kind::response:
      std::cout << asl::json::write(asl::to_json(outcome.response)) << '\n';
      return kExitOk;
    case asl::TestStateOutcome::Kind::api_error:
      std::cout << asl::json::write(asl::to_json(outcome.api_error)) << '\n';
      return kExitFailed;
    case asl::TestStateOutcome::Kind::unsupported: break;
  }
  std::cerr << "aslcheck test-state: not modelled: " << outcome.message << '\n';
  return kExitFailed;
}

}  // namespace

void register_test_state(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TestStateOptions>();
  CLI::App* cmd = app.add_subcommand("test-state", "Run one state as AWS's TestState API does (mocks, inspection data)");
  cmd->add_option("definition", options->definition, "a file holding one state, or a whole machine with --state-name")
      ->required();
  cmd->add_option("--input", options->input, "the state's input: JSON text or @file (default {})");
  cmd->add_option("--state-name", options->state_name, "the state to test when DEFINITION is a whole machine");
  cmd->add_option("--inspection-level", options->inspection_level, "INFO (default), DEBUG or TRACE")
      ->check(CLI::IsMember({"INFO", "DEBUG", "TRACE"}));
  cmd->add_option("--mock", options->mock,
                  "the mock as JSON or @file: {\"result\": \"<JSON text>\"} or {\"errorOutput\": {\"error\", \"cause\"}}, "
                  "optionally \"fieldValidationMode\"");
  cmd->add_option("--context", options->context, "a Context object replacing $$ (with --mock): JSON text or @file");
  cmd->add_option("--variables", options->variables, "the variables the state sees: a JSON object or @file");
  cmd->add_option("--state-configuration", options->state_configuration,
                  "JSON or @file: {retrierRetryCount, mapIterationFailureCount, errorCausedByState, mapItemReaderData}");
  cmd->add_option("--role-arn", options->role_arn, "the role AWS would assume (an unmocked Task needs one)");
  cmd->add_flag("--reveal-secrets", options->reveal_secrets, "revealSecrets (refused with a mock, as AWS does)");
  cmd->add_option("--seed", options->seed, "seed for the default Context object's UUIDs (default 0)");
  cmd->callback([options, &exit_code] { exit_code = run_test_state(*options); });
}

}  // namespace aslcheck::cli
