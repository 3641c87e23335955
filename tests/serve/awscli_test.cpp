// awscli_test.cpp — Debian's AWS CLI (/usr/bin/aws) against `aslcheck serve`, steps from tests/data/serve/awscli_session.json.
#include <gtest/gtest.h>

#include <filesystem>

#include "asl/json.h"
#include "serve_process.h"
#include "support/test_support.h"

namespace {

using asl::test::field;
using asl::test::string_field;

// Debian's awscli, by its absolute path: another `aws` on PATH (pyenv shims) is not the one tested.
constexpr const char* kAws = "/usr/bin/aws";

TEST(AwsCli, SessionAgainstServe) {
  if (!std::filesystem::exists(kAws)) GTEST_SKIP() << "Debian's awscli is not installed (scripts/install-deps.sh installs it)";
  asl::test::ServeProcess serve({"--start-time", "2026-01-01T00:00:00Z"});
  ASSERT_TRUE(serve.started()) << "aslcheck serve did not start: " << serve.startup_output();
  auto home = std::filesystem::temp_directory_path() / ("aslcheck-awscli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(home);
  // Dummy credentials; nothing read from the user's ~/.aws.
  std::vector<std::string> env = {"PATH=/usr/bin:/bin", "HOME=" + home.string(), "TZ=UTC",
                                  "AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                  "AWS_REGION=us-east-1", "AWS_PAGER=", "AWS_CONFIG_FILE=/dev/null",
                                  "AWS_SHARED_CREDENTIALS_FILE=/dev/null", "LANG=C.UTF-8"};
  asl::Value steps = asl::test::parse(asl::test::read_text(asl::test::source_path("tests/data/serve/awscli_session.json")));
  std::map<std::string, std::string> vars;
  std::size_t index = 0;
  for (const asl::Value& step : steps.as_array()) {
    SCOPED_TRACE("step " + std::to_string(index++) + ": " + string_field(step, "name"));
    std::vector<std::string> args = {"--endpoint-url", serve.url(), "--output", "json", "stepfunctions"};
    for (const asl::Value& a : field(step, "args")->as_array()) {
      args.push_back(a.is_string() ? asl::test::substitute_vars(a.as_string(), vars) : asl::json::write(a));
    }
    auto run = asl::test::run_program(kAws, args, env);
    std::int64_t want_exit = field(step, "exit") != nullptr ? field(step, "exit")->as_int() : 0;
    ASSERT_EQ(run.exit_code, want_exit) << "stdout: " << run.out << "\nstderr: " << run.err;
    if (const asl::Value* text = field(step, "stderr_contains")) {
      EXPECT_NE(run.err.find(text->as_string()), std::string::npos) << run.err;
    }
    if (want_exit != 0) continue;
    asl::Value out = run.out.empty() ? asl::Value(asl::Object{}) : asl::test::parse(run.out);
    if (const asl::Value* expect = field(step, "expect")) {
      for (const asl::Member& m : expect->as_object()) {
        std::vector<asl::Value> keep;
        const asl::Value* actual = asl::test::follow_pointer(out, m.key, keep);
        ASSERT_NE(actual, nullptr) << m.key << " missing in " << run.out;
        asl::Value want = m.value.is_string() ? asl::Value(asl::test::substitute_vars(m.value.as_string(), vars)) : m.value;
        EXPECT_TRUE(asl::test::json_equal(want, *actual)) << "at " << m.key;
      }
    }
    if (const asl::Value* capture = field(step, "capture")) {
      for (const asl::Member& m : capture->as_object()) {
        std::vector<asl::Value> keep;
        const asl::Value* v = asl::test::follow_pointer(out, m.value.as_string(), keep);
        ASSERT_TRUE(v != nullptr && v->is_string()) << "capture " << m.key << " in " << run.out;
        vars[m.key] = v->as_string();
      }
    }
  }
  std::filesystem::remove_all(home);
}

}  // namespace
