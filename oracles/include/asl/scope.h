// scope.h — what `$`, `$$` and `$name` mean where an expression is evaluated, and the seeded entropy source.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "asl/value.h"

namespace asl {

// Workflow variables visible to an expression (Assign / `$name`). The executor supplies the
// chain of scopes; tests supply a map.
class Variables {
 public:
  virtual ~Variables() = default;
  virtual const Value* find(std::string_view name) const = 0;
};

// Deterministic randomness for States.UUID, unseeded States.MathRandom, FULL jitter and the
// JSONata $uuid/$random: every run with the same seed draws the same values.
class Entropy {
 public:
  explicit Entropy(std::uint64_t seed = 0x5eedULL) { reseed(seed); }
  void reseed(std::uint64_t seed);
  std::uint64_t next();                      // uniform 64 bits (xoshiro256**)
  double next_double();                      // uniform in [0, 1)
  std::int64_t next_below(std::int64_t n);   // uniform in [0, n), n > 0
  std::string uuid_v4();                     // lower-case 8-4-4-4-12, version 4, variant 10

 private:
  std::uint64_t s_[4];
};

struct Scope {
  const Value* input = nullptr;          // `$`
  const Value* context = nullptr;        // `$$`
  const Variables* variables = nullptr;  // `$name`
  Entropy* entropy = nullptr;            // null: expressions that need randomness fail clearly
};

}  // namespace asl
