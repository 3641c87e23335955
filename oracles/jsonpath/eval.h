// eval.h — running compiled paths: the token walker, filters and functions share these types.
#pragma once

#include <string>
#include <vector>

#include "asl/value.h"
#include "jsonpath/program.h"

namespace asl::jsonpath::detail {

// Which Java exception Jayway would be throwing: callers catch some and not others
// (a filter swallows InvalidPathException, a path operand turns PathNotFoundException into
// "undefined", a wildcard over an array skips PathNotFoundException).
enum class Fault : std::uint8_t { none, not_found, invalid_path, other };

struct Failure {
  Fault fault = Fault::none;
  std::string message;

  bool set(Fault f, std::string text) {
    fault = f;
    message = std::move(text);
    return false;
  }
  void clear() {
    fault = Fault::none;
    message.clear();
  }
};

// Work allowed to one top-level evaluation, shared by every path it runs inside filters and
// function arguments. Jayway has no such limit, but nested scans in filters grow as n^depth and
// the oracle must answer (or fail) in bounded time.
struct Budget {
  std::int64_t remaining;
};
inline constexpr std::int64_t kStepBudget = std::int64_t{1} << 22;

struct RunOptions {
  bool require_properties = false;  // Jayway's Option.REQUIRE_PROPERTIES (existence tests)
  Budget* budget = nullptr;
};

// Jayway's per-evaluation cache of `$` paths read inside filters (PredicateContextImpl): a
// `$...` operand is read once per run of the enclosing path, not once per item.
struct RootCache {
  std::vector<std::pair<const Program*, Value>> found;
  std::vector<const Program*> missing;
};

// Evaluates `program` on `doc` (what its `$` or `@` denotes); `root` is the document `$` names
// inside filters and function arguments. Matches are appended in Jayway's order.
bool run(const Program& program, const Value& doc, const Value& root, RunOptions options, std::vector<Value>& results,
         Failure& failure);

// EvaluationContext.getValue(): a definite path gives its last match (or PathNotFoundException
// "No results for path: ..."), an indefinite one the array of all matches.
bool run_value(const Program& program, const Value& doc, const Value& root, RunOptions options, Value& out,
               Failure& failure);

// PredicatePathToken.accept: whether `item` passes the filter (InvalidPathException counts as no).
bool accept(const FilterNode& filter, const Value& item, const Value& root, RunOptions options, RootCache& cache,
            bool& out, Failure& failure);

// Runs a function step on `model`, its path arguments read from `root`.
bool invoke_function(const Step& step, const Value& model, const Value& root, RunOptions options, Value& out,
                     Failure& failure);

}  // namespace asl::jsonpath::detail
