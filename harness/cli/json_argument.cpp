// json_argument.cpp — inline-or-@file JSON arguments for the CLI.
#include "cli/json_argument.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "asl/json.h"

namespace aslcheck::cli {

asl::Expected<std::string> read_text_argument(const std::string& text, const std::string& option_name) {
  if (text.empty() || text[0] != '@') return text;
  std::string path = text.substr(1);
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return asl::Error{std::string(asl::errc::io), path + ": cannot open file (given to " + option_name + ")", {}};
  }
  buffer << in.rdbuf();
  return buffer.str();
}

asl::Expected<asl::Value> read_json_argument(const std::string& text, const std::string& option_name) {
  auto source = read_text_argument(text, option_name);
  if (!source) return std::move(source).error();
  auto value = asl::json::read(*source);
  if (!value) {
    std::string name = !text.empty() && text[0] == '@' ? text.substr(1) : option_name;
    asl::Error e = value.error();
    e.message = asl::format_error(e, name);
    e.where = {};
    return e;
  }
  return value;
}

}  // namespace aslcheck::cli
