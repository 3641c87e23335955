// runner.cpp — the run loop: J jobs, each with its own target and oracle, taking cases in order, streaming one record per case.
#include "aslcheck/runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "asl/exec.h"
#include "asl/json.h"
#include "aslcheck/expectations.h"
#include "aslcheck/reports.h"
#include "aslgen/shrink.h"
#include "runner/case_source.h"
#include "runner/progress.h"
#include "runner/results_log.h"

namespace aslcheck {

std::int64_t RunSummary::count(std::string_view verdict) const {
  auto it = counts.find(std::string(verdict));
  return it == counts.end() ? 0 : it->second;
}

int exit_code(const RunSummary& summary) {
  if (!summary.refused.empty()) return 5;
  if (summary.interrupted) return 4;
  if (!summary.fatal.empty() || summary.count("target-error") > 0) return 3;
  if (summary.count("diverge") > 0 || summary.count("xpass") > 0) return 1;
  return 0;
}

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// After this many target errors in a row, with no case in between that the target ran, the run
// stops: the target is down, and the rest would only repeat the message (resume continues).
constexpr std::int64_t kConsecutiveTargetErrorsToStop = 50;

std::atomic<bool> g_stop_requested{false};
extern "C" void request_stop(int) { g_stop_requested.store(true); }

asl::Error usage(std::string message) { return asl::Error{std::string(asl::errc::usage), std::move(message), {}}; }

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// A file name for a case id: ids are free text, file names are not.
std::string file_stem(const std::string& id) {
  std::string out;
  bool changed = false;
  for (char c : id) {
    bool keep = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
    out.push_back(keep ? c : '_');
    changed = changed || !keep;
  }
  if (out.empty() || out.front() == '.') out.insert(out.begin(), '_'), changed = true;
  if (changed) out += "-" + std::to_string(case_id_hash(id) % 100000);
  return out;
}

asl::Checked write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) return asl::Error{std::string(asl::errc::io), path.string() + ": cannot write", {}};
  return asl::checked_ok();
}

std::string case_text(const asl::Case& c) { return asl::json::write(asl::to_json(c)) + "\n"; }

std::vector<std::string> channel_names(const std::vector<ChannelDiff>& diffs) {
  std::vector<std::string> names;
  for (const ChannelDiff& d : diffs) names.push_back(d.channel);
  return names;
}

// Everything the jobs share.
struct Shared {
  const RunOptions& options;
  const runner::CaseSource& source;
  const ExpectationFile& expectations;
  const runner::CompletedRuns& completed;
  runner::ResultsLog& log;
  runner::Progress& progress;
  fs::path out;
  Clock::time_point started = Clock::now();
  std::atomic<std::int64_t> next{0};

  std::mutex mutex;  // guards everything below
  std::map<std::string, std::int64_t> counts;
  std::map<std::string, Bucket> buckets;
  std::vector<bool> used_entries;
  runner::ProgressCounts progress_counts;
  std::int64_t consecutive_target_errors = 0;
  std::string fatal;
  bool budget_exhausted = false;
};

class Job {
 public:
  Job(Shared& shared, std::unique_ptr<Target> target) : shared_(shared), target_(std::move(target)) {
    exec_options_.seed = 0;
    // The oracle's history is needed only to compare it with another side's.
    exec_options_.history = target_->capabilities().reports(Channel::history) && !target_->is_the_oracle();
  }

  void run() {
    for (;;) {
      if (should_stop()) return;
      std::int64_t i = shared_.next.fetch_add(1);
      if (i >= shared_.source.size()) return;
      std::string id = shared_.source.id(i);
      if (!shared_.options.shard.owns(id) || shared_.completed.ids.contains(id)) continue;
      auto loaded = shared_.source.load(i);
      CaseRecord record;
      if (!loaded) {
        record.id = id;
        record.target = std::string(target_->name());
        record.feature = "general";
        record.verdict = Verdict::target_error;
        record.reason = "the case could not be read: " + asl::format_error(loaded.error());
      } else {
        record = run_case(*loaded);
      }
      // A case cut short by Ctrl-C is not recorded, so --resume runs it again.
      if (g_stop_requested.load() && record.verdict == Verdict::target_error) return;
      shared_.log.append(record);
      account(record);
    }
  }

