// alsf_target.cpp — the `alsf` target: aws-local-stepfunctions 3.0.0 in persistent Node workers (harness/targets/alsf/worker.mjs).
#include <cstdlib>
#include <filesystem>

#include "targets/worker_target.h"
#include "targets/worker_targets.h"

namespace aslcheck {
namespace {

// Where worker.mjs and its node_modules live: option dir=..., else $ASLCHECK_ALSF_DIR, else the
// source tree this aslcheck was built from (`make` runs npm ci there).
std::string package_dir(const TargetSpec& spec) {
  if (auto it = spec.options.find("package"); it != spec.options.end()) return it->second;
  if (const char* env = std::getenv("ASLCHECK_ALSF_DIR"); env != nullptr && *env != '\0') return env;
  return ASLCHECK_ALSF_DIR;
}

std::unique_ptr<Target> make_alsf_target(const TargetSpec& spec) {
  WorkerTargetConfig config;
  config.name = "alsf";
  std::string dir = package_dir(spec);
  std::string node = "node";
  if (auto it = spec.options.find("node"); it != spec.options.end()) node = it->second;
  config.command.argv = {node, dir + "/worker.mjs"};
  config.command.working_dir = dir;
  apply_common_worker_options(spec, config);
  namespace fs = std::filesystem;
  if (!fs::exists(fs::path(dir) / "worker.mjs")) {
    config.unavailable = "the alsf worker " + dir + "/worker.mjs is missing (set ASLCHECK_ALSF_DIR or package=DIR)";
  } else if (!fs::exists(fs::path(dir) / "node_modules" / "aws-local-stepfunctions" / "package.json")) {
    config.unavailable = "aws-local-stepfunctions is not installed in " + dir +
                         "/node_modules: run `make` (npm ci there; needs node >= 20 and npm)";
  }
  return make_worker_target(std::move(config));
}

}  // namespace

void register_alsf_target() {
  register_target("alsf", "aws-local-stepfunctions 3.0.0 in persistent Node workers on a virtual clock",
                  make_alsf_target);
}

}  // namespace aslcheck
