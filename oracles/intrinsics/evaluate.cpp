// evaluate.cpp — evaluates a compiled call: resolves arguments, checks their types, runs the registry entry.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "asl/intrinsics.h"
#include "asl/json.h"
#include "asl/jsonpath.h"
#include "intrinsics/call_node.h"

namespace asl::intrinsics {

namespace detail {
namespace {

bool matches(ArgType type, const Value& v) {
  switch (type) {
    case ArgType::any: return true;
    case ArgType::string: return v.is_string();
    case ArgType::number: return v.is_number();
    case ArgType::boolean: return v.is_bool();
    case ArgType::array: return v.is_array();
    case ArgType::object: return v.is_object();
  }
  return false;
}

// The document a path argument searched, quoted in the cause the way AWS quotes it for
// Parameters paths (for intrinsic arguments the wording is UNCONFIRMED).
std::string searched_document(const jsonpath::Path& path, const Scope& scope) {
  const Value* doc = path.root() == jsonpath::Root::context ? scope.context : scope.input;
  if (path.root() == jsonpath::Root::variable && scope.variables != nullptr) {
    doc = scope.variables->find(path.variable());
  }
  return doc != nullptr ? json::write(*doc) : "null";
}

std::optional<Error> resolve_into(const CallNode& node, const Argument& arg, std::size_t index, const Scope& scope,
                                  Value& out);

// Arguments are resolved into a fixed array, and each straight into its slot: no growable
// vector and no Expected per argument on the path every call takes.
Expected<Value> evaluate_node(const CallNode& node, const Scope& scope) {
  if (node.constant) return *node.constant;
  constexpr std::size_t kInlineArgs = 4;
  std::array<Value, kInlineArgs> inline_values;
  std::vector<Value> spilled;
  const std::size_t count = node.args.size();
  Value* values = inline_values.data();
  if (count > kInlineArgs) {
    spilled.resize(count);
    values = spilled.data();
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (auto error = resolve_into(node, node.args[i], i, scope, values[i])) return std::move(*error);
  }
  const FunctionSpec& f = *node.function;
  for (std::size_t i = 0; i < count; ++i) {
    const ArgType want = f.type_of(i);
    if (!matches(want, values[i])) {
      return function_error(node, "argument " + std::to_string(i + 1) + " must be " + std::string(type_name(want)) +
                                      ", but it is " + describe_kind(values[i]));
    }
  }
  return f.evaluate(node, std::span<const Value>(values, count), scope);
}

std::optional<Error> resolve_into(const CallNode& node, const Argument& arg, std::size_t index, const Scope& scope,
                                  Value& out) {
  switch (arg.form) {
    case Argument::Form::literal: out = arg.literal; return std::nullopt;
    case Argument::Form::call: {
      auto value = evaluate_node(*arg.call, scope);
      if (!value) return std::move(value).error();
      out = std::move(value).value();
      return std::nullopt;
    }
    case Argument::Form::path: {
      if (const Value* hit = jsonpath::find_simple(*arg.path, scope)) {
        out = *hit;
        return std::nullopt;
      }
      auto value = jsonpath::evaluate(*arg.path, scope);
      if (value) {
        out = std::move(value).value();
        return std::nullopt;
      }
      const Error& e = value.error();
      if (e.name == errc::path_not_found) {
        if (arg.path->root() == jsonpath::Root::variable &&
            (scope.variables == nullptr || scope.variables->find(arg.path->variable()) == nullptr)) {
          return function_error(node, "argument " + std::to_string(index + 1) + " reads the variable '$" +
                                          arg.path->variable() + "', which is not defined");
        }
        return function_error(node, "the JSONPath '" + arg.path->text() + "' (argument " + std::to_string(index + 1) +
                                        ") could not be found in the input '" + searched_document(*arg.path, scope) +
                                        "'");
      }
      return runtime_error(e.message);
    }
  }
  return runtime_error("internal error: unknown argument form");
}

}  // namespace

void fold_constants(CallNode& node) {
  bool all_constant = true;
  for (Argument& arg : node.args) {
    if (arg.form == Argument::Form::call) {
      // Nodes are built by the parser and shared only once compiled, so folding may still edit them.
      auto& nested = const_cast<CallNode&>(*arg.call);
      fold_constants(nested);
      all_constant = all_constant && nested.constant.has_value();
    } else if (arg.form == Argument::Form::path) {
      all_constant = false;
    }
  }
  // UUID and MathRandom draw from the run's entropy: never constant.
  const std::string& name = node.function->name;
  if (!all_constant || name == "States.UUID" || name == "States.MathRandom") return;
  Scope no_input;
  auto value = evaluate_node(node, no_input);
  if (value) node.constant = std::move(value).value();
}

}  // namespace detail

Expected<Value> evaluate(const Call& call, const Scope& scope) {
  if (!call.root_) return detail::runtime_error("internal error: evaluating an intrinsic call that was never compiled");
  return detail::evaluate_node(*call.root_, scope);
}

}  // namespace asl::intrinsics
