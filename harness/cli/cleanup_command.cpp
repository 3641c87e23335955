// cleanup_command.cpp — `aslcheck cleanup --run ID`: deletes state machines a run left behind (tag aslcheck:run = ID).
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"
#include "http/credentials.h"
#include "http/sfn_client.h"

namespace aslcheck::cli {

namespace {

struct CleanupOptions {
  std::string run_id;
  std::string endpoint_url;
  std::string region;
  std::string profile;
  bool dry_run = false;
};

int run_cleanup(const CleanupOptions& options) {
  http::AwsOverrides overrides{options.profile, options.region, options.endpoint_url};
  bool real_aws = options.endpoint_url.empty() && !std::getenv("AWS_ENDPOINT_URL") && !std::getenv("AWS_ENDPOINT_URL_SFN");
  auto settings = http::resolve_settings(overrides, http::process_environment(), real_aws);
  if (!settings) {
    std::cerr << "aslcheck cleanup: " << settings.error().message << '\n';
    return kExitUsage;
  }
  http::SfnClient client(*settings);
  std::size_t deleted = 0, failed = 0;
  std::string next_token;
  do {
    asl::Object request{{"maxResults", asl::Value(1000)}};
    if (!next_token.empty()) request.set("nextToken", asl::Value(next_token));
    auto page = client.call("ListStateMachines", asl::Value(std::move(request)));
    if (!page) {
      std::cerr << "aslcheck cleanup: ListStateMachines: " << http::redact(page.error().name + ": " + page.error().message, settings->credentials) << '\n';
      return kExitFailed;
    }
    const asl::Value* list = page->get("stateMachines");
    for (const asl::Value& machine : list != nullptr && list->is_array() ? list->as_array() : asl::Array{}) {
      const asl::Value* arn = machine.get("stateMachineArn");
      if (arn == nullptr || !arn->is_string()) continue;
      auto tags = client.call("ListTagsForResource", asl::Value(asl::Object{{"resourceArn", *arn}}));
      if (!tags) continue;
      bool ours = false;
      if (const asl::Value* t = tags->get("tags"); t != nullptr && t->is_array()) {
        for (const asl::Value& tag : t->as_array()) {
          const asl::Value* key = tag.get("key");
          const asl::Value* value = tag.get("value");
          ours = ours || (key != nullptr && key->is_string() && key->as_string() == "aslcheck:run" && value != nullptr &&
                          value->is_string() && value->as_string() == options.run_id);
        }
      }
      if (!ours) continue;
      if (options.dry_run) {
        std::cout << "would delete " << arn->as_string() << '\n';
        ++deleted;
        continue;
      }
      auto gone = client.call("DeleteStateMachine", asl::Value(asl::Object{{"stateMachineArn", *arn}}));
      if (gone) {
        std::cout << "deleted " << arn->as_string() << '\n';
        ++deleted;
      } else {
        std::cerr << "aslcheck cleanup: " << arn->as_string() << ": " << gone.error().name << ": " << gone.error().message << '\n';
        ++failed;
      }
    }
    const asl::Value* token = page->get("nextToken");
    next_token = token != nullptr && token->is_string() ? token->as_string() : std::string();
  } while (!next_token.empty());
  std::cout << "aslcheck cleanup: " << deleted << (options.dry_run ? " state machines to delete" : " state machines deleted")
            << " for run " << options.run_id << (failed ? ", " + std::to_string(failed) + " failed" : "") << '\n';
  return failed ? kExitFailed : kExitOk;
}

}  // namespace

void register_cleanup(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CleanupOptions>();
  CLI::App* cmd = app.add_subcommand("cleanup", "Delete the state machines a run tagged aslcheck:run=ID (leftovers after a crash)");
  cmd->add_option("--run", options->run_id, "the run id (the target option run-id)")->required();
  cmd->add_option("--endpoint-url", options->endpoint_url, "a Step Functions endpoint other than AWS's");
  cmd->add_option("--region", options->region, "the region (default: AWS_REGION, the profile, us-east-1)");
  cmd->add_option("--profile", options->profile, "a profile of the shared config/credentials files");
  cmd->add_flag("--dry-run", options->dry_run, "list what would be deleted");
  cmd->callback([options, &exit_code] { exit_code = run_cleanup(*options); });
}

}  // namespace aslcheck::cli
