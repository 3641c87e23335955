// run_files.cpp — reading and writing a run directory's run.json and streaming its results.jsonl.
#include <fstream>
#include <sstream>

#include "asl/json.h"
#include "aslcheck/reports.h"
#include "text.h"

namespace aslcheck {

namespace {

using reports_detail::concat;

asl::Error io_error(const std::string& path, std::string_view what) {
  return asl::Error{std::string(asl::errc::io), concat(path, ": ", what), {}};
}

// "path:LINE: at /pointer: message" (the line's own column, if any, is folded in).
asl::Error line_error(const std::string& path, std::uint64_t line, const asl::Error& error) {
  asl::Error located = error;
  located.where.line = static_cast<std::uint32_t>(line);
  if (located.where.column == 0) located.where.column = 1;
  return asl::Error{error.name, asl::format_error(located, path), {}};
}

asl::Expected<CaseRecord> parse_line(std::string_view text) {
  auto json = asl::json::read(text);
  if (!json) return json.error();
  return read_case_record(*json);
}

}  // namespace

asl::Expected<RunInfo> read_run_info_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error(path, "cannot open (is this a run directory?)");
  std::ostringstream text;
  text << in.rdbuf();
  auto json = asl::json::read(text.str());
  if (!json) return asl::Error{json.error().name, asl::format_error(json.error(), path), {}};
  auto info = read_run_info(*json);
  if (!info) return asl::Error{info.error().name, asl::format_error(info.error(), path), {}};
  return info;
}

asl::Checked write_run_info_file(const RunInfo& info, const std::string& path) {
  return reports_detail::replace_file(path, asl::json::write(to_json(info)) + "\n");
}

std::string case_record_line(const CaseRecord& record) {
  std::string line = asl::json::write(to_json(record));
  line.push_back('\n');
  return line;
}

asl::Checked for_each_record(const std::string& results_path, const RecordVisitor& visit, ResultsStats* stats) {
  std::ifstream in(results_path, std::ios::binary);
  if (!in) return io_error(results_path, "cannot open");
  std::string line;
  RecordPlace place;
  std::uint64_t offset = 0;
  while (std::getline(in, line)) {
    bool complete = !in.eof();  // getline stopped at a newline, not at the end of the file
    ++place.line;
    place.offset = offset;
    offset += line.size() + (complete ? 1 : 0);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    auto record = parse_line(line);
    if (!record) {
      if (!complete) {
        if (stats != nullptr) ++stats->incomplete_last_lines;
        break;
      }
      return line_error(results_path, place.line, record.error());
    }
    if (stats != nullptr) ++stats->records;
    place.text = line;
    if (auto ok = visit(std::move(*record), place); !ok) return ok;
  }
  if (in.bad()) return io_error(results_path, "read failed");
  return asl::checked_ok();
}

asl::Expected<CaseRecord> read_record_at(const std::string& results_path, std::uint64_t offset) {
  std::ifstream in(results_path, std::ios::binary);
  if (!in) return io_error(results_path, "cannot open");
  in.seekg(static_cast<std::streamoff>(offset));
  std::string line;
  if (!in || !std::getline(in, line)) return io_error(results_path, concat("no line at byte ", std::to_string(offset)));
  auto record = parse_line(line);
  if (!record) return asl::Error{record.error().name, asl::format_error(record.error(), results_path), {}};
  return record;
}

}  // namespace aslcheck
