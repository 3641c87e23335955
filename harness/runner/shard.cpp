// shard.cpp — which shard owns a case: FNV-1a of its id modulo N; "K/N" and the schedulers' index variables.
#include "aslcheck/shard.h"

#include <charconv>
#include <cstdlib>
#include <string>

namespace aslcheck {

std::uint64_t case_id_hash(std::string_view case_id) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : case_id) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

bool Shard::owns(std::string_view case_id) const {
  return count <= 1 || static_cast<std::int64_t>(case_id_hash(case_id) % static_cast<std::uint64_t>(count)) == index;
}

namespace {

bool parse_count(std::string_view text, std::int64_t& out) {
  if (text.empty()) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

asl::Error bad_shard(std::string_view text, std::string why) {
  return asl::Error{std::string(asl::errc::usage), "--shard '" + std::string(text) + "': " + why, {}};
}

}  // namespace

std::int64_t shard_index_from_environment() {
  for (const char* name : {"JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX", "ASLCHECK_SHARD_INDEX"}) {
    const char* value = std::getenv(name);
    std::int64_t index = 0;
    if (value != nullptr && parse_count(value, index) && index >= 0) return index;
  }
  return -1;
}

// shard := index "/" count | "auto/" count | count      (the last two: index from the environment)
asl::Expected<Shard> parse_shard(std::string_view text) {
  Shard shard;
  auto slash = text.find('/');
  std::string_view index_text = slash == std::string_view::npos ? "auto" : text.substr(0, slash);
  std::string_view count_text = slash == std::string_view::npos ? text : text.substr(slash + 1);
  if (!parse_count(count_text, shard.count) || shard.count < 1) {
    return bad_shard(text, "N must be a positive integer (K/N, auto/N or N)");
  }
  if (index_text == "auto") {
    shard.index = shard_index_from_environment();
    if (shard.index < 0) {
      return bad_shard(text, "no shard index in the environment (JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or "
                             "ASLCHECK_SHARD_INDEX); give K/N");
    }
  } else if (!parse_count(index_text, shard.index) || shard.index < 0) {
    return bad_shard(text, "K must be a non-negative integer");
  }
  if (shard.index >= shard.count) {
    return bad_shard(text, "K must be below N (shards are numbered 0 to N-1), got " + std::to_string(shard.index));
  }
  return shard;
}

}  // namespace aslcheck
