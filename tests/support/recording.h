// recording.h — comparing oracle output with AWS recordings whose unstable values LocalStack masked.
#pragma once

#include <map>
#include <string>

#include "asl/value.h"

namespace asl::test {

// Treats the placeholders of ../shared/aws-recorded/README.md as wildcards: `<uuid:N>`,
// `<ArnPart_0idx>` and any other `<name:N>` / `<..._Nidx>` token, `<region>`, `arn:<partition>:`,
// the masked account 111111111111, the role names, "date" and "timestamp" values, the
// "start-time" / "entered-time" replacements, and `<json-input:N>` (a JSON document quoted in a
// cause). The same placeholder must stand for the same text everywhere in one recording.
class RecordingMatcher {
 public:
  explicit RecordingMatcher(bool placeholders = true) : placeholders_(placeholders) {}
  // "RandomNumberGenerated" (LocalStack's mask for an unseeded States.MathRandom) matches any integer.
  void allow_random_numbers() { random_numbers_ = true; }

  bool match(const Value& expected, const Value& actual);
  bool match_text(const std::string& expected, const std::string& actual);

 private:
  bool match_placeholders(const std::string& expected, const std::string& actual);

  bool placeholders_;
  bool random_numbers_ = false;
  std::map<std::string, std::string> bound_;
};

}  // namespace asl::test
