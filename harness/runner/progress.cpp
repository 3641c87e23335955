// progress.cpp — "[=====>    ] 532/1000  diverge 3  target-error 0  120.5 cases/s  ETA 4s", or a plain line every ten seconds.
#include "runner/progress.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace aslcheck::runner {
namespace {

std::string duration_text(double seconds) {
  auto s = static_cast<long long>(seconds + 0.5);
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
  return std::to_string(s / 3600) + "h" + std::to_string((s % 3600) / 60) + "m";
}

}  // namespace

Progress::Progress(ProgressStyle style, std::int64_t total)
    : style_(style), total_(total), start_(std::chrono::steady_clock::now()), last_draw_(start_) {
  if (style_ == ProgressStyle::automatic) style_ = ::isatty(STDERR_FILENO) ? ProgressStyle::bar : ProgressStyle::lines;
}

void Progress::update(const ProgressCounts& counts) {
  if (style_ == ProgressStyle::none) return;
  std::lock_guard<std::mutex> lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  auto every = style_ == ProgressStyle::bar ? std::chrono::milliseconds(100) : std::chrono::milliseconds(10000);
  if (now - last_draw_ < every) return;
  last_draw_ = now;
  draw(counts, false);
}

void Progress::finish(const ProgressCounts& counts) {
  if (style_ == ProgressStyle::none) return;
  std::lock_guard<std::mutex> lock(mutex_);
  draw(counts, true);
}

void Progress::draw(const ProgressCounts& counts, bool final) {
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = elapsed > 0 ? static_cast<double>(counts.done) / elapsed : 0;
  std::string eta = rate > 0 && counts.done < total_ ? duration_text(static_cast<double>(total_ - counts.done) / rate) : "-";
  char tail[160];
  std::snprintf(tail, sizeof tail, " %lld/%lld  diverge %lld  target-error %lld  %.1f cases/s  %s %s",
                static_cast<long long>(counts.done), static_cast<long long>(total_),
                static_cast<long long>(counts.diverge), static_cast<long long>(counts.target_errors), rate,
                final ? "in" : "ETA", final ? duration_text(elapsed).c_str() : eta.c_str());
  if (style_ == ProgressStyle::bar) {
    constexpr int kWidth = 30;
    int filled = total_ > 0 ? static_cast<int>(kWidth * counts.done / total_) : kWidth;
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < kWidth) bar += '>' + std::string(static_cast<std::size_t>(kWidth - filled - 1), ' ');
    std::fprintf(stderr, "\r[%s]%s\033[K%s", bar.c_str(), tail, final ? "\n" : "");
  } else {
    std::fprintf(stderr, "aslcheck: %s%s\n", final ? "done" : "progress", tail);
  }
  std::fflush(stderr);
}

}  // namespace aslcheck::runner
