// exec_command.cpp — `aslcheck exec`: run a case (or a definition with an input) on the oracle and print its Result.
#include <iostream>

#include "asl/exec.h"
#include "asl/json.h"
#include "cli/commands.h"
#include "cli/json_argument.h"

namespace aslcheck::cli {

namespace {

struct ExecCommandOptions {
  std::string case_file;
  std::string definition;
  std::string input = "{}";
  std::string type = "STANDARD";
  bool history = false;
  std::uint64_t seed = 0;
};

int run_exec(const ExecCommandOptions& options) {
  asl::Case c;
  if (!options.case_file.empty()) {
    auto loaded = asl::read_case_file(options.case_file);
    if (!loaded) {
      std::cerr << "aslcheck exec: " << loaded.error().message << '\n';
      return kExitUsage;
    }
    c = std::move(loaded).value();
  } else {
    auto definition = read_json_argument("@" + options.definition, "DEFINITION");
    if (!definition) {
      std::cerr << "aslcheck exec: " << definition.error().message << '\n';
      return kExitUsage;
    }
    auto input = read_json_argument(options.input, "--input");
    if (!input) {
      std::cerr << "aslcheck exec: " << input.error().message << '\n';
      return kExitUsage;
    }
    c.id = "cli";
    c.definition = std::move(definition).value();
    c.input = std::move(input).value();
    c.context = asl::Value(asl::Object{});
    c.type = options.type == "EXPRESS" ? asl::MachineType::express : asl::MachineType::standard;
  }
  asl::ExecOptions exec_options;
  exec_options.history = options.history;
  exec_options.seed = options.seed;
  asl::Result result = asl::execute(c, exec_options);
  std::cout << asl::json::write(asl::to_json(result)) << '\n';
  return kExitOk;
}

}  // namespace

void register_exec(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExecCommandOptions>();
  CLI::App* exec = app.add_subcommand("exec", "Run a case, or a definition with an input, on the reference interpreter");
  auto* case_option = exec->add_option("--case", options->case_file, "a *.case.json file");
  auto* definition = exec->add_option("definition", options->definition, "an ASL definition file (instead of --case)");
  case_option->excludes(definition);
  exec->add_option("--input", options->input, "execution input with DEFINITION: JSON or @file (default {})");
  exec->add_option("--type", options->type, "STANDARD or EXPRESS (with DEFINITION)")
      ->check(CLI::IsMember({"STANDARD", "EXPRESS"}));
  exec->add_flag("--history", options->history, "include AWS-shaped history events in the result");
  exec->add_option("--seed", options->seed, "seed for UUIDs, unseeded MathRandom and FULL jitter (default 0)");
  exec->callback([options, &exit_code] {
    if (options->case_file.empty() && options->definition.empty()) {
      throw CLI::RequiredError("--case FILE or DEFINITION");
    }
    exit_code = run_exec(*options);
  });
}

}  // namespace aslcheck::cli
