// aws_task_rewrite_serve_test.cpp — the aws target with Task states against `aslcheck serve`: the rewritten machine runs, a stand-in for the scripted-task Lambda answers its callbacks, and the Result is the oracle's.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <set>
#include <thread>

#include "asl/exec.h"
#include "asl/json.h"
#include "aslcheck/diff.h"
#include "aslcheck/target.h"
#include "http/sfn_client.h"
#include "serve_process.h"
#include "support/test_support.h"

namespace {

constexpr const char* kKeyId = asl::test::kExampleAccessKeyId;
constexpr const char* kSecret = asl::test::kExampleSecretKey;
constexpr const char* kLambdaArn = "arn:aws:lambda:us-east-1:123456789012:function:aslcheck-ScriptedTask";

// What harness/targets/aws/scripted_task.py does with a callback (retry mode, no seconds):
// every TaskScheduled event of a running execution whose payload carries a token is answered
// once with the scripted step of its retry count. Its own behaviour is tested in Python.
class LambdaStandIn {
 public:
  explicit LambdaStandIn(const std::string& url) : client_(settings(url)), thread_([this] { loop(); }) {}
  ~LambdaStandIn() {
    stop_ = true;
    thread_.join();
  }
  int answered() const { return answered_; }

 private:
  static aslcheck::http::AwsSettings settings(const std::string& url) {
    aslcheck::http::AwsSettings s;
    s.credentials = {kKeyId, kSecret, ""};
    s.region = "us-east-1";
    s.endpoint_url = url;
    return s;
  }

