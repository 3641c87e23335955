// aws_test_state_serve_test.cpp — the aws target's TestState path against `aslcheck serve`: each one-state Task case of tests/data/harness/aws_test_state gives the oracle's execution Result on every channel not withheld, and nothing is created.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "asl/exec.h"
#include "asl/json.h"
#include "aslcheck/diff.h"
#include "aslcheck/target.h"
#include "http/sfn_client.h"
#include "serve_process.h"
#include "support/test_support.h"
#include "targets/sfn_api_target.h"

namespace {

constexpr const char* kKeyId = asl::test::kExampleAccessKeyId;
constexpr const char* kSecret = asl::test::kExampleSecretKey;
constexpr const char* kRoleArn = "arn:aws:iam::123456789012:role/aslcheck-exec";


// The data set's cases TestState can answer (those without an "unsuitable" expectation).
std::vector<asl::Case> answerable_cases() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(asl::test::source_path("tests/data/harness/aws_test_state"))) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<asl::Case> cases;
  for (const auto& path : files) {
    asl::Value data = asl::test::parse(asl::test::read_text(path.string()));
    if (asl::test::field(data, "expect")->get("unsuitable") != nullptr) continue;
    auto c = asl::read_case(*asl::test::field(data, "case"));
    if (c.ok()) cases.push_back(std::move(c).value());
  }
  return cases;
}

TEST(AwsTestStateServe, OneStateTaskCasesGiveTheExecutionsResult) {
  asl::test::use_example_aws_credentials();
  asl::test::ServeProcess serve;
  ASSERT_TRUE(serve.started());
  // No lambda-arn: these cases need none. TestState is not paced against serve.
  auto target = aslcheck::make_target({"aws", {{"endpoint-url", serve.url()},
                                               {"role-arn", kRoleArn},
                                               {"run-id", "test-state"},
                                               {"test-state-interval", "0"}}});
  ASSERT_TRUE(target.ok());
  std::vector<asl::Case> cases = answerable_cases();
  ASSERT_GE(cases.size(), 12u);
  for (const asl::Case& c : cases) {
    SCOPED_TRACE(c.id);
    EXPECT_FALSE((*target)->cannot_run(c).has_value()) << *(*target)->cannot_run(c);
    aslcheck::Target::Withheld withheld = (*target)->withheld_channels(c);
    EXPECT_NE(withheld.reason.find("TestState"), std::string::npos) << withheld.reason;
    aslcheck::Capabilities caps = (*target)->capabilities();
    std::erase_if(caps.channels, [&](aslcheck::Channel ch) {
      return std::find(withheld.channels.begin(), withheld.channels.end(), ch) != withheld.channels.end();
    });
    ASSERT_TRUE(caps.reports(aslcheck::Channel::output) && caps.reports(aslcheck::Channel::cause));
    EXPECT_FALSE(caps.reports(aslcheck::Channel::retries));
    EXPECT_FALSE(caps.reports(aslcheck::Channel::history));
    EXPECT_TRUE(caps.reports(aslcheck::Channel::trace));
    asl::Result oracle = asl::execute(c);
    asl::Result result = (*target)->run(c);
    ASSERT_NE(result.status, asl::Status::target_error) << result.message;
    std::string differences;
    for (const aslcheck::ChannelDiff& d : aslcheck::diff_results(c, oracle, result, caps)) {
      differences += d.channel + ": " + asl::json::write(d.expected) + " vs " + asl::json::write(d.actual) + " " + d.detail + "\n";
    }
    EXPECT_EQ(differences, "");
  }
  // Nothing was created: TestState needs no state machine.
  aslcheck::http::AwsSettings settings;
  settings.credentials = {kKeyId, kSecret, ""};
  settings.region = "us-east-1";
  settings.endpoint_url = serve.url();
  aslcheck::http::SfnClient sfn(settings);
  auto machines = sfn.call("ListStateMachines", asl::Value(asl::Object{}));
  ASSERT_TRUE(machines.ok()) << machines.error().message;
  EXPECT_EQ(machines->get("stateMachines")->size(), 0u);

  // The estimate counts TestState calls, not executions.
  aslcheck::CostEstimate estimate = aslcheck::estimate_aws_cost(cases);
  EXPECT_EQ(estimate.executions, 0u);
  EXPECT_EQ(estimate.lambda_invocations, 0u);
  EXPECT_GE(estimate.test_state_calls, cases.size());
  EXPECT_NE(estimate.summary().find(std::to_string(estimate.test_state_calls) + " TestState calls"), std::string::npos)
      << estimate.summary();
  EXPECT_EQ(aslcheck::estimate_aws_cost(cases, false).test_state_calls, 0u);
}

// test-state=off: the same cases run as executions, so without lambda-arn they are skipped.
TEST(AwsTestStateServe, TestStateOffRunsExecutions) {
  asl::test::use_example_aws_credentials();
  auto target = aslcheck::make_target({"aws", {{"endpoint-url", "http://127.0.0.1:1"},
                                               {"role-arn", kRoleArn},
                                               {"test-state", "off"}}});
  ASSERT_TRUE(target.ok());
  std::vector<asl::Case> cases = answerable_cases();
  ASSERT_FALSE(cases.empty());
  auto why = (*target)->cannot_run(cases.front());
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("lambda-arn"), std::string::npos) << *why;
  EXPECT_TRUE((*target)->withheld_channels(cases.front()).channels.empty());
}

}  // namespace
