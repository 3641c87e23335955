// run_command.cpp — `aslcheck run` (generated cases and/or a corpus) and `aslcheck replay` (case files) against a target.
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "aslcheck/runner.h"
#include "cli/commands.h"

namespace aslcheck::cli {

namespace {

struct RunCommandOptions {
  std::string target;
  std::vector<std::string> target_options;
  std::string command;
  std::string endpoint_url;  // the API targets' endpoint, as the AWS CLI's --endpoint-url
  std::string region;
  std::int64_t max_executions = 0;
  std::vector<std::string> paths;
  std::int64_t cases = 0;
  std::uint64_t seed = 0;
  std::string profile = "full";
  std::vector<std::string> settings;  // --set NAME=N, appended to the profile
  int jobs = 1;
  std::string shard;
  std::string time_budget;
  double case_timeout = 30;
  double shrink_seconds = 10;
  std::string expectations;
  std::string out;
  std::string resume;
  std::string regressions;
  bool exact = false;
  double retry_tolerance = 0.01;
  std::string progress = "auto";
};

// This process's command line, for run.json (the report's header).
std::vector<std::string> command_line() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> words;
  std::size_t start = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i] == '\0') {
      words.push_back(all.substr(start, i - start));
      start = i + 1;
    }
  }
  return words;
}

// duration := number ("s" | "m" | "h")?
bool parse_duration(const std::string& text, double& seconds) {
  if (text.empty()) return false;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  std::string unit(end);
  double factor = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : -1;
  if (factor < 0 || value < 0 || end == text.c_str()) return false;
  seconds = value * factor;
  return true;
}

// Without --out, each run gets a fresh directory: aslcheck-out/<target>-<UTC time>[-n].
std::string default_out_dir(const std::string& target) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  std::string base = "aslcheck-out/" + target + "-" + stamp;
  std::string dir = base;
  std::error_code ec;
  for (int n = 2; std::filesystem::exists(dir, ec); ++n) dir = base + "-" + std::to_string(n);
  return dir;
}

void print_summary(const RunSummary& summary, const std::string& out_dir) {
  std::cout << "aslcheck: ";
  bool first = true;
  for (const char* verdict : {"match", "diverge", "known", "xpass", "target-error", "skipped"}) {
    std::cout << (first ? "" : ", ") << summary.count(verdict) << " " << verdict;
    first = false;
  }
  std::cout << "  (results in " << out_dir << "/results.jsonl)\n";
  if (!summary.buckets.empty()) {
    std::cout << "new divergences, by signature:\n";
    std::size_t shown = 0;
    for (const Bucket& b : summary.buckets) {
      if (++shown > 30) {
        std::cout << "  ... and " << summary.buckets.size() - 30 << " more buckets\n";
        break;
      }
      std::cout << "  " << b.cases << " x " << b.signature;
      if (!b.shrunk_path.empty()) std::cout << "  -> " << out_dir << "/" << b.shrunk_path;
      std::cout << '\n';
    }
  }
  if (summary.count("xpass") > 0) {
    std::cout << "stale expectations: " << summary.count("xpass") << " case(s) expected to diverge now match (xpass)\n";
  }
  // Entries no case of this run needed: stale, or about cases this run did not include (a shard,
  // a corpus-only run); the first few are named.
  if (!summary.unused_expectations.empty()) {
    std::cout << summary.unused_expectations.size() << " expectation(s) unused by this run";
    for (std::size_t i = 0; i < summary.unused_expectations.size() && i < 5; ++i) {
      std::cout << (i == 0 ? ", e.g.:\n" : "") << "  " << summary.unused_expectations[i] << '\n';
    }
    if (summary.unused_expectations.size() > 5) std::cout << "  ...\n";
  }
  if (summary.budget_exhausted) std::cout << "time budget reached: the remaining cases were not started\n";
  if (summary.interrupted) std::cout << "interrupted: continue with --resume " << out_dir << '\n';
  if (!summary.fatal.empty()) std::cout << "stopped: " << summary.fatal << '\n';
}