 private:
  bool should_stop() {
    if (g_stop_requested.load()) return true;
    std::lock_guard<std::mutex> lock(shared_.mutex);
    if (!shared_.fatal.empty() || shared_.budget_exhausted) return true;
    double budget = shared_.options.time_budget_seconds;
    if (budget > 0 && std::chrono::duration<double>(Clock::now() - shared_.started).count() >= budget) {
      shared_.budget_exhausted = true;
      return true;
    }
    return false;
  }

  void account(const CaseRecord& record) {
    std::lock_guard<std::mutex> lock(shared_.mutex);
    ++shared_.counts[std::string(verdict_name(record.verdict))];
    auto& p = shared_.progress_counts;
    ++p.done;
    if (record.verdict == Verdict::diverge) ++p.diverge;
    if (record.verdict == Verdict::target_error) {
      ++p.target_errors;
      if (++shared_.consecutive_target_errors >= kConsecutiveTargetErrorsToStop && shared_.fatal.empty()) {
        shared_.fatal = "the target failed " + std::to_string(kConsecutiveTargetErrorsToStop) +
                        " cases in a row; the last said: " + record.reason;
      }
    } else if (record.verdict != Verdict::skipped) {
      shared_.consecutive_target_errors = 0;
    }
    shared_.progress.update(p);
  }

  // Runs the case on both sides and diffs; the verdict and the channels that decide it.
  struct Outcome {
    asl::Result expected, actual;
    std::vector<ChannelDiff> diffs;
    Classification classification;
    std::string withheld;  // "not compared: trace, history (why)" when the target withheld channels for this case
  };

  Outcome compare(const asl::Case& c) {
    Outcome o;
    o.expected = asl::execute(c, exec_options_);
    if (o.expected.status == asl::Status::target_error) return o;
    if (target_->is_the_oracle()) {
      // The same Result on both sides: nothing can differ; expectations still classify it (an
      // entry expecting a divergence here is stale).
      o.actual = o.expected;
      std::string feature = main_feature(c);
      CaseKey key{c.id, feature, &c.tags};
      o.classification = classify(shared_.expectations, key, {});
      return o;
    }
    o.actual = target_->run(c);
    if (o.actual.status == asl::Status::target_error) return o;
    Target::Withheld withheld = target_->withheld_channels(c);
    Capabilities narrowed;
    if (!withheld.channels.empty()) {
      narrowed = target_->capabilities();
      std::erase_if(narrowed.channels, [&](Channel ch) { return std::ranges::find(withheld.channels, ch) != withheld.channels.end(); });
      o.withheld = "not compared: ";
      for (std::size_t i = 0; i < withheld.channels.size(); ++i) {
        o.withheld += (i == 0 ? "" : ", ") + std::string(channel_name(withheld.channels[i]));
      }
      o.withheld += " (" + withheld.reason + ")";
    }
    const Capabilities& caps = withheld.channels.empty() ? target_->capabilities() : narrowed;
    o.diffs = diff_results(c, o.expected, o.actual, caps, shared_.options.diff);
    std::string feature = main_feature(c);
    CaseKey key{c.id, feature, &c.tags};
    auto masked = [&](std::string_view channel, const std::vector<std::string>& masks) {
      return still_differs(c, o.expected, o.actual, caps, shared_.options.diff, channel, masks);
    };
    o.classification = classify(shared_.expectations, key, channel_names(o.diffs), masked);
    return o;
  }

