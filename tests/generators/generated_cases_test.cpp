// generated_cases_test.cpp — generated machines are valid and fully scripted; near-valid ones carry AWS's exact diagnostics.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <set>

#include "asl/exec.h"
#include "asl/json.h"
#include "asl/machine.h"
#include "aslgen/generate.h"

namespace {

// How many cases each check walks per profile; ASLGEN_CASES raises it for long runs.
std::uint64_t case_count(std::uint64_t fast) {
  const char* env = std::getenv("ASLGEN_CASES");
  return env != nullptr ? std::strtoull(env, nullptr, 10) : fast;
}

std::string show(const asl::Case& c) { return asl::json::write(asl::to_json(c)); }

class EveryProfile : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryProfile, ValidatorAcceptsEveryGeneratedMachine) {
  const aslgen::GenOptions options = *aslgen::profile_options(GetParam());
  int failures = 0;
  for (std::uint64_t i = 0; i < case_count(300) && failures < 3; ++i) {
    asl::Case c = aslgen::generate_valid_case(11, i, options);
    asl::ValidationOptions v;
    v.type = c.type;
    for (const asl::Diagnostic& d : asl::validate(c.definition, v)) {
      if (d.severity != "ERROR") continue;
      ADD_FAILURE() << d.code << ": " << d.message << " at " << d.location << "\n" << show(c);
      ++failures;
      break;
    }
  }
}

TEST_P(EveryProfile, ExecutionNeverLacksAScriptedStep) {
  const aslgen::GenOptions options = *aslgen::profile_options(GetParam());
  int failures = 0;
  for (std::uint64_t i = 0; i < case_count(300) && failures < 3; ++i) {
    asl::Case c = aslgen::generate_valid_case(12, i, options);
    asl::Result r = asl::execute(c);
    if (r.status == asl::Status::target_error || r.status == asl::Status::invalid_definition) {
      ADD_FAILURE() << asl::json::write(asl::to_json(r)) << "\n" << show(c);
      ++failures;
    }
  }
}

TEST_P(EveryProfile, NearValidCasesCarryTheValidatorsExactDiagnostics) {
  const aslgen::GenOptions options = *aslgen::profile_options(GetParam());
  int failures = 0;
  for (std::uint64_t i = 0; i < case_count(300) && failures < 5; ++i) {
    asl::Case c = aslgen::generate_near_valid_case(13, i, options);
    std::multiset<std::pair<std::string, std::string>> expected, actual;
    for (const aslgen::ExpectedDiagnostic& d : aslgen::expected_diagnostics(c)) expected.emplace(d.code, d.location);
    asl::ValidationOptions v;
    v.type = c.type;
    std::string listed;
    for (const asl::Diagnostic& d : asl::validate(c.definition, v)) {
      if (d.severity != "ERROR") continue;
      actual.emplace(d.code, d.location);
      listed += "  " + d.code + " at " + d.location + ": " + d.message + "\n";
    }
    if (expected != actual) {
      ADD_FAILURE() << c.tags[1] << " labelled " << asl::json::write(*c.expect) << " but the validator says\n"
                    << listed << show(c);
      ++failures;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Generators, EveryProfile,
                         ::testing::Values("full", "jsonpath", "intrinsics", "choice", "errors", "map", "jsonata"));

TEST(Generators, SameSeedAndIndexGiveTheSameCase) {
  for (const char* profile : {"full", "jsonata"}) {
    aslgen::GenOptions o = *aslgen::profile_options(profile);
    o.near_valid_ratio = 0.3;
    for (std::uint64_t i = 0; i < 50; ++i) {
      EXPECT_EQ(show(aslgen::generate_case(7, i, o)), show(aslgen::generate_case(7, i, o))) << profile;
      EXPECT_NE(show(aslgen::generate_case(7, i, o)), show(aslgen::generate_case(8, i, o))) << profile;
    }
  }
}

TEST(Generators, NearValidRatioIsHonoured) {
  aslgen::GenOptions o;
  o.near_valid_ratio = 0.25;
  int near = 0;
  for (std::uint64_t i = 0; i < 2000; ++i) near += aslgen::generate_case(3, i, o).expect.has_value() ? 1 : 0;
  EXPECT_NEAR(near / 2000.0, 0.25, 0.04);
}

TEST(Generators, EveryNamedProfileExists) {
  for (const std::string& name : aslgen::profile_names()) EXPECT_TRUE(aslgen::profile_options(name).has_value()) << name;
  EXPECT_FALSE(aslgen::profile_options("nope").has_value());
}

// JSONata is drawn from a stream of its own: a case that does not use it is exactly the case the
// generator gives with JSONata off, so adding JSONata did not move the JSONPath cases of a seed.
TEST(Generators, CasesWithoutJsonataAreTheCasesOfAJsonPathOnlyGenerator) {
  aslgen::GenOptions with, without;
  without.weights.jsonata = 0;
  int jsonata = 0;
  for (std::uint64_t i = 0; i < 300; ++i) {
    asl::Case c = aslgen::generate_valid_case(1, i, with);
    const bool uses = std::any_of(c.tags.begin(), c.tags.end(), [](const std::string& t) {
      return t == "jsonata" || t.starts_with("query-language:");
    });
    if (uses) {
      ++jsonata;
      continue;
    }
    EXPECT_EQ(show(c), show(aslgen::generate_valid_case(1, i, without))) << i;
  }
  EXPECT_GT(jsonata, 20);
  EXPECT_LT(jsonata, 80);
}

// Every case of the jsonata profile has a JSONata state; most set QueryLanguage for the machine.
TEST(Generators, JsonataProfileGivesJsonataMachines) {
  const aslgen::GenOptions options = *aslgen::profile_options("jsonata");
  int machine = 0, with_state = 0;
  for (std::uint64_t i = 0; i < 200; ++i) {
    asl::Case c = aslgen::generate_valid_case(4, i, options);
    const asl::Value* language = c.definition.get("QueryLanguage");
    machine += language != nullptr && language->as_string() == "JSONata" ? 1 : 0;
    with_state += std::find(c.tags.begin(), c.tags.end(), "jsonata") != c.tags.end() ? 1 : 0;
  }
  EXPECT_GT(machine, 100);
  EXPECT_GT(with_state, 180);
}

}  // namespace
