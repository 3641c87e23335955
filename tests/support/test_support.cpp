// test_support.cpp — shared helpers of the test programs.
#include "support/test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "aslgen/generate.h"

namespace asl::test {

std::string shared_dir() {
  if (const char* env = std::getenv("ASLCHECK_SHARED_DIR"); env != nullptr && *env != '\0') return env;
  return ASLCHECK_SHARED_DIR;
}

std::string source_path(const std::string& relative) { return std::string(ASLCHECK_SOURCE_DIR) + "/" + relative; }

std::vector<std::filesystem::path> data_files(const std::string& relative_dir, std::string_view extension) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(source_path(relative_dir))) {
    if (entry.path().string().ends_with(extension)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<Case> corpus_and_generated_cases(std::initializer_list<std::string_view> profiles, std::uint64_t per_profile) {
  std::vector<Case> cases;
  for (const auto& path : data_files("corpus/cases")) {
    auto c = read_case_file(path.string());
    if (!c) {
      ADD_FAILURE() << c.error().message;
      continue;
    }
    cases.push_back(std::move(c).value());
  }
  for (std::string_view profile : profiles) {
    auto gen = aslgen::parse_profile(profile);
    if (!gen) {
      ADD_FAILURE() << gen.error().message;
      continue;
    }
    for (std::uint64_t i = 0; i < per_profile; ++i) cases.push_back(aslgen::generate_valid_case(7, i, *gen));
  }
  return cases;
}

void use_example_aws_credentials() {
  setenv("AWS_ACCESS_KEY_ID", kExampleAccessKeyId, 1);
  setenv("AWS_SECRET_ACCESS_KEY", kExampleSecretKey, 1);
  setenv("AWS_REGION", "us-east-1", 1);
  unsetenv("AWS_PROFILE");
  unsetenv("AWS_SESSION_TOKEN");
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path << " (is shared/ beside the checkout?)";
    return {};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<Value> read_jsonl(const std::string& path) {
  std::vector<Value> rows;
  std::istringstream lines(read_text(path));
  std::string line;
  std::uint32_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto parsed = json::read(line);
    if (!parsed) {
      Error e = parsed.error();
      e.where.line = number;
      ADD_FAILURE() << format_error(e, path);
      continue;
    }
    rows.push_back(std::move(parsed).value());
  }
  return rows;
}

Value parse(std::string_view text) {
  auto parsed = json::read(text);
  if (!parsed) {
    ADD_FAILURE() << "bad JSON in test: " << format_error(parsed.error()) << " in " << text;
    return Value();
  }
  return std::move(parsed).value();
}

::testing::AssertionResult json_equal(const Value& expected, const Value& actual) {
  if (expected == actual) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\n  expected: " << json::write(expected)
                                       << "\n    actual: " << json::write(actual);
}

const Value* field(const Value& object, std::string_view key) { return object.get(key); }

std::string string_field(const Value& object, std::string_view key) {
  const Value* v = object.get(key);
  return v != nullptr && v->is_string() ? v->as_string() : std::string();
}

namespace {
std::string slurp_fd(int fd) {
  std::string data;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) data.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return data;
}
}  // namespace

CommandResult run_captured(const std::function<void()>& prepare, const std::function<void()>& exec) {
  CommandResult result;
  int out_pipe[2];
  int err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
    ADD_FAILURE() << "pipe failed";
    return result;
  }
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    close(out_pipe[0]);
    close(err_pipe[0]);
    prepare();
    exec();
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  // Stderr is small; read stdout fully first, then stderr.
  result.out = slurp_fd(out_pipe[0]);
  result.err = slurp_fd(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

CommandResult run_cli(const std::vector<std::string>& args) {
  std::vector<std::string> copies = {ASLCHECK_CLI};
  copies.insert(copies.end(), args.begin(), args.end());
  return run_captured([] {},
                      [&] {
                        std::vector<char*> argv;
                        for (auto& a : copies) argv.push_back(a.data());
                        argv.push_back(nullptr);
                        execv(ASLCHECK_CLI, argv.data());
                      });
}

std::vector<std::string> cli_args(const Value& row) {
  const std::string marker = "{SOURCE}";
  std::vector<std::string> args;
  for (const Value& a : row.get("args")->as_array()) {
    std::string arg = a.as_string();
    if (auto at = arg.find(marker); at != std::string::npos) arg.replace(at, marker.size(), ASLCHECK_SOURCE_DIR);
    args.push_back(std::move(arg));
  }
  return args;
}

void expect_cli_row(const Value& row, const CommandResult& run) {
  std::string name = string_field(row, "name");
  EXPECT_EQ(row.get("exit")->as_int(), run.exit_code) << name << "\nstdout: " << run.out << "\nstderr: " << run.err;
  if (row.get("stdout")) EXPECT_EQ(string_field(row, "stdout"), run.out) << name;
  if (row.get("stdout_contains")) {
    EXPECT_NE(std::string::npos, run.out.find(string_field(row, "stdout_contains"))) << name << ": " << run.out;
  }
  if (row.get("stderr_contains")) {
    EXPECT_NE(std::string::npos, run.err.find(string_field(row, "stderr_contains"))) << name << ": " << run.err;
  }
}

}  // namespace asl::test
