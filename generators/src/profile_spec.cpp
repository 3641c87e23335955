// profile_spec.cpp — "--profile NAME[,FEATURE=N,...]": a named profile with feature weights and sizes changed by name.
#include <charconv>

#include "aslgen/generate.h"

namespace aslgen {

namespace {

struct Setting {
  std::string_view name;
  int FeatureWeights::*weight = nullptr;  // a weight, or else one of the sizes below
  int GenOptions::*size = nullptr;
  int min = 0, max = 1000;
};

// Every weight and size by the name README documents; kinds are relative, the rest per mille.
constexpr Setting kSettings[] = {
    {"pass", &FeatureWeights::pass, nullptr, 0, 100},
    {"task", &FeatureWeights::task, nullptr, 0, 100},
    {"choice", &FeatureWeights::choice, nullptr, 0, 100},
    {"wait", &FeatureWeights::wait, nullptr, 0, 100},
    {"parallel", &FeatureWeights::parallel, nullptr, 0, 100},
    {"map", &FeatureWeights::map, nullptr, 0, 100},
    {"succeed_end", &FeatureWeights::succeed_end},
    {"fail_exit", &FeatureWeights::fail_exit},
    {"io_fields", &FeatureWeights::io_fields},
    {"intrinsics", &FeatureWeights::intrinsics},
    {"indefinite_paths", &FeatureWeights::indefinite_paths},
    {"variables", &FeatureWeights::variables},
    {"retry", &FeatureWeights::retry},
    {"catch", &FeatureWeights::catch_},
    {"task_failures", &FeatureWeights::task_failures},
    {"timeouts", &FeatureWeights::timeouts},
    {"callback", &FeatureWeights::callback},
    {"distributed_map", &FeatureWeights::distributed_map},
    {"loop", &FeatureWeights::loop},
    {"express", &FeatureWeights::express},
    {"machine_timeout", &FeatureWeights::machine_timeout},
    {"jsonata", &FeatureWeights::jsonata},
    {"jsonata_machine", &FeatureWeights::jsonata_machine},
    {"jsonata_errors", &FeatureWeights::jsonata_errors},
    {"max_states", nullptr, &GenOptions::max_states, 1, 30},
    {"max_depth", nullptr, &GenOptions::max_depth, 0, 5},
    {"max_input_fields", nullptr, &GenOptions::max_input_fields, 0, 64},
    {"max_items", nullptr, &GenOptions::max_items, 0, 64},
};

std::string known_settings() {
  std::string out;
  for (const Setting& s : kSettings) out += (out.empty() ? "" : ", ") + std::string(s.name);
  return out;
}

}  // namespace

std::vector<std::string> setting_names() {
  std::vector<std::string> names;
  for (const Setting& s : kSettings) names.emplace_back(s.name);
  return names;
}

// spec := profile ( "," name "=" integer )*
asl::Expected<GenOptions> parse_profile(std::string_view spec) {
  const std::size_t comma = spec.find(',');
  const std::string_view base = spec.substr(0, comma);
  std::optional<GenOptions> options = profile_options(base);
  if (!options) {
    std::string known;
    for (const std::string& n : profile_names()) known += (known.empty() ? "" : ", ") + n;
    return asl::Error{std::string(asl::errc::usage), "unknown profile '" + std::string(base) + "' (known: " + known + ")", {}};
  }
  options->profile = std::string(spec);
  std::string_view rest = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
  while (!rest.empty()) {
    const std::size_t next = rest.find(',');
    const std::string_view item = rest.substr(0, next);
    rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
    const std::size_t equals = item.find('=');
    const std::string_view name = item.substr(0, equals);
    const Setting* setting = nullptr;
    for (const Setting& s : kSettings) {
      if (s.name == name) setting = &s;
    }
    if (setting == nullptr) {
      return asl::Error{std::string(asl::errc::usage),
                        "'" + std::string(item) + "': unknown setting '" + std::string(name) + "' (known: " + known_settings() + ")", {}};
    }
    int value = 0;
    const std::string_view text = equals == std::string_view::npos ? std::string_view() : item.substr(equals + 1);
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < setting->min || value > setting->max) {
      return asl::Error{std::string(asl::errc::usage),
                        "'" + std::string(item) + "': " + std::string(name) + " takes a whole number from " +
                            std::to_string(setting->min) + " to " + std::to_string(setting->max), {}};
    }
    if (setting->weight != nullptr) options->weights.*(setting->weight) = value;
    else (*options).*(setting->size) = value;
  }
  const FeatureWeights& w = options->weights;
  if (w.pass + w.task + w.choice + w.wait + w.parallel + w.map == 0) {
    return asl::Error{std::string(asl::errc::usage), "'" + std::string(spec) + "': every state kind has weight 0", {}};
  }
  return *options;
}

}  // namespace aslgen
