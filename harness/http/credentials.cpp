// credentials.cpp — the AWS CLI's credential, region and endpoint chain, and redaction of keys in text.
#include "http/credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace aslcheck::http {

namespace {

std::string trim(std::string_view text) {
  std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string env_or(const Environment& env, const std::string& name, const std::string& fallback = {}) {
  auto value = env(name);
  return value && !value->empty() ? *value : fallback;
}

std::string home_file(const Environment& env, const std::string& variable, const std::string& relative) {
  std::string path = env_or(env, variable);
  if (!path.empty()) return path;
  return env_or(env, "HOME", ".") + "/.aws/" + relative;
}

const std::map<std::string, std::string>* section(const IniFile& ini, const std::string& name) {
  auto it = ini.find(name);
  return it == ini.end() ? nullptr : &it->second;
}

std::string value_in(const std::map<std::string, std::string>* s, const std::string& key) {
  if (s == nullptr) return {};
  auto it = s->find(key);
  return it == s->end() ? std::string() : it->second;
}

bool is_key_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

}  // namespace

Environment process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

// file    = { line } ; line = "[" name "]" | key "=" value | "#" comment | ";" comment | blank
IniFile parse_ini(const std::string& text) {
  IniFile ini;
  std::string current;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::string t = trim(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') continue;
    if (t.front() == '[' && t.back() == ']') {
      current = trim(std::string_view(t).substr(1, t.size() - 2));
      ini[current];
      continue;
    }
    auto eq = t.find('=');
    if (eq == std::string::npos || current.empty()) continue;
    ini[current][trim(std::string_view(t).substr(0, eq))] = trim(std::string_view(t).substr(eq + 1));
  }
  return ini;
}

asl::Expected<AwsSettings> resolve_settings(const AwsOverrides& overrides, const Environment& env,
                                            bool require_credentials) {
  AwsSettings settings;
  settings.profile = !overrides.profile.empty() ? overrides.profile
                                                : env_or(env, "AWS_PROFILE", env_or(env, "AWS_DEFAULT_PROFILE", "default"));
  IniFile credentials_file;
  IniFile config_file;
  if (auto text = read_file(home_file(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials"))) credentials_file = parse_ini(*text);
  if (auto text = read_file(home_file(env, "AWS_CONFIG_FILE", "config"))) config_file = parse_ini(*text);
  const auto* cred_section = section(credentials_file, settings.profile);
  const auto* config_section =
      section(config_file, settings.profile == "default" ? "default" : "profile " + settings.profile);

  // An explicit --profile wins over the environment's keys, as in the AWS CLI.
  bool env_keys = overrides.profile.empty() && !env_or(env, "AWS_ACCESS_KEY_ID").empty();
  if (env_keys) {
    settings.credentials = {env_or(env, "AWS_ACCESS_KEY_ID"), env_or(env, "AWS_SECRET_ACCESS_KEY"),
                            env_or(env, "AWS_SESSION_TOKEN", env_or(env, "AWS_SECURITY_TOKEN"))};
    settings.source = "environment";
  } else if (!value_in(cred_section, "aws_access_key_id").empty()) {
    settings.credentials = {value_in(cred_section, "aws_access_key_id"), value_in(cred_section, "aws_secret_access_key"),
                            value_in(cred_section, "aws_session_token")};
    settings.source = "shared credentials file, profile " + settings.profile;
  } else if (!value_in(config_section, "aws_access_key_id").empty()) {
    settings.credentials = {value_in(config_section, "aws_access_key_id"),
                            value_in(config_section, "aws_secret_access_key"),
                            value_in(config_section, "aws_session_token")};
    settings.source = "shared config file, profile " + settings.profile;
  }
  settings.region = !overrides.region.empty() ? overrides.region
                    : !env_or(env, "AWS_REGION").empty() ? env_or(env, "AWS_REGION")
                    : !env_or(env, "AWS_DEFAULT_REGION").empty() ? env_or(env, "AWS_DEFAULT_REGION")
                    : !value_in(config_section, "region").empty() ? value_in(config_section, "region")
                    : "us-east-1";
  settings.endpoint_url = !overrides.endpoint_url.empty() ? overrides.endpoint_url
                          : env_or(env, "AWS_ENDPOINT_URL_SFN", env_or(env, "AWS_ENDPOINT_URL"));
  if (require_credentials && settings.credentials.empty()) {
    if (!overrides.profile.empty() && cred_section == nullptr && config_section == nullptr) {
      return asl::Error{std::string(asl::errc::usage), "the AWS profile '" + settings.profile + "' was not found", {}};
    }
    return asl::Error{std::string(asl::errc::usage),
                      "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a "
                      "profile in ~/.aws/credentials",
                      {}};
  }
  if (settings.credentials.empty()) {
    // A local endpoint (serve, Step Functions Local, LocalStack) takes any credentials.
    settings.credentials = {"AKIDLOCALEXAMPLE0000", "local-secret", ""};
    settings.source = "placeholder for a local endpoint";
  }
  return settings;
}

std::string redact(std::string text, const Credentials& credentials) {
  auto mask_all = [&](const std::string& secret) {
    if (secret.size() < 4) return;
    for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 10)) {
      text.replace(at, secret.size(), "**********");
    }
  };
  mask_all(credentials.secret_access_key);
  mask_all(credentials.session_token);
  mask_all(credentials.access_key_id);
  // Access key ids: AKIA/ASIA/AIDA/AROA followed by 12 or more upper-case letters and digits.
  for (std::size_t i = 0; i + 16 <= text.size(); ++i) {
    std::string_view prefix(text.data() + i, 4);
    if (prefix != "AKIA" && prefix != "ASIA" && prefix != "AIDA" && prefix != "AROA") continue;
    if (i > 0 && is_key_char(text[i - 1])) continue;
    std::size_t end = i + 4;
    while (end < text.size() && is_key_char(text[end])) ++end;
    if (end - i >= 16) text.replace(i + 4, end - i - 4, std::string(end - i - 4, '*'));
  }
  return text;
}

}  // namespace aslcheck::http
