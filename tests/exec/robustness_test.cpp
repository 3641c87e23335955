// robustness_test.cpp — large and hostile executions end with a result or AWS's error, never a crash or a hang.
#include "asl/exec.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

Case make_case(Value definition, Value input = Value(Object{})) {
  Case c;
  c.id = "robustness";
  c.definition = std::move(definition);
  c.input = std::move(input);
  c.context = Value(Object{});
  return c;
}

TEST(ExecutorRobustness, MapOverOneHundredThousandItems) {
  Array items;
  for (int i = 0; i < 100000; ++i) items.emplace_back(i);
  Case c = make_case(parse(R"({"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":0,
      "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}})"),
                     Value(std::move(items)));
  Result r = execute(c);
  // 100,000 iterations make far more than 25,000 history events: AWS fails such a Standard
  // execution at the history limit rather than running it.
  ASSERT_EQ(Status::failed, r.status) << json::write(to_json(r)).substr(0, 300);
  EXPECT_EQ("States.Runtime", r.error.value_or(""));
  EXPECT_NE(std::string::npos, r.cause.value_or("").find("maximum number of history events")) << r.cause.value_or("");
}

TEST(ExecutorRobustness, DistributedMapChildrenDoNotCountTowardsTheParentHistory) {
  Array items;
  for (int i = 0; i < 20000; ++i) items.emplace_back(i);
  Case c = make_case(parse(R"({"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{
      "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},
      "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}})"),
                     Value(std::move(items)));
  Result r = execute(c);
  ASSERT_EQ(Status::succeeded, r.status) << r.cause.value_or("") << r.message;
  EXPECT_EQ(20000u, r.output->size());
}

TEST(ExecutorRobustness, LongChainOfStatesRuns) {
  Object states;
  const int n = 5000;
  for (int i = 0; i < n; ++i) {
    Object s{{"Type", Value("Pass")}};
    if (i + 1 < n) s.set("Next", Value("S" + std::to_string(i + 1)));
    else s.set("End", Value(true));
    states.set("S" + std::to_string(i), Value(std::move(s)));
  }
  Case c = make_case(Value(Object{{"StartAt", Value("S0")}, {"States", Value(std::move(states))}}));
  Result r = execute(c);
  ASSERT_EQ(Status::succeeded, r.status) << r.cause.value_or("");
  EXPECT_EQ(static_cast<std::size_t>(n), r.trace.size());
}

TEST(ExecutorRobustness, EndlessLoopStopsAtTheHistoryLimit) {
  Case c = make_case(parse(R"({"StartAt":"A","States":{
      "A":{"Type":"Pass","Next":"B"},
      "B":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"Done"}],"Default":"A"},
      "Done":{"Type":"Succeed"}}})"));
  ExecOptions options;
  options.max_history_events = 1000;
  Result r = execute(c, options);
  ASSERT_EQ(Status::failed, r.status);
  EXPECT_EQ("States.Runtime", r.error.value_or(""));
  EXPECT_LE(r.trace.size(), 1000u);
}

// Nested distributed Maps: each child execution has its own history quota, so only the caller's
// work limit bounds a thousand children of a thousand children each.
TEST(ExecutorRobustness, NestedDistributedMapsStopAtTheCallersWorkLimit) {
  Case c = make_case(parse(R"json({"StartAt":"P","States":{
      "P":{"Type":"Pass","Parameters":{"a.$":"States.ArrayRange(1,1000,1)"},"Next":"M"},
      "M":{"Type":"Map","ItemsPath":"$.a","ResultPath":null,"ItemProcessor":{
        "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Q","States":{
        "Q":{"Type":"Pass","Parameters":{"a.$":"States.ArrayRange(1,1000,1)"},"Next":"N"},
        "N":{"Type":"Map","ItemsPath":"$.a","ResultPath":null,"ItemProcessor":{
          "ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
          "StartAt":"R","States":{"R":{"Type":"Pass","End":true}}},"End":true}}},"End":true}}})json"));
  ExecOptions options;
  options.max_total_events = 5000;
  Result r = execute(c, options);
  ASSERT_EQ(Status::target_error, r.status) << json::write(to_json(r)).substr(0, 300);
  EXPECT_NE(std::string::npos, r.message.find("5000 history events")) << r.message;
}

