// test_state_test.cpp — replays every TestState call recorded on AWS (test_state.jsonl, and validation.jsonl's TestState rows) on the oracle.
#include <iostream>
#include <map>

#include "asl/test_state.h"
#include "support/recording.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

constexpr const char* kExpectationsFile = "tests/data/exec/test-state-skips.json";

// tests/data/exec/test-state-skips.json: the recorded calls the oracle does not answer as AWS
// did, each with its reason. A selector names one case ("id"), every case of a query language
// ("query_language": the definition sets QueryLanguage to it somewhere), or every case whose
// expected API error message starts with "message_prefix".
struct Expectation {
  std::string id, query_language, message_prefix, reason;
  int matched = 0, passing = 0;
};

std::vector<Expectation> read_expectations() {
  std::vector<Expectation> out;
  auto json = json::read(read_text(source_path(kExpectationsFile)));
  if (!json) {
    ADD_FAILURE() << format_error(json.error(), kExpectationsFile);
    return out;
  }
  for (const Value& e : json->get("expected_divergences")->as_array()) {
    Expectation x;
    const Value& sel = *e.get("selector");
    x.id = string_field(sel, "id");
    x.query_language = string_field(sel, "query_language");
    x.message_prefix = string_field(sel, "message_prefix");
    x.reason = string_field(e, "reason");
    EXPECT_FALSE(x.reason.empty()) << "an expectation without a reason: " << json::write(e);
    EXPECT_TRUE(!x.id.empty() || !x.query_language.empty() || !x.message_prefix.empty())
        << "an expectation without a selector: " << json::write(e);
    out.push_back(std::move(x));
  }
  return out;
}

// One recorded call: its id, the request in AWS's JSON form, and AWS's answer.
struct Recorded {
  std::string id;
  Value request;
  Value expected;
  std::string language;  // JSONPath | JSONata
  std::string group;     // execution | api-validation
};

std::string language_of(const Value& definition) {
  std::string text = definition.is_string() ? definition.as_string() : json::write(definition);
  return text.find("\"QueryLanguage\":\"JSONata\"") != std::string::npos ||
                 text.find("\"QueryLanguage\": \"JSONata\"") != std::string::npos
             ? "JSONata"
             : "JSONPath";
}

// test_state.jsonl keeps the definition and input as JSON values (null input: none was sent);
// validation.jsonl keeps the definition as the text sent and the input inside the request.
Recorded recorded_call(const Value& row) {
  Recorded r;
  r.id = string_field(row, "id");
  r.expected = *row.get("expected");
  const Value& definition = *row.get("definition");
  r.language = language_of(definition);
  r.group = r.expected.get("message") != nullptr ? "api-validation" : "execution";
  Object request = row.get("request")->as_object();
  request.set("definition", definition.is_string() ? definition : Value(json::write(definition)));
  if (const Value* input = row.get("input"); input != nullptr && !input->is_null()) {
    request.set("input", Value(json::write(*input)));
  }
  // The extraction dropped every request's roleArn. Where AWS's answer quotes the role (the
  // default Context object's Execution.RoleArn, masked as arn:<partition>:iam::111111111111:role/
  // <resource:N>), the request did carry one: send a role ARN in the account the oracle uses.
  if (request.find("roleArn") == nullptr && json::write(r.expected).find(":iam::111111111111:role/") != std::string::npos) {
    request.set("roleArn", Value("arn:aws:iam::123456789012:role/TestStateRole"));
  }
  r.request = Value(std::move(request));
  return r;
}

Expectation* expected_divergence(std::vector<Expectation>& expectations, const Recorded& r) {
  std::string message = string_field(r.expected, "message");
  for (Expectation& x : expectations) {
    if (!x.id.empty() && x.id == r.id) return &x;
    if (!x.query_language.empty() && x.query_language == r.language) return &x;
    if (!x.message_prefix.empty() && message.starts_with(x.message_prefix)) return &x;
  }
  return nullptr;
}

bool is_payload(std::string_view key) {
  for (std::string_view k : {"output", "input", "afterArguments", "afterInputPath", "afterParameters", "result",
                             "afterResultSelector", "afterResultPath", "variables", "afterItemsPath",
                             "afterItemSelector", "afterItemBatcher", "afterItemsPointer"}) {
    if (k == key) return true;
  }
  return false;
}

// A payload field is JSON text on AWS. The recordings keep it as LocalStack's snapshot left it:
// text that starts with "{" parsed into an object, anything else still text but re-serialised
// (Python's ", " separators), so payloads compare as the JSON values they denote.
bool match_payload(RecordingMatcher& matcher, const Value& expected, const Value& actual) {
  if (!actual.is_string()) return false;
  auto ours = json::read(actual.as_string());
  if (!ours) return false;
  if (expected.is_string()) {
    auto theirs = json::read(expected.as_string());
    if (theirs) return matcher.match(*theirs, *ours);
    return matcher.match(expected, actual);
  }
  return matcher.match(expected, *ours);
}

std::string compare_fields(RecordingMatcher& matcher, const Value& expected, const Value& actual, std::string_view where) {
  for (const Member& m : expected.as_object()) {
    const Value* ours = actual.get(m.key);
    if (ours == nullptr) return std::string(where) + m.key + ": missing (expected " + json::write(m.value) + ")";
    if (m.key == "inspectionData") {
      if (!ours->is_object()) return "inspectionData: not an object";
      std::string d = compare_fields(matcher, m.value, *ours, "inspectionData.");
      if (!d.empty()) return d;
      continue;
    }
    bool same = is_payload(m.key) ? match_payload(matcher, m.value, *ours)
                : m.value.is_string() && ours->is_string() ? matcher.match_text(m.value.as_string(), ours->as_string())
                                                           : matcher.match(m.value, *ours);
    if (!same) return std::string(where) + m.key + ": expected " + json::write(m.value) + ", got " + json::write(*ours);
  }
  for (const Member& m : actual.as_object()) {
    if (expected.get(m.key) == nullptr) return std::string(where) + m.key + ": not expected, got " + json::write(m.value);
  }
  return {};
}

