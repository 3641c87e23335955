// progress.h — the run's progress on stderr: a redrawn bar on a terminal, a plain line now and then otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

#include "aslcheck/runner.h"

namespace aslcheck::runner {

struct ProgressCounts {
  std::int64_t done = 0;
  std::int64_t diverge = 0;
  std::int64_t target_errors = 0;
};

class Progress {
 public:
  Progress(ProgressStyle style, std::int64_t total);
  // Called after every case; redraws at most ten times a second (bar) or every ten seconds (lines).
  void update(const ProgressCounts& counts);
  void finish(const ProgressCounts& counts);

 private:
  void draw(const ProgressCounts& counts, bool final);
  ProgressStyle style_;
  std::int64_t total_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  std::mutex mutex_;
};

}  // namespace aslcheck::runner
