// coverage_test.cpp — 10,000 generated cases cover every state type, I/O field, intrinsic, Choice operator and error feature.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>

#include "asl/exec.h"
#include "aslgen/generate.h"

namespace {

TEST(GeneratorCoverage, TenThousandCasesCoverEveryFeature) {
  std::map<std::string, int> seen;
  // Near-valid inputs by perturbation: how many, and how many the oracle fails at run time.
  std::map<std::string, std::pair<int, int>> perturbed;
  const aslgen::GenOptions options;  // the default (full) profile
  for (std::uint64_t i = 0; i < 10000; ++i) {
    const asl::Case c = aslgen::generate_valid_case(1, i, options);
    for (const std::string& t : c.tags) ++seen[t];
    for (const char* kind : {"input:missing-path", "input:null-path", "input:wrong-type"}) {
      if (std::find(c.tags.begin(), c.tags.end(), kind) == c.tags.end()) continue;
      const asl::Result r = asl::execute(c);
      const bool runtime = r.status == asl::Status::failed &&
                           (r.error == "States.Runtime" || r.error == "States.QueryEvaluationError");
      ++perturbed[kind].first;
      perturbed[kind].second += runtime ? 1 : 0;
    }
  }
  std::vector<std::string> required = {
      "pass", "task", "choice", "wait", "parallel", "map", "succeed", "fail",
      "io:InputPath", "io:OutputPath", "io:ResultPath", "io:ResultPath-null", "io:Parameters", "io:ResultSelector",
      "io:ItemsPath", "io:ItemSelector", "io:Assign", "io:Result",
      "retry", "retry:BackoffRate", "retry:MaxDelaySeconds", "retry:JitterStrategy", "catch", "task-failure",
      "timeout", "heartbeat", "timeout:TimeoutSecondsPath", "callback", "variables", "loop", "express", "standard",
      "distributed-map", "item-reader", "item-batcher", "result-writer", "tolerated-failure", "max-concurrency",
      "machine-timeout", "context-object", "input-perturbed", "intrinsic-error",
      "input:missing-path", "input:null-path", "input:wrong-type",
      "wait:Seconds", "wait:SecondsPath", "wait:Timestamp", "wait:TimestampPath", "fail:ErrorPath", "fail:CausePath",
      "jsonpath:wildcard", "jsonpath:slice", "jsonpath:union", "jsonpath:deep-scan", "jsonpath:filter", "jsonpath:brackets",
      "resource:lambda-invoke", "resource:lambda-arn", "resource:sns-publish", "resource:dynamodb-putItem",
      "resource:sqs-sendMessage", "choice:And", "choice:Or", "choice:Not", "choice:Assign", "choice:no-default"};
  // JSONata (15% of the full profile's cases): every field AWS lets an expression fill, $states
  // members, and each way an expression fails with States.QueryEvaluationError.
  for (const char* t : {"jsonata", "query-language:machine", "query-language:mixed", "query-language:declared",
                        "jsonata:Output", "jsonata:Arguments", "jsonata:Assign", "jsonata:Condition", "jsonata:rule-Assign",
                        "jsonata:rule-Output", "jsonata:Items", "jsonata:ItemSelector", "jsonata:catch-Output",
                        "jsonata:catch-Assign", "jsonata:Seconds", "jsonata:Timestamp", "jsonata:TimeoutSeconds",
                        "jsonata:Error", "jsonata:Cause", "jsonata:number-expression", "jsonata:states-input",
                        "jsonata:states-result", "jsonata:states-errorOutput", "jsonata:context", "jsonata:variable",
                        "jsonata:transform", "jsonata:higher-order", "jsonata:conditional", "jsonata:binding",
                        "jsonata:fn:$now", "catch:States.QueryEvaluationError", "jsonata-error:undefined",
                        "jsonata-error:type", "jsonata-error:function", "jsonata-error:engine"}) {
    required.push_back(t);
  }
  for (const char* f : {"Format", "StringToJson", "JsonToString", "Array", "ArrayPartition", "ArrayContains", "ArrayRange",
                        "ArrayGetItem", "ArrayLength", "ArrayUnique", "Base64Encode", "Base64Decode", "Hash", "JsonMerge",
                        "MathRandom", "MathAdd", "StringSplit", "UUID"}) {
    required.push_back(std::string("intrinsic:States.") + f);
  }
  for (const char* type : {"String", "Numeric", "Timestamp"}) {
    for (const char* relation : {"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"}) {
      required.push_back(std::string("choice:") + type + relation);
      required.push_back(std::string("choice:") + type + relation + "Path");
    }
  }
  for (const char* op : {"BooleanEquals", "BooleanEqualsPath", "StringMatches", "IsNull", "IsPresent", "IsNumeric",
                         "IsString", "IsBoolean", "IsTimestamp"}) {
    required.push_back(std::string("choice:") + op);
  }
  for (const std::string& r : required) EXPECT_GT(seen[r], 0) << "no generated case has feature " << r;

  // Near-valid inputs are shaped for the machine: most of them make a path it reads fail at run
  // time (a missing path nearly always; null and wrong types where the reader needs a type, and
  // not in Choice rules, where a mismatch is only false). The figures go to the log for the README.
  int all = 0, failing = 0;
  for (const auto& [kind, counts] : perturbed) {
    std::cout << kind << ": " << counts.first << " cases, " << counts.second << " fail with States.Runtime or "
              << "States.QueryEvaluationError\n";
    all += counts.first;
    failing += counts.second;
  }
  ASSERT_GT(all, 0);
  std::cout << "near-valid inputs failing at run time: " << failing << " of " << all << "\n";
  EXPECT_GE(failing * 100, all * 60) << "too few near-valid inputs reach a run-time error";
  EXPECT_GE(perturbed["input:missing-path"].second * 100, perturbed["input:missing-path"].first * 75);
}

TEST(GeneratorCoverage, NearValidCasesCoverEveryMutation) {
  std::map<std::string, int> seen;
  for (std::uint64_t i = 0; i < 3000; ++i) ++seen[aslgen::generate_near_valid_case(2, i).tags[1]];
  for (const char* m : {"dangling-next", "dangling-start", "unknown-type", "duplicate-name", "states-all-not-last",
                        "next-in-nested-rule", "field-wrong-state", "bad-dollar-value", "bad-timestamp",
                        "missing-transition", "empty-branches", "credentials-without-role", "express-callback",
                        "missing-start-at", "distributed-field-inline"}) {
    EXPECT_GT(seen[std::string("mutation:") + m], 0) << "no near-valid case has mutation " << m;
  }
  // JSONata mutations apply to cases with JSONata states only.
  const aslgen::GenOptions jsonata = *aslgen::profile_options("jsonata");
  for (std::uint64_t i = 0; i < 1000; ++i) ++seen[aslgen::generate_near_valid_case(2, i, jsonata).tags[1]];
  for (const char* m : {"jsonpath-field-in-jsonata-state", "jsonpath-state-in-jsonata-machine",
                        "expression-in-jsonpath-timestamp", "unparseable-jsonata", "top-level-name"}) {
    EXPECT_GT(seen[std::string("mutation:") + m], 0) << "no near-valid case has mutation " << m;
  }
}

}  // namespace
