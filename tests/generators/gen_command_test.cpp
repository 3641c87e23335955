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

}  // namespace
