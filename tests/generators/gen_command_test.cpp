// gen_command_test.cpp — `aslcheck gen`: same seed, byte-identical files; near-valid ratio; stats; bad profile.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"

namespace {

std::string temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("aslgen-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  return dir.string();
}

TEST(GenCommand, SameSeedWritesByteIdenticalFiles) {
  const std::string a = temp_dir("a"), b = temp_dir("b");
  for (const std::string& dir : {a, b}) {
    auto r = asl::test::run_cli({"gen", "--count", "40", "--seed", "5", "--out", dir, "--near-valid-ratio", "0.5"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  int files = 0, near_valid = 0;
  for (const auto& entry : std::filesystem::directory_iterator(a)) {
    const std::string name = entry.path().filename().string();
    const std::string text = asl::test::read_text(entry.path().string());
    EXPECT_EQ(text, asl::test::read_text(b + "/" + name)) << name;
    near_valid += text.find("\"INVALID_DEFINITION\"") != std::string::npos ? 1 : 0;
    ++files;
  }
  EXPECT_EQ(files, 40);
  EXPECT_GT(near_valid, 5);
  EXPECT_LT(near_valid, 35);
  std::filesystem::remove_all(a);
  std::filesystem::remove_all(b);
}

TEST(GenCommand, JsonataProfileWritesByteIdenticalFiles) {
  const std::string a = temp_dir("ja"), b = temp_dir("jb");
  for (const std::string& dir : {a, b}) {
    auto r = asl::test::run_cli({"gen", "--count", "30", "--seed", "9", "--out", dir, "--profile", "jsonata"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  int files = 0, expressions = 0;
  for (const auto& entry : std::filesystem::directory_iterator(a)) {
    const std::string name = entry.path().filename().string();
    const std::string text = asl::test::read_text(entry.path().string());
    EXPECT_EQ(text, asl::test::read_text(b + "/" + name)) << name;
    expressions += text.find("{%") != std::string::npos ? 1 : 0;
    ++files;
  }
  EXPECT_EQ(files, 30);
  EXPECT_GT(expressions, 20);  // a JSONata machine may hold only literal fields
  std::filesystem::remove_all(a);
  std::filesystem::remove_all(b);
}

TEST(GenCommand, StatsPrintsTheFeatureHistogram) {
  auto r = asl::test::run_cli({"gen", "--count", "200", "--seed", "1", "--stats"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  asl::Value stats = asl::test::parse(r.out);
  EXPECT_EQ(stats.get("cases")->as_int(), 200);
  EXPECT_GT(stats.get("tags")->get("task")->as_int(), 0);
}

TEST(GenCommand, UnknownProfileIsAUsageError) {
  auto r = asl::test::run_cli({"gen", "--count", "1", "--stats", "--profile", "nope"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown profile 'nope'"), std::string::npos);
  EXPECT_NE(r.err.find("jsonata"), std::string::npos);
}

// --set changes one setting of the profile by name; bad names and values are usage errors that
// say what is accepted.
TEST(GenCommand, SettingsChangeTheProfileByName) {
  struct Row {
    std::vector<std::string> settings;
    int exit_code;
    std::string says;  // in stderr (errors) or the stats' profile (success)
  };
  const Row rows[] = {
      {{"variables=0", "jsonata=0", "distributed_map=0"}, 0, "full,variables=0,jsonata=0,distributed_map=0"},
      {{"max_states=2"}, 0, "full,max_states=2"},
      {{"bogus=1"}, 2, "unknown setting 'bogus' (known: pass, task"},
      {{"retry=5000"}, 2, "retry takes a whole number from 0 to 1000"},
      {{"retry="}, 2, "retry takes a whole number"},
      {{"pass=0", "task=0", "choice=0", "wait=0", "parallel=0", "map=0"}, 2, "every state kind has weight 0"},
  };
  for (const Row& row : rows) {
    std::vector<std::string> args{"gen", "--count", "300", "--seed", "3", "--stats"};
    for (const std::string& s : row.settings) args.insert(args.end(), {"--set", s});
    auto r = asl::test::run_cli(args);
    ASSERT_EQ(r.exit_code, row.exit_code) << row.says << "\n" << r.err;
    if (row.exit_code != 0) {
      EXPECT_NE(r.err.find(row.says), std::string::npos) << r.err;
      continue;
    }
    asl::Value stats = asl::test::parse(r.out);
    EXPECT_EQ(stats.get("profile")->as_string(), row.says);
    const asl::Value* tags = stats.get("tags");
    if (row.says.find("variables=0") != std::string::npos) {
      for (const char* off : {"variables", "jsonata", "distributed-map"}) EXPECT_EQ(tags->get(off), nullptr) << off;
    }
  }
}

}  // namespace
