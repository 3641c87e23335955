// gen_command.cpp — `aslcheck gen`: writes generated case files (valid and near-valid) and prints the feature histogram.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "asl/json.h"
#include "aslgen/generate.h"
#include "cli/commands.h"

namespace aslcheck::cli {

namespace {

struct GenCommandOptions {
  std::uint64_t count = 100;
  std::uint64_t seed = 0;
  std::string out;
  double near_valid_ratio = 0.1;
  std::string profile = "full";
  std::vector<std::string> settings;  // --set NAME=N, appended to the profile
  bool stats = false;
};

int run_gen(const GenCommandOptions& options) {
  std::string spec = options.profile;
  for (const std::string& setting : options.settings) spec += "," + setting;
  auto gen = aslgen::parse_profile(spec);
  if (!gen) {
    std::cerr << "aslcheck gen: --profile '" << spec << "': " << gen.error().message << "\n";
    return kExitUsage;
  }
  if (options.out.empty() && !options.stats) {
    std::cerr << "aslcheck gen: give --out DIR (case files) and/or --stats (feature histogram)\n";
    return kExitUsage;
  }
  gen->near_valid_ratio = options.near_valid_ratio;
  if (!options.out.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.out, ec);
    if (ec) {
      std::cerr << "aslcheck gen: " << options.out << ": cannot create directory: " << ec.message() << '\n';
      return kExitUsage;
    }
  }
  std::map<std::string, std::uint64_t> histogram;
  std::map<std::string, std::uint64_t> main_features;
  std::uint64_t near_valid = 0;
  for (std::uint64_t i = 0; i < options.count; ++i) {
    asl::Case c = aslgen::generate_case(options.seed, i, *gen);
    if (c.expect) ++near_valid;
    if (!c.tags.empty()) ++main_features[c.tags.front()];
    for (const std::string& t : c.tags) ++histogram[t];
    if (options.out.empty()) continue;
    const std::filesystem::path file = std::filesystem::path(options.out) / (c.id + ".case.json");
    std::ofstream stream(file, std::ios::binary);
    stream << asl::json::write(asl::to_json(c)) << '\n';
    if (!stream) {
      std::cerr << "aslcheck gen: " << file.string() << ": cannot write\n";
      return kExitUsage;
    }
  }
  if (options.stats) {
    asl::Object tags, mains;
    for (const auto& [t, n] : histogram) tags.append_unique(t, asl::Value(static_cast<std::int64_t>(n)));
    for (const auto& [t, n] : main_features) mains.append_unique(t, asl::Value(static_cast<std::int64_t>(n)));
    asl::Object out{{"cases", asl::Value(static_cast<std::int64_t>(options.count))},
                    {"seed", asl::Value(std::to_string(options.seed))},
                    {"profile", asl::Value(gen->profile)},
                    {"nearValid", asl::Value(static_cast<std::int64_t>(near_valid))},
                    {"mainFeatures", asl::Value(std::move(mains))},
                    {"tags", asl::Value(std::move(tags))}};
    std::cout << asl::json::write(asl::Value(std::move(out))) << '\n';
  }
  return kExitOk;
}

}  // namespace

void register_gen(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GenCommandOptions>();
  CLI::App* gen = app.add_subcommand("gen", "Generate valid and near-valid case files (deterministic per seed)");
  gen->add_option("--count", options->count, "how many cases (default 100)");
  gen->add_option("--seed", options->seed, "run seed: the same seed gives byte-identical files (default 0)");
  gen->add_option("--out", options->out, "directory for <id>.case.json files");
  gen->add_option("--near-valid-ratio", options->near_valid_ratio, "fraction of near-valid cases (default 0.1)")
      ->check(CLI::Range(0.0, 1.0));
  gen->add_option("--profile", options->profile,
                  "full|jsonpath|intrinsics|choice|errors|map|jsonata (default full), optionally with settings: full,variables=0");
  gen->add_option("--set", options->settings,
                  "NAME=N: change one feature weight or size of the profile (repeatable), e.g. --set variables=0 --set max_states=3");
  gen->add_flag("--stats", options->stats, "print the feature histogram as JSON");
  gen->callback([options, &exit_code] { exit_code = run_gen(*options); });
}

}  // namespace aslcheck::cli
