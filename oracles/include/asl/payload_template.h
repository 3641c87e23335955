// payload_template.h — Parameters / ResultSelector / ItemSelector / JSONPath-Assign templates: compile once, evaluate many.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "asl/error.h"
#include "asl/scope.h"
#include "asl/value.h"

namespace asl {

namespace detail {
struct TemplateNode;
}

// A JSON template whose keys ending in ".$" take a path (`$...`), a context path (`$$...`), a
// variable path (`$name...`) or an intrinsic call (`States.X(...)`); every other key is literal.
// Nested objects and arrays are templates too (arrays are literal in AWS; objects inside arrays
// are still templates).
class PayloadTemplate {
 public:
  // `field` names the ASL field for messages ("Parameters", "ResultSelector", "ItemSelector",
  // "Assign"). Errors (errc::jsonpath_syntax / errc::intrinsic_syntax) carry the JSON location of
  // the bad value, e.g. "/Parameters/x.$".
  static Expected<PayloadTemplate> compile(const Value& spec, std::string_view field);

  // Evaluates against `scope`. Failures are States.Runtime with AWS's causes, e.g.
  // "The JSONPath '$.x' specified for the field 'value.$' could not be found in the input '{...}'".
  Expected<Value> evaluate(const Scope& scope) const;

 private:
  std::shared_ptr<const detail::TemplateNode> root_;
};

}  // namespace asl
