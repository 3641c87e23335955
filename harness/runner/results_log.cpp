// results_log.cpp — appending results.jsonl lines with a flush each, and reading back an interrupted run's lines.
#include "runner/results_log.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "aslcheck/reports.h"

namespace aslcheck::runner {
namespace {

asl::Error io_error(const std::string& message) { return asl::Error{std::string(asl::errc::io), message, {}}; }

// The length of the file up to and including its last newline: what an interrupted run wrote
// completely (a kill -9 can leave half a line after it).
asl::Expected<std::size_t> complete_length(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::size_t{0};
  in.seekg(0, std::ios::end);
  auto size = static_cast<std::size_t>(in.tellg());
  constexpr std::size_t kChunk = 1 << 16;
  std::string chunk;
  for (std::size_t end = size; end > 0;) {
    std::size_t begin = end > kChunk ? end - kChunk : 0;
    chunk.assign(end - begin, '\0');
    in.seekg(static_cast<std::streamoff>(begin));
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (auto nl = chunk.rfind('\n'); nl != std::string::npos) return begin + nl + 1;
    end = begin;
  }
  return std::size_t{0};
}

asl::Checked read_completed(const std::string& path, CompletedRuns& completed) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return asl::checked_ok();
  return for_each_record(path, [&](CaseRecord&& record, const RecordPlace&) -> asl::Checked {
    completed.ids.insert(record.id);
    ++completed.counts[std::string(verdict_name(record.verdict))];
    if (record.verdict == Verdict::diverge) {
      ++completed.signatures[record.signature];
      if (!record.shrunk_path.empty()) completed.shrunk_by_signature.emplace(record.signature, record.shrunk_path);
    }
    return asl::checked_ok();
  });
}

}  // namespace

asl::Expected<ResultsLog*> ResultsLog::open(const std::string& path, bool resume, CompletedRuns& completed) {
  if (resume) {
    if (auto read = read_completed(path, completed); !read) return std::move(read).error();
    auto good = complete_length(path);
    if (!good) return std::move(good).error();
    if (::truncate(path.c_str(), static_cast<off_t>(*good)) != 0 && errno != ENOENT) {
      return io_error(path + ": cannot cut off the half-written last line");
    }
  }
  std::FILE* file = std::fopen(path.c_str(), resume ? "abe" : "wbe");
  if (file == nullptr) return io_error(path + ": cannot open for writing");
  return new ResultsLog(file);
}

ResultsLog::~ResultsLog() { std::fclose(file_); }

void ResultsLog::append(const CaseRecord& record) {
  std::string line = case_record_line(record);
  std::lock_guard<std::mutex> lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace aslcheck::runner
