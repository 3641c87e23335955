// jsonata.h — JSONata 2.0.6 as AWS Step Functions runs it (no $eval; plus $partition, $range, $hash, $random, $uuid, $parse): compile once, evaluate many.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "asl/error.h"
#include "asl/scope.h"
#include "asl/value.h"

namespace asl::jsonata {

namespace detail {
struct Program;
}

// A compiled expression: immutable and shareable across threads; every evaluation keeps its own
// state (frames, sequences, the random generator) on its own stack and heap.
class Expression {
 public:
  const std::string& text() const;
  explicit Expression(std::shared_ptr<const detail::Program> program) : program_(std::move(program)) {}
  const detail::Program& program() const { return *program_; }

 private:
  std::shared_ptr<const detail::Program> program_;
};

// Parses an expression. A syntax error is an asl::Error whose name is jsonata-js's code ("S0202",
// "S0101", ...), whose message is jsonata-js's message text (tokens and values filled in), and whose
// location is the 1-based line and column of jsonata-js's `position` (the character just past the
// offending token).
Expected<std::shared_ptr<const Expression>> compile(std::string_view text);

// The variables an expression may read besides the ones it binds itself (`$x := ...`, lambda
// parameters). Names are given without the `$`. `names` is searched first (e.g. "states"), then
// `variables` (workflow variables); a name found in neither is JSONata `undefined`.
struct Bindings {
  std::vector<std::pair<std::string, Value>> names;
  const Variables* variables = nullptr;

  const Value* find(std::string_view name) const;
};

struct EvalOptions {
  // $random, $uuid and $shuffle draw from a generator seeded with this, so runs reproduce. When
  // `entropy` is set it is drawn from instead (the executor's run-wide generator); it must not be
  // shared by concurrent evaluations.
  std::uint64_t seed = 0x5eedULL;
  Entropy* entropy = nullptr;
  // U1001 "Expression evaluation timeout: Check for infinite loop" once exceeded.
  std::optional<std::chrono::milliseconds> time_limit;
  // Nesting of expression evaluation, as jsonata-js's test harness counts it (one level per
  // evaluated node on the current path); U1001 "Stack overflow error: ..." once exceeded. Without
  // a limit the engine still stops at kDefaultDepthLimit rather than overflow the C++ stack.
  std::optional<std::size_t> depth_limit;
  // Milliseconds since the Unix epoch that $now() and $millis() report (one value for the whole
  // evaluation, as in jsonata-js). Unset: the system clock when evaluation starts.
  std::optional<std::int64_t> now_millis;
  // ASL mode: a result that holds a function value anywhere fails with an Error named
  // kUnsupportedResult instead of turning it into "" (AWS: "returned an unsupported result type.").
  bool reject_function_results = false;
  // Deterministic work accounting (unlike time_limit, the same on every machine): each evaluated
  // node costs one unit, and operations that build values of many items or characters (ranges,
  // $pad, `&`, $join, $replace, $append, array flattening, sorting) cost their size, charged before
  // they build. The budget is spent in place, so one budget can span many evaluations; once it
  // runs out evaluation fails with an Error named kWorkLimitExceeded. Null: no accounting.
  std::uint64_t* work_budget = nullptr;
};

inline constexpr std::string_view kUnsupportedResult = "UnsupportedResultType";
inline constexpr std::string_view kWorkLimitExceeded = "WorkLimitExceeded";

// Deepest evaluation nesting when EvalOptions::depth_limit is unset. Tail calls (a function whose
// body ends in a call) do not nest, as in jsonata-js, so tail recursion runs at any depth.
inline constexpr std::size_t kDefaultDepthLimit = 5000;

// Evaluates against `input` (null: no input document, as `jsonata(expr).evaluate()` with nothing).
// The result is std::nullopt for JSONata `undefined`. Numbers are JavaScript doubles inside; at
// this boundary an integral double within ±2^53 becomes an integer Value and any other a real.
// A sequence of one becomes its item; a function value, wherever it appears, becomes "" as
// jsonata-js's $string and JSON.stringify would (AWS rejects such results anyway).
// Errors carry jsonata-js's code as the name (T1006, D3001, U1001, ...) and its message text, and
// are located like compile()'s.
Expected<std::optional<Value>> evaluate(const Expression& expression, const Value* input,
                                        const Bindings& bindings = {}, const EvalOptions& options = {});

// Formats a double as jsonata-js's $string does (JavaScript's Number#toString after rounding to 15
// significant digits: 0.1+0.2 -> "0.3", 1e21 -> "1e+21"). Shared with ASL mode's error causes.
std::string format_number(double value);

}  // namespace asl::jsonata