// Empty when the oracle answers as AWS did.
std::string compare(const Recorded& r, const TestStateOutcome& outcome) {
  RecordingMatcher matcher;
  switch (outcome.kind) {
    case TestStateOutcome::Kind::unsupported: return "unsupported: " + outcome.message;
    case TestStateOutcome::Kind::api_error:
      if (r.group != "api-validation") {
        return "API error " + outcome.api_error.code + ": " + outcome.api_error.message + "; expected " +
               json::write(r.expected);
      }
      if (outcome.api_error.code != string_field(r.expected, "error") ||
          !matcher.match_text(string_field(r.expected, "message"), outcome.api_error.message)) {
        return "expected " + json::write(r.expected) + ", got " + outcome.api_error.code + ": " +
               outcome.api_error.message;
      }
      return {};
    case TestStateOutcome::Kind::response: break;
  }
  Value ours = to_json(outcome.response);
  if (r.group == "api-validation") return "expected " + json::write(r.expected) + ", got " + json::write(ours);
  return compare_fields(matcher, r.expected, ours, "");
}

std::vector<Recorded> recorded_calls() {
  std::vector<Recorded> calls;
  for (const Value& row : read_jsonl(shared_dir() + "/aws-recorded/test_state.jsonl")) calls.push_back(recorded_call(row));
  for (const Value& row : read_jsonl(shared_dir() + "/aws-recorded/validation.jsonl")) {
    if (string_field(row, "api") == "TestState") calls.push_back(recorded_call(row));
  }
  return calls;
}

TEST(RecordedTestState, OracleMatchesAwsOrDivergenceIsListed) {
  std::vector<Recorded> calls = recorded_calls();
  ASSERT_GT(calls.size(), 200u);
  auto expectations = read_expectations();
  std::map<std::string, std::pair<int, int>> per_group;  // "language group" -> (passed, total)
  int passed = 0, known = 0;
  for (const Recorded& r : calls) {
    auto request = read_test_state_request(r.request);
    ASSERT_TRUE(request.ok()) << r.id << ": the recorded request does not read: " << request.error().message;
    TestStateOutcome outcome = test_state(*request);
    std::string difference = compare(r, outcome);
    auto& group = per_group[r.language + " " + r.group];
    ++group.second;
    Expectation* x = expected_divergence(expectations, r);
    if (x != nullptr) ++x->matched;
    if (difference.empty()) {
      ++passed;
      ++group.first;
      if (x != nullptr) ++x->passing;
      continue;
    }
    if (x != nullptr) {
      ++known;
      continue;
    }
    ADD_FAILURE() << r.id << "\n  " << difference;
  }
  for (const Expectation& x : expectations) {
    std::string what = !x.id.empty()               ? "id " + x.id
                       : !x.query_language.empty() ? "query_language " + x.query_language
                                                   : "message_prefix " + x.message_prefix;
    EXPECT_GT(x.matched, 0) << "expectation for " << what << " matches no recorded case";
    if (x.matched > 0 && x.passing == x.matched) {
      ADD_FAILURE() << "stale expectation (the oracle now matches AWS): " << what << " — remove it";
    }
  }
  std::cout << "aws-recorded TestState calls: " << passed << "/" << calls.size() << " match AWS, " << known
            << " listed divergences (" << kExpectationsFile << ")\n";
  for (const auto& [name, counts] : per_group) {
    std::cout << "  " << name << ": " << counts.first << "/" << counts.second << "\n";
  }
}

// tests/data/exec/test-state-cases.jsonl: what the recordings do not show, each line a request in
// AWS's JSON form (the definition as a JSON value), the response expected (payloads as the JSON
// values they denote, as in the recordings) and why the oracle answers so.
TEST(TestStateCases, OracleAnswersAsTheCaseSays) {
  auto rows = read_jsonl(source_path("tests/data/exec/test-state-cases.jsonl"));
  ASSERT_GE(rows.size(), 7u);
  for (const Value& row : rows) {
    Recorded r;
    r.id = string_field(row, "name");
    EXPECT_FALSE(string_field(row, "why").empty()) << r.id << ": a case without its reason";
    r.expected = *row.get("expected");
    r.group = "execution";
    r.request = *row.get("request");
    auto request = read_test_state_request(r.request);
    ASSERT_TRUE(request.ok()) << r.id << ": " << request.error().message;
    std::string difference = compare(r, test_state(*request));
    EXPECT_TRUE(difference.empty()) << r.id << "\n  " << difference;
  }
}

// The same request twice gives the same response (the default Context object's UUIDs are seeded).
TEST(RecordedTestState, RunsAreReproducible) {
  for (const Recorded& r : recorded_calls()) {
    auto request = read_test_state_request(r.request);
    ASSERT_TRUE(request.ok());
    TestStateOutcome a = test_state(*request, 7), b = test_state(*request, 7);
    ASSERT_EQ(a.kind, b.kind) << r.id;
    if (a.kind == TestStateOutcome::Kind::response) {
      EXPECT_EQ(json::write(to_json(a.response)), json::write(to_json(b.response))) << r.id;
    }
  }
}

}  // namespace
}  // namespace asl::test
