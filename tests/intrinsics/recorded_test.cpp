// recorded_test.cpp — replays AWS's recorded executions of intrinsic functions through PayloadTemplate and the interim Pass runner.
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
#include "intrinsics/pass_chain.h"

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

std::string regex_escape(std::string_view text) {
  static const std::string special = R"(\^$.|?*+()[]{}/-)";
  std::string out;
  for (char c : text) {
    if (special.find(c) != std::string::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

// Compares an expected recording with an actual value, treating LocalStack's placeholders as
// wildcards (README of aws-recorded): `<uuid:N>`, `<ArnPart_0idx>`, `<region>`, the masked account
// and so on match any text, but the same placeholder must stand for the same text everywhere.
class RecordingMatcher {
 public:
  RecordingMatcher(bool placeholders, bool unseeded_random) : placeholders_(placeholders), random_(unseeded_random) {}

  bool match(const Value& expected, const Value& actual) {
    if (expected.is_string() && placeholders_ && match_placeholders(expected.as_string(), actual)) return true;
    if (random_ && expected.is_string() && expected.as_string() == "RandomNumberGenerated") {
      return actual.is_integer();
    }
    if (expected.kind() != actual.kind() && !(expected.is_number() && actual.is_number())) return false;
    if (expected.is_object()) {
      if (expected.size() != actual.size()) return false;
      for (const Member& m : expected.as_object()) {
        const Value* other = actual.get(m.key);
        if (other == nullptr || !match(m.value, *other)) return false;
      }
      return true;
    }
    if (expected.is_array()) {
      if (expected.size() != actual.size()) return false;
      for (std::size_t i = 0; i < expected.size(); ++i) {
        if (!match(*expected.at(i), *actual.at(i))) return false;
      }
      return true;
    }
    return expected == actual;
  }

  bool match_text(const std::string& expected, const std::string& actual) {
    return placeholders_ ? match_placeholders(expected, Value(actual)) : expected == actual;
  }

 private:
  bool match_placeholders(const std::string& expected, const Value& actual) {
    if (!actual.is_string()) return false;
    if (expected == "date" || expected == "timestamp" || expected == "snf_role_arn") return true;
    static const std::regex token(R"(<[A-Za-z][A-Za-z0-9_]*(?::[0-9]+)?>|111111111111)");
    std::string pattern;
    std::vector<std::string> groups;  // token of each capture group, in order
    std::size_t from = 0;
    bool any = false;
    for (auto it = std::sregex_iterator(expected.begin(), expected.end(), token); it != std::sregex_iterator(); ++it) {
      any = true;
      const std::string name = it->str();
      pattern += regex_escape(std::string_view(expected).substr(from, static_cast<std::size_t>(it->position()) - from));
      from = static_cast<std::size_t>(it->position() + it->length());
      if (auto bound = bound_.find(name); bound != bound_.end()) {
        pattern += regex_escape(bound->second);
      } else if (auto earlier = std::find(groups.begin(), groups.end(), name); earlier != groups.end()) {
        pattern += "\\" + std::to_string(earlier - groups.begin() + 1);
      } else {
        groups.push_back(name);
        if (name.rfind("<uuid:", 0) == 0) {
          pattern += "([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})";
        } else if (name == "111111111111") {
          pattern += "([0-9]{12})";
        } else {
          pattern += R"(([\s\S]+?))";
        }
      }
    }
    if (!any) return false;
    pattern += regex_escape(std::string_view(expected).substr(from));
    std::smatch m;
    const std::string& text = actual.as_string();
    if (!std::regex_match(text, m, std::regex(pattern))) return false;
    for (std::size_t g = 0; g < groups.size(); ++g) bound_[groups[g]] = m[g + 1].str();
    return true;
  }

  bool placeholders_;
  bool random_;
  std::map<std::string, std::string> bound_;
};

struct Outcome {
  bool pass = false;
  std::string detail;
};

std::string describe(const PassRunResult& r) {
  if (r.status == "SUCCEEDED") return "SUCCEEDED " + json::write(r.output);
  return r.status + " error=" + r.error + " cause=" + r.cause;
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

  if (!is_pass_only(definition)) return {false, "not a JSONPath machine of Pass states only"};
  // Unseeded randomness is checked over several entropy seeds; everything else runs once.
  const int runs = unseeded_random ? 25 : 1;
  for (int run = 0; run < runs; ++run) {
    Entropy entropy(0x1000 + static_cast<std::uint64_t>(run));
    const PassRunResult actual = run_pass_chain(definition, input != nullptr ? *input : Value(Object{}), entropy);
    RecordingMatcher matcher(has_placeholders, unseeded_random);
    const std::string want_status = string_field(expected, "status");
    bool ok = actual.status == want_status;
    if (ok && want_status == "SUCCEEDED") {
      const Value* want = field(expected, "output");
      ok = want != nullptr && matcher.match(*want, actual.output);
      if (ok && unseeded_random) {
        // The recording masks the number; AWS draws it from [start, end) with rounded bounds.
        const Value* fn = input->get("FunctionInput");
        const double lo = round_half_up(fn->get("fst")->as_double());
        const double hi = round_half_up(fn->get("snd")->as_double());
        const double got = actual.output.get("FunctionResult")->as_double();
        ok = got >= lo && got < hi;
      }
    } else if (ok && want_status == "FAILED") {
      ok = actual.error == string_field(expected, "error") &&
           matcher.match_text(string_field(expected, "cause"), actual.cause);
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
    const bool pass_only_with_intrinsics =
        definition != nullptr && is_pass_only(*definition) && uses_intrinsics(*definition);
    if (!in_area && !pass_only_with_intrinsics) continue;
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
            << " from area \"intrinsics\", " << selected - from_area << " other Pass-only machines; " << skipped
            << " listed skips)\n";
  RecordProperty("recorded_passed", passed);
  RecordProperty("recorded_selected", selected);
  EXPECT_EQ(from_area, 117) << "the recordings changed: review the selection";
  EXPECT_EQ(passed + skipped, selected);
}

}  // namespace
}  // namespace asl::test
