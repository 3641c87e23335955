// diff_cases_test.cpp — runs tests/data/harness/diff_cases.jsonl: two Results, the channels that must differ, and what masks hide.
#include "aslcheck/diff.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

Result result_of(const Value& line, std::string_view key) {
  auto r = read_result(*field(line, key));
  EXPECT_TRUE(r.ok()) << key << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : Result{};
}

TEST(DiffCases, EveryChannelAsTheDataSays) {
  auto lines = read_jsonl(source_path("tests/data/harness/diff_cases.jsonl"));
  ASSERT_GT(lines.size(), 20u);
  for (const Value& line : lines) {
    SCOPED_TRACE(string_field(line, "name"));
    Case c;
    c.id = "diff";
    if (const Value* d = field(line, "definition")) c.definition = *d;
    aslcheck::Capabilities caps;
    if (const Value* channels = field(line, "channels")) {
      for (const Value& name : channels->as_array()) caps.channels.push_back(*aslcheck::parse_channel(name.as_string()));
    } else {
      caps.channels.assign(std::begin(aslcheck::kAllChannels), std::end(aslcheck::kAllChannels));
    }
    if (const Value* scale = field(line, "time_scale")) caps.time_scale = scale->as_double();
    aslcheck::DiffOptions options;
    if (const Value* exact = field(line, "exact")) options.normalise = !exact->as_bool();
    Result oracle = result_of(line, "oracle");
    Result target = result_of(line, "target");

    auto diffs = aslcheck::diff_results(c, oracle, target, caps, options);
    Array channels;
    for (const auto& d : diffs) channels.emplace_back(d.channel);
    EXPECT_TRUE(json_equal(*field(line, "differs"), Value(std::move(channels))));
    if (const Value* detail = field(line, "detail")) {
      ASSERT_FALSE(diffs.empty());
      EXPECT_EQ(diffs.front().detail, detail->as_string());
    }
    if (const Value* mask = field(line, "mask")) {
      std::vector<std::string> masks;
      for (const Value& m : field(*mask, "masks")->as_array()) masks.push_back(m.as_string());
      EXPECT_EQ(aslcheck::still_differs(c, oracle, target, caps, options, string_field(*mask, "channel"), masks),
                field(*mask, "still_differs")->as_bool());
    }
  }
}

}  // namespace
}  // namespace asl::test
