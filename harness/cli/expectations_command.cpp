// expectations_command.cpp — `aslcheck expectations update --from DIR`: a target's expectations file written from a run.
#include <filesystem>
#include <iostream>

#include "asl/json.h"
#include "aslcheck/reports.h"
#include "cli/commands.h"

namespace aslcheck::cli {

namespace {

struct UpdateOptions {
  std::string from;
  std::string file;  // default: corpus/expectations/<target>.json
  std::string by = "id";
};

std::string describe(const Expectation& e) {
  return asl::json::write(to_json(e));
}

int run_update(const UpdateOptions& options) {
  std::string path = options.file;
  if (path.empty()) {
    auto info = read_run_info_file((std::filesystem::path(options.from) / "run.json").string());
    if (!info) {
      std::cerr << "aslcheck expectations update: " << asl::format_error(info.error()) << '\n';
      return kExitUsage;
    }
    path = (std::filesystem::path("corpus") / "expectations" / (info->target + ".json")).string();
  }
  ExpectationFile file;
  bool exists = std::filesystem::exists(path);
  if (exists) {
    auto read = read_expectations(path);
    if (!read) {
      std::cerr << "aslcheck expectations update: " << asl::format_error(read.error()) << '\n';
      return kExitUsage;
    }
    file = std::move(*read);
  }
  ExpectationsUpdateOptions update_options;
  update_options.by = options.by == "feature" ? ExpectationsUpdateOptions::By::feature : ExpectationsUpdateOptions::By::id;
  auto summary = update_expectations(file, options.from, update_options);
  if (!summary) {
    std::cerr << "aslcheck expectations update: " << asl::format_error(summary.error()) << '\n';
    return kExitUsage;
  }
  std::error_code error;
  if (auto parent = std::filesystem::path(path).parent_path(); !parent.empty()) {
    std::filesystem::create_directories(parent, error);
  }
  if (auto ok = save_expectations(file, path); !ok) {
    std::cerr << "aslcheck expectations update: " << asl::format_error(ok.error()) << '\n';
    return kExitUsage;
  }
  for (const Expectation& e : summary->removed) {
    std::cerr << "aslcheck expectations update: removed (its case matches now): " << describe(e) << '\n';
  }
  if (!summary->todo.empty()) {
    std::cerr << "aslcheck expectations update: warning: " << summary->todo.size() << " entr"
              << (summary->todo.size() == 1 ? "y needs" : "ies need") << " a reason in " << path
              << " (replace \"" << kTodoReason << "\"):\n";
    for (const Expectation& e : summary->todo) std::cerr << "  " << describe(e) << '\n';
  }
  asl::Object out{{"file", asl::Value(path)},
                  {"created", asl::Value(!exists)},
                  {"added", asl::Value(static_cast<std::int64_t>(summary->added.size()))},
                  {"removed", asl::Value(static_cast<std::int64_t>(summary->removed.size()))},
                  {"kept", asl::Value(static_cast<std::int64_t>(summary->kept))},
                  {"todo", asl::Value(static_cast<std::int64_t>(summary->todo.size()))}};
  std::cout << asl::json::write(asl::Value(std::move(out))) << '\n';
  return kExitOk;
}

}  // namespace

void register_expectations(CLI::App& app, int& exit_code) {
  CLI::App* expectations = app.add_subcommand("expectations", "Maintain a target's known divergences (corpus/expectations/<target>.json)");
  expectations->require_subcommand(1);
  auto options = std::make_shared<UpdateOptions>();
  CLI::App* update = expectations->add_subcommand(
      "update", "Add a run's new divergences (reason \"TODO: reason\", to be filled in) and drop entries whose case matches now");
  update->add_option("--from", options->from, "the run directory")->required()->check(CLI::ExistingDirectory);
  update->add_option("--file", options->file, "the expectations file (default: corpus/expectations/<run's target>.json)");
  update->add_option("--by", options->by, "new entries select the case by id (default) or by its feature")
      ->check(CLI::IsMember({"id", "feature"}));
  update->callback([options, &exit_code] { exit_code = run_update(*options); });
}

}  // namespace aslcheck::cli
