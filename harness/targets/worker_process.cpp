// worker_process.cpp — starting a JSON-lines worker with Boost.Process and talking to it over pipes with deadlines.
#include "targets/worker_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "asl/json.h"

namespace aslcheck {
namespace bp = boost::process;

namespace {

constexpr std::size_t kMaxLineBytes = 256u << 20;  // an answer longer than this is garbage
constexpr std::size_t kStderrTail = 600;

// A worker that died leaves its stdin pipe without a reader: writing to it must be an error
// (EPIPE) we report, not a signal that ends aslcheck.
void ignore_sigpipe_once() {
  static const bool ignored = (std::signal(SIGPIPE, SIG_IGN), true);
  (void)ignored;
}

// Spawns are serialised, so no worker is forked between another one's pipe creation and the
// close-on-exec flags set on it.
std::mutex& spawn_mutex() {
  static std::mutex m;
  return m;
}

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

Clock::time_point deadline_after(double seconds) {
  return Clock::now() + std::chrono::microseconds(static_cast<long long>(seconds * 1e6));
}

std::size_t file_size(const std::string& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<std::size_t>(size);
}

// The last bytes written to the file after `start` (what the current worker wrote: the file
// collects every worker's stderr of the job, one after the other).
std::string tail_of_file(const std::string& path, std::size_t start) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  in.seekg(0, std::ios::end);
  auto size = static_cast<std::size_t>(in.tellg());
  if (size <= start) return {};
  std::size_t from = size - start > kStderrTail ? size - kStderrTail : start;
  in.seekg(static_cast<std::streamoff>(from));
  std::string text(size - from, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return (from > 0 ? "..." : "") + text;
}

asl::Error target_failure(std::string message) { return asl::Error{"TARGET_ERROR", std::move(message), {}}; }

}  // namespace

struct WorkerProcess::Process {
  bp::pipe to_child;
  bp::pipe from_child;
  bp::child child;
};

WorkerProcess::WorkerProcess(WorkerCommand command) : command_(std::move(command)) {
  ignore_sigpipe_once();
  if (command_.stderr_path.empty()) {
    char name[] = "/tmp/aslcheck-worker-XXXXXX";
    int fd = ::mkstemp(name);
    if (fd >= 0) {
      ::close(fd);
      command_.stderr_path = name;
      owns_stderr_file_ = true;
    } else {
      command_.stderr_path = "/dev/null";
    }
  }
}

WorkerProcess::~WorkerProcess() {
  kill();
  if (owns_stderr_file_) std::remove(command_.stderr_path.c_str());
}

std::vector<std::string> WorkerProcess::split_command_line(const std::string& text) {
  // words := word (space+ word)*; word := (plain | '...' | "..." | \c)+
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      else if (c == '\\' && quote == '"' && i + 1 < text.size()) word.push_back(text[++i]);
      else word.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < text.size()) {
      word.push_back(text[++i]);
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word.push_back(c);
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

void WorkerProcess::kill() {
  if (!process_) return;
  std::error_code ec;
  if (process_->child.valid() && process_->child.running(ec)) process_->child.terminate(ec);  // SIGKILL
  if (process_->child.valid()) process_->child.wait(ec);
  process_.reset();
  buffer_.clear();
}

asl::Error WorkerProcess::failure(const std::string& what) {
  std::string message = what;
  if (process_) {
    std::error_code ec;
    bool exited = process_->child.valid() && !process_->child.running(ec);
    if (exited) {
      int status = process_->child.native_exit_code();
      if (WIFSIGNALED(status)) message += " (killed by signal " + std::to_string(WTERMSIG(status)) + ")";
      else message += " (exit status " + std::to_string(process_->child.exit_code()) + ")";
    }
  }
  kill();
  if (std::string tail = tail_of_file(command_.stderr_path, stderr_start_); !tail.empty()) message += "; its stderr ends: " + tail;
  return target_failure(message);
}

asl::Expected<asl::Value> WorkerProcess::ensure_started() {
  if (process_) return hello_;
  if (command_.argv.empty()) return target_failure("no worker command given");
  const std::string& program = command_.argv.front();
  boost::filesystem::path exe =
      program.find('/') != std::string::npos ? boost::filesystem::path(program) : bp::search_path(program);
  if (exe.empty()) return target_failure("cannot start the worker: '" + program + "' is not on PATH");
  std::vector<std::string> args(command_.argv.begin() + 1, command_.argv.end());

  std::error_code ec;
  std::unique_ptr<Process> process;
  {
    std::lock_guard<std::mutex> lock(spawn_mutex());
    process = std::make_unique<Process>();
    // Close-on-exec on every end, so a sibling job's worker never inherits this one's pipes (it
    // would keep them open and hide this worker's exit); dup2 onto the child's stdin and stdout
    // clears the flag on the copies it needs.
    for (int fd : {process->to_child.native_source(), process->to_child.native_sink(),
                   process->from_child.native_source(), process->from_child.native_sink()}) {
      ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC);
    }
    std::string dir = command_.working_dir.empty() ? std::string(".") : command_.working_dir;
    stderr_start_ = file_size(command_.stderr_path);
    // Appended to (O_APPEND), so every worker of the job leaves its stderr after the last one's.
    std::FILE* log = std::fopen(command_.stderr_path.c_str(), "ae");
    if (log == nullptr) return target_failure("cannot open the worker log " + command_.stderr_path);
    process->child = bp::child(exe, bp::args(args), bp::std_in < process->to_child, bp::std_out > process->from_child,
                               bp::std_err > log, bp::start_dir(dir), ec);
    std::fclose(log);
  }
  if (ec) return target_failure("cannot start the worker '" + program + "': " + ec.message());
  ++starts_;
  // Our end of the worker's stdin never blocks: a worker that stops reading is a timeout, not a hang.
  int sink = process->to_child.native_sink();
  ::fcntl(sink, F_SETFL, ::fcntl(sink, F_GETFL) | O_NONBLOCK);
  process_ = std::move(process);

  auto line = read_line(command_.start_timeout_seconds);
  if (!line) return std::move(line).error();
  auto hello = asl::json::read(*line);
  if (!hello || !hello->is_object() || hello->get("aslcheckWorker") == nullptr) {
    return failure("the worker's first line is not a hello ({\"aslcheckWorker\":1,...}): " + line->substr(0, 200));
  }
  hello_ = std::move(hello).value();
  return hello_;
}

asl::Expected<std::string> WorkerProcess::read_line(double timeout_seconds) {
  auto deadline = deadline_after(timeout_seconds);
  int fd = process_->from_child.native_source();
  char chunk[1 << 16];
  for (;;) {
    if (auto newline = buffer_.find('\n'); newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      return line;
    }
    if (buffer_.size() > kMaxLineBytes) return failure("the worker wrote a line longer than 256 MiB");
    pollfd p{fd, POLLIN, 0};
    int ready = ::poll(&p, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      return failure("the worker did not answer within " + asl::json::write(asl::Value(timeout_seconds)) +
                     " s (killed)");
    }
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return failure("the worker closed its output");
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

asl::Expected<asl::Value> WorkerProcess::exchange(const asl::Value& request, double timeout_seconds) {
  auto started = ensure_started();
  if (!started) return std::move(started).error();
  auto deadline = deadline_after(timeout_seconds);
  std::string line = asl::json::write(request);
  line.push_back('\n');
  int fd = process_->to_child.native_sink();
  for (std::size_t written = 0; written < line.size();) {
    ssize_t n = ::write(fd, line.data() + written, line.size() - written);
    if (n > 0) {
      written += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd, POLLOUT, 0};
      if (::poll(&p, 1, remaining_ms(deadline)) == 0) return failure("the worker stopped reading its input (killed)");
      continue;
    }
    return failure("the worker's input is closed");
  }
  double left = std::chrono::duration<double>(deadline - Clock::now()).count();
  auto answer = read_line(left > 0 ? left : 0);
  if (!answer) return std::move(answer).error();
  auto parsed = asl::json::read(*answer);
  if (!parsed) {
    return failure("the worker wrote a line that is not JSON (" + asl::format_error(parsed.error()) +
                   "): " + answer->substr(0, 200));
  }
  const asl::Value* id = parsed->get("id");
  const asl::Value* sent = request.get("id");
  if (!parsed->is_object() || id == nullptr || sent == nullptr || *id != *sent) {
    return failure("the worker answered something other than request " + (sent ? asl::json::write(*sent) : "?") +
                   ": " + answer->substr(0, 200));
  }
  return std::move(parsed).value();
}

}  // namespace aslcheck
