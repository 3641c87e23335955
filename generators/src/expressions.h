// expressions.h — JSONPath expressions and intrinsic calls valid against a concrete document, typed by construction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "asl/value.h"
#include "documents.h"
#include "rng.h"

namespace aslgen::detail {

enum class Ty { any, string, integer, boolean, array, object };

// What an expression can read: the document's definite nodes, readable variables (name and
// representative value) and whether `$$` (the context object) may be used.
struct ExprScope {
  const std::vector<Node>* nodes = nullptr;
  std::vector<Node> variables;  // path "$name"
  bool context = true;
};

struct TypedExpr {
  std::string text;
  Ty type = Ty::any;
  std::optional<asl::Value> value;  // known value, when the generator can tell
};

// A JSONPath that selects something in the document: definite (dot and bracket notation) or,
// when `indefinite` is allowed, a wildcard, slice, union, deep scan or filter. Tags name the form.
std::string jsonpath_expression(Rng& rng, const ExprScope& scope, bool indefinite, std::vector<std::string>& tags);

// An intrinsic call whose result has type `want` (any: whatever comes), every argument typed by
// construction; nested up to `depth`. Adds "intrinsic:States.X" tags for every function used.
TypedExpr intrinsic_call(Rng& rng, const ExprScope& scope, Ty want, int depth, std::vector<std::string>& tags);
// A call that parses and validates but fails at run time (wrong argument type, out of range,
// over a limit): States.Runtime paths.
std::string failing_intrinsic_call(Rng& rng, const ExprScope& scope, std::vector<std::string>& tags);
// One of the calls allowed in a Fail state's ErrorPath/CausePath that yields a string.
std::string fail_path_call(Rng& rng, const ExprScope& scope, std::vector<std::string>& tags);

// An intrinsic string literal with `'`, `{`, `}` and `\` escaped.
std::string intrinsic_literal(const std::string& text);

}  // namespace aslgen::detail
