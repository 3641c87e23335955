// report_command.cpp — `aslcheck report DIR`: junit.xml and report.html written again from a run directory.
#include <filesystem>
#include <iostream>

#include "asl/json.h"
#include "aslcheck/reports.h"
#include "cli/commands.h"

namespace aslcheck::cli {

namespace {

struct ReportCommandOptions {
  std::string run;
  std::vector<std::string> history;
};

int run_report(const ReportCommandOptions& options) {
  if (auto ok = write_reports(options.run, ReportOptions{options.history}); !ok) {
    std::cerr << "aslcheck report: " << asl::format_error(ok.error()) << '\n';
    return kExitUsage;
  }
  std::filesystem::path dir(options.run);
  asl::Object out{{"junit", asl::Value((dir / "junit.xml").string())},
                  {"report", asl::Value((dir / "report.html").string())}};
  std::cout << asl::json::write(asl::Value(std::move(out))) << '\n';
  return kExitOk;
}

}  // namespace

void register_report(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ReportCommandOptions>();
  CLI::App* report = app.add_subcommand("report", "Write a run directory's junit.xml and report.html (again)");
  report->add_option("run", options->run, "the run directory (run.json, results.jsonl)")
      ->required()
      ->check(CLI::ExistingDirectory);
  report->add_option("--history", options->history, "previous runs' directories, for the pass-rate trend")
      ->check(CLI::ExistingDirectory);
  report->callback([options, &exit_code] { exit_code = run_report(*options); });
}

}  // namespace aslcheck::cli
