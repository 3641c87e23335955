// recorded_placeholders.h — LocalStack's stand-ins for run-time ARNs in recorded definitions, replaced by well-formed ones.
#pragma once

#include <string>
#include <string_view>

#include "asl/json.h"
#include "asl/value.h"

namespace asl::test {

// The recordings keep "lsx-any:create_activity()[activityArn]" and
// "lsx-any:create_lambda_function()[...][FunctionArn]" where the test harness created a resource
// at run time (aws-recorded/README.md); AWS saw a real ARN there.
inline std::string substitute_placeholders(std::string text) {
  struct Stand_in {
    std::string_view prefix;
    std::string_view arn;
  };
  static constexpr Stand_in kStandIns[] = {
      {"lsx-any:create_activity()", "arn:aws:states:us-east-1:111111111111:activity:recorded-activity"},
      {"lsx-any:create_lambda_function()", "arn:aws:lambda:us-east-1:111111111111:function:recorded-function"},
  };
  for (const Stand_in& s : kStandIns) {
    for (std::string::size_type at; (at = text.find(s.prefix)) != std::string::npos;) {
      // The placeholder runs to the closing quote of its JSON string.
      auto end = text.find('"', at);
      if (end == std::string::npos) end = text.size();
      text.replace(at, end - at, s.arn);
    }
  }
  return text;
}

inline Value substitute_placeholders(const Value& document) {
  auto rewritten = json::read(substitute_placeholders(json::write(document)));
  return rewritten ? std::move(rewritten).value() : document;
}

}  // namespace asl::test
