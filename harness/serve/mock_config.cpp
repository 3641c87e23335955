// mock_config.cpp — MockConfigFile (Step Functions Local's format) to task scripts and back.
#include "serve/mock_config.h"

#include <charconv>
#include <cstdio>

#include "asl/json.h"

namespace aslcheck::serve {

namespace {

asl::Error bad(const std::string& at, std::string message) {
  return asl::Error{std::string(asl::errc::json_syntax), (at.empty() ? "" : at + ": ") + message, asl::Location::in(at)};
}

std::string child(const std::string& at, const std::string& key) { return at + "/" + key; }

bool parse_range(std::string_view key, std::int64_t& first, std::int64_t& last) {
  auto number = [](std::string_view s, std::int64_t& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && out >= 0;
  };
  auto dash = key.find('-');
  if (dash == std::string_view::npos) {
    if (!number(key, first)) return false;
    last = first;
    return true;
  }
  return number(key.substr(0, dash), first) && number(key.substr(dash + 1), last) && last >= first;
}

// entry = {"Return": json} | {"Throw": {"Error": s, "Cause"?: s}}, plus Seconds / Heartbeats
asl::Expected<asl::TaskStep> read_entry(const asl::Value& json, const std::string& at) {
  if (!json.is_object()) return bad(at, "a mocked response must be an object with Return or Throw");
  const asl::Value* ret = json.get("Return");
  const asl::Value* thr = json.get("Throw");
  if ((ret != nullptr) == (thr != nullptr)) return bad(at, "a mocked response holds exactly one of Return and Throw");
  asl::TaskStep step;
  if (ret != nullptr) {
    step.result = *ret;
  } else {
    step.action = asl::TaskStep::Action::throw_error;
    const asl::Value* error = thr->get("Error");
    if (!thr->is_object() || error == nullptr || !error->is_string()) return bad(child(at, "Throw"), "needs a string Error");
    step.error = error->as_string();
    if (const asl::Value* cause = thr->get("Cause")) {
      if (!cause->is_string()) return bad(child(child(at, "Throw"), "Cause"), "must be a string");
      step.cause = cause->as_string();
    }
  }
  if (const asl::Value* seconds = json.get("Seconds")) {
    if (!seconds->is_number() || seconds->as_double() < 0) return bad(child(at, "Seconds"), "must be a number >= 0");
    step.seconds = seconds->as_double();
  }
  if (const asl::Value* beats = json.get("Heartbeats")) {
    if (!beats->is_array()) return bad(child(at, "Heartbeats"), "must be a list of seconds");
    for (const asl::Value& b : beats->as_array()) {
      if (!b.is_number()) return bad(child(at, "Heartbeats"), "must be a list of seconds");
      step.heartbeats.push_back(b.as_double());
    }
  }
  return step;
}

asl::Expected<std::vector<asl::TaskStep>> read_response(const asl::Value& json, const std::string& at) {
  if (!json.is_object()) return bad(at, "a mocked response is an object keyed by invocation numbers (\"0\", \"1-2\")");
  std::map<std::int64_t, std::pair<std::int64_t, const asl::Member*>> by_first;
  for (const asl::Member& m : json.as_object()) {
    std::int64_t first = 0, last = 0;
    if (!parse_range(m.key, first, last)) return bad(child(at, m.key), "invocation keys are \"N\" or \"N-M\"");
    by_first[first] = {last, &m};
  }
  std::vector<asl::TaskStep> steps;
  std::int64_t expected = 0;
  for (const auto& [first, entry] : by_first) {
    std::string here = child(at, entry.second->key);
    if (first != expected) return bad(here, "invocation " + std::to_string(expected) + " is not covered");
    auto step = read_entry(entry.second->value, here);
    if (!step) return std::move(step).error();
    step->times = entry.first - first + 1;
    steps.push_back(std::move(step).value());
    expected = entry.first + 1;
  }
  return steps;
}

std::string hash_suffix(std::string_view text) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  for (unsigned char c : text) h = (h ^ c) * 16777619u;
  char buffer[9];
  std::snprintf(buffer, sizeof buffer, "%08x", h);
  return buffer;
}

}  // namespace

const TaskScript* MockConfig::find(const std::string& machine, const std::string& test_case) const {
  auto m = machines.find(machine);
  if (m == machines.end()) return nullptr;
  auto t = m->second.find(test_case);
  return t == m->second.end() ? nullptr : &t->second;
}

