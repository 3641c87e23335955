// api_sessions_test.cpp — `serve`'s operations and AWS error shapes, driven by tests/data/serve/api_sessions.json over real HTTP.
#include <gtest/gtest.h>

#include <thread>

#include "asl/json.h"
#include "http/http_client.h"
#include "serve/http_server.h"
#include "serve/mock_config.h"
#include "serve/sfn_service.h"
#include "serve_process.h"
#include "support/test_support.h"

namespace {

using asl::test::field;
using asl::test::string_field;
using Vars = std::map<std::string, std::string>;

// "${name}" in any string is replaced by a captured value.
asl::Value substitute(const asl::Value& v, const Vars& vars) {
  if (v.is_string()) return asl::Value(asl::test::substitute_vars(v.as_string(), vars));
  if (v.is_array()) {
    asl::Array out;
    for (const asl::Value& item : v.as_array()) out.push_back(substitute(item, vars));
    return asl::Value(std::move(out));
  }
  if (v.is_object()) {
    asl::Object out;
    for (const asl::Member& m : v.as_object()) out.set(m.key, substitute(m.value, vars));
    return asl::Value(std::move(out));
  }
  return v;
}

// Every member of `expected` is in `actual` with an equal value ("<any>" matches anything present).
::testing::AssertionResult contains(const asl::Value& expected, const asl::Value& actual, const std::string& at = "") {
  if (expected.is_string() && expected.as_string() == "<any>") return ::testing::AssertionSuccess();
  if (expected.is_object() && actual.is_object()) {
    for (const asl::Member& m : expected.as_object()) {
      const asl::Value* a = actual.get(m.key);
      if (a == nullptr) return ::testing::AssertionFailure() << at << "/" << m.key << " is missing in " << asl::json::write(actual);
      auto r = contains(m.value, *a, at + "/" + m.key);
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (expected.is_array() && actual.is_array() && expected.size() == actual.size()) {
    for (std::size_t i = 0; i < expected.size(); ++i) {
      auto r = contains(*expected.at(i), *actual.at(i), at + "/" + std::to_string(i));
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (expected == actual) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << at << ": expected " << asl::json::write(expected) << ", got " << asl::json::write(actual);
}

class ServeFixture {
 public:
  explicit ServeFixture(aslcheck::serve::ServiceOptions options) : service_(std::move(options)), server_(service_, {}) {
    auto started = server_.start();
    EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message);
    thread_ = std::thread([this] { server_.run(); });
  }
  ~ServeFixture() {
    server_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return server_.port(); }

 private:
  aslcheck::serve::SfnService service_;
  aslcheck::serve::HttpServer server_;
  std::thread thread_;
};

TEST(ServeApi, Sessions) {
  asl::Value sessions = asl::test::parse(asl::test::read_text(asl::test::source_path("tests/data/serve/api_sessions.json")));
  ASSERT_TRUE(sessions.is_array());
  for (const asl::Value& session : sessions.as_array()) {
    SCOPED_TRACE(string_field(session, "name"));
    aslcheck::serve::ServiceOptions options;
    options.start_time = "2026-01-01T00:00:00Z";
    if (const asl::Value* mocks = field(session, "mock_config")) {
      auto config = aslcheck::serve::read_mock_config(*mocks);
      ASSERT_TRUE(config.ok()) << config.error().message;
      options.mocks = *config;
    }
    ServeFixture serve(options);
    auto url = aslcheck::http::parse_url("http://127.0.0.1:" + std::to_string(serve.port()));
    ASSERT_TRUE(url.ok());
    aslcheck::http::HttpClient client(*url);
    Vars vars;
    std::size_t index = 0;
    for (const asl::Value& step : field(session, "steps")->as_array()) {
      SCOPED_TRACE("step " + std::to_string(index++) + ": " + string_field(step, "op") + string_field(step, "target"));
      std::string target = field(step, "target") != nullptr ? string_field(step, "target") : "AWSStepFunctions." + string_field(step, "op");
      std::string body = field(step, "raw_body") != nullptr ? string_field(step, "raw_body")
                                                             : asl::json::write(substitute(*field(step, "request"), vars));
      if (const asl::Value* pad = field(step, "pad_input_to")) {
        asl::Value request = substitute(*field(step, "request"), vars);
        request.mutable_object().set("input", asl::Value("\"" + std::string(static_cast<std::size_t>(pad->as_int()), 'x') + "\""));
        body = asl::json::write(request);
      }
      auto response = client.post("/", {{"Content-Type", "application/x-amz-json-1.0"}, {"X-Amz-Target", target}}, body);
      ASSERT_TRUE(response.ok()) << response.error().message;
      std::int64_t want_status = field(step, "status") != nullptr ? field(step, "status")->as_int() : 200;
      EXPECT_EQ(response->status, want_status) << response->body;
      auto json = asl::json::read(response->body);
      ASSERT_TRUE(json.ok()) << response->body;
      if (field(step, "error") != nullptr) {
        std::string type = string_field(*json, "__type");
        EXPECT_EQ(type.substr(type.rfind('#') + 1), string_field(step, "error")) << response->body;
        if (field(step, "message") != nullptr) {
          EXPECT_EQ(string_field(*json, "message"), string_field(step, "message"));
        }
        if (field(step, "message_contains") != nullptr) {
          EXPECT_NE(string_field(*json, "message").find(string_field(step, "message_contains")), std::string::npos) << response->body;
        }
      }
      if (const asl::Value* expect = field(step, "expect")) {
        EXPECT_TRUE(contains(substitute(*expect, vars), *json));
      }
      if (const asl::Value* capture = field(step, "capture")) {
        for (const asl::Member& m : capture->as_object()) {
          std::vector<asl::Value> keep;
          const asl::Value* v = asl::test::follow_pointer(*json, m.value.as_string(), keep);
          ASSERT_TRUE(v != nullptr && v->is_string()) << "capture " << m.key << " at " << m.value.as_string() << " in " << response->body;
          vars[m.key] = v->as_string();
        }
      }
    }
  }
}

}  // namespace