// Expressions that build without end, or exponentially: each stops at the run's JSONata work
// limit with TARGET_ERROR (what AWS does is not known), in well under a second.
TEST(ExecutorRobustness, RunawayJsonataStopsAtTheWorkLimit) {
  const char* runaway[] = {
      "$pad('x', 1e12)",
      "$count([1..9999999].([1..9999999]))",
      "$reduce([1..64], function($s, $i) { $s & $s }, 'ab')",
      "$reduce([1..64], function($a, $i) { $append($a, $a) }, [1])",
      "$reduce([1..64], function($a, $i) { [$a, $a] }, [1])",
      "$join($reduce([1..64], function($a, $i) { $append($a, $a) }, ['x']))",
      "$reduce([1..64], function($s, $i) { $replace($s, 'a', 'aa') }, 'a')",
      "$count($distinct([1..200000]))",
      "(function($f) { $f($f) })(function($g) { $g($g) })",
  };
  for (const char* expression : runaway) {
    Object pass{{"Type", Value("Pass")}, {"Output", Value(std::string("{% ") + expression + " %}")}, {"End", Value(true)}};
    Case c = make_case(Value(Object{{"QueryLanguage", Value("JSONata")},
                                    {"StartAt", Value("P")},
                                    {"States", Value(Object{{"P", Value(std::move(pass))}})}}));
    ExecOptions options;
    options.max_jsonata_work = 1'000'000;
    Result r = execute(c, options);
    EXPECT_EQ(Status::target_error, r.status) << expression << ": " << json::write(to_json(r)).substr(0, 300);
    EXPECT_NE(std::string::npos, r.message.find("work limit")) << expression << ": " << r.message;
  }
}

// The limit is for the whole run, and an ordinary expression is far inside it.
TEST(ExecutorRobustness, OrdinaryJsonataIsFarInsideTheWorkLimit) {
  Case c = make_case(parse(R"({"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass",
      "Output":"{% $sum([1..1000].($ * 2)) & '/' & $join($map([1..100], $string), ',') %}","End":true}}})"));
  ExecOptions options;
  options.max_jsonata_work = 100'000;
  Result r = execute(c, options);
  ASSERT_EQ(Status::succeeded, r.status) << r.message << r.cause.value_or("");
  EXPECT_EQ(0u, json::write(*r.output).find("\"1001000/1,2,3"));
}

TEST(ExecutorRobustness, WaitingYearsTakesNoTime) {
  Case c = make_case(parse(R"({"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":31536000,"Next":"P"},
      "P":{"Type":"Pass","Parameters":{"now.$":"$$.State.EnteredTime"},"End":true}}})"));
  Result r = execute(c);
  ASSERT_EQ(Status::succeeded, r.status);
  EXPECT_EQ("2027-01-01T00:00:00.000Z", r.output->get("now")->as_string());
}

TEST(ExecutorRobustness, NestedParallelAndMapAreIsolatedAndDeterministic) {
  Case c = make_case(parse(R"({"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
      {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","MaxConcurrency":3,"ItemProcessor":{"StartAt":"W",
        "States":{"W":{"Type":"Wait","SecondsPath":"$","Next":"Q"},"Q":{"Type":"Pass","Parameters":{"at.$":"$$.State.EnteredTime"},"End":true}}},"End":true}}},
      {"StartAt":"W2","States":{"W2":{"Type":"Wait","Seconds":2,"End":true}}}],"End":true}}})"),
                     parse(R"({"xs":[5,1,3,2,4]})"));
  ExecOptions options;
  options.history = true;
  Result a = execute(c, options);
  Result b = execute(c, options);
  ASSERT_EQ(Status::succeeded, a.status) << a.cause.value_or("");
  EXPECT_EQ(json::write(to_json(a)), json::write(to_json(b)));
  // Three iterations at a time: items 5,1,3 start at 0; 2 starts when 1 ends (t=1); 4 when 2 or 3 ends.
  const Value& first = *a.output->at(0);
  EXPECT_EQ("2026-01-01T00:00:05.000Z", first.at(0)->get("at")->as_string());
  EXPECT_EQ("2026-01-01T00:00:01.000Z", first.at(1)->get("at")->as_string());
  EXPECT_EQ("2026-01-01T00:00:03.000Z", first.at(3)->get("at")->as_string());
}

}  // namespace
}  // namespace asl::test
