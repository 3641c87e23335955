// serve_process.cpp — `aslcheck serve` as a child process for end-to-end tests, and capturing other programs' output.
#include "serve_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "asl/json.h"

namespace asl::test {


ServeProcess::ServeProcess(const std::vector<std::string>& args) {
  int out_pipe[2];
  if (pipe(out_pipe) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out_pipe[1], 1);
    close(out_pipe[0]);
    std::vector<std::string> copies = {ASLCHECK_CLI, "serve", "--port", "0", "--threads", "2"};
    copies.insert(copies.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(ASLCHECK_CLI, argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  // The first line names the port; give it 20 seconds, never hang.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline && first_line_.find('\n') == std::string::npos) {
    pollfd p{out_pipe[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    char c;
    if (read(out_pipe[0], &c, 1) != 1) break;
    first_line_.push_back(c);
  }
  close(out_pipe[0]);
  auto colon = first_line_.rfind(':');
  if (first_line_.find("listening on") != std::string::npos && colon != std::string::npos) {
    port_ = std::atoi(first_line_.c_str() + colon + 1);
  }
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}


ProgramResult run_cli_in(const std::string& directory, const std::vector<std::string>& args) {
  std::vector<std::string> copies = {ASLCHECK_CLI};
  copies.insert(copies.end(), args.begin(), args.end());
  return run_captured([&] { if (chdir(directory.c_str()) != 0) _exit(126); },
                      [&] {
                        std::vector<char*> argv;
                        for (auto& a : copies) argv.push_back(a.data());
                        argv.push_back(nullptr);
                        execv(ASLCHECK_CLI, argv.data());
                      });
}

ProgramResult run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::vector<std::string>& environment) {
  std::vector<std::string> copies = args;
  std::vector<std::string> env_copies = environment;
  return run_captured([] {},
                      [&] {
                        std::vector<char*> argv{const_cast<char*>(program.c_str())};
                        for (auto& a : copies) argv.push_back(a.data());
                        argv.push_back(nullptr);
                        std::vector<char*> envp;
                        for (auto& e : env_copies) envp.push_back(e.data());
                        envp.push_back(nullptr);
                        execve(program.c_str(), argv.data(), envp.data());
                      });
}

std::string substitute_vars(std::string s, const std::map<std::string, std::string>& vars) {
  for (const auto& [name, value] : vars) {
    std::string key = "${" + name + "}";
    for (auto at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size())) s.replace(at, key.size(), value);
  }
  return s;
}

const Value* follow_pointer(const Value& root, const std::string& pointer, std::vector<Value>& keep) {
  keep.reserve(16);  // pointers into `keep` stay valid
  const Value* at = &root;
  std::size_t pos = 1;
  while (at != nullptr && pos <= pointer.size()) {
    auto next = pointer.find('/', pos);
    std::string token = pointer.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    if (at->is_string()) {
      auto parsed = json::read(at->as_string());
      if (!parsed || keep.size() == keep.capacity()) return nullptr;
      keep.push_back(std::move(parsed).value());
      at = &keep.back();
    }
    at = at->is_array() ? at->at(std::strtoul(token.c_str(), nullptr, 10)) : at->get(token);
    if (next == std::string::npos) break;
    pos = next + 1;
  }
  return at;
}

}  // namespace asl::test
