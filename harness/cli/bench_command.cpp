// bench_command.cpp — `aslcheck bench`: executions per second of one definition on the oracle, on one core.
#include <chrono>
#include <iostream>

#include "asl/exec.h"
#include "asl/json.h"
#include "cli/commands.h"
#include "cli/json_argument.h"

namespace aslcheck::cli {

namespace {

struct BenchOptions {
  std::string definition;
  std::string input = "{}";
  double seconds = 2.0;
  std::string type = "STANDARD";
};

int run_bench(const BenchOptions& options) {
  auto definition = read_json_argument("@" + options.definition, "DEFINITION");
  if (!definition) {
    std::cerr << "aslcheck bench: " << definition.error().message << '\n';
    return kExitUsage;
  }
  auto input = read_json_argument(options.input, "--input");
  if (!input) {
    std::cerr << "aslcheck bench: " << input.error().message << '\n';
    return kExitUsage;
  }
  asl::Case c;
  c.id = "bench";
  c.definition = *definition;
  c.input = *input;
  c.context = asl::Value(asl::Object{});
  c.type = options.type == "EXPRESS" ? asl::MachineType::express : asl::MachineType::standard;
  asl::ValidationOptions validation;
  validation.type = c.type;
  // The definition is loaded once, as an emulator builds its machine once; only runs are timed.
  asl::LoadResult loaded = asl::load(c.definition, validation);
  if (!loaded.machine) {
    std::cerr << "aslcheck bench: the definition is invalid: " << asl::invalid_definition_message(loaded.diagnostics)
              << '\n';
    return kExitFailed;
  }
  asl::Result first = asl::execute(*loaded.machine, c);
  using clock = std::chrono::steady_clock;
  std::int64_t runs = 0;
  auto start = clock::now();
  auto deadline = start + std::chrono::duration<double>(options.seconds);
  auto now = start;
  do {
    for (int i = 0; i < 64; ++i) {
      asl::Result r = asl::execute(*loaded.machine, c);
      if (r.status != first.status) {
        std::cerr << "aslcheck bench: runs disagree (" << asl::status_name(r.status) << " vs "
                  << asl::status_name(first.status) << ")\n";
        return kExitFailed;
      }
    }
    runs += 64;
    now = clock::now();
  } while (now < deadline);
  double elapsed = std::chrono::duration<double>(now - start).count();
  asl::Object out{{"definition", asl::Value(options.definition)},
                  {"status", asl::Value(asl::status_name(first.status))},
                  {"executions", asl::Value(runs)},
                  {"seconds", asl::Value(elapsed)},
                  {"executionsPerSecond", asl::Value(static_cast<double>(runs) / elapsed)},
                  {"allocator", asl::Value(ASLCHECK_ALLOCATOR_NAME)}};
  std::cout << asl::json::write(asl::Value(std::move(out))) << '\n';
  return kExitOk;
}

}  // namespace

void register_bench(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<BenchOptions>();
  CLI::App* bench = app.add_subcommand("bench", "Measure executions per second of a definition on the oracle (one core)");
  bench->add_option("definition", options->definition, "the ASL definition file")->required();
  bench->add_option("--input", options->input, "execution input: JSON or @file (default {})");
  bench->add_option("--seconds", options->seconds, "how long to run (default 2)")->check(CLI::PositiveNumber);
  bench->add_option("--type", options->type, "STANDARD or EXPRESS")->check(CLI::IsMember({"STANDARD", "EXPRESS"}));
  bench->callback([options, &exit_code] { exit_code = run_bench(*options); });
}

}  // namespace aslcheck::cli
