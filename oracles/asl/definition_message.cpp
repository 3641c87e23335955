// definition_message.cpp — AWS's InvalidDefinition message text built from validation diagnostics.
#include <string>

#include "asl/machine.h"

namespace asl {

std::string invalid_definition_message(const std::vector<Diagnostic>& diagnostics) {
  std::string out = "Invalid State Machine Definition: '";
  bool first = true;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != "ERROR") continue;
    if (!first) out += ", ";
    first = false;
    out += d.code;
    out += ": ";
    out += d.message;
    out += " at ";
    out += d.location.empty() ? "null" : d.location;
  }
  out += "'";
  return out;
}

}  // namespace asl
