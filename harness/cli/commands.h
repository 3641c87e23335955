// commands.h — every aslcheck subcommand registers itself on the CLI11 app through one of these.
#pragma once

#include <CLI/CLI.hpp>

namespace aslcheck::cli {

// Exit codes shared by every command (README "Exit codes").
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // the thing evaluated failed, or a definition is invalid (details on stdout)
inline constexpr int kExitUsage = 2;   // bad arguments or unreadable/invalid input (located message on stderr)

// Each returns the exit code through `exit_code` once the subcommand has run.
void register_eval(CLI::App& app, int& exit_code);
void register_exec(CLI::App& app, int& exit_code);
void register_validate(CLI::App& app, int& exit_code);
void register_bench(CLI::App& app, int& exit_code);
void register_serve(CLI::App& app, int& exit_code);
void register_mock_config(CLI::App& app, int& exit_code);
void register_cleanup(CLI::App& app, int& exit_code);
// `run` and `replay` (exit codes 0-4: aslcheck/runner.h exit_code, README "Exit codes").
void register_run(CLI::App& app, int& exit_code);
void register_gen(CLI::App& app, int& exit_code);  // `gen`: generated case files and the feature histogram
void register_merge(CLI::App& app, int& exit_code);         // `merge --out OUT DIR...`: shard outputs into one run
void register_report(CLI::App& app, int& exit_code);        // `report DIR`: junit.xml and report.html again
void register_expectations(CLI::App& app, int& exit_code);  // `expectations update --from DIR`
void register_test_state(CLI::App& app, int& exit_code);    // `test-state DEFINITION`: the TestState API

}  // namespace aslcheck::cli
