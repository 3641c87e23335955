// main.cpp — the aslcheck command line: one CLI11 app, one registration per subcommand.
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"aslcheck: property-based conformance harness for the Amazon States Language"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "aslcheck 0.1.0");
  int exit_code = aslcheck::cli::kExitOk;
  aslcheck::cli::register_eval(app, exit_code);
  aslcheck::cli::register_exec(app, exit_code);
  aslcheck::cli::register_validate(app, exit_code);
  aslcheck::cli::register_bench(app, exit_code);
  aslcheck::cli::register_serve(app, exit_code);
  aslcheck::cli::register_mock_config(app, exit_code);
  aslcheck::cli::register_cleanup(app, exit_code);
  aslcheck::cli::register_run(app, exit_code);
  aslcheck::cli::register_gen(app, exit_code);
  aslcheck::cli::register_merge(app, exit_code);
  aslcheck::cli::register_report(app, exit_code);
  aslcheck::cli::register_expectations(app, exit_code);
  aslcheck::cli::register_test_state(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : aslcheck::cli::kExitUsage;
  }
  return exit_code;
}
