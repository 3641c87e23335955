// validate_command.cpp — `aslcheck validate`: AWS's static validation of a definition, printed like ValidateStateMachineDefinition.
#include <iostream>

#include "asl/json.h"
#include "asl/machine.h"
#include "cli/commands.h"
#include "cli/json_argument.h"

namespace aslcheck::cli {

namespace {

struct ValidateOptions {
  std::string definition;
  std::string type = "STANDARD";
  std::string severity = "ERROR";
};

int run_validate(const ValidateOptions& options) {
  auto text = read_text_argument("@" + options.definition, "DEFINITION");
  if (!text) {
    std::cerr << "aslcheck validate: " << text.error().message << '\n';
    return kExitUsage;
  }
  asl::ValidationOptions validation;
  validation.type = options.type == "EXPRESS" ? asl::MachineType::express : asl::MachineType::standard;
  std::vector<asl::Diagnostic> all = asl::validate_text(*text, validation);
  bool failed = false;
  asl::Array shown;
  for (const asl::Diagnostic& d : all) {
    failed = failed || d.severity == "ERROR";
    // As the API: severity ERROR (the default) reports errors only, WARNING reports both.
    if (options.severity == "ERROR" && d.severity != "ERROR") continue;
    asl::Object o{{"severity", asl::Value(d.severity)}, {"code", asl::Value(d.code)}, {"message", asl::Value(d.message)}};
    if (!d.location.empty()) o.set("location", asl::Value(d.location));
    shown.emplace_back(std::move(o));
  }
  asl::Object out{{"result", asl::Value(failed ? "FAIL" : "OK")},
                  {"diagnostics", asl::Value(std::move(shown))},
                  {"truncated", asl::Value(false)}};
  std::cout << asl::json::write(asl::Value(std::move(out))) << '\n';
  return failed ? kExitFailed : kExitOk;
}

}  // namespace

void register_validate(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* validate = app.add_subcommand("validate", "Validate a definition as AWS's ValidateStateMachineDefinition does");
  validate->add_option("definition", options->definition, "the ASL definition file")->required();
  validate->add_option("--type", options->type, "STANDARD or EXPRESS")->check(CLI::IsMember({"STANDARD", "EXPRESS"}));
  validate->add_option("--severity", options->severity, "ERROR (errors only, the default) or WARNING (errors and warnings)")
      ->check(CLI::IsMember({"ERROR", "WARNING"}));
  validate->callback([options, &exit_code] { exit_code = run_validate(*options); });
}

}  // namespace aslcheck::cli
