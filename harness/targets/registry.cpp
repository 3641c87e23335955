// registry.cpp — the target kinds known to `--target`, and the channel names shared by diff and reports.
#include <algorithm>

#include "aslcheck/target.h"

namespace aslcheck {
namespace {

std::vector<TargetKind>& kinds() {
  static std::vector<TargetKind> registered;
  return registered;
}

constexpr std::string_view kChannelNames[] = {"status", "output",  "error",       "cause",  "trace",
                                              "retries", "history", "diagnostics", "objects"};

}  // namespace

std::string_view channel_name(Channel channel) { return kChannelNames[static_cast<std::size_t>(channel)]; }

std::optional<Channel> parse_channel(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kChannelNames); ++i) {
    if (kChannelNames[i] == name) return static_cast<Channel>(i);
  }
  return std::nullopt;
}

bool Capabilities::reports(Channel channel) const {
  return std::find(channels.begin(), channels.end(), channel) != channels.end();
}

void register_target(std::string name, std::string summary, TargetFactory factory) {
  kinds().push_back(TargetKind{std::move(name), std::move(summary), std::move(factory)});
  std::sort(kinds().begin(), kinds().end(), [](const TargetKind& a, const TargetKind& b) { return a.name < b.name; });
}

const std::vector<TargetKind>& target_kinds() {
  static const bool registered = (register_builtin_targets(), true);
  (void)registered;
  return kinds();
}

asl::Expected<std::unique_ptr<Target>> make_target(const TargetSpec& spec) {
  target_kinds();
  for (const TargetKind& kind : kinds()) {
    if (kind.name == spec.name) return kind.factory(spec);
  }
  std::string known;
  for (const TargetKind& kind : kinds()) known += (known.empty() ? "" : ", ") + kind.name;
  return asl::Error{std::string(asl::errc::usage), "unknown target '" + spec.name + "' (known: " + known + ")", {}};
}

}  // namespace aslcheck
