// jsonpath.h — JSONPath with Jayway JsonPath's semantics, as AWS Step Functions evaluates it: compile once, evaluate many.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "asl/error.h"
#include "asl/scope.h"
#include "asl/value.h"

namespace asl::jsonpath {

// What the path starts from: `$` (the state's input), `$$` (the context object) or `$name`
// (a workflow variable).
enum class Root : std::uint8_t { input, context, variable };

namespace detail {
struct Program;
}

// A compiled path: immutable and shareable across threads. Per-evaluation scratch lives on the
// stack of evaluate().
class Path {
 public:
  const std::string& text() const;
  Root root() const;
  const std::string& variable() const;  // the name after `$` when root() == Root::variable

  // Jayway's isDefinite(): no deep scan, wildcard, union, slice or filter. A definite path gives
  // one value (or PATH_NOT_FOUND); an indefinite one gives an array of every match.
  bool definite() const;
  // An ASL reference path: a definite path of plain names and non-negative indexes only (no
  // `@ , : ? *` and no functions), as ResultPath, ItemsPath and every `...Path` field require.
  bool is_reference() const;

  // Jayway's normalised form of the path, e.g. "$['a']['b'][0]" (used in its error messages).
  std::string normalized() const;

 private:
  friend Expected<Path> compile(std::string_view text);
  friend Expected<Value> evaluate(const Path& path, const Value& root);
  friend const Value* find_simple(const Path& path, const Scope& scope);
  friend Expected<Value> assign(const Path& path, Value document, Value value);
  std::shared_ptr<const detail::Program> program_;
};

// Parses a path. Errors are errc::jsonpath_syntax, located by column (line 1) in `text`, with
// Jayway's InvalidPathException wording where it has one. The text must start with `$` (Jayway
// also takes `@...` and prefixes `$.` to anything else; ASL does not). As in AWS, bracket names
// are taken as written: a backslash only keeps the next quote from closing the name.
Expected<Path> compile(std::string_view text);

// Evaluates against `root` (the document the path's Root names; the caller picks it).
// Definite path: the one value, or errc::path_not_found carrying Jayway's message, which AWS
// quotes in its causes: "No results for path: $['x']" when the last step is missing,
// "Missing property in path $['no']" when an intermediate one is. Indefinite path: an array of
// every match in document order (empty when nothing matches, and also where Jayway would throw
// PathNotFoundException, as AWS answers `$.items[*]` on {} with []).
// Other failures Jayway has at run time: errc::jsonpath_syntax for its InvalidPathException
// ("Filter: [?] can not be applied to primitives...", "Function with name: x does not exist."),
// errc::path_not_found for the rest (a function's "Aggregation function attempted to calculate
// value using empty array", ...). Messages are Jayway's; the caller adds "Invalid path '...' : ".
Expected<Value> evaluate(const Path& path, const Value& root);

// Evaluates against the document chosen from `scope` by path.root(). A `$name` that names no
// variable is errc::path_not_found.
Expected<Value> evaluate(const Path& path, const Scope& scope);

// The hot path of evaluate(path, scope): for a path of plain names and constant indexes
// (`$.a.b[0]`), the value it selects in place, with no copy and no Expected; nullptr when the
// path is of another kind or selects nothing, and then evaluate() gives the value or the error.
const Value* find_simple(const Path& path, const Scope& scope);

// Writes `value` at a reference path inside `document` (ResultPath semantics): `$` replaces the
// whole document; missing intermediate objects are created; an existing field is overwritten in
// place. Fails (errc::path_not_found, with a message naming the path) where the path cannot be
// written, e.g. through a string or null, past the end of an array, or into an array that would
// have to be created; a path that is not a reference path is errc::jsonpath_syntax. The root
// (`$`, `$$`, `$name`) is not looked at: the caller hands in the document to write.
Expected<Value> assign(const Path& path, Value document, Value value);

}  // namespace asl::jsonpath
