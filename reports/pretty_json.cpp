// pretty_json.cpp — JSON laid out over lines with two-space indents, so the report's diffs can align it line by line.
#include "asl/json.h"
#include "summary.h"

namespace aslcheck::reports_detail {

namespace {

void indent(std::string& out, int depth) {
  out.push_back('\n');
  out.append(static_cast<std::size_t>(depth) * 2, ' ');
}

void write_pretty(std::string& out, const asl::Value& value, int depth) {
  if (value.is_array() && value.size() > 0) {
    out.push_back('[');
    bool first = true;
    for (const asl::Value& item : value.as_array()) {
      if (!first) out.push_back(',');
      first = false;
      indent(out, depth + 1);
      write_pretty(out, item, depth + 1);
    }
    indent(out, depth);
    out.push_back(']');
  } else if (value.is_object() && value.size() > 0) {
    out.push_back('{');
    bool first = true;
    for (const asl::Member& m : value.as_object()) {
      if (!first) out.push_back(',');
      first = false;
      indent(out, depth + 1);
      asl::json::write_string(out, m.key);
      out.append(": ");
      write_pretty(out, m.value, depth + 1);
    }
    indent(out, depth);
    out.push_back('}');
  } else {
    asl::json::write_to(out, value);  // scalars, [] and {}
  }
}

}  // namespace

std::string pretty_json(const asl::Value& value) {
  std::string out;
  write_pretty(out, value, 0);
  return out;
}

}  // namespace aslcheck::reports_detail
