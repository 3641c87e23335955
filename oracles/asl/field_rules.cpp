// field_rules.cpp — the field placement table of ASL section "Field placement" (asl-facts.md §1).
#include "asl/field_rules.h"


namespace asl::detail {
namespace {

constexpr std::uint8_t bit(StateType t) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(t)); }

constexpr std::uint8_t kAll = 0xff;
constexpr std::uint8_t kPass = bit(StateType::pass);
constexpr std::uint8_t kTask = bit(StateType::task);
constexpr std::uint8_t kChoice = bit(StateType::choice);
constexpr std::uint8_t kWait = bit(StateType::wait);
constexpr std::uint8_t kSucceed = bit(StateType::succeed);
constexpr std::uint8_t kFail = bit(StateType::fail);
constexpr std::uint8_t kParallel = bit(StateType::parallel);
constexpr std::uint8_t kMap = bit(StateType::map);
constexpr std::uint8_t kTransitions = kPass | kTask | kWait | kParallel | kMap;
constexpr std::uint8_t kWorkers = kTask | kParallel | kMap;  // Retry, Catch, ResultSelector

using L = FieldLanguage;

constexpr FieldRule kRules[] = {
    {"Type", kAll, L::any},
    {"Comment", kAll, L::any},
    {"QueryLanguage", kAll, L::any},
    {"Next", kTransitions, L::any},
    {"End", kTransitions, L::any},
    {"InputPath", static_cast<std::uint8_t>(kAll & ~kFail), L::jsonpath_only},
    {"OutputPath", static_cast<std::uint8_t>(kAll & ~kFail), L::jsonpath_only},
    {"ResultPath", kPass | kWorkers, L::jsonpath_only},
    {"Parameters", kPass | kWorkers, L::jsonpath_only},
    {"ResultSelector", kWorkers, L::jsonpath_only},
    {"Result", kPass, L::jsonpath_only},
    {"Arguments", kTask | kParallel, L::jsonata_only},
    {"Output", static_cast<std::uint8_t>(kAll & ~kFail), L::jsonata_only},
    {"Assign", static_cast<std::uint8_t>(kAll & ~(kSucceed | kFail)), L::any},
    {"Retry", kWorkers, L::any},
    {"Catch", kWorkers, L::any},
    {"Resource", kTask, L::any},
    {"Credentials", kTask, L::any},
    {"TimeoutSeconds", kTask, L::any},
    {"TimeoutSecondsPath", kTask, L::jsonpath_only},
    {"HeartbeatSeconds", kTask, L::any},
    {"HeartbeatSecondsPath", kTask, L::jsonpath_only},
    {"Choices", kChoice, L::any},
    {"Default", kChoice, L::any},
    {"Seconds", kWait, L::any},
    {"SecondsPath", kWait, L::jsonpath_only},
    {"Timestamp", kWait, L::any},
    {"TimestampPath", kWait, L::jsonpath_only},
    {"Error", kFail, L::any},
    {"ErrorPath", kFail, L::jsonpath_only},
    {"Cause", kFail, L::any},
    {"CausePath", kFail, L::jsonpath_only},
    {"Branches", kParallel, L::any},
    {"ItemProcessor", kMap, L::any},
    {"Iterator", kMap, L::any},
    {"ItemsPath", kMap, L::jsonpath_only},
    {"Items", kMap, L::jsonata_only},
    {"ItemSelector", kMap, L::any},
    {"MaxConcurrency", kMap, L::any},
    {"MaxConcurrencyPath", kMap, L::jsonpath_only},
    {"ToleratedFailureCount", kMap, L::any},
    {"ToleratedFailureCountPath", kMap, L::jsonpath_only},
    {"ToleratedFailurePercentage", kMap, L::any},
    {"ToleratedFailurePercentagePath", kMap, L::jsonpath_only},
    {"ItemReader", kMap, L::any},
    {"ItemBatcher", kMap, L::any},
    {"ResultWriter", kMap, L::any},
    {"Label", kMap, L::any},
};

}  // namespace

const FieldRule* find_field_rule(std::string_view name) {
  for (const FieldRule& rule : kRules) {
    if (rule.name == name) return &rule;
  }
  return nullptr;
}

bool allows(const FieldRule& rule, StateType type) { return (rule.state_types & bit(type)) != 0; }

std::string_view query_language_name(QueryLanguage language) {
  return language == QueryLanguage::jsonata ? "JSONata" : "JSONPath";
}

}  // namespace asl::detail
