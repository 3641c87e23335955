// expectations.h — known divergences per target (corpus/expectations/<target>.json): one reader/writer shared by runner and `expectations update`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "asl/error.h"
#include "asl/value.h"

namespace aslcheck {

// File format (every entry carries a reason):
// {"target": "alsf",
//  "expectations": [
//    {"selector": {"id": "case-id"} | {"tag": "map"} | {"feature": "choice"},
//     "channel": "output",            // a channel_name(), or "*" for any channel
//     "mask": "$.timestamp",          // optional: a JSONPath whose matches are ignored in the output
//     "reason": "alsf drops ...",     // required
//     "link": "https://..."}]}        // optional
struct Expectation {
  enum class SelectorKind : std::uint8_t { id, tag, feature };
  SelectorKind selector_kind = SelectorKind::id;
  std::string selector;  // the id, tag or feature
  std::string channel;   // channel name or "*"
  std::string mask;      // optional JSONPath
  std::string reason;
  std::string link;
};

struct ExpectationFile {
  std::string target;
  std::vector<Expectation> entries;
};

// Errors are located ("corpus/expectations/alsf.json: at /expectations/3/reason: required").
asl::Expected<ExpectationFile> read_expectations(const std::string& path);
asl::Expected<ExpectationFile> read_expectations(const asl::Value& json);
asl::Value to_json(const ExpectationFile& file);

}  // namespace aslcheck
