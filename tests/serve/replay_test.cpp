// replay_test.cpp — `aslcheck replay --target sfn-api` against `aslcheck serve` on corpus/cases: zero divergences, every skip with a reason.
#include <gtest/gtest.h>

#include <filesystem>

#include "serve_process.h"
#include "support/test_support.h"

namespace {

TEST(SfnApiReplay, CorpusAgainstServeHasNoDivergences) {
  auto dir = std::filesystem::temp_directory_path() / ("aslcheck-replay-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string corpus = asl::test::source_path("corpus/cases");
  std::string mocks = (dir / "mock-config.json").string();
  auto written = asl::test::run_cli({"mock-config", corpus, "-o", mocks});
  ASSERT_EQ(written.exit_code, 0) << written.err;

  // The reference interpreter starts executions at 2026-01-01T00:00:00Z unless a case says otherwise.
  asl::test::ServeProcess serve({"--mock-config", mocks, "--start-time", "2026-01-01T00:00:00Z"});
  ASSERT_TRUE(serve.started()) << serve.startup_output();
  std::string out = (dir / "run").string();
  auto run = asl::test::run_cli({"replay", "--target", "sfn-api", "--target-option", "endpoint-url=" + serve.url(),
                                 "--out", out, "--progress", "none", corpus});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find(" 0 diverge"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(" 0 target-error"), std::string::npos) << run.out;
  // Every case either matched or was skipped with its reason; at least the task cases ran.
  std::size_t matched = 0;
  for (const asl::Value& line : asl::test::read_jsonl(out + "/results.jsonl")) {
    std::string verdict = asl::test::string_field(line, "verdict");
    SCOPED_TRACE(asl::json::write(line));
    EXPECT_TRUE(verdict == "match" || verdict == "skipped");
    if (verdict == "skipped") {
      EXPECT_FALSE(asl::test::string_field(line, "reason").empty());
    }
    if (verdict == "match") ++matched;
  }
  EXPECT_GE(matched, 4u);
  std::filesystem::remove_all(dir);
}

}  // namespace
