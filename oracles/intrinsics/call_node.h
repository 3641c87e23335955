// call_node.h — the compiled form of an intrinsic call and the registry entry every call points to (private).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "asl/error.h"
#include "asl/intrinsics.h"
#include "asl/jsonpath.h"
#include "asl/scope.h"
#include "asl/value.h"

namespace asl::intrinsics::detail {

// What an argument must be once evaluated; checked before the function body runs so that every
// function reports a type mismatch in the same words.
enum class ArgType : std::uint8_t { any, string, number, boolean, array, object };

struct CallNode;
struct FunctionSpec;

// One argument as written: a literal (string, number, boolean, null), a path into `$`, `$$`
// or a variable, or a nested call. Everything is resolved at compile time, so evaluation only
// looks values up.
struct Argument {
  enum class Form : std::uint8_t { literal, path, call };
  Form form = Form::literal;
  Value literal;
  std::optional<jsonpath::Path> path;
  std::shared_ptr<const CallNode> call;
  std::uint32_t offset = 0;  // byte offset in the call text, for messages
};

struct CallNode {
  const FunctionSpec* function = nullptr;
  std::vector<Argument> args;
  std::uint32_t offset = 0;
  // States.Format with a literal template: the text between its unescaped `{}` placeholders.
  // Computed at compile time because escaped braces (`\{`, `\}`) are indistinguishable from
  // plain ones once the literal is unescaped.
  std::optional<std::vector<std::string>> format_pieces;
  // Set at compile time when the call is pure and every argument is a literal or such a call:
  // its value, computed once (compile once, evaluate many). A call that fails stays unfolded
  // so the failure still happens at run time, as on AWS.
  std::optional<Value> constant;
};

// Folds the constant calls of a freshly parsed tree (see CallNode::constant).
void fold_constants(CallNode& node);

using Evaluator = Expected<Value> (*)(const CallNode& node, std::span<const Value> args, const Scope& scope);

inline constexpr int kVariadic = -1;

// One registry entry: the function's name, how many arguments it takes, the type of each
// (positions past `types` use `rest`) and its body.
struct FunctionSpec {
  std::string name;  // "States.Format"
  int min_args = 0;
  int max_args = 0;  // kVariadic: no upper bound
  std::vector<ArgType> types;
  ArgType rest = ArgType::any;
  Evaluator evaluate = nullptr;

  ArgType type_of(std::size_t index) const { return index < types.size() ? types[index] : rest; }
};

// The registry: nullptr for an unknown name. Names are case-sensitive, as AWS's are.
const FunctionSpec* find_function(std::string_view name);
const std::vector<FunctionSpec>& all_functions();

// Every evaluation failure is States.Runtime; the executor adds AWS's "An error occurred while
// executing the state ..." prefix, so the cause here is the part after it.
Error runtime_error(std::string cause);
// "States.X: <problem>". AWS's causes for intrinsic failures were never recorded, so this
// wording is ours (UNCONFIRMED against AWS).
Error function_error(const CallNode& node, std::string problem);

std::string_view type_name(ArgType type);
// "a string", "an array", ... for messages.
std::string describe_kind(const Value& value);

// Java's Math.round(double): the closest integer, ties toward positive infinity
// (1.5 -> 2, -1.5 -> -1, -2.5 -> -2), computed exactly.
double java_round(double value);

// A number argument rounded as AWS rounds it and required to fit a Java int. Fails with a
// function_error naming the argument (1-based) when it does not.
Expected<std::int64_t> int32_argument(const CallNode& node, std::span<const Value> args, std::size_t index);

// The evaluators, one per function (grouped by theme across functions_*.cpp).
Expected<Value> eval_format(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_string_to_json(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_json_to_string(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_array(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_array_partition(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_array_contains(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_array_range(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_array_get_item(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_array_length(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_array_unique(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_base64_encode(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_base64_decode(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_hash(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_json_merge(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_math_random(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_math_add(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_string_split(const CallNode&, std::span<const Value>, const Scope&);
Expected<Value> eval_uuid(const CallNode&, std::span<const Value>, const Scope&);

// The placeholder-separated pieces of a Format template read at run time (no escapes apply).
std::vector<std::string> split_format_template(std::string_view text);

}  // namespace asl::intrinsics::detail
