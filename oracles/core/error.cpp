// error.cpp — the one formatter of user-facing error messages.
#include <string>

#include "asl/error.h"

namespace asl {

std::string format_error(const Error& error, std::string_view source_name) {
  std::string out;
  if (!source_name.empty()) out.append(source_name);
  if (error.where.line != 0) {
    if (!out.empty()) out.push_back(':');
    out.append(std::to_string(error.where.line));
    out.push_back(':');
    out.append(std::to_string(error.where.column));
  }
  if (!error.where.pointer.empty()) {
    if (!out.empty()) out.push_back(' ');
    out.append("at ");
    out.append(error.where.pointer);
  }
  if (!out.empty()) out.append(": ");
  out.append(error.message);
  return out;
}

std::string pointer_child(std::string_view pointer, std::string_view key) {
  std::string out(pointer);
  out.push_back('/');
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

}  // namespace asl