  void loop() {
    while (!stop_) {
      answer_pending();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  void answer_pending() {
    auto machines = client_.call("ListStateMachines", asl::Value(asl::Object{}));
    if (!machines) return;
    for (const asl::Value& m : machines->get("stateMachines")->as_array()) {
      auto executions = client_.call("ListExecutions", asl::Value(asl::Object{{"stateMachineArn", *m.get("stateMachineArn")}}));
      if (!executions) continue;
      for (const asl::Value& e : executions->get("executions")->as_array()) {
        if (e.get("status")->as_string() != "RUNNING") continue;
        auto history = client_.execution_history(e.get("executionArn")->as_string());
        if (!history) continue;
        for (const asl::Value& event : history->as_array()) answer(event);
      }
    }
  }

  void answer(const asl::Value& event) {
    const asl::Value* details = event.get("taskScheduledEventDetails");
    if (details == nullptr) return;
    auto parameters = asl::json::read(details->get("parameters")->as_string());
    if (!parameters) return;
    const asl::Value* meta = parameters->get("Payload") != nullptr ? parameters->get("Payload")->get("aslcheck") : nullptr;
    if (meta == nullptr || meta->get("token") == nullptr) return;
    std::string token = meta->get("token")->as_string();
    if (!done_.insert(token).second) return;
    auto job = asl::json::read(meta->get("job")->as_string());
    std::int64_t n = meta->get("retry")->as_int();
    for (const asl::Value& step : job->get("script")->as_array()) {
      std::int64_t times = step.get("times") != nullptr ? step.get("times")->as_int() : 1;
      if (n >= times) {
        n -= times;
        continue;
      }
      if (const asl::Value* thrown = step.get("throw")) {
        asl::Object failure{{"taskToken", asl::Value(token)}, {"error", *thrown->get("error")}};
        if (const asl::Value* cause = thrown->get("cause")) failure.set("cause", *cause);
        (void)client_.call("SendTaskFailure", asl::Value(std::move(failure)));
      } else {
        (void)client_.call("SendTaskSuccess", asl::Value(asl::Object{{"taskToken", asl::Value(token)},
                                                                     {"output", asl::Value(asl::json::write(*step.get("return")))}}));
      }
      ++answered_;
      return;
    }
  }

  aslcheck::http::SfnClient client_;
  std::set<std::string> done_;
  std::atomic<bool> stop_{false};
  std::atomic<int> answered_{0};
  std::thread thread_;
};


TEST(AwsTaskRewriteServe, RewrittenTasksRunAndReadAsTheCase) {
  asl::test::use_example_aws_credentials();
  asl::test::ServeProcess serve;
  ASSERT_TRUE(serve.started());
  LambdaStandIn lambda(serve.url());
  auto target = aslcheck::make_target({"aws", {{"endpoint-url", serve.url()},
                                               {"role-arn", "arn:aws:iam::123456789012:role/aslcheck-exec"},
                                               {"lambda-arn", kLambdaArn},
                                               {"run-id", "rewrite"},
                                               {"timeout", "30"}}});
  ASSERT_TRUE(target.ok());
  aslcheck::Capabilities caps = (*target)->capabilities();
  // A plain service task with its own Parameters, ResultSelector and Retry (a throw, then the
  // answer), then a state whose runtime error names an event id after the added TaskSubmitted.
  for (const char* text : {
           R"({"id":"retry-then-select","definition":{"StartAt":"T","States":{
               "T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"TopicArn":"t","Message.$":"$.m"},
                    "ResultSelector":{"id.$":"$.MessageId"},"ResultPath":"$.sent",
                    "Retry":[{"ErrorEquals":["Custom.Busy"],"IntervalSeconds":1,"MaxAttempts":1}],"Next":"Done"},
               "Done":{"Type":"Succeed"}}},
               "input":{"m":"hello"},
               "tasks":{"T":[{"throw":{"error":"Custom.Busy","cause":"try later"}},{"return":{"MessageId":"m-1"}}]}})",
           R"({"id":"event-ids","definition":{"StartAt":"T","States":{
               "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"q","MessageBody.$":"$"},
                    "ResultPath":"$.sent","Next":"P"},
               "P":{"Type":"Pass","InputPath":"$.missing","End":true}}},
               "tasks":{"T":[{"return":{"MessageId":"m"}}]}})"}) {
    auto c = asl::read_case(asl::test::parse(text));
    ASSERT_TRUE(c.ok()) << c.error().message;
    SCOPED_TRACE(c->id);
    EXPECT_FALSE((*target)->cannot_run(*c).has_value());
    asl::ExecOptions exec;
    exec.history = true;
    asl::Result oracle = asl::execute(*c, exec);
    asl::Result result = (*target)->run(*c);
    ASSERT_NE(result.status, asl::Status::target_error) << result.message;
    std::string differences;
    for (const aslcheck::ChannelDiff& d : aslcheck::diff_results(*c, oracle, result, caps)) {
      differences += d.channel + ": " + asl::json::write(d.expected) + " vs " + asl::json::write(d.actual) + " " + d.detail + "\n";
    }
    EXPECT_EQ(differences, "");
    for (const asl::Value& event : result.history->as_array()) {
      EXPECT_NE(event.get("type")->as_string(), "TaskSubmitted") << "the rewrite's own event is taken out";
    }
  }
  EXPECT_EQ(lambda.answered(), 3);

  // A case the oracle rejects goes as it is: its diagnostics come back, nothing is rewritten.
  auto invalid = asl::read_case(asl::test::parse(R"({"id":"bad","definition":{"StartAt":"T","States":{
      "T":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Next":"Nowhere"}}}})"));
  ASSERT_TRUE(invalid.ok());
  asl::Result rejected = (*target)->run(*invalid);
  EXPECT_EQ(rejected.status, asl::Status::invalid_definition) << rejected.message;
  ASSERT_FALSE(rejected.diagnostics.empty());
  EXPECT_EQ(rejected.diagnostics.front().code, "MISSING_TRANSITION_TARGET");
}

TEST(AwsTaskRewriteServe, AMalformedLambdaArnIsASetupError) {
  asl::test::use_example_aws_credentials();
  auto target = aslcheck::make_target({"aws", {{"endpoint-url", "http://127.0.0.1:1"},
                                               {"role-arn", "arn:aws:iam::123456789012:role/r"},
                                               {"lambda-arn", "scripted-task"}}});
  ASSERT_TRUE(target.ok());
  auto c = asl::read_case(asl::test::parse(R"({"id":"p","definition":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}})"));
  asl::Result r = (*target)->run(*c);
  EXPECT_EQ(r.status, asl::Status::target_error);
  EXPECT_NE(r.message.find("is not a Lambda function ARN"), std::string::npos) << r.message;
}

}  // namespace
