// conformance_test.cpp — runs jsonata-js 2.0.6's own test suite (../shared/jsonata/cases.jsonl) against the engine, with per-group pass rates.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "asl/json.h"
#include "asl/jsonata.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

struct Outcome {
  bool passed = false;
  std::string detail;
};

// Deep equality; with `unordered`, arrays compare as multisets at the top level.
bool same(const Value& expected, const Value& actual, bool unordered) {
  if (!unordered || !expected.is_array() || !actual.is_array()) return expected == actual;
  if (expected.size() != actual.size()) return false;
  std::vector<bool> used(actual.size(), false);
  for (const auto& e : expected.as_array()) {
    bool found = false;
    for (std::size_t i = 0; i < actual.size() && !found; ++i)
      if (!used[i] && e == actual.as_array()[i]) used[i] = found = true;
    if (!found) return false;
  }
  return true;
}

class Datasets {
 public:
  const Value* get(const std::string& name) {
    auto it = cache_.find(name);
    if (it == cache_.end()) {
      auto parsed = json::read(read_text(shared_dir() + "/jsonata/datasets/" + name + ".json"));
      it = cache_.emplace(name, parsed ? std::optional<Value>(*parsed) : std::nullopt).first;
    }
    return it->second ? &*it->second : nullptr;
  }

 private:
  std::map<std::string, std::optional<Value>> cache_;
};

Outcome run_case(const Value& c, Datasets& datasets) {
  const std::string expr = string_field(c, "expr");
  std::optional<Value> input;
  if (const Value* data = field(c, "data")) {
    input = *data;
  } else if (const Value* name = field(c, "dataset"); name && name->is_string()) {
    const Value* doc = datasets.get(name->as_string());
    if (!doc) return {false, "dataset " + name->as_string() + " does not load"};
    input = *doc;
  }
  jsonata::Bindings bindings;
  if (const Value* b = field(c, "bindings"); b && b->is_object())
    for (const auto& m : b->as_object()) bindings.names.emplace_back(m.key, m.value);
  jsonata::EvalOptions options;
  options.seed = 42;
  if (const Value* t = field(c, "timelimit"); t && t->is_number())
    options.time_limit = std::chrono::milliseconds(static_cast<long>(t->as_double()));
  if (const Value* d = field(c, "depth"); d && d->is_number()) options.depth_limit = static_cast<std::size_t>(d->as_double());

  std::optional<Error> error;
  std::optional<Value> result;
  auto compiled = jsonata::compile(expr);
  if (!compiled) {
    error = compiled.error();
  } else {
    auto evaluated = jsonata::evaluate(**compiled, input ? &*input : nullptr, bindings, options);
    if (!evaluated) error = evaluated.error();
    else result = *evaluated;
  }
  auto describe = [&]() {
    if (error) return "error " + error->name + ": " + error->message;
    if (!result) return std::string("undefined");
    return json::write(*result);
  };

  std::string expected_code;
  const Value* expected_error = field(c, "error");
  if (const Value* code = field(c, "code")) expected_code = code->as_string();
  if (expected_error)
    if (const Value* code = field(*expected_error, "code")) expected_code = code->as_string();
  if (!expected_code.empty()) {
    if (!error) return {false, "expected error " + expected_code + ", got " + describe()};
    if (error->name != expected_code) return {false, "expected error " + expected_code + ", got " + describe()};
    if (expected_error) {
      for (const auto& m : expected_error->as_object()) {
        if (m.key == "code") continue;
        if (m.key == "message") {
          if (m.value.as_string() != error->message)
            return {false, "expected message '" + m.value.as_string() + "', got '" + error->message + "'"};
          continue;
        }
        // token, value, functionName: the engine reports them through the message text.
        std::string text = m.value.is_string() ? m.value.as_string() : json::write(m.value);
        if (error->message.find(text) == std::string::npos)
          return {false, "expected " + m.key + " " + text + " in message '" + error->message + "'"};
      }
    }
    return {true, {}};
  }
  if (error) return {false, "unexpected " + describe()};
  if (const Value* undefined = field(c, "undefinedResult"); undefined && undefined->is_bool() && undefined->as_bool()) {
    if (result) return {false, "expected undefined, got " + describe()};
    return {true, {}};
  }
  if (const Value* expected = field(c, "result")) {
    if (!result) return {false, "expected " + json::write(*expected) + ", got undefined"};
    const Value* unordered = field(c, "unordered");
    if (!same(*expected, *result, unordered && unordered->is_bool() && unordered->as_bool()))
      return {false, "expected " + json::write(*expected) + ", got " + describe()};
    return {true, {}};
  }
  return {false, "case has no outcome"};
}

