// eval_command.cpp — `aslcheck eval`: evaluate one JSONPath, intrinsic call or payload template and print the result.
#include <iostream>
#include <map>

#include "asl/intrinsics.h"
#include "asl/json.h"
#include "asl/jsonpath.h"
#include "asl/payload_template.h"
#include "cli/commands.h"
#include "cli/json_argument.h"

namespace aslcheck::cli {

namespace {

struct EvalOptions {
  std::string jsonpath;
  std::string intrinsic;
  std::string payload_template;
  std::string input = "{}";
  std::string context;
  std::string variables = "{}";
  std::uint64_t seed = 0;
};

class MapVariables final : public asl::Variables {
 public:
  explicit MapVariables(const asl::Value& object) : object_(object) {}
  const asl::Value* find(std::string_view name) const override { return object_.get(name); }

 private:
  const asl::Value& object_;
};

// The context object `$$` when --context is not given: shaped like AWS's, with fixed values so
// results are reproducible.
asl::Value default_context(const asl::Value& input) {
  const std::string region_account = "us-east-1:123456789012";
  return asl::Value(asl::Object{
      {"Execution", asl::Value(asl::Object{
                        {"Id", asl::Value("arn:aws:states:" + region_account + ":execution:aslcheck-eval:eval")},
                        {"Input", input},
                        {"Name", asl::Value("eval")},
                        {"RoleArn", asl::Value("arn:aws:iam::123456789012:role/aslcheck")},
                        {"StartTime", asl::Value("2026-01-01T00:00:00.000Z")},
                        {"RedriveCount", asl::Value(0)},
                    })},
      {"StateMachine", asl::Value(asl::Object{
                           {"Id", asl::Value("arn:aws:states:" + region_account + ":stateMachine:aslcheck-eval")},
                           {"Name", asl::Value("aslcheck-eval")},
                       })},
      {"State", asl::Value(asl::Object{
                    {"Name", asl::Value("Eval")},
                    {"EnteredTime", asl::Value("2026-01-01T00:00:00.000Z")},
                    {"RetryCount", asl::Value(0)},
                })},
  });
}

void print_failure(const asl::Error& error) {
  asl::Object out{{"error", asl::Value(error.name)}, {"cause", asl::Value(error.message)}};
  if (error.where.line != 0) {
    out.set("location", asl::Value(std::to_string(error.where.line) + ":" + std::to_string(error.where.column)));
  } else if (!error.where.pointer.empty()) {
    out.set("location", asl::Value(error.where.pointer));
  }
  std::cout << asl::json::write(asl::Value(std::move(out))) << '\n';
}

int run_eval(const EvalOptions& options) {
  auto input = read_json_argument(options.input, "--input");
  if (!input) {
    std::cerr << "aslcheck eval: " << input.error().message << '\n';
    return kExitUsage;
  }
  auto variables = read_json_argument(options.variables, "--variables");
  if (!variables || !variables->is_object()) {
    std::cerr << "aslcheck eval: "
              << (variables ? std::string("--variables must be a JSON object") : variables.error().message) << '\n';
    return kExitUsage;
  }
  asl::Value context;
  if (options.context.empty()) {
    context = default_context(*input);
  } else {
    auto given = read_json_argument(options.context, "--context");
    if (!given) {
      std::cerr << "aslcheck eval: " << given.error().message << '\n';
      return kExitUsage;
    }
    context = std::move(given).value();
  }

  MapVariables vars(*variables);
  asl::Entropy entropy(options.seed);
  asl::Scope scope{&input.value(), &context, &vars, &entropy};

  asl::Expected<asl::Value> result = asl::Value();
  if (!options.jsonpath.empty()) {
    auto path = asl::jsonpath::compile(options.jsonpath);
    if (!path) {
      print_failure(path.error());
      return kExitFailed;
    }
    result = asl::jsonpath::evaluate(*path, scope);
  } else if (!options.intrinsic.empty()) {
    auto text = read_text_argument(options.intrinsic, "--intrinsic");
    if (!text) {
      std::cerr << "aslcheck eval: " << text.error().message << '\n';
      return kExitUsage;
    }
    auto call = asl::intrinsics::compile(*text);
    if (!call) {
      print_failure(call.error());
      return kExitFailed;
    }
    result = asl::intrinsics::evaluate(*call, scope);
  } else {
    auto spec = read_json_argument(options.payload_template, "--template");
    if (!spec) {
      std::cerr << "aslcheck eval: " << spec.error().message << '\n';
      return kExitUsage;
    }
    auto compiled = asl::PayloadTemplate::compile(*spec, "Parameters");
    if (!compiled) {
      print_failure(compiled.error());
      return kExitFailed;
    }
    result = compiled->evaluate(scope);
  }
  if (!result) {
    print_failure(result.error());
    return kExitFailed;
  }
  std::cout << asl::json::write(*result) << '\n';
  return kExitOk;
}

}  // namespace

void register_eval(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* eval = app.add_subcommand(
      "eval", "Evaluate a JSONPath, an intrinsic call or a payload template as AWS would, and print the result");
  auto* jsonpath = eval->add_option("--jsonpath", options->jsonpath, "JSONPath ($..., $$..., $name...)");
  auto* intrinsic = eval->add_option("--intrinsic", options->intrinsic, "intrinsic call, States.X(...) (or @file)");
  auto* payload = eval->add_option("--template", options->payload_template,
                                   "Parameters-style template: JSON object with .$ keys (or @file)");
  jsonpath->excludes(intrinsic)->excludes(payload);
  intrinsic->excludes(payload);
  eval->add_option("--input", options->input, "the state input `$`: JSON or @file (default {})");
  eval->add_option("--context", options->context, "the context object `$$`: JSON or @file (default: a fixed one)");
  eval->add_option("--variables", options->variables, "workflow variables `$name`: a JSON object or @file");
  eval->add_option("--seed", options->seed, "seed for States.UUID and unseeded States.MathRandom (default 0)");
  eval->callback([options, eval, &exit_code] {
    if (options->jsonpath.empty() && options->intrinsic.empty() && options->payload_template.empty()) {
      throw CLI::RequiredError("one of --jsonpath, --intrinsic or --template");
    }
    exit_code = run_eval(*options);
  });
}

}  // namespace aslcheck::cli
