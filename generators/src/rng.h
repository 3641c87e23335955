// rng.h — the generators' deterministic random source (xoshiro256** through asl::Entropy) and small helpers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "asl/scope.h"

namespace aslgen::detail {

// Same seed, same sequence on every platform: no std distributions, whose results are
// implementation-defined.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : entropy_(seed) {}
  std::uint64_t next() { return entropy_.next(); }
  // Uniform in [0, n); 0 when n <= 0.
  int below(int n) { return n <= 0 ? 0 : static_cast<int>(entropy_.next_below(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }  // inclusive
  bool chance(int per_mille) { return per_mille > 0 && below(1000) < per_mille; }
  bool coin() { return (next() & 1) != 0; }
  template <typename T>
  const T& pick(const std::vector<T>& items) { return items[below(static_cast<int>(items.size()))]; }
  template <typename T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[below(static_cast<int>(N))]; }

 private:
  asl::Entropy entropy_;
};

// splitmix64: mixes a run seed and an index into an independent case seed.
inline std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace aslgen::detail
