// service_model_test.cpp — runs test-state-mock-schema.json: TestState's mock checks against the service models.
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "asl/test_state.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

constexpr const char* kCasesFile = "tests/data/exec/test-state-mock-schema.json";
constexpr const char* kModelsEnv = "ASLCHECK_SERVICE_MODELS";
constexpr const char* kDefaultModels = "/usr/lib/python3/dist-packages/awscli/botocore/data";
constexpr std::string_view kPrefix = "Mock result schema validation error: ";
constexpr std::string_view kUnsupported = "unsupported: ";

// Sets ASLCHECK_SERVICE_MODELS for one case and puts the previous value back.
class ModelsDirOverride {
 public:
  explicit ModelsDirOverride(const std::string& dir) {
    if (const char* old = std::getenv(kModelsEnv)) previous_ = old;
    if (!dir.empty()) setenv(kModelsEnv, dir.c_str(), 1);
  }
  ~ModelsDirOverride() {
    if (previous_)
      setenv(kModelsEnv, previous_->c_str(), 1);
    else
      unsetenv(kModelsEnv);
  }
  ModelsDirOverride(const ModelsDirOverride&) = delete;
  ModelsDirOverride& operator=(const ModelsDirOverride&) = delete;

 private:
  std::optional<std::string> previous_;
};

TestStateRequest request_for(const Value& c, MockValidationMode mode) {
  TestStateRequest request;
  request.definition = json::write(
      Value(Object{{"Type", Value("Task")}, {"Resource", Value(string_field(c, "resource"))}, {"End", Value(true)}}));
  TestStateMock mock;
  mock.result = json::write(*field(c, "result"));
  mock.field_validation_mode = mode;
  request.mock = std::move(mock);
  return request;
}

// Empty when the outcome is the one `expected` names.
std::string difference(const std::string& expected, const TestStateOutcome& outcome) {
  std::string got = outcome.kind == TestStateOutcome::Kind::response ? std::string("accepted")
                    : outcome.kind == TestStateOutcome::Kind::unsupported
                        ? std::string(kUnsupported) + outcome.message
                        : outcome.api_error.code + ": " + outcome.api_error.message;
  if (expected == "accepted") return outcome.kind == TestStateOutcome::Kind::response ? "" : "got " + got;
  if (expected.starts_with(kUnsupported)) {
    bool same = outcome.kind == TestStateOutcome::Kind::unsupported &&
                outcome.message.find(expected.substr(kUnsupported.size())) != std::string::npos;
    return same ? "" : "got " + got;
  }
  bool same = outcome.kind == TestStateOutcome::Kind::api_error && outcome.api_error.code == "ValidationException" &&
              outcome.api_error.message == std::string(kPrefix) + expected;
  return same ? "" : "got " + got;
}

TEST(ServiceModelMockCheck, CasesMatch) {
  const char* env = std::getenv(kModelsEnv);
  std::string models = env != nullptr && *env != '\0' ? env : kDefaultModels;
  ASSERT_TRUE(std::filesystem::is_directory(models))
      << "the AWS service models directory " << models
      << " is missing: install awscli (scripts/install-deps.sh) or set " << kModelsEnv;
  auto cases = json::read(read_text(source_path(kCasesFile)));
  ASSERT_TRUE(cases.ok()) << format_error(cases.error(), kCasesFile);
  int runs = 0;
  for (const Value& c : field(*cases, "cases")->as_array()) {
    std::string rule = string_field(c, "rule");
    ASSERT_NE(field(c, "result"), nullptr) << rule << ": no result";
    ModelsDirOverride models_dir(string_field(c, "models_dir"));
    for (auto [name, mode] :
         {std::pair{"STRICT", MockValidationMode::strict}, std::pair{"PRESENT", MockValidationMode::present},
          std::pair{"NONE", MockValidationMode::none}}) {
      const Value* expected = field(c, name);
      if (expected == nullptr) continue;
      ++runs;
      TestStateOutcome outcome = test_state(request_for(c, mode));
      std::string d = difference(expected->as_string(), outcome);
      EXPECT_TRUE(d.empty()) << rule << " [" << name << "]: expected " << expected->as_string() << "; " << d;
    }
  }
  EXPECT_GT(runs, 60);
}

}  // namespace
}  // namespace asl::test
