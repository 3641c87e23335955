// case_source.h — the cases of a run in a fixed order: case files first (as given, directories sorted), then generated ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "asl/case.h"
#include "asl/error.h"
#include "aslgen/generate.h"

namespace aslcheck::runner {

class CaseSource {
 public:
  // Reads every case file once (for its id: shards and resume go by id) and checks ids are
  // unique. Errors name the file.
  static asl::Expected<CaseSource> open(const std::vector<std::string>& paths, std::int64_t generated,
                                        std::uint64_t seed, const std::string& profile);

  std::int64_t size() const { return static_cast<std::int64_t>(files_.size()) + generated_; }
  // The id of slot i, without building the case.
  std::string id(std::int64_t i) const;
  // Case i, read or generated (deterministic in seed, index and profile).
  asl::Expected<asl::Case> load(std::int64_t i) const;
  // The path a file slot came from (empty for generated slots).
  std::string path(std::int64_t i) const;

 private:
  struct File {
    std::string path;
    std::string id;
  };
  std::vector<File> files_;
  std::int64_t generated_ = 0;
  std::uint64_t seed_ = 0;
  aslgen::GenOptions gen_options_;
};

}  // namespace aslcheck::runner
