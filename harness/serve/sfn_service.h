// sfn_service.h — an in-memory Step Functions over the reference interpreter: the API's operations, AWS's error shapes.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "asl/case.h"
#include "asl/machine.h"
#include "asl/value.h"
#include "serve/mock_config.h"

namespace aslcheck::serve {

struct ServiceOptions {
  std::string region = "us-east-1";
  std::string account = "123456789012";
  MockConfig mocks;
  // Every execution starts at this instant (ISO-8601) instead of the wall clock: reproducible
  // outputs for conformance runs.
  std::optional<std::string> start_time;
  std::uint64_t seed = 0;
};

// What goes back on the wire: an HTTP status and a JSON body.
struct ApiReply {
  int status = 200;
  asl::Value body;
};

// AWS JSON 1.0 error: {"__type": "<namespace>#<code>", "message": ...} with HTTP 400 (or `status`).
ApiReply api_error(std::string_view code, std::string message, int status = 400);

// Thread-safe: requests may come from many connections at once. Executions run to completion
// (or to a wait on an external task token) inside the request that starts them, on the
// oracle's virtual clock.
class SfnService {
 public:
  explicit SfnService(ServiceOptions options);
  ~SfnService();

  // `target` is the X-Amz-Target header ("AWSStepFunctions.StartExecution"), `body` the request text.
  ApiReply handle(std::string_view target, std::string_view body);

  std::size_t execution_count() const;

 private:
  struct Machine;
  struct Execution;
  using Handler = ApiReply (SfnService::*)(const asl::Value&);

  ApiReply create_state_machine(const asl::Value& request);
  ApiReply describe_state_machine(const asl::Value& request);
  ApiReply delete_state_machine(const asl::Value& request);
  ApiReply list_state_machines(const asl::Value& request);
  ApiReply start_execution(const asl::Value& request);
  ApiReply start_sync_execution(const asl::Value& request);
  ApiReply describe_execution(const asl::Value& request);
  ApiReply get_execution_history(const asl::Value& request);
  ApiReply stop_execution(const asl::Value& request);
  ApiReply list_executions(const asl::Value& request);
  ApiReply validate_definition(const asl::Value& request);
  ApiReply test_state(const asl::Value& request);
  ApiReply send_task_success(const asl::Value& request);
  ApiReply send_task_failure(const asl::Value& request);
  ApiReply send_task_heartbeat(const asl::Value& request);
  ApiReply tag_resource(const asl::Value& request);
  ApiReply untag_resource(const asl::Value& request);
  ApiReply list_tags(const asl::Value& request);

  // Starts an execution; `sync` for StartSyncExecution. Returns the execution or an error reply.
  std::shared_ptr<Execution> run(const asl::Value& request, bool sync, ApiReply& error);
  ApiReply answer_task(const asl::Value& request, std::string_view kind);
  // Runs a live execution on to the wall clock's now and records the tokens it waits on.
  void refresh(const std::shared_ptr<Execution>& ex);
  std::shared_ptr<Machine> find_machine(const std::string& arn) const;
  std::shared_ptr<Execution> find_execution(const std::string& arn) const;
  std::string arn_prefix() const;

  ServiceOptions options_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<Machine>> machines_;      // by ARN
  std::map<std::string, std::shared_ptr<Execution>> executions_;  // by ARN
  std::map<std::string, std::weak_ptr<Execution>> tokens_;        // task tokens waiting for an answer
  std::atomic<std::uint64_t> counter_{0};
  // StartSyncExecution's executions are answered and forgotten (nothing can describe an Express
  // execution), so memory stays flat under load; counted here.
  std::atomic<std::size_t> sync_answered_{0};
};

}  // namespace aslcheck::serve
