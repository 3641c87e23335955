// merge_test.cpp — `aslcheck merge --out OUT DIR...` over shard fixtures (tests/data/reports/merges.jsonl).
#include <filesystem>
#include <fstream>

#include "aslcheck/reports.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

namespace fs = std::filesystem;

std::size_t line_count(const fs::path& file) {
  std::ifstream in(file);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

// Each line: {"name", "runs" (fixtures under tests/data/reports/runs), "exit", and for a merge
// that succeeds "counts", "lines", optionally "run_id", "started", "finished", "files" (that
// must exist in OUT), "stderr_empty"; "stderr_contains" for warnings and errors}.
TEST(Merge, DataDrivenShardMerges) {
  auto rows = read_jsonl(source_path("tests/data/reports/merges.jsonl"));
  ASSERT_GE(rows.size(), 4u);
  fs::path base = fs::temp_directory_path() / ("aslcheck-merge-" + std::to_string(::getpid()));
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    fs::remove_all(base);
    fs::path out = base / "merged";
    std::vector<std::string> args{"merge", "--out", out.string()};
    for (const Value& r : row.get("runs")->as_array()) {
      args.push_back(source_path("tests/data/reports/runs/" + r.as_string()));
    }
    CommandResult run = run_cli(args);
    ASSERT_EQ(row.get("exit")->as_int(), run.exit_code) << name << "\nstdout: " << run.out << "\nstderr: " << run.err;
    if (row.get("stderr_contains")) {
      EXPECT_NE(std::string::npos, run.err.find(string_field(row, "stderr_contains"))) << name << ": " << run.err;
    }
    if (row.get("stderr_empty")) EXPECT_EQ("", run.err) << name;
    if (run.exit_code != 0) continue;
    auto printed = json::read(run.out);
    ASSERT_TRUE(printed.ok()) << name << ": " << run.out;
    EXPECT_TRUE(json_equal(*row.get("counts"), *printed->get("counts"))) << name;
    auto info = aslcheck::read_run_info_file((out / "run.json").string());
    ASSERT_TRUE(info.ok()) << name << ": " << format_error(info.error());
    Object counts;
    for (const auto& [verdict, n] : info->counts) counts.set(verdict, Value(n));
    EXPECT_TRUE(json_equal(*row.get("counts"), Value(std::move(counts)))) << name << ": run.json counts";
    EXPECT_EQ(static_cast<std::size_t>(row.get("lines")->as_int()), line_count(out / "results.jsonl")) << name;
    if (row.get("run_id")) EXPECT_EQ(string_field(row, "run_id"), info->run_id) << name;
    if (row.get("started")) EXPECT_EQ(string_field(row, "started"), info->started) << name;
    if (row.get("finished")) EXPECT_EQ(string_field(row, "finished"), info->finished) << name;
    EXPECT_EQ(1, info->shard_count) << name;
    if (const Value* files = row.get("files")) {
      for (const Value& f : files->as_array()) EXPECT_TRUE(fs::exists(out / f.as_string())) << name << ": " << f.as_string();
    }
    // The merged directory is a run like any other: its report can be written again.
    EXPECT_TRUE(aslcheck::write_reports(out.string()).ok()) << name;
  }
  fs::remove_all(base);
}

TEST(Merge, NeverOverwritesARun) {
  fs::path out = fs::temp_directory_path() / ("aslcheck-merge-full-" + std::to_string(::getpid()));
  fs::create_directories(out);
  { std::ofstream(out / "results.jsonl") << "{}\n"; }
  CommandResult run = run_cli({"merge", "--out", out.string(), source_path("tests/data/reports/runs/shard-0")});
  EXPECT_EQ(2, run.exit_code) << run.err;
  EXPECT_NE(std::string::npos, run.err.find("not an empty directory")) << run.err;
  EXPECT_EQ("{}\n", read_text((out / "results.jsonl").string()));
  fs::remove_all(out);
}

}  // namespace
}  // namespace asl::test
