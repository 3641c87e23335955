// test_state_wire_test.cpp — serve's TestState operation over HTTP answers every recorded TestState call (test_state.jsonl) exactly as the oracle's TestState does, in AWS's wire shapes.
#include <gtest/gtest.h>

#include "asl/json.h"
#include "asl/test_state.h"
#include "http/http_client.h"
#include "serve_process.h"
#include "support/test_support.h"

namespace {

using asl::Value;

// test_state.jsonl keeps the definition and input as JSON values (null input: none was sent);
// on the wire both are JSON text beside the row's other request members.
Value wire_request(const Value& row) {
  asl::Object request = row.get("request")->as_object();
  const Value& definition = *row.get("definition");
  request.set("definition", definition.is_string() ? definition : Value(asl::json::write(definition)));
  if (const Value* input = row.get("input"); input != nullptr && !input->is_null()) {
    request.set("input", Value(asl::json::write(*input)));
  }
  return Value(std::move(request));
}

// The reply the oracle's TestState gives for this request, as serve must put it on the wire:
// the HTTP status, and the body (errors: the code after '#' in __type, and the message).
struct Expected {
  int status = 200;
  Value body;
  std::string code;
  std::string message;
};

Expected direct_answer(const Value& request) {
  Expected e;
  auto parsed = asl::read_test_state_request(request);
  if (!parsed) {
    e.status = 400;
    e.code = parsed.error().name;
    e.message = parsed.error().message;
    return e;
  }
  asl::TestStateOutcome outcome = asl::test_state(*parsed, 0);
  switch (outcome.kind) {
    case asl::TestStateOutcome::Kind::response: e.body = asl::to_json(outcome.response); break;
    case asl::TestStateOutcome::Kind::api_error:
      e.status = 400;
      e.code = outcome.api_error.code;
      e.message = outcome.api_error.message;
      break;
    case asl::TestStateOutcome::Kind::unsupported:
      e.status = 400;
      e.code = "aslcheck.NotModelled";
      break;
  }
  return e;
}

TEST(ServeTestState, EveryRecordedCallAnswersAsTheOracle) {
  asl::test::ServeProcess serve;
  ASSERT_TRUE(serve.started()) << serve.startup_output();
  auto url = aslcheck::http::parse_url(serve.url());
  ASSERT_TRUE(url.ok());
  aslcheck::http::HttpClient client(*url);
  std::size_t responses = 0, errors = 0, not_modelled = 0;
  for (const Value& row : asl::test::read_jsonl(asl::test::shared_dir() + "/aws-recorded/test_state.jsonl")) {
    SCOPED_TRACE(asl::test::string_field(row, "id"));
    Value request = wire_request(row);
    Expected want = direct_answer(request);
    auto got = client.post("/", {{"Content-Type", "application/x-amz-json-1.0"}, {"X-Amz-Target", "AWSStepFunctions.TestState"}},
                           asl::json::write(request));
    ASSERT_TRUE(got.ok()) << got.error().message;
    EXPECT_EQ(got->status, want.status) << got->body;
    auto body = asl::json::read(got->body);
    ASSERT_TRUE(body.ok()) << got->body;
    if (want.status == 200) {
      EXPECT_EQ(asl::json::write(*body), asl::json::write(want.body));
      // AWS's response members only, payloads as JSON text.
      for (const asl::Member& m : body->as_object()) {
        EXPECT_TRUE(m.key == "output" || m.key == "error" || m.key == "cause" || m.key == "inspectionData" ||
                    m.key == "nextState" || m.key == "status") << m.key;
        if (m.key == "output") EXPECT_TRUE(m.value.is_string());
      }
      ++responses;
    } else {
      std::string type = asl::test::string_field(*body, "__type");
      EXPECT_EQ(type.substr(type.rfind('#') + 1), want.code) << got->body;
      if (!want.message.empty()) EXPECT_EQ(asl::test::string_field(*body, "message"), want.message);
      ++errors;
      if (want.code == "aslcheck.NotModelled") ++not_modelled;
    }
  }
  // All 201 recorded calls went over the wire. The oracle answers 143 of them with a response
  // today; the rest are AWS's request refusals. What it does not model (an ItemReader without
  // mapItemReaderData) serve would name aslcheck.NotModelled: no recorded call needs it.
  EXPECT_EQ(responses + errors, 201u);
  EXPECT_GE(responses, 143u);
  EXPECT_EQ(not_modelled, 0u);
  std::cout << "TestState over serve: " << responses << " responses, " << errors << " errors (" << not_modelled
            << " aslcheck.NotModelled), each as the oracle answers\n";
}

}  // namespace
