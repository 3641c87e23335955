// credentials_test.cpp — the credential/region/endpoint chain (tests/data/http/credentials_cases.json) and key redaction.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "http/credentials.h"
#include "support/test_support.h"

namespace {

using asl::test::field;
using asl::test::string_field;

TEST(Credentials, ChainCases) {
  asl::Value cases = asl::test::parse(asl::test::read_text(asl::test::source_path("tests/data/http/credentials_cases.json")));
  auto dir = std::filesystem::temp_directory_path() / ("aslcheck-credentials-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const asl::Value& c : cases.as_array()) {
    SCOPED_TRACE(string_field(c, "name"));
    std::map<std::string, std::string> env;
    for (const asl::Member& m : field(c, "env")->as_object()) env[m.key] = m.value.as_string();
    // The files live in a scratch directory, never the user's ~/.aws.
    env["HOME"] = dir.string();
    for (const char* kind : {"credentials", "config"}) {
      auto path = dir / kind;
      std::filesystem::remove(path);
      if (field(c, kind) != nullptr) std::ofstream(path) << string_field(c, kind);
      env[std::string(kind) == "credentials" ? "AWS_SHARED_CREDENTIALS_FILE" : "AWS_CONFIG_FILE"] = path.string();
    }
    aslcheck::http::AwsOverrides overrides;
    if (const asl::Value* o = field(c, "overrides")) {
      overrides.profile = string_field(*o, "profile");
      overrides.region = string_field(*o, "region");
      overrides.endpoint_url = string_field(*o, "endpoint_url");
    }
    bool require = field(c, "require_credentials") != nullptr && field(c, "require_credentials")->as_bool();
    auto settings = aslcheck::http::resolve_settings(
        overrides,
        [&](const std::string& name) -> std::optional<std::string> {
          auto it = env.find(name);
          return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
        },
        require);
    if (field(c, "expect_error") != nullptr) {
      ASSERT_FALSE(settings.ok());
      EXPECT_NE(settings.error().message.find(string_field(c, "expect_error")), std::string::npos) << settings.error().message;
      continue;
    }
    ASSERT_TRUE(settings.ok()) << settings.error().message;
    const asl::Value& expect = *field(c, "expect");
    if (field(expect, "access_key_id")) {
      EXPECT_EQ(settings->credentials.access_key_id, string_field(expect, "access_key_id"));
    }
    if (field(expect, "session_token")) {
      EXPECT_EQ(settings->credentials.session_token, string_field(expect, "session_token"));
    }
    if (field(expect, "region")) {
      EXPECT_EQ(settings->region, string_field(expect, "region"));
    }
    if (field(expect, "endpoint_url")) {
      EXPECT_EQ(settings->endpoint_url, string_field(expect, "endpoint_url"));
    }
    if (field(expect, "source")) {
      EXPECT_EQ(settings->source, string_field(expect, "source"));
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(Credentials, RedactMasksKeysAndSecrets) {
  aslcheck::http::Credentials credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "FQoGZXIvYXdzEXAMPLETOKEN"};
  std::string text = "key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY token "
                     "FQoGZXIvYXdzEXAMPLETOKEN id AKIDEXAMPLE temporary ASIAQWERTYUIOPASDFGH";
  std::string redacted = aslcheck::http::redact(text, credentials);
  EXPECT_EQ(redacted.find("IOSFODNN7EXAMPLE"), std::string::npos) << redacted;
  EXPECT_EQ(redacted.find("wJalrXUtnFEMI"), std::string::npos) << redacted;
  EXPECT_EQ(redacted.find("FQoGZXIvYXdz"), std::string::npos) << redacted;
  EXPECT_EQ(redacted.find("AKIDEXAMPLE"), std::string::npos) << redacted;
  EXPECT_EQ(redacted.find("QWERTYUIOPASDFGH"), std::string::npos) << redacted;
  EXPECT_NE(redacted.find("key AKIA"), std::string::npos) << "the key kind stays readable: " << redacted;
}

}  // namespace
