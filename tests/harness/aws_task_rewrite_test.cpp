// aws_task_rewrite_test.cpp — runs tests/data/harness/aws_rewrite/*.json (a case and its rewritten definition or skip reason) and checks on the oracle that rewrites run as their cases.
#include <filesystem>
#include <map>

#include "asl/exec.h"
#include "asl/machine.h"
#include "aslcheck/diff.h"
#include "aslgen/generate.h"
#include "support/test_support.h"
#include "targets/aws_task_rewrite.h"

namespace asl::test {
namespace {

constexpr const char* kLambdaArn = "arn:aws:lambda:us-east-1:111122223333:function:aslcheck-ScriptedTask";

aslcheck::AwsTaskRewriteOptions options() { return {kLambdaArn}; }

std::string errors_of(const Value& definition, MachineType type) {
  ValidationOptions validation;
  validation.type = type;
  std::string errors;
  for (const Diagnostic& d : validate(definition, validation)) {
    if (d.severity == "ERROR") errors += d.code + ": " + d.message + " at " + d.location + "\n";
  }
  return errors;
}

bool uses_randomness(const Case& c) {
  std::string text = json::write(c.definition);
  return text.find("MathRandom") != std::string::npos || text.find("$random") != std::string::npos;
}

// The rewritten definition runs on the oracle with the case's own script (the rewrite keeps state
// names), and once its artefacts are undone its Result is the case's on every channel: the
// rewrite keeps what the diff compares. (The Lambda's side is tests/harness/scripted_task_test.py.)
std::string runs_as_the_case(const Case& c, const aslcheck::AwsTaskRewrite& rewrite, bool undo = true) {
  ExecOptions exec;
  exec.history = true;
  Result own = execute(c, exec);
  Case rewritten = c;
  rewritten.definition = rewrite.definition;
  Result via = execute(rewritten, exec);
  if (undo) aslcheck::undo_rewrite_artefacts(rewrite, via);
  aslcheck::Capabilities all;
  all.channels.assign(std::begin(aslcheck::kAllChannels), std::end(aslcheck::kAllChannels));
  std::string differences;
  for (const aslcheck::ChannelDiff& d : aslcheck::diff_results(c, own, via, all)) {
    differences += d.channel + ": " + json::write(d.expected) + " vs " + json::write(d.actual) + " " + d.detail + "\n";
  }
  return differences;
}

std::string text_at(const Value& v, std::string_view key) {
  const Value* f = v.get(key);
  return f != nullptr && f->is_string() ? f->as_string() : std::string();
}

// What the scripted-task Lambda would answer to each task attempt of the rewritten machine (its
// payload read from the oracle's history; RetryCount or a counter per execution and state picks
// the step, as scripted_task.py does) against what the reference answered with its own counters
// per Map iteration and Parallel branch: the rewrite's counting is the reference's.
std::string lambda_answers_as_the_reference(const Case& c, const aslcheck::AwsTaskRewrite& rewrite) {
  Case rewritten = c;
  rewritten.definition = rewrite.definition;
  ExecOptions exec;
  exec.history = true;
  Result r = execute(rewritten, exec);
  if (r.status == Status::target_error || !r.history) return {};  // the case's own script runs out
  std::map<std::int64_t, const Value*> by_id;
  for (const Value& e : r.history->as_array()) by_id[e.get("id")->as_int()] = &e;
  std::map<std::string, std::int64_t> counters;
  std::map<std::int64_t, std::optional<Value>> step_of;  // scheduled event id -> the Lambda's step
  std::string mismatches;
  for (const Value& e : r.history->as_array()) {
    const std::string type = text_at(e, "type");
    const std::int64_t id = e.get("id")->as_int();
    if (type == "TaskScheduled" || type == "LambdaFunctionScheduled") {
      const bool service = type == "TaskScheduled";
      const Value& d = *e.get(service ? "taskScheduledEventDetails" : "lambdaFunctionScheduledEventDetails");
      Value payload = *json::read(text_at(d, service ? "parameters" : "input"));
      if (service) payload = *payload.get("Payload");
      const Value& meta = *payload.get("aslcheck");
      Value job = *json::read(text_at(meta, "job"));
      std::int64_t n = job.get("counter") != nullptr ? counters[text_at(meta, "execution") + "/" + text_at(job, "state")]++
                                                     : meta.get("retry")->as_int();
      step_of[id] = std::nullopt;
      for (const Value& step : job.get("script")->as_array()) {
        std::int64_t times = step.get("times") != nullptr ? step.get("times")->as_int() : 1;
        if (n < times) {
          step_of[id] = step;
          break;
        }
        n -= times;
      }
      continue;
    }
    const bool succeeded = type == "TaskSucceeded" || type == "LambdaFunctionSucceeded";
    const bool failed = type == "TaskFailed" || type == "LambdaFunctionFailed";
    if (!succeeded && !failed) continue;
    const Value* at = &e;
    while (at != nullptr && !text_at(*at, "type").ends_with("Scheduled")) {
      auto it = by_id.find(at->get("previousEventId")->as_int());
      at = it == by_id.end() ? nullptr : it->second;
    }
    if (at == nullptr) return "no Scheduled event before event " + std::to_string(id);
    const std::optional<Value>& step = step_of[at->get("id")->as_int()];
    const Value* details = nullptr;
    for (const Member& m : e.as_object()) {
      if (m.key.ends_with("EventDetails")) details = &m.value;
    }
    std::string what = "event " + std::to_string(id) + " (" + type + "): reference " + json::write(*details);
    if (!step) {
      mismatches += what + ", the Lambda has no step\n";
    } else if (succeeded) {
      const Value* returned = step->get("return");
      if (returned == nullptr || *returned != *json::read(text_at(*details, "output"))) {
        mismatches += what + ", the Lambda " + json::write(*step) + "\n";
      }
    } else {
      const Value* thrown = step->get("throw");
      if (thrown == nullptr || text_at(*thrown, "error") != text_at(*details, "error") ||
          (thrown->get("cause") != nullptr) != (details->get("cause") != nullptr) ||
          text_at(*thrown, "cause") != text_at(*details, "cause")) {
        mismatches += what + ", the Lambda " + json::write(*step) + "\n";
      }
    }
  }
  return mismatches;
}

TEST(AwsTaskRewrite, DataCases) {
  std::vector<std::filesystem::path> files = data_files("tests/data/harness/aws_rewrite");
  ASSERT_GE(files.size(), 15u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    Value data = parse(read_text(path.string()));
    auto c = read_case(*field(data, "case"));
    ASSERT_TRUE(c.ok()) << c.error().message;
    aslcheck::AwsTaskRewriteOptions opts = options();
    if (const Value* arn = field(data, "lambda_arn")) opts.lambda_arn = arn->as_string();
    aslcheck::AwsTaskRewrite rewrite = aslcheck::rewrite_tasks_for_aws(*c, opts);
    const Value& expect = *field(data, "expect");
    if (expect.size() == 0) {
      ADD_FAILURE() << "no expectation yet; the rewrite to review: "
                    << json::write(rewrite.skip ? Value(Object{{"skip", Value(*rewrite.skip)}})
                                                : Value(Object{{"definition", rewrite.definition}}));
      continue;
    }
    if (const Value* skip = field(expect, "skip")) {
      ASSERT_TRUE(rewrite.skip.has_value()) << json::write(rewrite.definition);
      EXPECT_EQ(*rewrite.skip, skip->as_string());
      EXPECT_TRUE(json_equal(c->definition, rewrite.definition)) << "a skipped case keeps its definition";
      continue;
    }
    ASSERT_FALSE(rewrite.skip.has_value()) << *rewrite.skip;
    const Value* unchanged = field(expect, "unchanged");
    EXPECT_TRUE(json_equal(unchanged != nullptr && unchanged->as_bool() ? c->definition : *field(expect, "definition"),
                           rewrite.definition));
    Array added;
    for (const std::string& name : rewrite.added_submitted) added.emplace_back(name);
    const Value* expected_added = field(expect, "added_submitted");
    EXPECT_TRUE(json_equal(expected_added != nullptr ? *expected_added : Value(Array{}), Value(std::move(added))));
    const Value* moved = field(expect, "moved_jsonata_arguments");
    EXPECT_EQ(rewrite.moved_jsonata_arguments, moved != nullptr && moved->as_bool());
    if (errors_of(c->definition, c->type).empty()) {
      EXPECT_EQ(errors_of(rewrite.definition, c->type), "") << "the rewrite validates on the oracle";
      EXPECT_EQ(runs_as_the_case(*c, rewrite), "");
      EXPECT_EQ(lambda_answers_as_the_reference(*c, rewrite), "");
      // Cases written to show an artefact (added events, shifted ids, moved locations) show it.
      if (const Value* shows = field(expect, "artefacts")) {
        EXPECT_EQ(runs_as_the_case(*c, rewrite, false).empty(), !shows->as_bool());
      }
    } else {
      EXPECT_EQ(rewrite.tasks, 0u) << "an invalid definition is sent as it is";
    }
  }
}

// Every rewrite of the corpus and of generated cases validates on the oracle and runs there as
// its case; every skip says which state and why.
TEST(AwsTaskRewrite, GeneratedCasesRunAsThemselves) {
  std::vector<Case> cases = corpus_and_generated_cases({"full", "errors", "map", "jsonata"}, 150);
  std::size_t rewritten = 0, skipped = 0, randomness = 0;
  std::map<std::string, std::size_t> reasons;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.id + ": " + json::write(to_json(c)));
    aslcheck::AwsTaskRewrite rewrite = aslcheck::rewrite_tasks_for_aws(c, options());
    if (rewrite.skip) {
      ++skipped;
      EXPECT_TRUE(rewrite.skip->starts_with("Task state '")) << *rewrite.skip;
      reasons[rewrite.skip->substr(rewrite.skip->find('\'', 12) + 1, 40)]++;
      continue;
    }
    if (rewrite.tasks == 0) continue;
    // The aws target skips S3 cases before rewriting; their ResultWriter keys hold UUIDs.
    if (!c.objects.empty() || json::write(c.definition).find("ResultWriter") != std::string::npos) continue;
    ++rewritten;
    ASSERT_EQ(errors_of(rewrite.definition, c.type), "") << json::write(rewrite.definition);
    EXPECT_EQ(lambda_answers_as_the_reference(c, rewrite), "") << json::write(rewrite.definition);
    if (uses_randomness(c)) {
      ++randomness;  // the callback's task token draws from the run's entropy: other draws move
      continue;
    }
    EXPECT_EQ(runs_as_the_case(c, rewrite), "") << json::write(rewrite.definition);
  }
  EXPECT_GT(rewritten, 100u);
  std::string summary;
  for (const auto& [reason, n] : reasons) summary += "  " + std::to_string(n) + " x ..." + reason + "\n";
  std::printf("aws rewrite: %zu rewritten (%zu with randomness not compared), %zu skipped:\n%s", rewritten, randomness,
              skipped, summary.c_str());
}

}  // namespace
}  // namespace asl::test
