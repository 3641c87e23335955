// task_resources.cpp — which Task Resource ARNs AWS recognizes, and which of them Express machines refuse.
#include <array>
#include <string>
#include <vector>

#include "asl/schema_walker.h"

namespace asl::detail {
namespace {

// The optimized integrations (arn:<partition>:states:::<service>:<action>), from the AWS
// developer guide's "Integrating optimized services" list. Anything else under states::: is
// refused; for example dynamodb:query exists only as aws-sdk:dynamodb:query [recorded].
struct Integration {
  std::string_view service;
  std::string_view action;
};

constexpr Integration kIntegrations[] = {
    {"lambda", "invoke"},
    {"batch", "submitJob"},
    {"dynamodb", "getItem"}, {"dynamodb", "putItem"}, {"dynamodb", "updateItem"}, {"dynamodb", "deleteItem"},
    {"ecs", "runTask"},
    {"sns", "publish"},
    {"sqs", "sendMessage"},
    {"glue", "startJobRun"},
    {"databrew", "startJobRun"},
    {"states", "startExecution"},
    {"events", "putEvents"},
    {"apigateway", "invoke"},
    {"http", "invoke"},
    {"athena", "startQueryExecution"}, {"athena", "stopQueryExecution"}, {"athena", "getQueryExecution"},
    {"athena", "getQueryResults"},
    {"bedrock", "invokeModel"}, {"bedrock", "createModelCustomizationJob"},
    {"codebuild", "startBuild"}, {"codebuild", "stopBuild"}, {"codebuild", "batchDeleteBuilds"},
    {"codebuild", "batchGetReports"}, {"codebuild", "startBuildBatch"}, {"codebuild", "stopBuildBatch"},
    {"codebuild", "retryBuildBatch"}, {"codebuild", "deleteBuildBatch"},
    {"eks", "createCluster"}, {"eks", "deleteCluster"}, {"eks", "createFargateProfile"},
    {"eks", "deleteFargateProfile"}, {"eks", "createNodegroup"}, {"eks", "deleteNodegroup"}, {"eks", "runJob"},
    {"eks", "call"},
    {"elasticmapreduce", "createCluster"}, {"elasticmapreduce", "terminateCluster"},
    {"elasticmapreduce", "addStep"}, {"elasticmapreduce", "cancelStep"},
    {"elasticmapreduce", "setClusterTerminationProtection"}, {"elasticmapreduce", "modifyInstanceFleetByName"},
    {"elasticmapreduce", "modifyInstanceGroupByName"},
    {"emr-containers", "createVirtualCluster"}, {"emr-containers", "deleteVirtualCluster"},
    {"emr-containers", "startJobRun"},
    {"emr-serverless", "createApplication"}, {"emr-serverless", "startApplication"},
    {"emr-serverless", "stopApplication"}, {"emr-serverless", "deleteApplication"},
    {"emr-serverless", "startJobRun"}, {"emr-serverless", "cancelJobRun"},
    {"mediaconvert", "createJob"},
    {"sagemaker", "createEndpoint"}, {"sagemaker", "createEndpointConfig"},
    {"sagemaker", "createHyperParameterTuningJob"}, {"sagemaker", "createLabelingJob"},
    {"sagemaker", "createModel"}, {"sagemaker", "createProcessingJob"}, {"sagemaker", "createTrainingJob"},
    {"sagemaker", "createTransformJob"}, {"sagemaker", "updateEndpoint"},
};

constexpr std::string_view kSuffixes[] = {".sync:2", ".sync", ".waitForTaskToken"};

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto at = text.find(separator, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return parts;
}

bool known_partition(std::string_view partition) {
  return partition == "aws" || partition == "aws-cn" || partition == "aws-us-gov";
}

std::string_view strip_suffix(std::string_view action) {
  for (std::string_view suffix : kSuffixes) {
    if (action.ends_with(suffix)) return action.substr(0, action.size() - suffix.size());
  }
  return action;
}

bool known_integration(std::string_view service, std::string_view action) {
  action = strip_suffix(action);
  for (const Integration& i : kIntegrations) {
    if (i.service == service && i.action == action) return true;
  }
  return false;
}

bool is_activity(const std::vector<std::string_view>& parts) {
  return parts.size() == 7 && parts[2] == "states" && parts[5] == "activity" && !parts[6].empty();
}

}  // namespace

ResourceCheck check_resource(std::string_view resource) {
  const std::string not_recognized =
      "The resource provided " + std::string(resource) +
      " is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.";
  // ".sync:2" carries a colon of its own; the version is not an ARN part.
  std::string_view unversioned = resource.ends_with(".sync:2") ? resource.substr(0, resource.size() - 2) : resource;
  auto parts = split(unversioned, ':');
  if (parts.size() < 6 || parts[0] != "arn" || !known_partition(parts[1])) {
    return {kInvalidResource, not_recognized};  // not an ARN at all (UNCONFIRMED code)
  }
  const std::string_view service = parts[2];
  if (service == "states" && parts[3].empty() && parts[4].empty()) {
    // arn:aws:states:::<service>:<action> or arn:aws:states:::aws-sdk:<service>:<action>
    if (parts.size() == 8 && parts[5] == "aws-sdk" && !parts[6].empty() && !parts[7].empty()) return {};
    if (parts.size() == 7 && known_integration(parts[5], parts[6])) return {};
    return {kSchemaValidationFailed, not_recognized};
  }
  if (is_activity(parts)) return {};
  if (service == "lambda" && (parts.size() == 7 || parts.size() == 8) && parts[5] == "function" && !parts[6].empty()) {
    return {};
  }
  return {kSchemaValidationFailed, not_recognized};
}

std::string express_restriction(std::string_view resource) {
  auto parts = split(resource, ':');
  if (is_activity(parts)) return "Express state machine does not support Activity ARN";
  // AWS's text for callbacks carries a trailing space [recorded].
  if (resource.ends_with(".waitForTaskToken")) {
    return "Express state machine does not support '.waitForTaskToken' service integration ";
  }
  if (resource.ends_with(".sync") || resource.ends_with(".sync:2")) {
    return "Express state machine does not support '.sync' service integration";
  }
  return {};
}

}  // namespace asl::detail
