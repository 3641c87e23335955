// recording.cpp — placeholder-aware comparison with AWS recordings.
#include "support/recording.h"

#include <algorithm>
#include <regex>
#include <vector>

#include "asl/json.h"

namespace asl::test {

namespace {

std::string regex_escape(std::string_view text) {
  static const std::string special = R"(\^$.|?*+()[]{}/-)";
  std::string out;
  for (char c : text) {
    if (special.find(c) != std::string::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

bool whole_value_wildcard(const std::string& s) {
  return s == "date" || s == "timestamp" || s == "snf_role_arn" || s == "sfn_role_arn" || s == "start-time" ||
         s == "entered-time";
}

}  // namespace

bool RecordingMatcher::match(const Value& expected, const Value& actual) {
  if (random_numbers_ && expected.is_string() && expected.as_string() == "RandomNumberGenerated") {
    return actual.is_integer();
  }
  if (expected.is_string() && placeholders_ && actual.is_string() &&
      match_placeholders(expected.as_string(), actual.as_string())) {
    return true;
  }
  if (expected.kind() != actual.kind() && !(expected.is_number() && actual.is_number())) return false;
  if (expected.is_object()) {
    if (expected.size() != actual.size()) return false;
    for (const Member& m : expected.as_object()) {
      const Value* other = actual.get(m.key);
      if (other == nullptr || !match(m.value, *other)) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (expected.size() != actual.size()) return false;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (!match(*expected.at(i), *actual.at(i))) return false;
    }
    return true;
  }
  return expected == actual;
}

bool RecordingMatcher::match_text(const std::string& expected, const std::string& actual) {
  if (expected == actual) return true;
  return placeholders_ && match_placeholders(expected, actual);
}

bool RecordingMatcher::match_placeholders(const std::string& expected, const std::string& text) {
  if (whole_value_wildcard(expected)) return true;
  static const std::regex token(R"(<[A-Za-z][A-Za-z0-9_\-]*(?::[0-9]+)?>|111111111111|snf_role_arn|sfn_role_arn)");
  std::string pattern;
  std::vector<std::string> groups;  // the token of each capture group, in order
  std::size_t from = 0;
  bool any = false;
  for (auto it = std::sregex_iterator(expected.begin(), expected.end(), token); it != std::sregex_iterator(); ++it) {
    any = true;
    const std::string name = it->str();
    pattern += regex_escape(std::string_view(expected).substr(from, static_cast<std::size_t>(it->position()) - from));
    from = static_cast<std::size_t>(it->position() + it->length());
    if (auto bound = bound_.find(name); bound != bound_.end()) {
      pattern += regex_escape(bound->second);
    } else if (auto earlier = std::find(groups.begin(), groups.end(), name); earlier != groups.end()) {
      pattern += "\\" + std::to_string(earlier - groups.begin() + 1);
    } else {
      groups.push_back(name);
      if (name.rfind("<uuid:", 0) == 0) {
        pattern += "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})";
      } else if (name == "111111111111") {
        pattern += "([0-9]{12})";
      } else {
        pattern += R"(([\s\S]*?))";
      }
    }
  }
  if (!any) return false;
  pattern += regex_escape(std::string_view(expected).substr(from));
  std::smatch m;
  if (!std::regex_match(text, m, std::regex(pattern))) return false;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::string value = m[g + 1].str();
    // A quoted JSON document must be JSON, not just any text.
    if (groups[g].rfind("<json-input", 0) == 0 && !json::read(value).ok()) return false;
    bound_[groups[g]] = value;
  }
  return true;
}

}  // namespace asl::test