TEST(JsonataConformance, OfficialSuite) {
  const std::string path = shared_dir() + "/jsonata/cases.jsonl";
  std::istringstream lines(read_text(path));
  ASSERT_FALSE(lines.str().empty()) << path;

  std::map<std::string, std::string> exclusions;
  auto excl = json::read(read_text(source_path("tests/data/jsonata/exclusions.json")));
  ASSERT_TRUE(excl.ok()) << format_error(excl.error());
  for (const auto& e : field(*excl, "exclusions")->as_array()) {
    ASSERT_FALSE(string_field(e, "reason").empty()) << "exclusion without a reason: " << string_field(e, "id");
    exclusions[string_field(e, "id")] = string_field(e, "reason");
  }

  Datasets datasets;
  std::map<std::string, std::pair<int, int>> groups;  // passed, total
  int passed = 0, total = 0;
  std::vector<std::string> unexpected, stale;
  std::set<std::string> seen;
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty()) continue;
    auto parsed = json::read(line);
    std::string id = "line " + std::to_string(number);
    std::string group = "(unreadable)";
    Outcome outcome;
    if (!parsed) {
      // A line whose JSON the project's reader refuses (lone surrogates) counts as a failure.
      auto at = line.find("\"id\": \"");
      if (at != std::string::npos) id = line.substr(at + 7, line.find('"', at + 7) - at - 7);
      auto g = line.find("\"group\": \"");
      if (g != std::string::npos) group = line.substr(g + 10, line.find('"', g + 10) - g - 10);
      outcome = {false, "case does not read: " + parsed.error().message};
    } else {
      id = string_field(*parsed, "id");
      group = string_field(*parsed, "group");
      outcome = run_case(*parsed, datasets);
    }
    seen.insert(id);
    ++total;
    auto& g = groups[group];
    ++g.second;
    if (outcome.passed) {
      ++passed;
      ++g.first;
      if (exclusions.count(id)) stale.push_back(id);
    } else if (!exclusions.count(id)) {
      unexpected.push_back(id + ": " + outcome.detail);
    }
  }
  std::printf("JSONata 2.0.6 conformance by group (passed/total):\n");
  std::vector<std::pair<std::string, std::pair<int, int>>> sorted(groups.begin(), groups.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second.second > b.second.second; });
  for (const auto& [name, counts] : sorted)
    std::printf("  %-32s %4d/%-4d %s\n", name.c_str(), counts.first, counts.second,
                counts.first == counts.second ? "" : "*");
  std::printf("JSONata total: %d/%d passed (%.2f%%), %zu excluded\n", passed, total, 100.0 * passed / std::max(total, 1),
              exclusions.size());
  for (const auto& u : unexpected) ADD_FAILURE() << u;
  for (const auto& s : stale) ADD_FAILURE() << s << " passes now: remove it from tests/data/jsonata/exclusions.json";
  for (const auto& [id, reason] : exclusions)
    if (!seen.count(id)) ADD_FAILURE() << "exclusion " << id << " names no case";
  EXPECT_EQ(total, 1625);
}

}  // namespace
}  // namespace asl::test