asl::Expected<MockConfig> read_mock_config(const asl::Value& json) {
  if (!json.is_object()) return bad("", "a MockConfigFile is a JSON object with StateMachines and MockedResponses");
  MockConfig config;
  std::map<std::string, std::vector<asl::TaskStep>> responses;
  if (const asl::Value* mocked = json.get("MockedResponses")) {
    if (!mocked->is_object()) return bad("/MockedResponses", "must be an object");
    for (const asl::Member& m : mocked->as_object()) {
      auto steps = read_response(m.value, child("/MockedResponses", m.key));
      if (!steps) return std::move(steps).error();
      responses[m.key] = std::move(steps).value();
    }
  }
  const asl::Value* machines = json.get("StateMachines");
  if (machines == nullptr) return config;
  if (!machines->is_object()) return bad("/StateMachines", "must be an object");
  for (const asl::Member& machine : machines->as_object()) {
    std::string at = child("/StateMachines", machine.key);
    const asl::Value* cases = machine.value.get("TestCases");
    if (cases == nullptr || !cases->is_object()) return bad(child(at, "TestCases"), "must be an object");
    auto& by_case = config.machines[machine.key];
    for (const asl::Member& test_case : cases->as_object()) {
      std::string case_at = child(child(at, "TestCases"), test_case.key);
      if (!test_case.value.is_object()) return bad(case_at, "must map state names to mocked response names");
      TaskScript& script = by_case[test_case.key];
      for (const asl::Member& state : test_case.value.as_object()) {
        if (!state.value.is_string()) return bad(child(case_at, state.key), "must name a mocked response");
        auto response = responses.find(state.value.as_string());
        if (response == responses.end()) {
          return bad(child(case_at, state.key), "no mocked response named '" + state.value.as_string() + "'");
        }
        script[state.key] = response->second;
      }
    }
  }
  return config;
}

asl::Expected<MockConfig> read_mock_config_file(const std::string& path) {
  auto json = asl::json::read_file(path);
  if (!json) return asl::Error{json.error().name, asl::format_error(json.error(), path), json.error().where};
  auto config = read_mock_config(*json);
  if (!config) return asl::Error{config.error().name, path + ": " + config.error().message, config.error().where};
  return config;
}

std::string machine_name_for(const asl::Case& c) {
  std::string name;
  bool changed = false;
  for (char ch : c.id) {
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
    name.push_back(ok ? ch : '_');
    changed = changed || !ok;
  }
  if (name.empty()) {
    name = "case";
    changed = true;
  }
  if (name.size() > 80) {
    name.resize(71);
    changed = true;
  }
  if (changed) {
    name += '-';
    name += hash_suffix(c.id);
  }
  return name;
}

std::optional<std::string> needs_timing_extension(const asl::Case& c) {
  for (const auto& [state, steps] : c.tasks) {
    for (const asl::TaskStep& step : steps) {
      if (step.seconds > 0) {
        return "task '" + state + "' runs for " + asl::json::write(asl::Value::number(step.seconds)) +
               " virtual seconds, which a MockConfigFile cannot say";
      }
      if (!step.heartbeats.empty()) return "task '" + state + "' sends heartbeats, which a MockConfigFile cannot say";
    }
  }
  return std::nullopt;
}

asl::Value write_mock_config(const std::vector<asl::Case>& cases, bool extensions) {
  asl::Object machines;
  asl::Object responses;
  for (const asl::Case& c : cases) {
    std::string machine = machine_name_for(c);
    asl::Object states;
    for (const auto& [state, steps] : c.tasks) {
      std::string mock = machine + "." + state;
      asl::Object ranges;
      std::int64_t next = 0;
      for (const asl::TaskStep& step : steps) {
        std::string key = step.times == 1 ? std::to_string(next) : std::to_string(next) + "-" + std::to_string(next + step.times - 1);
        next += step.times;
        asl::Object entry;
        if (step.action == asl::TaskStep::Action::return_result) {
          entry.append_unique("Return", step.result);
        } else {
          asl::Object thrown{{"Error", asl::Value(step.error)}};
          if (step.cause) thrown.append_unique("Cause", asl::Value(*step.cause));
          entry.append_unique("Throw", asl::Value(std::move(thrown)));
        }
        if (extensions && step.seconds > 0) entry.append_unique("Seconds", asl::Value::number(step.seconds));
        if (extensions && !step.heartbeats.empty()) {
          asl::Array beats;
          for (double b : step.heartbeats) beats.push_back(asl::Value::number(b));
          entry.append_unique("Heartbeats", asl::Value(std::move(beats)));
        }
        ranges.append_unique(std::move(key), asl::Value(std::move(entry)));
      }
      responses.set(mock, asl::Value(std::move(ranges)));
      states.append_unique(state, asl::Value(mock));
    }
    asl::Object test_cases{{std::string(kTestCaseName), asl::Value(std::move(states))}};
    machines.set(machine, asl::Value(asl::Object{{"TestCases", asl::Value(std::move(test_cases))}}));
  }
  return asl::Value(asl::Object{{"StateMachines", asl::Value(std::move(machines))},
                                {"MockedResponses", asl::Value(std::move(responses))}});
}

}  // namespace aslcheck::serve
