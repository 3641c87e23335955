// target.h — what the harness runs cases on: the oracle in process, an emulator's worker, an HTTP endpoint.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/case.h"
#include "asl/result.h"

namespace aslcheck {

// The channels of DESIGN.md's diff. A target reports only some of them; the diff compares a
// channel only when the target declares it.
enum class Channel : std::uint8_t {
  status,
  output,
  error,
  cause,
  trace,
  retries,      // retry delays (timing)
  history,      // history event types
  diagnostics,  // validation diagnostics of near-valid cases
  objects,      // what a distributed Map's ResultWriter wrote
};
std::string_view channel_name(Channel channel);
std::optional<Channel> parse_channel(std::string_view name);
inline constexpr Channel kAllChannels[] = {Channel::status, Channel::output,  Channel::error,
                                           Channel::cause,  Channel::trace,   Channel::retries,
                                           Channel::history, Channel::diagnostics, Channel::objects};

struct Capabilities {
  std::vector<Channel> channels;  // what run() fills in and the diff may compare
  bool express = true;            // can run EXPRESS machines
  bool distributed_map = true;    // can run ItemReader/ResultWriter over the case's objects
  bool callbacks = true;          // .waitForTaskToken tasks
  bool jsonata = true;            // QueryLanguage JSONata
  bool variables = true;          // Assign and $variables
  // Virtual seconds are scaled by this before the target sees them (1 = real time, 0.001 =
  // Wait 10 runs for 10 ms); recorded so timing channels are compared at the target's scale.
  double time_scale = 1;
  bool reports(Channel channel) const;
};

// One target instance serves one job at a time; the runner makes one per job through the
// target's factory, so run() needs no locking.
class Target {
 public:
  virtual ~Target() = default;
  virtual std::string_view name() const = 0;
  virtual const Capabilities& capabilities() const = 0;
  // Why this target cannot express the case (it is then skipped with that reason), or nothing.
  virtual std::optional<std::string> cannot_run(const asl::Case& c) const { return std::nullopt; }
  // Channels of capabilities() this target cannot report for this particular case, and why (an
  // Express execution has no history through the Step Functions API): the diff leaves them out
  // for this case only, and the case's record says so.
  struct Withheld {
    std::vector<Channel> channels;
    std::string reason;
  };
  virtual Withheld withheld_channels(const asl::Case& c) const { return {}; }
  // A target that costs money per execution (a real AWS account) says so; the runner then prints
  // cost_estimate() of the cases it is about to run (one line) before the first one starts.
  virtual bool billed() const { return false; }
  virtual std::string cost_estimate(const std::vector<asl::Case>& cases) const { return {}; }
  // True for a target that is the oracle itself with the runner's options (the `reference`
  // target): the runner takes the oracle's Result as its answer instead of running each case a
  // second time, so an oracle-only run measures the harness around one execution per case.
  virtual bool is_the_oracle() const { return false; }
  // Runs the case. Infrastructure failures come back as Status::target_error with a message,
  // never as an exception and never as a pass.
  virtual asl::Result run(const asl::Case& c) = 0;
};

// What `--target NAME` and its options (`--target-option key=value`, `--endpoint-url`, ...)
// resolve to.
struct TargetSpec {
  std::string name;
  std::map<std::string, std::string> options;
};
using TargetFactory = std::function<std::unique_ptr<Target>(const TargetSpec&)>;

// The registry of target kinds ("reference", "alsf", "command", "sfn-api", ...).
// register_builtin_targets() (targets/builtin.cpp) registers every kind aslcheck ships, once;
// make_target and target_kinds call it themselves.
void register_builtin_targets();
void register_target(std::string name, std::string summary, TargetFactory factory);
struct TargetKind {
  std::string name;
  std::string summary;
  TargetFactory factory;
};
const std::vector<TargetKind>& target_kinds();
// Makes a target, or an error naming the known kinds.
asl::Expected<std::unique_ptr<Target>> make_target(const TargetSpec& spec);

}  // namespace aslcheck
