// command_target.cpp — the `command` target: any executable that speaks the worker protocol (README "Worker protocol").
#include "targets/worker_target.h"
#include "targets/worker_targets.h"

namespace aslcheck {
namespace {

std::unique_ptr<Target> make_command_target(const TargetSpec& spec) {
  WorkerTargetConfig config;
  config.name = "command";
  if (auto it = spec.options.find("name"); it != spec.options.end()) config.name = it->second;
  if (auto it = spec.options.find("command"); it != spec.options.end()) {
    config.command.argv = WorkerProcess::split_command_line(it->second);
  }
  if (config.command.argv.empty()) {
    config.unavailable = "the command target needs the worker's command line (--command 'node my-worker.mjs' or "
                         "--target-option command=...)";
  }
  apply_common_worker_options(spec, config);
  return make_worker_target(std::move(config));
}

}  // namespace

void register_command_target() {
  register_target("command", "any executable speaking aslcheck's JSON-lines worker protocol (--command CMD)",
                  make_command_target);
}

}  // namespace aslcheck
