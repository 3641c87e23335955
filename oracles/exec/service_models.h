// service_models.h — the botocore API models that TestState checks a mocked Task result against.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/error.h"
#include "asl/test_state.h"
#include "asl/value.h"

namespace asl::exec {

// Where the models live: $ASLCHECK_SERVICE_MODELS when set, else the directory Debian's awscli
// package installs (botocore's data/<service>/<api-version>/service-2.json).
inline constexpr std::string_view kServiceModelsEnv = "ASLCHECK_SERVICE_MODELS";
inline constexpr std::string_view kDefaultServiceModelsDir = "/usr/lib/python3/dist-packages/awscli/botocore/data";
std::string service_models_dir();

// The API operation whose output a Task's Resource returns, or why the result has no model.
struct ResultModelRef {
  std::string service;    // a botocore directory ("stepfunctions" for states:) or an aws-sdk client name ("sfn")
  std::string operation;  // botocore's PascalCase name: "Invoke", "StartExecution", ...
  // Top-level output members Step Functions passes on as JSON rather than as the modelled type
  // (lambda:invoke's Payload blob): any JSON value conforms.
  std::vector<std::string> json_members;
  std::string unchecked_because;  // non-empty: the result is not checked, for this reason
};

// arn:<partition>:states:::<service>:<action>[.sync|.sync:2|.waitForTaskToken] and
// arn:<partition>:states:::aws-sdk:<service>:<action>[...] name an operation; a Lambda function,
// an activity, a callback's answer and Step Functions' own request shapes (apigateway:invoke,
// http:invoke, eks:call, ...) have none.
ResultModelRef result_model_of(std::string_view resource);

// One parsed service-2.json, shared and immutable once loaded.
struct ServiceModel {
  std::string path;
  Value document;
  const Value* shape(std::string_view name) const;      // nullptr when the model has no such shape
  const Value* operation(std::string_view name) const;  // exact name first, then ignoring case
};

// The model of `service` (a botocore directory name, an optimized integration's service or an
// aws-sdk client name such as "sfn" or "cloudwatchlogs"), read with asl::json once per process
// and models directory. Errors (errc::io) name the missing directory or file.
Expected<std::shared_ptr<const ServiceModel>> load_service_model(std::string_view service);

// Checks a parsed mock result as TestState's fieldValidationMode STRICT or PRESENT does (NONE
// checks nothing). The value is AWS's ValidationException message when the result does not
// conform, or nothing when it does or the Resource has no model; the error says which model could
// not be loaded, so the caller can refuse to guess.
Expected<std::optional<std::string>> mock_result_violation(std::string_view resource, const Value& result,
                                                           MockValidationMode mode);

}  // namespace asl::exec
