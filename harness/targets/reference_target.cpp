// reference_target.cpp — the `reference` target: the oracle in process, reporting every channel.
#include "targets/reference_target.h"

#include <cstdlib>

#include "asl/exec.h"
#include "aslcheck/target.h"

namespace aslcheck {
namespace {

class ReferenceTarget final : public Target {
 public:
  explicit ReferenceTarget(const TargetSpec& spec) {
    capabilities_.channels.assign(std::begin(kAllChannels), std::end(kAllChannels));
    if (auto seed = spec.options.find("seed"); seed != spec.options.end()) {
      options_.seed = std::strtoull(seed->second.c_str(), nullptr, 10);
    }
    // `independent=true`: run every case a second time (history on) instead of answering with
    // the runner's oracle Result — a determinism self-check (properties_tests checks it too).
    if (auto independent = spec.options.find("independent"); independent != spec.options.end()) {
      independent_ = independent->second == "true" || independent->second == "1";
    }
    options_.history = true;
  }
  std::string_view name() const override { return "reference"; }
  const Capabilities& capabilities() const override { return capabilities_; }
  // The runner's oracle runs with seed 0: with another seed this target answers differently.
  bool is_the_oracle() const override { return !independent_ && options_.seed == 0; }
  asl::Result run(const asl::Case& c) override { return asl::execute(c, options_); }

 private:
  Capabilities capabilities_;
  asl::ExecOptions options_;
  bool independent_ = false;
};

}  // namespace

void register_reference_target() {
  register_target("reference", "the reference interpreter in process (the oracle itself)",
                  [](const TargetSpec& spec) { return std::make_unique<ReferenceTarget>(spec); });
}

}  // namespace aslcheck
