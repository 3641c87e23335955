// aws_flavour_test.cpp — the aws target's requests (tags, reuse, deletion, caps, cleanup) against `aslcheck serve`, and no credential in any output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include "aslcheck/target.h"
#include "asl/exec.h"
#include "http/sfn_client.h"
#include "serve_process.h"
#include "support/test_support.h"

namespace {

constexpr const char* kKeyId = asl::test::kExampleAccessKeyId;
constexpr const char* kSecret = asl::test::kExampleSecretKey;

asl::Case pass_case(const std::string& id, asl::MachineType type = asl::MachineType::standard) {
  auto c = asl::read_case(asl::test::parse(R"({"id":"x","definition":{"StartAt":"A","States":{
      "A":{"Type":"Pass","Result":{"n":1},"ResultPath":"$.r","Next":"B"},"B":{"Type":"Succeed"}}},"input":{"k":"v"}})"));
  EXPECT_TRUE(c.ok());
  c->id = id;
  c->type = type;
  return *c;
}

class AwsFlavour : public ::testing::Test {
 protected:
  void SetUp() override { asl::test::use_example_aws_credentials(); }
  aslcheck::http::SfnClient client(const std::string& url) {
    aslcheck::http::AwsSettings settings;
    settings.credentials = {kKeyId, kSecret, ""};
    settings.region = "us-east-1";
    settings.endpoint_url = url;
    return aslcheck::http::SfnClient(settings);
  }
  std::size_t machine_count(aslcheck::http::SfnClient& c) {
    auto list = c.call("ListStateMachines", asl::Value(asl::Object{}));
    EXPECT_TRUE(list.ok());
    return list.ok() ? list->get("stateMachines")->size() : 0;
  }
};

TEST_F(AwsFlavour, TagsReusesDeletesAndCaps) {
  asl::test::ServeProcess serve({"--start-time", "2026-01-01T00:00:00Z"});
  ASSERT_TRUE(serve.started());
  auto sfn = client(serve.url());
  {
    auto target = aslcheck::make_target({"aws", {{"endpoint-url", serve.url()},
                                                 {"role-arn", "arn:aws:iam::123456789012:role/aslcheck-exec"},
                                                 {"run-id", "t-1"},
                                                 {"max-executions", "3"}}});
    ASSERT_TRUE(target.ok());
    asl::Case c = pass_case("p1");
    EXPECT_FALSE((*target)->cannot_run(c).has_value());
    asl::Result reference = asl::execute(c);
    asl::Result result = (*target)->run(c);
    ASSERT_EQ(result.status, asl::Status::succeeded) << result.message;
    EXPECT_TRUE(asl::test::json_equal(*reference.output, *result.output));
    EXPECT_EQ(result.trace, reference.trace);
    ASSERT_TRUE(result.history.has_value());
    // A second case with the same definition reuses the machine.
    EXPECT_EQ((*target)->run(pass_case("p2")).status, asl::Status::succeeded);
    EXPECT_EQ(machine_count(sfn), 1u);
    auto list = sfn.call("ListStateMachines", asl::Value(asl::Object{}));
    std::string arn = list->get("stateMachines")->at(0)->get("stateMachineArn")->as_string();
    auto tags = sfn.call("ListTagsForResource", asl::Value(asl::Object{{"resourceArn", asl::Value(arn)}}));
    ASSERT_TRUE(tags.ok());
    EXPECT_TRUE(asl::test::json_equal(asl::test::parse(R"([{"key":"aslcheck:run","value":"t-1"}])"), *tags->get("tags")));
    // Express goes through StartSyncExecution.
    EXPECT_EQ((*target)->run(pass_case("p3", asl::MachineType::express)).status, asl::Status::succeeded);
    asl::Result capped = (*target)->run(pass_case("p4"));
    EXPECT_EQ(capped.status, asl::Status::target_error);
    EXPECT_NE(capped.message.find("max-executions"), std::string::npos);
    // Task states need the scripted-task Lambda: skipped with the reason.
    auto task = asl::read_case(asl::test::parse(R"({"id":"t","definition":{"StartAt":"T","States":{
        "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}}}})"));
    ASSERT_TRUE(task.ok());
    EXPECT_TRUE((*target)->cannot_run(*task).has_value());
  }
  EXPECT_EQ(machine_count(sfn), 0u) << "the target deletes what it created when it ends";
}

TEST_F(AwsFlavour, CleanupDeletesOnlyTheRunsMachines) {
  asl::test::ServeProcess serve;
  ASSERT_TRUE(serve.started());
  auto sfn = client(serve.url());
  std::string definition = R"({"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}})";
  for (const char* run : {"old-run", "old-run", "other-run"}) {
    static int n = 0;
    auto created = sfn.call("CreateStateMachine",
                            asl::Value(asl::Object{{"name", asl::Value("m" + std::to_string(n++))},
                                                   {"definition", asl::Value(definition)},
                                                   {"roleArn", asl::Value("arn:aws:iam::123456789012:role/r")},
                                                   {"tags", asl::test::parse(std::string(R"([{"key":"aslcheck:run","value":")") + run + "\"}]")}}));
    ASSERT_TRUE(created.ok()) << created.error().message;
  }
  auto result = asl::test::run_cli({"cleanup", "--run", "old-run", "--endpoint-url", serve.url()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("2 state machines deleted"), std::string::npos) << result.out;
  EXPECT_EQ(machine_count(sfn), 1u);
}