  CaseRecord run_case(const asl::Case& c) {
    auto started = Clock::now();
    CaseRecord record;
    record.id = c.id;
    record.target = std::string(target_->name());
    record.feature = main_feature(c);
    record.tags = c.tags;
    auto finish = [&]() {
      record.seconds = std::chrono::duration<double>(Clock::now() - started).count();
      return record;
    };
    if (auto why = target_->cannot_run(c)) {
      record.verdict = Verdict::skipped;
      record.reason = *why;
      return finish();
    }
    Outcome o = compare(c);
    if (o.expected.status == asl::Status::target_error) {
      record.verdict = Verdict::skipped;
      record.reason = "the oracle cannot run this case: " + o.expected.message;
      return finish();
    }
    if (o.actual.status == asl::Status::target_error) {
      record.verdict = Verdict::target_error;
      record.reason = o.actual.message;
      record.expected = o.expected;
      record.actual = o.actual;
      save_case(c, record);
      return finish();
    }
    record.verdict = o.classification.verdict;
    record.reason = o.classification.reason;
    if (record.reason.empty()) record.reason = o.withheld;
    if (record.verdict == Verdict::match) return finish();
    record.diffs = o.diffs;
    record.expected = o.expected;
    record.actual = o.actual;
    if (!o.diffs.empty()) {
      auto channels = record.verdict == Verdict::diverge ? o.classification.uncovered : channel_names(o.diffs);
      record.signature = divergence_signature(c, channels, o.expected, o.actual);
    }
    {
      std::lock_guard<std::mutex> lock(shared_.mutex);
      for (std::size_t e : o.classification.entries) shared_.used_entries[e] = true;
    }
    save_case(c, record);
    if (record.verdict == Verdict::diverge) record.shrunk_path = bucket_case(c, record);
    return finish();
  }

  void save_case(const asl::Case& c, CaseRecord& record) {
    std::string relative = "cases/" + file_stem(c.id) + ".case.json";
    if (write_text(shared_.out / relative, case_text(c))) record.case_path = relative;
  }

  // The first case of a new bucket is shrunk (within the time bound) and saved under the
  // bucket's name; later cases of the bucket point at it.
  std::string bucket_case(const asl::Case& c, const CaseRecord& record) {
    {
      std::lock_guard<std::mutex> lock(shared_.mutex);
      auto [it, fresh] = shared_.buckets.try_emplace(record.signature);
      ++it->second.cases;
      if (!fresh) return it->second.shrunk_path;
      it->second.signature = record.signature;
      it->second.first_case = c.id;
      if (auto done = shared_.completed.shrunk_by_signature.find(record.signature);
          done != shared_.completed.shrunk_by_signature.end()) {
        it->second.shrunk_path = done->second;
        return done->second;
      }
    }
    asl::Case minimal = shrink(c, record.signature);
    std::string slug = signature_slug(record.signature);
    minimal.id = slug;
    std::string relative = "shrunk/" + slug + ".case.json";
    if (!write_text(shared_.out / relative, case_text(minimal))) return {};
    if (!shared_.options.regressions_dir.empty()) {
      fs::path regression = fs::path(shared_.options.regressions_dir) / (slug + ".case.json");
      std::error_code ec;
      if (!fs::exists(regression, ec)) (void)write_text(regression, case_text(minimal));
    }
    std::lock_guard<std::mutex> lock(shared_.mutex);
    shared_.buckets[record.signature].shrunk_path = relative;
    return relative;
  }

  asl::Case shrink(const asl::Case& c, const std::string& signature) {
    if (shared_.options.shrink_seconds <= 0) return c;
    auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<long long>(shared_.options.shrink_seconds * 1000));
    auto still_fails = [&](const asl::Case& candidate) {
      if (target_->cannot_run(candidate)) return false;
      Outcome o = compare(candidate);
      if (o.expected.status == asl::Status::target_error || o.actual.status == asl::Status::target_error) return false;
      if (o.classification.verdict != Verdict::diverge) return false;
      return divergence_signature(candidate, o.classification.uncovered, o.expected, o.actual) == signature;
    };
    return aslgen::shrink_case(c, still_fails, deadline);
  }

  Shared& shared_;
  std::unique_ptr<Target> target_;
  asl::ExecOptions exec_options_;
};

