// aws_test_state_test.cpp — runs tests/data/harness/aws_test_state/*.json (a case, whether TestState can answer it, each attempt's mock) and checks each answerable case, run through the oracle's TestState in process, gives the oracle's execution Result.
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>

#include "asl/exec.h"
#include "asl/test_state.h"
#include "aslcheck/diff.h"
#include "aslgen/generate.h"
#include "support/test_support.h"
#include "targets/aws_task_rewrite.h"
#include "targets/aws_test_state.h"

namespace asl::test {
namespace {

constexpr const char* kLambdaArn = "arn:aws:lambda:us-east-1:111122223333:function:aslcheck-ScriptedTask";

// TestState on the reference interpreter, through its AWS JSON forms (what `aslcheck serve` does).
Expected<Value> oracle_test_state(const Value& request, std::int64_t& calls) {
  ++calls;
  auto parsed = read_test_state_request(request);
  if (!parsed) return std::move(parsed).error();
  TestStateOutcome outcome = test_state(*parsed, 1);
  if (outcome.kind == TestStateOutcome::Kind::api_error) return Error{outcome.api_error.code, outcome.api_error.message, {}};
  if (outcome.kind == TestStateOutcome::Kind::unsupported) return Error{"aslcheck.NotModelled", outcome.message, {}};
  return to_json(outcome.response);
}

// The channels a TestState run reports: the execution's, without retries and history, as the
// aws target withholds them.
aslcheck::Capabilities test_state_channels() {
  aslcheck::Capabilities caps;
  caps.channels = {aslcheck::Channel::status, aslcheck::Channel::output, aslcheck::Channel::error,
                   aslcheck::Channel::cause, aslcheck::Channel::trace};
  return caps;
}

std::string differences(const Case& c, const Result& expected, const Result& actual) {
  std::string out;
  for (const aslcheck::ChannelDiff& d : aslcheck::diff_results(c, expected, actual, test_state_channels())) {
    out += d.channel + ": " + json::write(d.expected) + " vs " + json::write(d.actual) + " " + d.detail + "\n";
  }
  return out;
}

TEST(AwsTestState, DataCases) {
  std::vector<std::filesystem::path> files = data_files("tests/data/harness/aws_test_state");
  ASSERT_GE(files.size(), 20u);
  int answered = 0;
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    Value data = parse(read_text(path.string()));
    auto c = read_case(*field(data, "case"));
    ASSERT_TRUE(c.ok()) << c.error().message;
    const Value& expect = *field(data, "expect");
    std::optional<std::string> unsuitable = aslcheck::test_state_unsuitable(*c);
    if (const Value* reason = expect.get("unsuitable")) {
      ASSERT_TRUE(unsuitable.has_value()) << "expected not to go through TestState: " << reason->as_string();
      EXPECT_NE(unsuitable->find(reason->as_string()), std::string::npos) << *unsuitable;
      EXPECT_EQ(aslcheck::expected_test_state_calls(*c), 0);
      continue;
    }
    ASSERT_FALSE(unsuitable.has_value()) << *unsuitable;
    if (const Value* skip = expect.get("rewrite_skip")) {
      // A case the Lambda rewrite cannot run that TestState answers.
      auto rewrite = aslcheck::rewrite_tasks_for_aws(*c, {kLambdaArn});
      ASSERT_TRUE(rewrite.skip.has_value());
      EXPECT_NE(rewrite.skip->find(skip->as_string()), std::string::npos) << *rewrite.skip;
    }
    // The mock of each attempt, from the script (null: no step left).
    const std::vector<TaskStep>& script = c->tasks.begin()->second;
    const Value& mocks = *field(expect, "mocks");
    for (std::size_t i = 0; i < mocks.size(); ++i) {
      SCOPED_TRACE("attempt " + std::to_string(i));
      std::optional<Value> mock = aslcheck::test_state_mock(script, static_cast<std::int64_t>(i));
      const Value& want = *mocks.at(i);
      if (want.is_null()) {
        EXPECT_FALSE(mock.has_value()) << json::write(*mock);
      } else {
        ASSERT_TRUE(mock.has_value());
        EXPECT_TRUE(json_equal(want, *mock)) << json::write(*mock);
      }
    }
    // Through TestState, the Result is the execution's on every channel the target reports.
    std::int64_t calls = 0;
    aslcheck::TestStateIdentity identity;
    identity.role_arn = "arn:aws:iam::123456789012:role/aslcheck";
    identity.machine_name = c->id;
    identity.execution_name = "exec-0";
    identity.start_time = "2026-01-01T00:00:00.000Z";
    aslcheck::TestStateRunStats stats;
    auto result = aslcheck::run_through_test_state(
        *c, identity, [&](const Value& request) { return oracle_test_state(request, calls); }, &stats);
    ASSERT_TRUE(result.ok()) << result.error().name << ": " << result.error().message;
    ASSERT_NE(result->status, Status::target_error) << result->message;
    Result oracle = execute(*c);
    EXPECT_EQ(differences(*c, oracle, *result), "");
    EXPECT_EQ(stats.calls, calls);
    EXPECT_EQ(calls, field(expect, "calls")->as_int()) << "one TestState call per task attempt";
    // The estimate counts the reference's attempts; a wrong retrier guess costs one call more.
    const Value* estimated = expect.get("expected_calls");
    EXPECT_EQ(aslcheck::expected_test_state_calls(*c), estimated != nullptr ? estimated->as_int() : calls);
    ++answered;
  }
  EXPECT_GE(answered, 12);
}

// A script that runs out before the state is done is the target's failure, never a pass.
TEST(AwsTestState, AScriptThatRunsOutIsATargetError) {
  auto c = read_case(parse(R"({"id":"short","definition":{"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::sns:publish","Parameters":{"TopicArn":"t","Message":"m"},
      "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":3}],"End":true}}},
      "tasks":{"T":[{"throw":{"error":"E"}}]}})"));
  ASSERT_TRUE(c.ok());
  std::int64_t calls = 0;
  auto result = aslcheck::run_through_test_state(*c, {}, [&](const Value& request) { return oracle_test_state(request, calls); });
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->status, Status::target_error);
  EXPECT_NE(result->message.find("no scripted step for invocation 2"), std::string::npos) << result->message;
  EXPECT_EQ(execute(*c).status, Status::target_error) << "the reference fails the same way";
}

