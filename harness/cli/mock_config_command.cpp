// mock_config_command.cpp — `aslcheck mock-config`: the cases' task scripts as a MockConfigFile for serve, Step Functions Local or LocalStack.
#include <fstream>
#include <iostream>

#include "asl/json.h"
#include "aslcheck/target.h"
#include "cli/commands.h"
#include "runner/case_source.h"
#include "serve/mock_config.h"

namespace aslcheck::cli {

namespace {

struct MockConfigOptions {
  std::vector<std::string> paths;
  std::string target = "sfn-api";
  std::string out;
};

int run_mock_config(const MockConfigOptions& options) {
  auto source = runner::CaseSource::open(options.paths, 0, 0, "full");
  if (!source) {
    std::cerr << "aslcheck mock-config: " << source.error().message << '\n';
    return kExitUsage;
  }
  auto target = make_target(TargetSpec{options.target, {}});
  if (!target) {
    std::cerr << "aslcheck mock-config: " << target.error().message << '\n';
    return kExitUsage;
  }
  std::vector<asl::Case> cases;
  for (std::int64_t i = 0; i < source->size(); ++i) {
    auto c = source->load(i);
    if (!c) {
      std::cerr << "aslcheck mock-config: " << c.error().message << '\n';
      return kExitUsage;
    }
    // The target skips these cases, so their scripts stay out of the file (reason on stderr).
    if (auto why = (*target)->cannot_run(*c)) {
      std::cerr << "aslcheck mock-config: skipped " << c->id << ": " << *why << '\n';
      continue;
    }
    cases.push_back(std::move(c).value());
  }
  // Only aslcheck serve reads the timing extension; the other flavours skip cases that need it.
  std::string text = asl::json::write(serve::write_mock_config(cases, options.target == "sfn-api")) + "\n";
  if (options.out.empty() || options.out == "-") {
    std::cout << text;
  } else {
    std::ofstream out(options.out, std::ios::binary);
    out << text;
    if (!out) {
      std::cerr << "aslcheck mock-config: cannot write " << options.out << '\n';
      return kExitUsage;
    }
  }
  std::cerr << "aslcheck mock-config: " << cases.size() << " cases written as test case '" << serve::kTestCaseName << "'\n";
  return kExitOk;
}

}  // namespace

void register_mock_config(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<MockConfigOptions>();
  CLI::App* cmd = app.add_subcommand("mock-config", "Write cases' task scripts as a Step Functions Local MockConfigFile");
  cmd->add_option("paths", options->paths, "case files or directories of *.case.json")->required();
  cmd->add_option("--target", options->target, "sfn-api (aslcheck serve), sfn-local or localstack (default sfn-api)")
      ->check(CLI::IsMember({"sfn-api", "sfn-local", "localstack"}));
  cmd->add_option("--out,-o", options->out, "the file to write (default: standard output)");
  cmd->callback([options, &exit_code] { exit_code = run_mock_config(*options); });
}

}  // namespace aslcheck::cli
