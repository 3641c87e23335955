// functions_math.cpp — States.MathAdd, States.MathRandom and States.UUID.
#include <limits>
#include <string>

#include "asl/json.h"
#include "intrinsics/call_node.h"
#include "intrinsics/java_random.h"

namespace asl::intrinsics::detail {

// States.MathAdd(a, b): each argument rounded half-up first, as Java's Math.round
// (1.49 + 1.5 = 3, -1.5 + 0 = -1, -2.5 + 0 = -2) [LS]; arguments must fit a Java int. A sum
// outside the int range fails too (AWS's behaviour there is UNCONFIRMED).
Expected<Value> eval_math_add(const CallNode& node, std::span<const Value> args, const Scope&) {
  auto a = int32_argument(node, args, 0);
  if (!a) return std::move(a).error();
  auto b = int32_argument(node, args, 1);
  if (!b) return std::move(b).error();
  const std::int64_t sum = *a + *b;
  if (sum < std::numeric_limits<std::int32_t>::min() || sum > std::numeric_limits<std::int32_t>::max()) {
    return function_error(node, "the sum " + std::to_string(sum) + " is outside the range -2147483648 to 2147483647");
  }
  return Value(sum);
}

// States.MathRandom(start, end[, seed]): an integer in [start, end). Both bounds are rounded
// like MathAdd's arguments. With a seed the draw is java.util.Random(seed).nextInt(end - start)
// + start, the JVM's standard seeded generator; no seeded result of AWS was ever recorded (the
// recordings mask the value), so matching AWS with a seed is UNCONFIRMED. Without a seed the
// draw comes from the run's seeded entropy.
Expected<Value> eval_math_random(const CallNode& node, std::span<const Value> args, const Scope& scope) {
  auto start = int32_argument(node, args, 0);
  if (!start) return std::move(start).error();
  auto end = int32_argument(node, args, 1);
  if (!end) return std::move(end).error();
  const std::int64_t bound = *end - *start;
  if (bound <= 0) {
    return function_error(node, "the end (argument 2) must be greater than the start (argument 1), but " +
                                    std::to_string(*end) + " <= " + std::to_string(*start));
  }
  if (bound > std::numeric_limits<std::int32_t>::max()) {
    return function_error(node, "the range from " + std::to_string(*start) + " to " + std::to_string(*end) +
                                    " is wider than 2147483647");
  }
  if (args.size() == 3) {
    const double seed = java_round(args[2].as_double());
    if (!(seed >= -9223372036854775808.0 && seed < 9223372036854775808.0)) {
      return function_error(node, "the seed (argument 3) must be a 64-bit integer, but it is " + json::write(args[2]));
    }
    const std::int64_t exact_seed = args[2].is_integer() ? args[2].as_int() : static_cast<std::int64_t>(seed);
    JavaRandom random(exact_seed);
    return Value(*start + random.next_int(static_cast<std::int32_t>(bound)));
  }
  if (scope.entropy == nullptr) {
    return function_error(node, "no entropy source is available for an unseeded draw");
  }
  return Value(*start + scope.entropy->next_below(bound));
}

// States.UUID(): a version 4 UUID from the run's seeded entropy.
Expected<Value> eval_uuid(const CallNode& node, std::span<const Value>, const Scope& scope) {
  if (scope.entropy == nullptr) return function_error(node, "no entropy source is available to draw a UUID");
  return Value(scope.entropy->uuid_v4());
}

}  // namespace asl::intrinsics::detail