int run_command(RunCommandOptions& o, bool replay, const std::vector<std::string>& arguments) {
  RunOptions options;
  options.target.name = o.target;
  for (const std::string& kv : o.target_options) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "aslcheck: --target-option '" << kv << "': expected KEY=VALUE\n";
      return kExitUsage;
    }
    options.target.options[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  if (!o.command.empty()) options.target.options["command"] = o.command;
  // The AWS CLI's spellings win over the same --target-option.
  if (!o.endpoint_url.empty()) options.target.options["endpoint-url"] = o.endpoint_url;
  if (!o.region.empty()) options.target.options["region"] = o.region;
  options.max_executions = o.max_executions;
  if (auto cap = options.target.options.find("max-executions"); cap != options.target.options.end() && o.max_executions == 0) {
    char* end = nullptr;
    options.max_executions = std::strtoll(cap->second.c_str(), &end, 10);
    if (end == cap->second.c_str() || *end != '\0' || options.max_executions < 0) {
      std::cerr << "aslcheck: --target-option max-executions=" << cap->second << ": expected a whole number\n";
      return kExitUsage;
    }
  }
  options.case_paths = o.paths;
  if (!replay) {
    options.generated = o.cases;
    options.seed = o.seed;
    options.profile = o.profile;
    for (const std::string& setting : o.settings) options.profile += "," + setting;
  }
  options.jobs = o.jobs;
  if (!o.shard.empty()) {
    auto shard = parse_shard(o.shard);
    if (!shard) {
      std::cerr << "aslcheck: " << shard.error().message << '\n';
      return kExitUsage;
    }
    options.shard = *shard;
  }
  if (!o.time_budget.empty() && !parse_duration(o.time_budget, options.time_budget_seconds)) {
    std::cerr << "aslcheck: --time-budget '" << o.time_budget << "': expected a duration such as 90, 90s, 15m or 2h\n";
    return kExitUsage;
  }
  options.case_timeout_seconds = o.case_timeout;
  options.shrink_seconds = o.shrink_seconds;
  options.expectations_path = o.expectations;
  options.out_dir = o.out.empty() && o.resume.empty() ? default_out_dir(o.target) : o.out;
  if (!o.resume.empty()) {
    if (!o.out.empty() && o.out != o.resume) {
      std::cerr << "aslcheck: --resume " << o.resume << " and --out " << o.out << " name different directories\n";
      return kExitUsage;
    }
    options.out_dir = o.resume;
    options.resume = true;
  }
  options.regressions_dir = o.regressions;
  options.diff.normalise = !o.exact;
  options.diff.retry_tolerance_seconds = o.retry_tolerance;
  options.progress = o.progress == "bar" ? ProgressStyle::bar
                     : o.progress == "lines" ? ProgressStyle::lines
                     : o.progress == "none" ? ProgressStyle::none
                                            : ProgressStyle::automatic;
  options.arguments = arguments;
  auto summary = run_cases(options);
  if (!summary) {
    std::cerr << "aslcheck " << (replay ? "replay" : "run") << ": " << summary.error().message << '\n';
    return kExitUsage;
  }
  if (!summary->refused.empty()) {
    std::cerr << "aslcheck " << (replay ? "replay" : "run") << ": refused: " << summary->refused << '\n';
    return exit_code(*summary);
  }
  print_summary(*summary, options.out_dir);
  return exit_code(*summary);
}

void add_common_options(CLI::App* cmd, RunCommandOptions& o) {
  cmd->add_option("--target", o.target, "the target: reference, alsf, command, ...")->required();
  cmd->add_option("--target-option", o.target_options, "KEY=VALUE passed to the target (repeatable)");
  cmd->add_option("--command", o.command, "the worker command line of the `command` target");
  cmd->add_option("--endpoint-url", o.endpoint_url, "the Step Functions endpoint of an API target (sfn-api, sfn-local, localstack, aws)");
  cmd->add_option("--region", o.region, "an API target's region (default: AWS_REGION, the profile, us-east-1)");
  cmd->add_option("--max-executions", o.max_executions,
                  "refuse to start (exit 5) when more cases than this would run on the target; a billed target's "
                  "cost estimate is printed first")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--jobs,-j", o.jobs, "cases run at once, one target instance each (default 1)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--shard", o.shard,
                  "K/N: run shard K (0-based) of N; auto/N or N takes K from JOB_COMPLETION_INDEX, "
                  "AWS_BATCH_JOB_ARRAY_INDEX or ASLCHECK_SHARD_INDEX");
  cmd->add_option("--time-budget", o.time_budget, "stop starting cases after this long (90, 90s, 15m, 2h)");
  cmd->add_option("--case-timeout", o.case_timeout, "seconds a worker target may take on one case (default 30)");
  cmd->add_option("--shrink-time", o.shrink_seconds, "seconds spent shrinking each new divergence bucket (default 10; 0: off)");
  cmd->add_option("--expectations", o.expectations, "known divergences of the target (corpus/expectations/<target>.json)");
  cmd->add_option("--out", o.out,
                  "the run directory (results.jsonl, run.json, junit.xml, report.html, cases/, shrunk/); "
                  "default: a new aslcheck-out/<target>-<UTC time>");
  cmd->add_option("--resume", o.resume, "continue the interrupted run in DIR (same options)");
  cmd->add_option("--regressions", o.regressions, "also save each new bucket's minimal case here (corpus/regressions)");
  cmd->add_flag("--exact", o.exact, "compare strings exactly (no ARN/UUID/timestamp normalisation)");
  cmd->add_option("--retry-tolerance", o.retry_tolerance, "seconds a retry delay may differ by (default 0.01, plus 1%)");
  cmd->add_option("--progress", o.progress, "auto (a bar on a terminal, lines otherwise), bar, lines or none")
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}));
}

}  // namespace

void register_run(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RunCommandOptions>();
  CLI::App* run = app.add_subcommand("run", "Run generated cases and/or a corpus on the oracle and a target, diff, shrink, report");
  add_common_options(run, *options);
  run->add_option("--cases", options->cases, "generated cases to run (default 0: corpus only)");
  run->add_option("--seed", options->seed, "the run seed: case i is generated from (seed, i) (default 0)");
  run->add_option("--profile", options->profile,
                  "generator weights: full, jsonpath, intrinsics, choice, errors, map, jsonata, optionally with settings: full,variables=0");
  run->add_option("--set", options->settings,
                  "NAME=N: change one generator weight or size of the profile (repeatable), e.g. --set variables=0 --set jsonata=0");
  run->add_option("--corpus", options->paths, "case files or directories of *.case.json (repeatable)");
  run->callback([options, &exit_code] {
    exit_code = run_command(*options, false, command_line());
  });

  auto replay_options = std::make_shared<RunCommandOptions>();
  CLI::App* replay = app.add_subcommand("replay", "Run case files (a shrunk divergence, a regression, a corpus) on the oracle and a target");
  add_common_options(replay, *replay_options);
  replay->add_option("paths", replay_options->paths, "case files or directories of *.case.json")->required();
  replay->callback([replay_options, &exit_code] {
    exit_code = run_command(*replay_options, true, command_line());
  });
}

}  // namespace aslcheck::cli