asl::Checked check_resumable(const RunOptions& options, const fs::path& run_json) {
  auto info = read_run_info_file(run_json.string());
  if (!info) return std::move(info).error();
  auto differs = [&](const std::string& what, const std::string& was, const std::string& now) -> asl::Checked {
    return usage("--resume " + options.out_dir + ": the run there used " + what + " " + was + ", this one " + now +
                 " (resume with the same options)");
  };
  if (info->target != options.target.name) return differs("target", info->target, options.target.name);
  if (info->seed != options.seed) return differs("seed", std::to_string(info->seed), std::to_string(options.seed));
  std::string profile = options.generated > 0 ? options.profile : "";
  if (info->profile != profile) return differs("profile", "'" + info->profile + "'", "'" + profile + "'");
  if (info->shard_index != options.shard.index || info->shard_count != options.shard.count) {
    return differs("shard", std::to_string(info->shard_index) + "/" + std::to_string(info->shard_count),
                   std::to_string(options.shard.index) + "/" + std::to_string(options.shard.count));
  }
  return asl::checked_ok();
}

// Before the first case starts: a billed target's cost estimate for the cases it would run is
// printed, and a run that would start more executions than --max-executions is refused (the
// reason comes back). Shrinking runs more cases; the target's own cap stops those.
std::optional<std::string> check_execution_budget(const RunOptions& options, const runner::CaseSource& source,
                                                  const runner::CompletedRuns& completed, const Target& target) {
  if (!target.billed() && options.max_executions <= 0) return std::nullopt;
  std::vector<asl::Case> runnable;
  std::int64_t executions = 0;
  for (std::int64_t i = 0; i < source.size(); ++i) {
    std::string id = source.id(i);
    if (!options.shard.owns(id) || completed.ids.contains(id)) continue;
    auto loaded = source.load(i);
    if (!loaded || target.cannot_run(*loaded)) continue;
    ++executions;
    if (target.billed()) runnable.push_back(std::move(loaded).value());
  }
  if (target.billed()) std::fprintf(stderr, "aslcheck: %s\n", target.cost_estimate(runnable).c_str());
  if (options.max_executions > 0 && executions > options.max_executions) {
    return std::to_string(executions) + " case(s) would run on " + std::string(target.name()) + ", more than --max-executions " +
           std::to_string(options.max_executions) + ": nothing was started (raise the cap, or run fewer cases with --cases or --shard)";
  }
  return std::nullopt;
}

}  // namespace