// The runner prints the cost estimate and refuses, before anything starts, a run over
// --max-executions (exit 5); under the cap it runs.
TEST_F(AwsFlavour, RunnerPrintsTheCostAndEnforcesTheCapBeforeStarting) {
  asl::test::ServeProcess serve;
  ASSERT_TRUE(serve.started());
  auto sfn = client(serve.url());
  auto dir = std::filesystem::temp_directory_path() / ("aslcheck-cap-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "cases");
  for (const char* id : {"a", "b", "c"}) {
    std::ofstream(dir / "cases" / (std::string(id) + ".case.json"))
        << R"({"id":")" << id << R"(","definition":{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"Q"},"Q":{"Type":"Pass","End":true}}}})";
  }
  // A Task case the aws target skips does not count against the cap.
  std::ofstream(dir / "cases" / "t.case.json")
      << R"({"id":"t","definition":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"End":true}}}})";
  auto replay = [&](const std::string& cap, const std::string& out) {
    return asl::test::run_cli({"replay", "--target", "aws", "--endpoint-url", serve.url(), "--target-option",
                               "role-arn=arn:aws:iam::123456789012:role/r", "--max-executions", cap, "--out",
                               (dir / out).string(), "--progress", "none", (dir / "cases").string()});
  };
  auto refused = replay("2", "refused");
  EXPECT_EQ(refused.exit_code, 5) << refused.out << refused.err;
  // Three executions of two states each: 3 x (2 transitions + 1) at $0.025 per 1,000.
  EXPECT_NE(refused.err.find("estimated AWS cost: 3 executions, 9 state transitions, 0 Lambda invocations: about $0.0002"),
            std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("refused: 3 case(s) would run on aws, more than --max-executions 2: nothing was started"),
            std::string::npos) << refused.err;
  EXPECT_EQ(machine_count(sfn), 0u) << "nothing was created";
  EXPECT_FALSE(std::filesystem::exists(dir / "refused" / "run.json"));

  auto ran = replay("3", "ran");
  EXPECT_EQ(ran.exit_code, 0) << ran.out << ran.err;
  EXPECT_NE(ran.err.find("estimated AWS cost: 3 executions"), std::string::npos) << ran.err;
  EXPECT_NE(ran.out.find("3 match"), std::string::npos) << ran.out;
  EXPECT_NE(ran.out.find("1 skipped"), std::string::npos) << ran.out;
  std::filesystem::remove_all(dir);
}

// Runs the aws target through `aslcheck replay` with real-looking credentials in the environment
// (including a failing case) and scans everything written for them.
TEST_F(AwsFlavour, CredentialsNeverAppearInOutputs) {
  asl::test::ServeProcess serve;
  ASSERT_TRUE(serve.started());
  auto dir = std::filesystem::temp_directory_path() / ("aslcheck-secrets-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "cases");
  std::ofstream(dir / "cases" / "ok.case.json") << R"({"id":"ok","definition":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}})";
  std::ofstream(dir / "cases" / "bad.case.json") << R"({"id":"bad","definition":{"StartAt":"Nope","States":{"P":{"Type":"Pass","End":true}}}})";
  std::string out = (dir / "run").string();
  auto run = asl::test::run_cli({"replay", "--target", "aws", "--target-option", "endpoint-url=" + serve.url(),
                                 "--target-option", "role-arn=arn:aws:iam::123456789012:role/r", "--out", out,
                                 "--progress", "lines", (dir / "cases").string()});
  // And a run whose endpoint refuses connections: the transport errors are reported too.
  auto refused = asl::test::run_cli({"replay", "--target", "aws", "--target-option", "endpoint-url=http://127.0.0.1:1",
                                     "--target-option", "role-arn=arn:aws:iam::123456789012:role/r", "--out", out + "-refused",
                                     "--progress", "lines", (dir / "cases").string()});
  std::string everything = run.out + run.err + refused.out + refused.err;
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().parent_path().filename() != "cases") {
      everything += asl::test::read_text(entry.path().string());
      ++files;
    }
  }
  EXPECT_GE(files, 2u) << "the runs wrote their results";
  EXPECT_NE(everything.find("target-error"), std::string::npos) << "the refused run reported its errors";
  EXPECT_FALSE(std::regex_search(everything, std::regex("(AKIA|ASIA)[0-9A-Z]{16}"))) << everything;
  EXPECT_EQ(everything.find(kSecret), std::string::npos);
  EXPECT_EQ(everything.find("wJalrXUtnFEMI"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
