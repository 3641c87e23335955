// planted_bug_test.cpp — a perturbed copy of one rule (Choice NumericGreaterThanEquals) is found by generation and shrunk to at most 3 states.
#include <gtest/gtest.h>

#include "aslgen/generate.h"
#include "aslgen/planted_bug.h"
#include "aslgen/shrink.h"

namespace {

TEST(PlantedBug, IsFoundAndShrunkToAtMostThreeStates) {
  const aslgen::GenOptions options = *aslgen::profile_options("choice");
  std::optional<asl::Case> found;
  std::uint64_t index = 0;
  for (; index < 5000 && !found; ++index) {
    asl::Case c = aslgen::generate_valid_case(2024, index, options);
    if (aslgen::planted_bug_diverges(c)) found = c;
  }
  ASSERT_TRUE(found.has_value()) << "5000 generated cases never reached the NumericGreaterThanEquals boundary";
  aslgen::ShrinkStats stats;
  const asl::Case shrunk = aslgen::shrink_case(*found, aslgen::planted_bug_diverges,
                                               std::chrono::steady_clock::now() + std::chrono::seconds(30), &stats);
  EXPECT_TRUE(aslgen::planted_bug_diverges(shrunk));
  EXPECT_FALSE(stats.hit_deadline);
  EXPECT_LE(aslgen::count_states(shrunk.definition), 3u) << asl::json::write(asl::to_json(shrunk));
  std::cout << "found at case " << index - 1 << ", " << aslgen::count_states(found->definition) << " -> "
            << aslgen::count_states(shrunk.definition) << " states in " << stats.steps << " steps ("
            << stats.attempts << " attempts): " << asl::json::write(shrunk.definition) << "\n";
}

TEST(PlantedBug, ShrinkingKeepsAValidCaseValid) {
  const aslgen::GenOptions options, jsonata = *aslgen::profile_options("jsonata");
  for (std::uint64_t i = 0; i < 30; ++i) {
    asl::Case c = aslgen::generate_valid_case(5, i, i % 3 == 2 ? jsonata : options);
    // Shrink towards "still has a Task state": every step must stay valid.
    asl::Case s = aslgen::shrink_case(c, [](const asl::Case& x) { return !x.tasks.empty(); });
    asl::ValidationOptions v;
    v.type = s.type;
    for (const asl::Diagnostic& d : asl::validate(s.definition, v)) EXPECT_NE(d.severity, "ERROR") << d.message;
    if (!c.tasks.empty()) EXPECT_FALSE(s.tasks.empty());
  }
}

}  // namespace
