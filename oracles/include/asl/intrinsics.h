// intrinsics.h — the 18 States.* intrinsic functions of JSONPath-mode ASL: compile once, evaluate many.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "asl/error.h"
#include "asl/scope.h"
#include "asl/value.h"

namespace asl::intrinsics {

namespace detail {
struct CallNode;
}

// AWS's limit on nested intrinsic calls.
inline constexpr int kMaxNesting = 10;

// A compiled call such as States.Format('{} {}', $.a, States.ArrayLength($.b)): immutable and
// shareable across threads.
class Call {
 public:
  const std::string& text() const;
  const std::string& function() const;  // "States.Format", ...

 private:
  friend Expected<Call> compile(std::string_view text);
  friend Expected<Value> evaluate(const Call& call, const Scope& scope);
  std::shared_ptr<const detail::CallNode> root_;
  std::shared_ptr<const std::string> text_;
};

// True when `text` is meant as an intrinsic call (starts with "States." after optional spaces),
// so a `.$` value can be routed to compile() instead of the JSONPath compiler.
bool looks_like_call(std::string_view text);

// Parses a call. Errors are errc::intrinsic_syntax, located by column in `text`: unknown
// function, bad literal or escape, unbalanced parentheses, nesting deeper than kMaxNesting,
// wrong argument count where it is fixed, a path argument that does not compile.
Expected<Call> compile(std::string_view text);

// Evaluates with `scope` supplying `$`, `$$`, `$name` and the entropy for UUID/unseeded
// MathRandom. Every failure is States.Runtime with a cause that names the function and what
// was wrong (argument type, range, limit, a path that found nothing).
Expected<Value> evaluate(const Call& call, const Scope& scope);

}  // namespace asl::intrinsics
