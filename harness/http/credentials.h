// credentials.h — where AWS credentials, region and endpoint come from: env vars, shared config/credentials files, options.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "asl/error.h"

namespace aslcheck::http {

// Never printed: no operator<<, no to_json. redact() masks anything that looks like one.
struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
  bool empty() const { return access_key_id.empty() || secret_access_key.empty(); }
};

struct AwsSettings {
  Credentials credentials;
  std::string region;        // us-east-1 when nothing says otherwise
  std::string endpoint_url;  // empty: https://states.<region>.amazonaws.com
  std::string profile;       // the profile the files were read for
  std::string source;        // where the credentials came from ("environment", "shared credentials file", ...)
};

// What overrides the chain (target options / CLI flags); empty fields mean "not given".
struct AwsOverrides {
  std::string profile;
  std::string region;
  std::string endpoint_url;
};

// Reads an environment variable (a seam for tests).
using Environment = std::function<std::optional<std::string>(const std::string&)>;
Environment process_environment();

// The AWS CLI's order: credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
// AWS_SESSION_TOKEN, else the profile (--profile, AWS_PROFILE, AWS_DEFAULT_PROFILE, "default")
// in AWS_SHARED_CREDENTIALS_FILE (~/.aws/credentials), then AWS_CONFIG_FILE (~/.aws/config,
// section "[profile NAME]" or "[default]"). Region from --region, AWS_REGION,
// AWS_DEFAULT_REGION, the profile's `region`, else us-east-1. Endpoint from --endpoint-url,
// AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL. Missing credentials are an error only when
// `require_credentials` (a local endpoint accepts any).
asl::Expected<AwsSettings> resolve_settings(const AwsOverrides& overrides, const Environment& env,
                                            bool require_credentials);

// An INI file's sections as the AWS CLI reads them ("[name]" → key = value).
using IniFile = std::map<std::string, std::map<std::string, std::string>>;
IniFile parse_ini(const std::string& text);

// Masks access key ids (AKIA/ASIA...), and the given secrets, in text meant for logs and reports.
std::string redact(std::string text, const Credentials& credentials = {});

}  // namespace aslcheck::http