// An API error (AWS refusing the request) comes back as the error, for the target to report.
TEST(AwsTestState, AnApiErrorIsReturned) {
  auto c = read_case(parse(R"({"id":"e","definition":{"StartAt":"T","States":{"T":{"Type":"Task",
      "Resource":"arn:aws:states:::sns:publish","End":true}}},"tasks":{"T":[{"return":{}}]}})"));
  ASSERT_TRUE(c.ok());
  auto result = aslcheck::run_through_test_state(
      *c, {}, [](const Value&) -> Expected<Value> { return Error{"InvalidDefinition", "nope", {}}; });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().name, "InvalidDefinition");
}

// Generated cases (the rewrite test's 600 plus the corpus, and one-state machines of the errors
// and jsonata profiles): every case TestState can answer gives the oracle's execution Result
// through the oracle's TestState; the counts say how many the rewrite skips that TestState runs.
TEST(AwsTestState, GeneratedCasesGiveTheExecutionsResult) {
  std::vector<Case> cases = corpus_and_generated_cases({"full", "errors", "map", "jsonata"}, 150);
  const std::size_t rewrite_test_cases = cases.size();
  std::size_t answered_of_those = 0, rewrite_skipped_of_those = 0;
  for (const char* profile : {"full,max_states=1", "errors,max_states=1", "jsonata,max_states=1"}) {
    auto gen = aslgen::parse_profile(profile);
    ASSERT_TRUE(gen.ok()) << gen.error().message;
    for (std::uint64_t i = 0; i < 400; ++i) cases.push_back(aslgen::generate_valid_case(7, i, *gen));
  }
  std::size_t answered = 0, compared = 0, one_state_tasks = 0;
  std::map<std::string, std::size_t> rewrite_skips_answered, refusals;
  for (std::size_t index = 0; index < cases.size(); ++index) {
    const Case& c = cases[index];
    const Value* states = c.definition.get("States");
    const bool one_task = states != nullptr && states->is_object() && states->size() == 1 &&
                          string_field(states->as_object().begin()->value, "Type") == "Task";
    std::optional<std::string> why = aslcheck::test_state_unsuitable(c);
    if (why) {
      if (one_task) {
        ++one_state_tasks;
        // Grouped by the reason's words after the state name, numbers left out.
        std::string key = why->substr(why->find('\'', 8) == std::string::npos ? 0 : why->find('\'', 8) + 1, 60);
        std::erase_if(key, [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; });
        refusals[key]++;
      }
      continue;
    }
    ++one_state_tasks;
    ++answered;
    if (index < rewrite_test_cases) ++answered_of_those;
    SCOPED_TRACE(c.id + ": " + json::write(to_json(c)));
    aslcheck::AwsTaskRewrite rewrite = aslcheck::rewrite_tasks_for_aws(c, {kLambdaArn});
    if (rewrite.skip) {
      rewrite_skips_answered[rewrite.skip->substr(rewrite.skip->find('\'', 12) + 1, 45)]++;
      if (index < rewrite_test_cases) ++rewrite_skipped_of_those;
    }
    const std::string text = json::write(c.definition);
    if (text.find("Random") != std::string::npos || text.find("$random") != std::string::npos ||
        text.find("$uuid") != std::string::npos || text.find("UUID") != std::string::npos) {
      continue;  // TestState's run draws from another entropy stream than the execution's
    }
    std::int64_t calls = 0;
    aslcheck::TestStateIdentity identity;
    identity.machine_name = c.id;
    identity.execution_name = "exec-0";
    identity.start_time = "2026-01-01T00:00:00.000Z";
    auto result = aslcheck::run_through_test_state(c, identity, [&](const Value& request) { return oracle_test_state(request, calls); });
    ASSERT_TRUE(result.ok()) << result.error().name << ": " << result.error().message;
    Result oracle = execute(c);
    if (oracle.status == Status::target_error) {
      EXPECT_EQ(result->status, Status::target_error) << "the script runs out in both";
      continue;
    }
    ++compared;
    EXPECT_EQ(differences(c, oracle, *result), "");
  }
  EXPECT_GT(compared, 40u);
  std::string summary = "  rewrite skips them as:\n";
  for (const auto& [reason, n] : rewrite_skips_answered) summary += "    " + std::to_string(n) + " x ..." + reason + "\n";
  summary += "  one-state Task cases not through TestState:\n";
  for (const auto& [reason, n] : refusals) summary += "    " + std::to_string(n) + " x ..." + reason + "\n";
  std::printf("aws TestState: %zu of %zu cases answered (%zu compared; %zu of the first %zu, %zu of them skipped by the "
              "rewrite), of %zu one-state Task cases\n%s",
              answered, cases.size(), compared, answered_of_those, rewrite_test_cases, rewrite_skipped_of_those,
              one_state_tasks, summary.c_str());
}

}  // namespace
}  // namespace asl::test
