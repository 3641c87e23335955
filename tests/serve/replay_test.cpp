// replay_test.cpp — `aslcheck replay --target sfn-api --endpoint-url URL corpus/cases` against `aslcheck serve`: zero divergences, every skip with a reason, Express cases compared without history.
#include <gtest/gtest.h>

#include <filesystem>

#include "serve_process.h"
#include "support/test_support.h"

namespace {

TEST(SfnApiReplay, CorpusAgainstServeHasNoDivergences) {
  auto dir = std::filesystem::temp_directory_path() / ("aslcheck-replay-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  // The command line runs in `dir`, where corpus/ is the repository's.
  std::filesystem::create_symlink(asl::test::source_path("corpus"), dir / "corpus");
  std::string mocks = (dir / "mock-config.json").string();
  auto written = asl::test::run_cli({"mock-config", (dir / "corpus" / "cases").string(), "-o", mocks});
  ASSERT_EQ(written.exit_code, 0) << written.err;

  // The reference interpreter starts executions at 2026-01-01T00:00:00Z unless a case says otherwise.
  asl::test::ServeProcess serve({"--mock-config", mocks, "--start-time", "2026-01-01T00:00:00Z"});
  ASSERT_TRUE(serve.started()) << serve.startup_output();
  // The command line, exactly (no --out: a fresh aslcheck-out/<target>-<time> directory).
  auto run = asl::test::run_cli_in(dir.string(), {"replay", "--target", "sfn-api", "--endpoint-url", serve.url(), "corpus/cases"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find(" 0 diverge"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(" 0 target-error"), std::string::npos) << run.out;
  std::vector<std::filesystem::path> runs;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "aslcheck-out")) runs.push_back(entry.path());
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_TRUE(runs[0].filename().string().starts_with("sfn-api-")) << runs[0];

  // Every case either matched or was skipped with its reason; at least the task cases ran.
  std::size_t matched = 0;
  bool express_matched = false;
  for (const asl::Value& line : asl::test::read_jsonl((runs[0] / "results.jsonl").string())) {
    std::string verdict = asl::test::string_field(line, "verdict");
    SCOPED_TRACE(asl::json::write(line));
    EXPECT_TRUE(verdict == "match" || verdict == "skipped");
    if (verdict == "skipped") {
      EXPECT_FALSE(asl::test::string_field(line, "reason").empty());
    }
    if (verdict == "match") ++matched;
    // An Express execution has no history through the API: its trace, retries and history are
    // not compared, and its record says so (without that, its retry would be a divergence).
    if (asl::test::string_field(line, "id") == "express-sync-quote") {
      EXPECT_EQ(verdict, "match");
      EXPECT_EQ(asl::test::string_field(line, "reason").rfind("not compared: trace, retries, history (", 0), 0u);
      express_matched = verdict == "match";
    }
  }
  EXPECT_GE(matched, 5u);
  EXPECT_TRUE(express_matched) << "corpus/cases/express-sync-quote.case.json ran";
  std::filesystem::remove_all(dir);
}

}  // namespace
