// jsonata_exprs.h — JSONata expressions for ASL's JSONata-mode fields, typed by construction over $states and variables.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asl/value.h"
#include "documents.h"
#include "expressions.h"
#include "rng.h"

namespace aslgen::detail {

// A readable value: its JSONata path ("$states.input.a[0]", "$v1") and representative value.
struct JaLeaf {
  std::string text;
  asl::Value value;
};

// What an expression of one field may read: the state input's nodes and the variables, and
// which $states members AWS offers that field.
struct JaScope {
  std::shared_ptr<const std::vector<JaLeaf>> input;  // `$states.input...` of the input's nodes
  std::vector<JaLeaf> variables;                     // "$name..."
  bool context = true;       // $states.context
  bool result = false;       // $states.result: top-level Output/Assign of Task, Map, Parallel
  bool error_output = false; // $states.errorOutput: a catcher's Output/Assign
};
// JSONata paths of a state input's definite nodes (JSONPath form, root "$") or of variables
// ("$name..."), leaving out nodes JSONata would read differently.
std::vector<JaLeaf> jsonata_leaves(const std::vector<Node>& nodes, bool variables);

// A JSONPath node path ("$.a['b c'][0]", "$v.x") as a JSONata path over `root`
// ("$states.input.a.`b c`[0]", "$v.x"); nullopt when JSONata would read it differently
// (an index right after an index: JSONata flattens nested arrays).
std::optional<std::string> jsonata_path(const std::string& jsonpath, const std::string& root = "$states.input");

// A JSONata string literal ('...') with quotes, backslashes and control characters escaped.
std::string jsonata_literal(const std::string& text);
// A field value: the expression wrapped in "{% %}".
asl::Value braces(const std::string& expression);

// An expression whose value is defined when the input has the shape it was generated against,
// of type `want` (any: whatever comes). `value` is set when the generator knows it exactly.
TypedExpr jsonata_expression(Rng& rng, const JaScope& scope, Ty want, std::vector<std::string>& tags);
// A boolean expression for a Choice rule's Condition, true or false depending on the input.
std::string jsonata_condition(Rng& rng, const JaScope& scope, std::vector<std::string>& tags, int depth = 0);
// An integer expression whose value is exactly `value` (literal arithmetic, a variable or an
// input node holding it, $count/$length of a known node), for number fields.
std::string jsonata_integer(Rng& rng, const JaScope& scope, std::int64_t value, std::vector<std::string>& tags);

// How a deliberately failing expression fails with States.QueryEvaluationError.
enum class JaFailure { undefined, function, engine };
std::string jsonata_failing(Rng& rng, const JaScope& scope, JaFailure how, std::vector<std::string>& tags);

// An object template ({"k": literal | "{% expr %}", ...}) with `members` members.
asl::Value jsonata_template(Rng& rng, const JaScope& scope, int members, std::vector<std::string>& tags);

}  // namespace aslgen::detail
