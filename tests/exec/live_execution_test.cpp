// live_execution_test.cpp — runs tests/data/exec-live/: executions answered from outside (task tokens, heartbeats, stop) step by step.
#include <filesystem>

#include "asl/exec.h"
#include "asl/json.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

std::vector<std::string> scenario_files() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("tests/data/exec-live"))) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<std::string> optional_string(const Value& step, std::string_view key) {
  const Value* v = step.get(key);
  return v != nullptr && v->is_string() ? std::optional<std::string>(v->as_string()) : std::nullopt;
}

// Replaces every occurrence of `token` in strings with "<token>", so expectations can name it.
Value mask_token(const Value& v, const std::string& token) {
  if (v.is_string()) return v.as_string() == token ? Value("<token>") : v;
  if (v.is_array()) {
    Array out;
    for (const Value& item : v.as_array()) out.push_back(mask_token(item, token));
    return Value(std::move(out));
  }
  if (v.is_object()) {
    Object out;
    for (const Member& m : v.as_object()) out.append_unique(m.key, mask_token(m.value, token));
    return Value(std::move(out));
  }
  return v;
}

void run_step(const std::string& where, LiveExecution& live, const Value& step) {
  double wall = step.get("wall")->as_double();
  std::string action = string_field(step, "do");
  std::vector<PendingTask> before = live.pending();
  std::string token = before.empty() ? "no-such-token" : before.front().token;
  bool accepted = true;
  if (action == "advance") {
    live.advance(wall);
  } else if (action == "success") {
    accepted = live.send_task_success(token, *step.get("output"), wall);
  } else if (action == "failure") {
    accepted = live.send_task_failure(token, optional_string(step, "error"), optional_string(step, "cause"), wall);
  } else if (action == "heartbeat") {
    accepted = live.send_task_heartbeat(token, wall);
  } else if (action == "stop") {
    accepted = live.stop(optional_string(step, "error"), optional_string(step, "cause"), wall);
  } else {
    FAIL() << where << ": unknown step \"" << action << "\"";
  }
  if (const Value* expected = step.get("accepted")) EXPECT_EQ(expected->as_bool(), accepted) << where;

  Value result = to_json(live.result());
  for (const Member& m : step.get("expect")->as_object()) {
    const Value* actual = result.get(m.key);
    ASSERT_NE(nullptr, actual) << where << ": no \"" << m.key << "\" in " << json::write(result);
    EXPECT_TRUE(json_equal(m.value, *actual)) << where << ": " << m.key;
  }
  std::vector<PendingTask> after = live.pending();
  if (const Value* pending = step.get("pending")) {
    Array states;
    for (const PendingTask& p : after) states.emplace_back(p.state);
    EXPECT_TRUE(json_equal(*pending, Value(std::move(states)))) << where << ": pending tasks";
  }
  if (const Value* input = step.get("pendingInput")) {
    ASSERT_FALSE(after.empty()) << where;
    EXPECT_TRUE(json_equal(*input, mask_token(after.front().input, after.front().token))) << where << ": task input";
  }
  if (const Value* events = step.get("events")) {
    Array types;
    for (const Value& e : result.get("history")->as_array()) types.push_back(*e.get("type"));
    EXPECT_TRUE(json_equal(*events, Value(std::move(types)))) << where << ": history";
  }
}

TEST(LiveExecution, ScenariosBehaveAsWritten) {
  auto files = scenario_files();
  ASSERT_GE(files.size(), 5u);
  for (const std::string& file : files) {
    Value scenario = parse(read_text(file));
    auto c = read_case(*scenario.get("case"));
    ASSERT_TRUE(c.ok()) << file << ": " << c.error().message;
    LoadResult loaded = load(c->definition, ValidationOptions{});
    ASSERT_TRUE(loaded.machine) << file;
    std::shared_ptr<const StateMachine> machine = std::move(loaded.machine);
    LiveExecution live(machine, *c, ExecOptions{});
    std::size_t i = 0;
    for (const Value& step : scenario.get("steps")->as_array()) {
      run_step(file + " step " + std::to_string(i++), live, step);
    }
  }
}

}  // namespace
}  // namespace asl::test
