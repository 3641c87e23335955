// validate_text.cpp — validation of a definition given as text: empty, not JSON (Jackson's wording), or a document.
#include <string>

#include "asl/build_detail.h"
#include "asl/jackson_syntax.h"
#include "asl/json.h"

namespace asl {

std::vector<Diagnostic> validate_text(std::string_view definition_text, const ValidationOptions& options) {
  if (definition_text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    // AWS answers "" and blank text alike, without a location [recorded].
    return {Diagnostic{"ERROR", std::string(detail::kSchemaValidationFailed), "Definition must be a valid JSON object",
                       ""}};
  }
  detail::JacksonScan scan = detail::jackson_scan(definition_text);
  if (scan.error) {
    return {Diagnostic{"ERROR", std::string(detail::kInvalidJsonDescription), scan.error->message,
                       scan.error->location}};
  }
  // Jackson's readTree stops after the first value; what follows it is never looked at.
  auto document = json::read(definition_text.substr(0, scan.end));
  if (!document) {
    // Valid for Jackson but not for our reader (a limit such as nesting depth).
    return {Diagnostic{"ERROR", std::string(detail::kInvalidJsonDescription), document.error().message, ""}};
  }
  return validate(*document, options);
}

}  // namespace asl
