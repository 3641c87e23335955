// json_argument.h — reading a JSON command-line argument given inline or as @file, with located errors.
#pragma once

#include <string>

#include "asl/error.h"
#include "asl/value.h"

namespace aslcheck::cli {

// `text` is JSON, or "@path" naming a file that holds JSON ("@-" reads standard input).
// Errors are formatted for stderr: "order.json:3:7: unexpected content ..." or
// "--input:1:2: invalid literal ...".
asl::Expected<asl::Value> read_json_argument(const std::string& text, const std::string& option_name);

// `text` verbatim, or the contents of the file when it is "@path".
asl::Expected<std::string> read_text_argument(const std::string& text, const std::string& option_name);

}  // namespace aslcheck::cli
