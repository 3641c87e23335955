// serve_process.h — test helpers: `aslcheck serve` as a child process on a free port, and running a program with its output captured.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "asl/value.h"
#include "support/test_support.h"

namespace asl::test {

// Starts `aslcheck serve --port 0 <args>` and reads the port from its first line; the process
// is killed (by its pid) when this goes out of scope.
class ServeProcess {
 public:
  explicit ServeProcess(const std::vector<std::string>& args = {});
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;
  bool started() const { return port_ > 0; }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const std::string& startup_output() const { return first_line_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string first_line_;
};

using ProgramResult = CommandResult;  // exit code, stdout, stderr (support/test_support.h)
// Runs `program` with `args`; `environment` ("NAME=value") replaces the whole environment.
ProgramResult run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& environment);
// Runs the aslcheck CLI with `args` in `directory` (relative paths, default output directories),
// with this process's environment.
ProgramResult run_cli_in(const std::string& directory, const std::vector<std::string>& args);

// "${name}" in `text` replaced by vars[name].
std::string substitute_vars(std::string text, const std::map<std::string, std::string>& vars);
// A JSON pointer that also steps into strings holding JSON (history payloads such as
// "/events/2/taskScheduledEventDetails/parameters/token"); parsed documents are kept in `keep`.
const Value* follow_pointer(const Value& root, const std::string& pointer, std::vector<Value>& keep);

}  // namespace asl::test
