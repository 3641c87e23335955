// worker_process.h — one supervised worker process speaking JSON lines (README "Worker protocol"): started, timed, killed, restarted.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "asl/error.h"
#include "asl/value.h"

namespace aslcheck {

struct WorkerCommand {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH unless it holds a '/'
  std::string working_dir;        // empty: the current directory
  std::string stderr_path;        // where the worker's stderr goes; empty: a temporary file
  double start_timeout_seconds = 60;
};

// A worker process behind pipes. Every failure (it cannot start, exits, hangs past the timeout,
// writes something that is not one JSON object per line, answers another id) kills it and comes
// back as an Error naming what happened plus the tail of its stderr; the next call starts a new
// one. Not thread-safe: one per job.
class WorkerProcess {
 public:
  explicit WorkerProcess(WorkerCommand command);
  ~WorkerProcess();
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  // Starts the worker if none runs, and returns its hello line (the first line it writes).
  asl::Expected<asl::Value> ensure_started();
  // Writes `request` as one line and waits up to `timeout_seconds` for the answer line, which
  // must be a JSON object whose "id" equals the request's.
  asl::Expected<asl::Value> exchange(const asl::Value& request, double timeout_seconds);
  // SIGKILL and reap (no-op when none runs).
  void kill();

  std::int64_t starts() const { return starts_; }
  static std::vector<std::string> split_command_line(const std::string& text);

 private:
  struct Process;
  asl::Expected<std::string> read_line(double timeout_seconds);
  asl::Error failure(const std::string& what);

  WorkerCommand command_;
  std::unique_ptr<Process> process_;
  asl::Value hello_;
  std::string buffer_;
  std::int64_t starts_ = 0;
  std::size_t stderr_start_ = 0;  // size of the stderr file when the current worker started
  bool owns_stderr_file_ = false;
};

}  // namespace aslcheck
