// report_test.cpp — junit.xml and report.html written from small run directories (tests/data/reports/runs): content, escaping, determinism.
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "aslcheck/reports.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

namespace fs = std::filesystem;

std::string runs_dir() { return source_path("tests/data/reports/runs"); }

// A writable copy of a fixture run directory (reports are written into it).
fs::path fresh_copy(const std::string& fixture, const std::string& tag) {
  fs::path dir = fs::temp_directory_path() / ("aslcheck-report-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(runs_dir()) / fixture, dir, fs::copy_options::recursive);
  return dir;
}

std::size_t occurrences(const std::string& text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// Well-formed XML, as a CI's JUnit reader needs it (xmllint comes with scripts/install-deps.sh).
void expect_well_formed_xml(const fs::path& file) {
  if (std::system("command -v xmllint >/dev/null 2>&1") != 0) {
    ADD_FAILURE() << "xmllint is not installed (libxml2-utils; make deps installs it)";
    return;
  }
  std::string command = "xmllint --noout '" + file.string() + "' 2>&1";
  EXPECT_EQ(0, std::system(command.c_str())) << file << " is not well-formed XML";
}

// Each line of reports.jsonl: {"name", "run" (fixture), "history" (fixtures), "suites": {target:
// {tests, failures, errors, skipped}}, "junit_contains", "html_contains", "html_not_contains",
// "buckets" (how many divergence buckets the page shows)}.
TEST(Reports, DataDrivenRuns) {
  auto rows = read_jsonl(source_path("tests/data/reports/reports.jsonl"));
  ASSERT_GE(rows.size(), 2u);
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    fs::path dir = fresh_copy(string_field(row, "run"), "data");
    aslcheck::ReportOptions options;
    for (const Value& h : row.get("history")->as_array()) options.history.push_back(runs_dir() + "/" + h.as_string());
    auto written = aslcheck::write_reports(dir.string(), options);
    ASSERT_TRUE(written.ok()) << name << ": " << format_error(written.error());
    std::string junit = read_text((dir / "junit.xml").string());
    std::string html = read_text((dir / "report.html").string());
    expect_well_formed_xml(dir / "junit.xml");
    for (const Member& suite : row.get("suites")->as_object()) {
      std::string open = "<testsuite name=\"" + suite.key + "\" tests=\"" +
                         std::to_string(suite.value.get("tests")->as_int()) + "\" failures=\"" +
                         std::to_string(suite.value.get("failures")->as_int()) + "\" errors=\"" +
                         std::to_string(suite.value.get("errors")->as_int()) + "\" skipped=\"" +
                         std::to_string(suite.value.get("skipped")->as_int()) + "\"";
      EXPECT_NE(std::string::npos, junit.find(open)) << name << ": no " << open << "\n" << junit;
      EXPECT_EQ(static_cast<std::size_t>(suite.value.get("tests")->as_int()), occurrences(junit, "<testcase ")) << name;
    }
    for (const Value& s : row.get("junit_contains")->as_array()) {
      EXPECT_NE(std::string::npos, junit.find(s.as_string())) << name << ": junit.xml lacks " << s.as_string() << "\n" << junit;
    }
    for (const Value& s : row.get("html_contains")->as_array()) {
      EXPECT_NE(std::string::npos, html.find(s.as_string())) << name << ": report.html lacks " << s.as_string();
    }
    for (const Value& s : row.get("html_not_contains")->as_array()) {
      EXPECT_EQ(std::string::npos, html.find(s.as_string())) << name << ": report.html has " << s.as_string();
    }
    EXPECT_EQ(static_cast<std::size_t>(row.get("buckets")->as_int()), occurrences(html, "<div class=\"bucket\"")) << name;
    // Self-contained: exactly the one inline script and style, nothing loaded.
    EXPECT_EQ(1u, occurrences(html, "<script")) << name;
    EXPECT_EQ(1u, occurrences(html, "<style")) << name;
    EXPECT_EQ(0u, occurrences(html, " src=")) << name;
    fs::remove_all(dir);
  }
}

// The same run gives the same report, whatever order parallel jobs finished the cases in.
TEST(Reports, SameRunSameReportInAnyLineOrder) {
  fs::path dir = fresh_copy("basic", "order");
  ASSERT_TRUE(aslcheck::write_reports(dir.string()).ok());
  std::string first_html = read_text((dir / "report.html").string());
  std::string first_junit = read_text((dir / "junit.xml").string());
  ASSERT_TRUE(aslcheck::write_reports(dir.string()).ok());
  EXPECT_EQ(first_html, read_text((dir / "report.html").string()));
  EXPECT_EQ(first_junit, read_text((dir / "junit.xml").string()));

  std::vector<std::string> lines;
  {
    std::ifstream in(dir / "results.jsonl");
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  std::reverse(lines.begin(), lines.end());
  {
    std::ofstream out(dir / "results.jsonl", std::ios::trunc);
    for (const std::string& line : lines) out << line << '\n';
  }
  ASSERT_TRUE(aslcheck::write_reports(dir.string()).ok());
  EXPECT_EQ(first_html, read_text((dir / "report.html").string()));
  fs::remove_all(dir);
}

TEST(Reports, BadInputIsALocatedError) {
  fs::path dir = fresh_copy("basic", "bad");
  {
    std::ofstream out(dir / "results.jsonl", std::ios::app);
    out << "{\"id\": \"x\", \"verdict\": \"passed\"}\n" << "{\"id\": \"y\", \"verdict\": \"match\"}\n";
  }
  auto written = aslcheck::write_reports(dir.string());
  ASSERT_FALSE(written.ok());
  std::string message = format_error(written.error());
  EXPECT_NE(std::string::npos, message.find("results.jsonl:11:")) << message;
  EXPECT_NE(std::string::npos, message.find("/verdict")) << message;

  auto history = aslcheck::write_reports(dir.string(), aslcheck::ReportOptions{{(dir / "nowhere").string()}});
  ASSERT_FALSE(history.ok());
  fs::remove(dir / "run.json");
  auto no_run = aslcheck::write_reports(dir.string());
  ASSERT_FALSE(no_run.ok());
  EXPECT_NE(std::string::npos, format_error(no_run.error()).find("run.json")) << format_error(no_run.error());
  fs::remove_all(dir);
}

// 100,000 results: the report is written from a streaming pass, so the process stays small
// (the results file alone is far bigger than the bound).
TEST(Reports, MemoryStaysFlatOverALongRun) {
  fs::path dir = fs::temp_directory_path() / ("aslcheck-report-long-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  aslcheck::RunInfo info;
  info.run_id = "long";
  info.target = "alsf";
  ASSERT_TRUE(aslcheck::write_run_info_file(info, (dir / "run.json").string()).ok());
  {
    std::ofstream out(dir / "results.jsonl");
    std::string padding(1200, 'p');
    for (int i = 0; i < 100000; ++i) {
      aslcheck::CaseRecord r;
      r.id = "gen-" + std::to_string(i);
      r.target = "alsf";
      r.feature = "feature-" + std::to_string(i % 20);
      r.verdict = i % 3 == 0 ? aslcheck::Verdict::diverge : aslcheck::Verdict::match;
      if (r.verdict == aslcheck::Verdict::diverge) {
        r.signature = "output|" + r.feature + "|sig-" + std::to_string(i % 500);
        Object expected;
        expected.set("p", Value(padding));
        r.diffs.push_back({"output", Value(std::move(expected)), Value(i), "at /: differs"});
      }
      out << aslcheck::case_record_line(r);
    }
  }
  auto size = fs::file_size(dir / "results.jsonl");
  ASSERT_GT(size, 30u << 20);
  CommandResult run = run_cli({"report", dir.string()});
  ASSERT_EQ(0, run.exit_code) << run.err;
  struct rusage usage {};
  ASSERT_EQ(0, getrusage(RUSAGE_CHILDREN, &usage));
  long max_kib = usage.ru_maxrss;
  EXPECT_LT(max_kib, 64 * 1024) << "the report command peaked at " << max_kib << " KiB for a " << size << "-byte results.jsonl";
  std::string html = read_text((dir / "report.html").string());
  EXPECT_EQ(200u, occurrences(html, "<div class=\"bucket\"")) << "the page shows the biggest 200 of 500 buckets";
  EXPECT_NE(std::string::npos, html.find("300 smaller buckets are not shown"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace asl::test