asl::Expected<RunSummary> run_cases(const RunOptions& options) {
  if (options.out_dir.empty()) return usage("--out DIR is required");
  if (options.jobs < 1) return usage("--jobs must be at least 1");
  if (options.case_paths.empty() && options.generated <= 0) {
    return usage("nothing to run: give case files or directories (--corpus/PATH...) or --cases N");
  }
  fs::path out(options.out_dir);
  fs::path results = out / "results.jsonl";
  fs::path run_json = out / "run.json";
  std::error_code ec;
  if (options.resume) {
    if (!fs::exists(run_json, ec)) return usage("--resume " + options.out_dir + ": no run.json there to resume");
    if (auto ok = check_resumable(options, run_json); !ok) return std::move(ok).error();
  } else if (fs::exists(results, ec) && fs::file_size(results, ec) > 0) {
    return usage(options.out_dir + " already holds a run (results.jsonl); use --resume to continue it or another --out");
  }
  for (const char* sub : {"", "cases", "shrunk", "logs"}) {
    fs::create_directories(out / sub, ec);
    if (ec) return asl::Error{std::string(asl::errc::io), (out / sub).string() + ": " + ec.message(), {}};
  }
  if (!options.regressions_dir.empty()) fs::create_directories(options.regressions_dir, ec);

  ExpectationFile expectations;
  if (!options.expectations_path.empty()) {
    auto read = read_expectations(options.expectations_path);
    if (!read) return usage(asl::format_error(read.error(), options.expectations_path));
    expectations = std::move(read).value();
  }
  auto source = runner::CaseSource::open(options.case_paths, options.generated, options.seed, options.profile);
  if (!source) return std::move(source).error();

  // Make one target before anything is written: a target that cannot even be made (unknown
  // name, bad options) is a usage error.
  std::vector<std::unique_ptr<Target>> targets;
  for (int job = 0; job < options.jobs; ++job) {
    TargetSpec spec = options.target;
    spec.options.try_emplace("timeout", std::to_string(options.case_timeout_seconds));
    spec.options.try_emplace("stderr", (out / "logs" / (spec.name + "-" + std::to_string(job) + ".stderr")).string());
    // The target's own cap also stops the executions a run makes beyond its cases (shrinking).
    if (options.max_executions > 0) spec.options.try_emplace("max-executions", std::to_string(options.max_executions));
    auto target = make_target(spec);
    if (!target) return std::move(target).error();
    targets.push_back(std::move(target).value());
  }

  runner::CompletedRuns completed;
  auto opened = runner::ResultsLog::open(results.string(), options.resume, completed);
  if (!opened) return std::move(opened).error();
  std::unique_ptr<runner::ResultsLog> log(*opened);

  std::int64_t pending = 0;
  for (std::int64_t i = 0; i < source->size(); ++i) {
    std::string id = source->id(i);
    if (options.shard.owns(id) && !completed.ids.contains(id)) ++pending;
  }

  if (auto refused = check_execution_budget(options, *source, completed, *targets.front())) {
    RunSummary summary;
    summary.refused = std::move(*refused);
    return summary;
  }

  RunInfo info;
  if (options.resume) {
    if (auto previous = read_run_info_file(run_json.string())) info = std::move(previous).value();
  } else {
    info.run_id = options.target.name + "-" + std::to_string(options.seed) + "-" + std::to_string(options.shard.index);
    info.target = options.target.name;
    info.seed = options.seed;
    info.profile = options.generated > 0 ? options.profile : "";
    info.shard_index = options.shard.index;
    info.shard_count = options.shard.count;
    info.started = utc_now();
    info.arguments = options.arguments;
  }
  info.finished.clear();
  if (auto ok = write_run_info_file(info, run_json.string()); !ok) return std::move(ok).error();

  runner::Progress progress(options.progress, pending);
  Shared shared{options, *source, expectations, completed, *log, progress, out};
  shared.used_entries.assign(expectations.entries.size(), false);

  g_stop_requested.store(false);
  auto previous_int = std::signal(SIGINT, request_stop);
  auto previous_term = std::signal(SIGTERM, request_stop);
  {
    std::vector<std::thread> threads;
    std::vector<std::unique_ptr<Job>> jobs;
    for (auto& target : targets) jobs.push_back(std::make_unique<Job>(shared, std::move(target)));
    for (auto& job : jobs) threads.emplace_back([&job] { job->run(); });
    for (auto& t : threads) t.join();
  }
  std::signal(SIGINT, previous_int);
  std::signal(SIGTERM, previous_term);
  progress.finish(shared.progress_counts);

  RunSummary summary;
  summary.counts = completed.counts;
  for (const auto& [verdict, n] : shared.counts) summary.counts[verdict] += n;
  summary.interrupted = g_stop_requested.load();
  summary.budget_exhausted = shared.budget_exhausted;
  summary.fatal = shared.fatal;
  for (const auto& [signature, n] : completed.signatures) {
    Bucket& b = shared.buckets[signature];
    b.signature = signature;
    b.cases += n;
    if (b.shrunk_path.empty()) {
      if (auto s = completed.shrunk_by_signature.find(signature); s != completed.shrunk_by_signature.end()) {
        b.shrunk_path = s->second;
      }
    }
  }
  for (auto& [signature, bucket] : shared.buckets) summary.buckets.push_back(bucket);
  std::stable_sort(summary.buckets.begin(), summary.buckets.end(),
                   [](const Bucket& a, const Bucket& b) { return a.cases > b.cases; });
  for (std::size_t i = 0; i < expectations.entries.size(); ++i) {
    if (shared.used_entries[i]) continue;
    const Expectation& e = expectations.entries[i];
    summary.unused_expectations.push_back(std::string(selector_kind_name(e.selector_kind)) + " " + e.selector + " / " +
                                          e.channel + ": " + e.reason);
  }

  info.counts = summary.counts;
  if (!summary.interrupted && summary.fatal.empty()) info.finished = utc_now();
  if (auto ok = write_run_info_file(info, run_json.string()); !ok) return std::move(ok).error();
  if (auto ok = write_reports(out.string()); !ok) {
    return asl::Error{std::string(asl::errc::io), "writing the reports: " + asl::format_error(ok.error()), {}};
  }
  return summary;
}

}  // namespace aslcheck
