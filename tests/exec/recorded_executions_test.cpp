// recorded_executions_test.cpp — replays every execution recorded on AWS (../shared/aws-recorded/executions.jsonl) on the oracle.
#include <iostream>
#include <map>
#include <set>

#include "asl/exec.h"
#include "support/recording.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

// corpus/expectations/aws-recorded.json: the recorded cases the oracle does not match yet, each
// with its reason. A selector names one case ("id"), or a whole "area" or "feature".
struct Expectation {
  std::string id, area, feature, reason;
  int matched = 0, passing = 0;
};

std::vector<Expectation> read_expectations() {
  std::vector<Expectation> out;
  auto json = json::read(read_text(source_path("corpus/expectations/aws-recorded.json")));
  if (!json) {
    ADD_FAILURE() << format_error(json.error(), "corpus/expectations/aws-recorded.json");
    return out;
  }
  for (const Value& e : json->get("expected_divergences")->as_array()) {
    Expectation x;
    const Value& sel = *e.get("selector");
    x.id = string_field(sel, "id");
    x.area = string_field(sel, "area");
    x.feature = string_field(sel, "feature");
    x.reason = string_field(e, "reason");
    EXPECT_FALSE(x.reason.empty()) << "an expectation without a reason: " << json::write(e);
    out.push_back(std::move(x));
  }
  return out;
}

bool has(const Value* list, std::string_view item) {
  if (list == nullptr || !list->is_array()) return false;
  for (const Value& v : list->as_array()) {
    if (v.is_string() && v.as_string() == item) return true;
  }
  return false;
}

Expectation* expected_divergence(std::vector<Expectation>& expectations, const Value& row) {
  for (Expectation& x : expectations) {
    if (!x.id.empty() && x.id == string_field(row, "id")) return &x;
    if (!x.area.empty() && x.area == string_field(row, "area")) return &x;
    if (!x.feature.empty() && has(row.get("features"), x.feature)) return &x;
  }
  return nullptr;
}

// The recorded trace's form of our history: [type] or [type, state name or "Map#index"].
Value trace_of(const Value& history) {
  Array out;
  for (const Value& e : history.as_array()) {
    Array item{*e.get("type")};
    for (const Member& m : e.as_object()) {
      if (!m.key.ends_with("EventDetails") || !m.value.is_object()) continue;
      const Value* name = m.value.get("name");
      const Value* index = m.value.get("index");
      if (name != nullptr && index != nullptr) {
        item.emplace_back(name->as_string() + "#" + std::to_string(index->as_int()));
      } else if (name != nullptr && m.key.rfind("state", 0) == 0) {
        item.push_back(*name);
      }
    }
    out.emplace_back(std::move(item));
  }
  return Value(std::move(out));
}

// Compares one recorded execution with the oracle's run; empty when they agree.
std::string compare(const Value& row, const Result& r) {
  const Value& expected = *row.get("expected");
  RecordingMatcher matcher;
  if (has(row.get("nondeterministic"), "States.MathRandom(unseeded)")) matcher.allow_random_numbers();
  // LocalStack's SfnNoneRecursiveParallelTransformer rewrote these recordings' parallel events
  // (dropping and regrouping them) and re-serialised their output text, so neither the trace nor
  // the output text is AWS's own; status, output, error and cause still are.
  bool rewritten = false;
  if (const Value* transformers = row.get("snapshot_transformers"); transformers != nullptr && transformers->is_array()) {
    for (const Value& t : transformers->as_array()) {
      if (string_field(t, "kind") == "SfnNoneRecursiveParallelTransformer") rewritten = true;
    }
  }
  std::string status = string_field(expected, "status");
  if (status != status_name(r.status)) {
    std::string got(status_name(r.status));
    if (r.error) got += " " + *r.error + ": " + r.cause.value_or("");
    if (!r.message.empty()) got += " (" + r.message + ")";
    return "status: expected " + status + ", got " + got;
  }
  if (const Value* output = expected.get("output"); output != nullptr && status == "SUCCEEDED") {
    if (!r.output || !matcher.match(*output, *r.output)) {
      return "output: expected " + json::write(*output) + ", got " + (r.output ? json::write(*r.output) : "none");
    }
  }
  if (const Value* text = expected.get("output_text"); text != nullptr && r.output && !rewritten) {
    if (text->as_string() != json::write(*r.output)) return "output text: expected " + text->as_string();
  }
  if (status == "FAILED" || status == "TIMED_OUT") {
    std::string error = string_field(expected, "error");
    if (expected.get("error") != nullptr && error != r.error.value_or("")) {
      return "error: expected " + error + ", got " + r.error.value_or("(none)");
    }
    if (const Value* cause = expected.get("cause")) {
      if (!r.cause || !matcher.match_text(cause->as_string(), *r.cause)) {
        return "cause: expected '" + cause->as_string() + "', got '" + r.cause.value_or("(none)") + "'";
      }
    }
  }
  if (const Value* trace = row.get("trace"); trace != nullptr && r.history && !rewritten) {
    Value ours = trace_of(*r.history);
    if (!matcher.match(*trace, ours)) return "trace: expected " + json::write(*trace) + "\n   got " + json::write(ours);
  }
  return {};
}

TEST(RecordedExecutions, OracleMatchesAwsOrDivergenceIsListed) {
  auto rows = read_jsonl(shared_dir() + "/aws-recorded/executions.jsonl");
  ASSERT_GT(rows.size(), 700u);
  auto expectations = read_expectations();
  std::map<std::string, std::pair<int, int>> per_area;  // area -> (passed, total)
  int passed = 0, known = 0;
  for (const Value& row : rows) {
    std::string id = string_field(row, "id");
    Case c;
    c.id = "recorded";
    c.definition = *row.get("definition");
    c.input = row.get("input") ? *row.get("input") : Value(Object{});
    c.type = string_field(row, "state_machine_type") == "EXPRESS" ? MachineType::express : MachineType::standard;
    Object context;
    if (const Value* name = row.get("execution_name"); name != nullptr && name->is_string()) {
      context.set("executionName", *name);
    }
    if (const Value* api = row.get("api"); api != nullptr && api->is_string()) context.set("api", *api);
    c.context = Value(std::move(context));
    ExecOptions options;
    options.history = true;
    Result r = execute(c, options);
    std::string difference = compare(row, r);
    auto& area = per_area[string_field(row, "area")];
    ++area.second;
    Expectation* x = expected_divergence(expectations, row);
    if (x != nullptr) ++x->matched;
    if (difference.empty()) {
      ++passed;
      ++area.first;
      if (x != nullptr) ++x->passing;
      continue;
    }
    if (x != nullptr) {
      ++known;
      continue;
    }
    ADD_FAILURE() << id << "\n  " << difference;
  }
  for (const Expectation& x : expectations) {
    std::string what = !x.id.empty() ? "id " + x.id : !x.area.empty() ? "area " + x.area : "feature " + x.feature;
    EXPECT_GT(x.matched, 0) << "expectation for " << what << " matches no recorded case";
    // A single-case entry that now passes, or a group entry all of whose cases pass, is stale.
    if (x.matched > 0 && x.passing == x.matched) {
      ADD_FAILURE() << "stale expectation (the oracle now matches AWS): " << what << " — remove it";
    }
  }
  std::cout << "aws-recorded executions: " << passed << "/" << rows.size() << " match AWS, " << known
            << " listed divergences (corpus/expectations/aws-recorded.json)\n";
  for (const auto& [area, counts] : per_area) {
    std::cout << "  " << area << ": " << counts.first << "/" << counts.second << "\n";
  }
}

}  // namespace
}  // namespace asl::test
