// merge_command.cpp — `aslcheck merge --out OUT DIR...`: shard run directories combined into one run with its reports.
#include <iostream>

#include "asl/json.h"
#include "aslcheck/reports.h"
#include "cli/commands.h"

namespace aslcheck::cli {

namespace {

struct MergeOptions {
  std::string out;
  std::vector<std::string> runs;
  std::vector<std::string> history;
};

int run_merge(const MergeOptions& options, const std::vector<std::string>& arguments) {
  auto merged = merge_runs(options.out, options.runs, arguments, ReportOptions{options.history});
  if (!merged) {
    std::cerr << "aslcheck merge: " << asl::format_error(merged.error()) << '\n';
    return kExitUsage;
  }
  for (const std::string& warning : merged->warnings) std::cerr << "aslcheck merge: warning: " << warning << '\n';
  asl::Object counts;
  for (const auto& [verdict, n] : merged->info.counts) counts.append_unique(verdict, asl::Value(n));
  asl::Object out{{"out", asl::Value(options.out)},
                  {"runId", asl::Value(merged->info.run_id)},
                  {"records", asl::Value(static_cast<std::int64_t>(merged->records))},
                  {"counts", asl::Value(std::move(counts))},
                  {"filesCopied", asl::Value(static_cast<std::int64_t>(merged->files_copied))}};
  std::cout << asl::json::write(asl::Value(std::move(out))) << '\n';
  return kExitOk;
}

}  // namespace

void register_merge(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<MergeOptions>();
  CLI::App* merge = app.add_subcommand(
      "merge", "Combine shard run directories (--shard K/N outputs) into one: results, case files, counts, reports");
  merge->add_option("--out", options->out, "the merged run directory (must not exist, or be empty)")->required();
  merge->add_option("runs", options->runs, "the shard run directories, in the order their results are concatenated")
      ->required()
      ->check(CLI::ExistingDirectory);
  merge->add_option("--history", options->history, "previous runs' directories, for the report's pass-rate trend")
      ->check(CLI::ExistingDirectory);
  merge->callback([options, &exit_code] {
    std::vector<std::string> arguments{"aslcheck", "merge", "--out", options->out};
    for (const std::string& r : options->runs) arguments.push_back(r);
    exit_code = run_merge(*options, arguments);
  });
}

}  // namespace aslcheck::cli
