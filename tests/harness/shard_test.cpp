// shard_test.cpp — shards partition case ids (each id in exactly one shard) and "K/N" parses as documented.
#include "aslcheck/shard.h"
#include "support/test_support.h"

namespace asl::test {
namespace {

RC_GTEST_PROP(Shards, EveryCaseIdBelongsToExactlyOneShard, (const std::string& id, std::uint8_t n)) {
  std::int64_t count = n % 16 + 1;
  int owners = 0;
  for (std::int64_t k = 0; k < count; ++k) owners += aslcheck::Shard{k, count}.owns(id) ? 1 : 0;
  RC_ASSERT(owners == 1);
}

TEST(Shards, TheHashIsStableAcrossBuilds) {
  // FNV-1a 64 of "gen-1-0": shards on other machines and versions must agree on it.
  EXPECT_EQ(aslcheck::case_id_hash(""), 14695981039346656037ULL);
  EXPECT_EQ(aslcheck::case_id_hash("a"), 0xaf63dc4c8601ec8cULL);
}

TEST(Shards, ParseKOverN) {
  auto s = aslcheck::parse_shard("2/5");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->index, 2);
  EXPECT_EQ(s->count, 5);
  for (const char* bad : {"5/5", "-1/3", "1/0", "x/2", "1/", "/3", "1/3/4"}) {
    EXPECT_FALSE(aslcheck::parse_shard(bad).ok()) << bad;
  }
}

TEST(Shards, IndexFromTheScheduler) {
  ::setenv("AWS_BATCH_JOB_ARRAY_INDEX", "3", 1);
  auto s = aslcheck::parse_shard("auto/4");
  ::unsetenv("AWS_BATCH_JOB_ARRAY_INDEX");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->index, 3);
  ::unsetenv("JOB_COMPLETION_INDEX");
  ::unsetenv("ASLCHECK_SHARD_INDEX");
  EXPECT_FALSE(aslcheck::parse_shard("4").ok()) << "no index in the environment";
}

}  // namespace
}  // namespace asl::test
