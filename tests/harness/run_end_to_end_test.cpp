// run_end_to_end_test.cpp — `aslcheck run`/`replay` as users run them: reference, alsf and command targets, resume after kill -9, shards.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <thread>

#include "support/test_support.h"

namespace asl::test {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  explicit TempDir(const std::string& name) {
    path_ = fs::temp_directory_path() / ("aslcheck-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& child) const { return (path_ / child).string(); }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

std::vector<Value> results_of(const std::string& run_dir) { return read_jsonl(run_dir + "/results.jsonl"); }

std::map<std::string, std::string> verdicts_of(const std::string& run_dir) {
  std::map<std::string, std::string> out;
  for (const Value& r : results_of(run_dir)) {
    std::string id = string_field(r, "id");
    EXPECT_FALSE(out.contains(id)) << "case " << id << " recorded twice in " << run_dir;
    out[id] = string_field(r, "verdict");
  }
  return out;
}

std::string fake_worker_command(const std::string& extra = "") {
  return "node " + source_path("tests/data/harness/fake_worker.mjs") + extra;
}

// `count` machines of one Pass state whose output is their input: the fake worker answers them
// right, so every one of them matches.
void write_pass_cases(const std::string& dir, int count) {
  fs::create_directories(dir);
  for (int i = 0; i < count; ++i) {
    std::ofstream(dir + "/p-" + std::to_string(i) + ".case.json")
        << R"({"id":"p-)" << i << R"(","tags":["pass"],"definition":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"input":{"i":)"
        << i << "}}\n";
  }
}

TEST(RunEndToEnd, ReferenceTargetAgreesWithTheOracleOnTheCorpus) {
  TempDir out("reference");
  auto r = run_cli({"replay", "--target", "reference", source_path("corpus/cases"), source_path("corpus/regressions"),
                    "--out", out / "run", "--progress", "none"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  auto verdicts = verdicts_of(out / "run");
  EXPECT_GE(verdicts.size(), 7u);
  for (const auto& [id, verdict] : verdicts) EXPECT_EQ(verdict, "match") << id;
  EXPECT_TRUE(fs::exists(out / "run/junit.xml"));
  EXPECT_TRUE(fs::exists(out / "run/report.html"));
}

TEST(RunEndToEnd, CommandTargetTurnsCrashesHangsAndGarbageIntoTargetErrors) {
  TempDir out("command");
  auto r = run_cli({"replay", "--target", "command", "--command", fake_worker_command(),
                    source_path("tests/data/harness/command"), "--case-timeout", "2", "--out", out / "run",
                    "--progress", "none"});
  EXPECT_EQ(r.exit_code, 3) << "target errors exit 3\n" << r.out << r.err;
  Value expected = parse(read_text(source_path("tests/data/harness/command/expected_verdicts.json")));
  auto verdicts = verdicts_of(out / "run");
  EXPECT_EQ(verdicts.size(), expected.size()) << "every case is recorded, none lost";
  for (const Member& m : expected.as_object()) {
    EXPECT_EQ(verdicts[m.key], m.value.as_string()) << m.key;
  }
}

TEST(RunEndToEnd, CommandTargetWithoutItsProgramIsATargetErrorNotAPass) {
  TempDir out("missing-program");
  auto r = run_cli({"replay", "--target", "command", "--command", "no-such-worker-program-xyz",
                    source_path("tests/data/harness/command/a-ok.case.json"), "--out", out / "run", "--progress", "none"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  auto results = results_of(out / "run");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(string_field(results[0], "verdict"), "target-error");
  EXPECT_NE(string_field(results[0], "reason").find("not on PATH"), std::string::npos);
}

TEST(RunEndToEnd, AlsfCorpusRunIsCleanWithItsExpectationsAndDivergesWithout) {
  TempDir out("alsf");
  std::vector<std::string> cases = {source_path("corpus/cases"), source_path("corpus/regressions")};
  std::vector<std::string> with = {"replay", "--target", "alsf"};
  with.insert(with.end(), cases.begin(), cases.end());
  with.insert(with.end(), {"--expectations", source_path("corpus/expectations/alsf.json"), "--out", out / "with",
                           "--progress", "none", "--shrink-time", "0"});
  auto r = run_cli(with);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  auto verdicts = verdicts_of(out / "with");
  std::map<std::string, int> by_verdict;
  for (const auto& [id, verdict] : verdicts) ++by_verdict[verdict];
  EXPECT_GT(by_verdict["match"], 0) << "the real alsf worker ran cases";
  EXPECT_GT(by_verdict["known"], 0) << "alsf's recorded bugs still show";
  EXPECT_EQ(by_verdict["target-error"], 0);

  std::vector<std::string> without = {"replay", "--target", "alsf"};
  without.insert(without.end(), cases.begin(), cases.end());
  without.insert(without.end(), {"--out", out / "without", "--progress", "none", "--shrink-time", "0"});
  auto bare = run_cli(without);
  EXPECT_EQ(bare.exit_code, 1) << "a divergence without an expectation is new\n" << bare.out << bare.err;
}

// Starts aslcheck in the background; the caller kills it.
pid_t spawn_cli(const std::vector<std::string>& args) {
  pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<std::string> copies = args;
    std::string program = ASLCHECK_CLI;
    std::vector<char*> argv{program.data()};
    for (auto& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 1);
    ::dup2(devnull, 2);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  return pid;
}

std::size_t line_count(const std::string& path) {
  std::ifstream in(path);
  return static_cast<std::size_t>(std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
}

TEST(RunEndToEnd, ResumeAfterKillNineLosesAndRepeatsNothing) {
  TempDir dir("resume");
  constexpr int kCases = 60;
  write_pass_cases(dir / "cases", kCases);
  std::vector<std::string> args = {"replay", "--target", "command", "--command", fake_worker_command(" --delay-ms 25"),
                                   dir / "cases", "--progress", "none"};

  auto interrupted = args;
  interrupted.insert(interrupted.end(), {"--out", dir / "run"});
  pid_t pid = spawn_cli(interrupted);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (line_count(dir / "run/results.jsonl") < 10 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::size_t before = line_count(dir / "run/results.jsonl");
  ASSERT_GE(before, 10u);
  ASSERT_LT(before, static_cast<std::size_t>(kCases)) << "the run was killed before it finished";

  auto resumed = args;
  resumed.insert(resumed.end(), {"--resume", dir / "run"});
  auto r = run_cli(resumed);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;

  auto full = args;
  full.insert(full.end(), {"--out", dir / "uninterrupted"});
  auto u = run_cli(full);
  EXPECT_EQ(u.exit_code, 0) << u.out << u.err;
  EXPECT_EQ(verdicts_of(dir / "run"), verdicts_of(dir / "uninterrupted"));
  EXPECT_EQ(verdicts_of(dir / "run").size(), static_cast<std::size_t>(kCases));
}

TEST(RunEndToEnd, ShardsPartitionTheCasesAndTakeTheirIndexFromTheScheduler) {
  TempDir dir("shards");
  constexpr int kCases = 40;
  write_pass_cases(dir / "cases", kCases);
  std::set<std::string> seen;
  std::size_t total = 0;
  for (int k = 0; k < 3; ++k) {
    std::string run = dir / ("shard" + std::to_string(k));
    // Shard 1 takes its index from a Kubernetes Indexed Job's variable.
    std::string shard = k == 1 ? "auto/3" : std::to_string(k) + "/3";
    if (k == 1) ::setenv("JOB_COMPLETION_INDEX", "1", 1);
    auto r = run_cli({"replay", "--target", "reference", dir / "cases", "--shard", shard, "--out", run, "--progress", "none"});
    ::unsetenv("JOB_COMPLETION_INDEX");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    for (const auto& [id, verdict] : verdicts_of(run)) {
      EXPECT_TRUE(seen.insert(id).second) << id << " ran in two shards";
      ++total;
    }
  }
  EXPECT_EQ(total, static_cast<std::size_t>(kCases)) << "every case ran in exactly one shard";
}

TEST(RunEndToEnd, BadArgumentsAreUsageErrors) {
  TempDir dir("usage");
  EXPECT_EQ(run_cli({"run", "--target", "reference", "--out", dir / "a"}).exit_code, 2) << "nothing to run";
  EXPECT_EQ(run_cli({"run", "--target", "nope", "--cases", "1", "--out", dir / "b"}).exit_code, 2);
  EXPECT_EQ(run_cli({"run", "--target", "reference", "--cases", "1", "--shard", "3/3", "--out", dir / "c"}).exit_code, 2);
  EXPECT_EQ(run_cli({"replay", "--target", "reference", dir / "missing.case.json", "--out", dir / "d"}).exit_code, 2);
}

TEST(RunEndToEnd, SameSeedGivesTheSameCasesAndVerdicts) {
  TempDir dir("seed");
  for (const char* run : {"one", "two"}) {
    auto r = run_cli({"run", "--target", "reference", "--cases", "200", "--seed", "7", "--jobs", "2", "--out", dir / run,
                      "--progress", "none"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  auto one = verdicts_of(dir / "one");
  EXPECT_EQ(one.size(), 200u);
  EXPECT_EQ(one, verdicts_of(dir / "two"));
}

// The reference target answers with the runner's oracle Result (each case runs once); run
// independently (every case a second time, history on) it must give the same verdicts.
TEST(RunEndToEnd, ReferenceTargetOnceOrIndependentlyGivesTheSameVerdicts) {
  TempDir dir("reference-once");
  for (const char* run : {"once", "independent"}) {
    std::vector<std::string> args = {"run", "--target", "reference", "--cases", "300", "--seed", "5", "--out", dir / run,
                                     "--progress", "none"};
    if (std::string(run) == "independent") args.insert(args.end(), {"--target-option", "independent=true"});
    auto r = run_cli(args);
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  auto once = verdicts_of(dir / "once");
  EXPECT_EQ(once.size(), 300u);
  EXPECT_EQ(once, verdicts_of(dir / "independent"));
}

}  // namespace
}  // namespace asl::test
