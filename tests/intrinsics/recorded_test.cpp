// recorded_test.cpp — replays AWS's recorded executions of intrinsic functions on the executor, plus definition-time verdicts.
#include "support/test_support.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <regex>
#include <set>

#include "asl/intrinsics.h"
#include "asl/json.h"
#include "asl/payload_template.h"
#include "asl/exec.h"
#include "support/recording.h"

namespace asl::test {
namespace {

const std::string kSkipsFile = "tests/data/intrinsics/recorded-skips.json";

bool uses_intrinsics(const Value& definition) {
  static const std::regex call(R"(States\.[A-Za-z0-9]+\()");
  return std::regex_search(json::write(definition), call);
}

bool has_tag(const Value& list, std::string_view tag) {
  if (!list.is_array()) return false;
  for (const Value& v : list.as_array()) {
    if (v.is_string() && v.as_string() == tag) return true;
  }
  return false;
}

struct Outcome {
  bool pass = false;
  std::string detail;
};

std::string describe(const Result& r) {
  if (r.status == Status::succeeded) return "SUCCEEDED " + json::write(*r.output);
  return std::string(status_name(r.status)) + " error=" + r.error.value_or("") + " cause=" + r.cause.value_or("") +
         r.message;
}

// Java's Math.round for the bounds of the unseeded MathRandom recordings.
double round_half_up(double d) { return std::floor(d) + (d - std::floor(d) >= 0.5 ? 1 : 0); }

Outcome run_case(const Value& c) {
  const Value& definition = *field(c, "definition");
  const Value* input = field(c, "input");
  const Value& expected = *field(c, "expected");
  const Value* nondeterministic = field(c, "nondeterministic");
  const bool unseeded_random = nondeterministic != nullptr && has_tag(*nondeterministic, "States.MathRandom(unseeded)");
  const Value* placeholders = field(c, "expected_placeholders");
  const bool has_placeholders = placeholders != nullptr && placeholders->size() > 0;

  // Unseeded randomness is checked over several entropy seeds; everything else runs once.
  const int runs = unseeded_random ? 25 : 1;
  for (int run = 0; run < runs; ++run) {
    Case run_this;
    run_this.id = "recorded";
    run_this.definition = definition;
    run_this.input = input != nullptr ? *input : Value(Object{});
    run_this.context = Value(Object{});
    ExecOptions options;
    options.seed = 0x1000 + static_cast<std::uint64_t>(run);
    const Result actual = execute(run_this, options);
    RecordingMatcher matcher(has_placeholders);
    if (unseeded_random) matcher.allow_random_numbers();
    const std::string want_status = string_field(expected, "status");
    bool ok = status_name(actual.status) == want_status;
    if (ok && want_status == "SUCCEEDED") {
      const Value* want = field(expected, "output");
      ok = want != nullptr && matcher.match(*want, *actual.output);
      if (ok && unseeded_random) {
        // The recording masks the number; AWS draws it from [start, end) with rounded bounds.
        const Value* fn = input->get("FunctionInput");
        const double lo = round_half_up(fn->get("fst")->as_double());
        const double hi = round_half_up(fn->get("snd")->as_double());
        const double got = actual.output->get("FunctionResult")->as_double();
        ok = got >= lo && got < hi;
      }
    } else if (ok && want_status == "FAILED") {
      ok = actual.error.value_or("") == string_field(expected, "error") &&
           matcher.match_text(string_field(expected, "cause"), actual.cause.value_or(""));
    }
    if (!ok) {
      return {false, "\n  expected: " + json::write(expected) + "\n    actual: " + describe(actual) +
                         (runs > 1 ? " (entropy run " + std::to_string(run) + ")" : "")};
    }
  }
  return {true, {}};
}

std::map<std::string, std::string> load_skips() {
  std::map<std::string, std::string> skips;
  auto parsed = json::read(read_text(source_path(kSkipsFile)));
  if (!parsed) {
    ADD_FAILURE() << format_error(parsed.error(), kSkipsFile);
    return skips;
  }
  const Value* list = parsed->get("skips");
  if (list == nullptr || !list->is_array()) {
    ADD_FAILURE() << kSkipsFile << ": expected {\"skips\": [{\"id\", \"reason\"}]}";
    return skips;
  }
  for (const Value& entry : list->as_array()) {
    const std::string id = string_field(entry, "id");
    const std::string reason = string_field(entry, "reason");
    EXPECT_FALSE(id.empty() || reason.empty()) << kSkipsFile << ": every skip needs an id and a written reason";
    skips[id] = reason;
  }
  return skips;
}

// Every `.$` value of a definition that is meant as an intrinsic call, with the key it sits under
// and the state field (Parameters, ...) that holds it.
struct CallSite {
  std::string field;
  std::string key;
  std::string text;
};

void collect_calls(const Value& node, const std::string& field, std::vector<CallSite>& out) {
  if (node.is_array()) {
    for (const Value& item : node.as_array()) collect_calls(item, field, out);
    return;
  }
  if (!node.is_object()) return;
  for (const Member& m : node.as_object()) {
    const bool dynamic = m.key.size() > 2 && m.key.compare(m.key.size() - 2, 2, ".$") == 0;
    if (dynamic && m.value.is_string() && intrinsics::looks_like_call(m.value.as_string())) {
      out.push_back({field, m.key, m.value.as_string()});
    }
    collect_calls(m.value, field.empty() ? m.key : field, out);
  }
}

// validation.jsonl: AWS rejected two definitions because a literal in an intrinsic call used an
// escape it does not know (\"), with SCHEMA_VALIDATION_FAILED "The value for the field 'parsed.$'
// must be a valid JSONPath or a valid intrinsic function call". Calls in accepted definitions
// must compile.
TEST(IntrinsicsRecorded, DefinitionTimeVerdictsMatchAws) {
  int checked = 0;
  for (const Value& c : read_jsonl(shared_dir() + "/aws-recorded/validation.jsonl")) {
    const Value* text = field(c, "definition");
    if (text == nullptr || !text->is_string()) continue;
    auto definition = json::read(text->as_string());
    if (!definition) continue;
    const Value* states = definition->get("States");
    if (states == nullptr || !states->is_object()) continue;
    const std::string message = string_field(*field(c, "expected"), "message");
    for (const Member& state : states->as_object()) {
      std::vector<CallSite> sites;
      for (const Member& f : state.value.as_object()) {
        if (f.value.is_object() || f.value.is_array()) collect_calls(f.value, f.key, sites);
      }
      for (const CallSite& site : sites) {
        ++checked;
        const std::string rejection =
            "The value for the field '" + site.key + "' must be a valid JSONPath or a valid intrinsic function call";
        const bool aws_rejected = message.find(rejection + " at /States/" + state.key + "/" + site.field) !=
                                  std::string::npos;
        auto call = intrinsics::compile(site.text);
        EXPECT_EQ(call.ok(), !aws_rejected) << string_field(c, "id") << ": " << site.text << " -> "
                                            << (call ? "compiles" : format_error(call.error()));
        if (aws_rejected) {
          auto compiled = PayloadTemplate::compile(*state.value.get(site.field), site.field);
          ASSERT_FALSE(compiled.ok());
          EXPECT_EQ(compiled.error().message.rfind(rejection, 0), 0u) << compiled.error().message;
        }
      }
    }
  }
  EXPECT_GE(checked, 2);
}

// A Fail state's ErrorPath/CausePath may be an intrinsic call; the recorded machine that does this
// is a single Fail state, so its error and cause are the calls' values.
TEST(IntrinsicsRecorded, FailStatePathCallsMatchAws) {
  int checked = 0;
  for (const Value& c : read_jsonl(shared_dir() + "/aws-recorded/executions.jsonl")) {
    const Value& definition = *field(c, "definition");
    const Value* states = definition.get("States");
    if (states == nullptr || !states->is_object() || states->size() != 1) continue;
    const Value& state = (*states->as_object().begin()).value;
    if (string_field(state, "Type") != "Fail") continue;
    const Value& expected = *field(c, "expected");
    for (const auto& [path_field, expected_field] : {std::pair{"ErrorPath", "error"}, std::pair{"CausePath", "cause"}}) {
      const std::string text = string_field(state, path_field);
      if (!intrinsics::looks_like_call(text)) continue;
      ++checked;
      auto call = intrinsics::compile(text);
      ASSERT_TRUE(call.ok()) << format_error(call.error());
      Entropy entropy(1);
      const Value* input = field(c, "input");
      auto value = intrinsics::evaluate(*call, Scope{input, input, nullptr, &entropy});
      ASSERT_TRUE(value.ok()) << value.error().message;
      EXPECT_TRUE(json_equal(*field(expected, expected_field), *value)) << string_field(c, "id") << " " << path_field;
    }
  }
  EXPECT_GE(checked, 2);
}

TEST(IntrinsicsRecorded, ReplaysEveryAwsRecording) {
  const auto cases = read_jsonl(shared_dir() + "/aws-recorded/executions.jsonl");
  ASSERT_FALSE(cases.empty());
  const auto skips = load_skips();
  std::set<std::string> seen_ids;
  int selected = 0, passed = 0, skipped = 0, from_area = 0;
  for (const Value& c : cases) {
    const std::string id = string_field(c, "id");
    const Value* definition = field(c, "definition");
    const bool in_area = string_field(c, "area") == "intrinsics";
    // Also any other JSONPath-mode case that calls an intrinsic (none outside the area today).
    const bool calls_intrinsics = definition != nullptr && string_field(c, "area") != "jsonata" &&
                                  uses_intrinsics(*definition);
    if (!in_area && !calls_intrinsics) continue;
    ++selected;
    from_area += in_area ? 1 : 0;
    seen_ids.insert(id);
    const Outcome outcome = run_case(c);
    if (auto skip = skips.find(id); skip != skips.end()) {
      ++skipped;
      EXPECT_FALSE(outcome.pass) << id << " is listed in " << kSkipsFile << " (" << skip->second
                                 << ") but now passes: remove the entry";
      continue;
    }
    if (outcome.pass) {
      ++passed;
    } else {
      ADD_FAILURE() << "recorded case " << id << outcome.detail;
    }
  }
  for (const auto& [id, reason] : skips) {
    EXPECT_TRUE(seen_ids.count(id)) << kSkipsFile << " lists " << id << ", which is not a selected recorded case";
  }
  std::cout << "intrinsics recorded: " << passed << "/" << selected << " (" << from_area
            << " from area \"intrinsics\", " << selected - from_area << " others calling intrinsics; " << skipped
            << " listed skips)\n";
  RecordProperty("recorded_passed", passed);
  RecordProperty("recorded_selected", selected);
  EXPECT_EQ(from_area, 117) << "the recordings changed: review the selection";
  EXPECT_EQ(passed + skipped, selected);
}

}  // namespace
}  // namespace asl::test
