// sfn_client.h — the Step Functions API over AWS JSON 1.0: signed requests, throttling retries, API errors as values.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "asl/error.h"
#include "asl/value.h"
#include "http/credentials.h"
#include "http/http_client.h"

namespace aslcheck::http {

struct SfnClientOptions {
  int max_attempts = 6;                              // throttling/5xx/transport: tries in all
  std::chrono::milliseconds base_delay{100};         // backoff base (doubles, full jitter, capped)
  std::chrono::milliseconds max_delay{20000};
  std::chrono::milliseconds test_state_interval{1000};  // TestState: 1 request per second (AWS's hard quota)
  std::chrono::milliseconds timeout{70000};          // per request (StartSyncExecution may run 5 minutes: raise it)
  // Sleeping, as a seam for tests.
  std::function<void(std::chrono::milliseconds)> sleep;
};

// API errors come back as asl::Error whose name is the error code (the part of `__type` after
// '#': "StateMachineDoesNotExist") and whose message is AWS's message; transport failures are
// named "Transport". last_status() is the HTTP status of the last response (0 after a
// transport failure).
class SfnClient {
 public:
  SfnClient(AwsSettings settings, SfnClientOptions options = {});
  ~SfnClient();

  // Calls AWSStepFunctions.<operation> with a JSON request body; returns the JSON response.
  asl::Expected<asl::Value> call(std::string_view operation, const asl::Value& request);
  // Every event of an execution's history, following nextToken.
  asl::Expected<asl::Value> execution_history(const std::string& execution_arn);

  int last_status() const { return last_status_; }
  int retries() const { return retries_; }  // throttling/transport retries made so far
  const AwsSettings& settings() const { return settings_; }
  // True when no endpoint URL was given: the requests go to AWS itself.
  bool real_aws() const { return settings_.endpoint_url.empty(); }

 private:
  HttpClient& client_for(std::string_view operation);
  asl::Expected<asl::Value> call_once(std::string_view operation, const std::string& body);

  AwsSettings settings_;
  SfnClientOptions options_;
  std::unique_ptr<HttpClient> main_;
  std::unique_ptr<HttpClient> sync_;  // sync-states.<region> for StartSyncExecution and TestState
  int last_status_ = 0;
  int retries_ = 0;
};

// Whether an API error is worth retrying (throttling, 5xx, transport).
bool retryable(const asl::Error& error, int http_status);

}  // namespace aslcheck::http
