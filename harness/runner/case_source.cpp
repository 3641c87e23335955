// case_source.cpp — enumerating case files (recursively, sorted) and naming generated cases "gen-<seed>-<index>".
#include "runner/case_source.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace aslcheck::runner {
namespace {

namespace fs = std::filesystem;

asl::Error usage(std::string message) { return asl::Error{std::string(asl::errc::usage), std::move(message), {}}; }

}  // namespace

asl::Expected<CaseSource> CaseSource::open(const std::vector<std::string>& paths, std::int64_t generated,
                                           std::uint64_t seed, const std::string& profile) {
  CaseSource source;
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (it->is_regular_file() && name.ends_with(".case.json")) found.push_back(it->path().string());
      }
      if (ec) return usage(p + ": cannot list the directory: " + ec.message());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      return usage(p + ": no such case file or directory");
    }
  }
  std::map<std::string, std::string> seen;
  for (const std::string& f : files) {
    auto c = asl::read_case_file(f);
    if (!c) return usage(asl::format_error(c.error()));
    if (c->id.empty()) return usage(f + ": the case has no \"id\"");
    if (auto [it, fresh] = seen.emplace(c->id, f); !fresh) {
      return usage(f + ": case id '" + c->id + "' is also the id of " + it->second + " (ids must be unique in a run)");
    }
    source.files_.push_back(File{f, c->id});
  }
  if (generated > 0) {
    auto options = aslgen::parse_profile(profile);
    if (!options) return usage("--profile '" + profile + "': " + options.error().message);
    source.gen_options_ = *options;
    source.generated_ = generated;
    source.seed_ = seed;
  }
  return source;
}

std::string CaseSource::id(std::int64_t i) const {
  if (i < static_cast<std::int64_t>(files_.size())) return files_[static_cast<std::size_t>(i)].id;
  return "gen-" + std::to_string(seed_) + "-" + std::to_string(i - static_cast<std::int64_t>(files_.size()));
}

std::string CaseSource::path(std::int64_t i) const {
  return i < static_cast<std::int64_t>(files_.size()) ? files_[static_cast<std::size_t>(i)].path : std::string();
}

asl::Expected<asl::Case> CaseSource::load(std::int64_t i) const {
  if (i < static_cast<std::int64_t>(files_.size())) {
    auto c = asl::read_case_file(files_[static_cast<std::size_t>(i)].path);
    if (!c) return std::move(c).error();
    return std::move(c).value();
  }
  auto index = static_cast<std::uint64_t>(i - static_cast<std::int64_t>(files_.size()));
  asl::Case c = aslgen::generate_case(seed_, index, gen_options_);
  c.id = id(i);  // the generator's own naming, kept here so shards agree without generating
  return c;
}

}  // namespace aslcheck::runner
