// program.h — the compiled form of a path: a chain of selector steps, filters as expression trees.
#pragma once

#include <atomic>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/jsonpath.h"
#include "asl/value.h"
#include "jsonpath/decimal.h"

namespace asl::jsonpath::detail {

struct Program;
struct FilterNode;
class Regex;

// One Jayway path token. Which fields matter depends on kind.
enum class StepKind : std::uint8_t { property, index, slice, wildcard, scan, filter, function };

// A function argument: Jayway classifies it by its first character, `$`/`@` (a path evaluated
// against the root document) or `{ " - digit` (JSON, parsed when the function runs).
struct FunctionArg {
  bool is_path = false;
  std::shared_ptr<const Program> path;
  Value json;
  bool json_ok = true;  // false: the text is not JSON, which fails only when the function runs
  std::string json_text;
  // length()/size() only: the path with the wildcard Jayway appends to count its children.
  std::shared_ptr<const Program> widened;
};

// Where a property step last found its name in an object (Object::find_at_hint). Shared by the
// threads evaluating one compiled path; a stale hint only costs one compare.
struct MemberHint {
  mutable std::atomic<std::uint32_t> at{0};
  MemberHint() = default;
  MemberHint(const MemberHint& other) : at(other.at.load(std::memory_order_relaxed)) {}
  MemberHint& operator=(const MemberHint& other) {
    at.store(other.at.load(std::memory_order_relaxed), std::memory_order_relaxed);
    return *this;
  }
};

struct Step {
  StepKind kind = StepKind::property;
  char quote = '\'';                  // property: the delimiter its normalised fragment uses
  std::vector<std::string> names;     // property: one name, or several (`['a','b']`)
  std::vector<std::int32_t> indexes;  // index: one index, or several (`[0,2]`)
  std::optional<std::int32_t> from;   // slice bounds; the step is parsed but ignored, as in Jayway
  std::optional<std::int32_t> to;
  std::shared_ptr<const FilterNode> filter;
  std::string function;
  std::vector<FunctionArg> args;
  bool has_args = false;  // the fragment reads `.name(...)` rather than `.name()`

  // Filled in once the whole chain is known (Jayway's isTokenDefinite / isUpstreamDefinite /
  // isLeaf): a missing property only throws when everything up to it is definite.
  bool token_definite = true;
  bool upstream_definite = true;
  bool leaf = false;
  MemberHint hint;  // property steps with one name
};

struct Program {
  std::string text;
  char root_char = '$';  // '@' only for paths inside filters and function arguments
  Root root = Root::input;
  std::string variable;
  std::vector<Step> steps;
  bool definite = true;
  bool reference = true;
  bool function_path = false;  // the last step is a function (Jayway's isFunctionPath)
  bool has_scan = false;
  // Every step a single name or a single index: evaluate() walks it without the general machinery.
  bool simple = true;
  // Jayway's scan hack: after `..[n]`, a leaf property reached through an array keeps a match
  // only when the step before the last is that very index `[n]` (tail.prev fragment "[n]").
  std::optional<std::int32_t> tail_prev_index;
  std::string normalized;
};

// ---- filters ---------------------------------------------------------------------------------

// Jayway's RelationalOperator, matched case-insensitively. `type` and `matches` only work with
// Jayway's Java API (class and predicate operands), so from text they are always false.
enum class Op : std::uint8_t {
  exists, eq, tseq, ne, tsne, lt, lte, gt, gte, regex, nin, in, contains, all, size, type,
  matches, empty, subsetof, anyof, noneof
};

// A filter operand as written (Jayway's ValueNode before evaluation).
struct Operand {
  enum class Kind : std::uint8_t { path, string, number, boolean, null, json, pattern };
  Kind kind = Kind::null;
  std::shared_ptr<const Program> path;
  bool exists_check = false;
  bool should_exist = true;
  std::string text;  // string: the unescaped value; json: the literal as written
  Decimal number;
  bool boolean = false;
  Value json;          // json: the literal parsed as json-smart's permissive mode reads it
  bool json_ok = true;  // false: unreadable literal, an error only when the filter runs
  std::shared_ptr<const Regex> regex;
};

struct FilterNode {
  enum class Kind : std::uint8_t { relation, all_of, any_of, negation };
  Kind kind = Kind::relation;
  std::vector<std::unique_ptr<FilterNode>> children;
  Operand left;
  Operand right;
  Op op = Op::exists;
};

// ---- shared between the compilation units -------------------------------------------------

// Deepest nesting of filters, parentheses, `!` and function arguments that compile accepts: past
// it a path is a syntax error rather than a deep recursion.
inline constexpr int kMaxNesting = 48;

struct CompileOptions {
  bool allow_current_root = false;  // `@...` (filters, function arguments)
  bool jayway_static = true;        // PathCompiler.compile (trim, `.` ending check) vs its constructor
};

// Compiles one Jayway path (the text starts with `$` or `@`); errors are located in `source`
// at `base + offset`. Used for the top-level path and for paths nested in filters.
struct ParseContext;
std::shared_ptr<Program> compile_jayway(ParseContext& ctx, std::string_view text, std::size_t base,
                                        const CompileOptions& options);

// Fills in the derived fields (definiteness, normalised text) once the steps are final.
void finish_program(Program& program);

// The normalised fragment of one step, e.g. "['a']", "[0]", "[1:3]", "[?]", ".length()".
void append_fragment(std::string& out, const Step& step);

}  // namespace asl::jsonpath::detail
