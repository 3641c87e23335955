// java_random.h — java.util.Random's 48-bit linear congruential generator, for seeded States.MathRandom (private).
#pragma once

#include <cstdint>

namespace asl::intrinsics::detail {

// The generator as java.util.Random's documentation specifies it (seed scrambling, next(bits),
// nextInt(bound)), so a seed gives the same draws as the JVM. Written from that specification.
class JavaRandom {
 public:
  explicit JavaRandom(std::int64_t seed)
      : state_((static_cast<std::uint64_t>(seed) ^ kMultiplier) & kMask) {}

  // next(bits): the top `bits` bits of the advanced 48-bit state, as a Java int.
  std::int32_t next(int bits) {
    state_ = (state_ * kMultiplier + kIncrement) & kMask;
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(state_ >> (48 - bits)));
  }

  // nextInt(bound), bound > 0: uniform in [0, bound), rejecting the biased top of the range.
  std::int32_t next_int(std::int32_t bound) {
    std::int32_t r = next(31);
    const std::int32_t m = bound - 1;
    if ((bound & m) == 0) {
      return static_cast<std::int32_t>((static_cast<std::int64_t>(bound) * r) >> 31);
    }
    // Java loops while `u - r + m` overflows an int; the sum is computed wide here instead.
    for (std::int32_t u = r; static_cast<std::int64_t>(u) - (r = u % bound) + m > INT32_MAX; u = next(31)) {
    }
    return r;
  }

 private:
  static constexpr std::uint64_t kMultiplier = 0x5DEECE66DULL;
  static constexpr std::uint64_t kIncrement = 0xBULL;
  static constexpr std::uint64_t kMask = (1ULL << 48) - 1;
  std::uint64_t state_;
};

}  // namespace asl::intrinsics::detail
