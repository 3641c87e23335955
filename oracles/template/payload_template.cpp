// payload_template.cpp — compiling and evaluating Parameters-style templates with `.$` keys.
#include "asl/payload_template.h"

#include <variant>

#include "asl/intrinsics.h"
#include "asl/json.h"
#include "asl/jsonpath.h"

namespace asl {

namespace detail {

struct TemplateField;

// One node of a compiled template. A subtree with no `.$` key anywhere is kept as one literal
// Value, so evaluating it is a reference-count increment.
struct TemplateNode {
  struct Literal {
    Value value;
  };
  struct ObjectNode {
    std::vector<TemplateField> fields;
  };
  struct ArrayNode {
    std::vector<TemplateNode> items;
  };
  struct PathNode {
    jsonpath::Path path;
    std::string key;  // the key as written, "value.$", for AWS's cause text
  };
  struct CallNode {
    intrinsics::Call call;
  };
  std::variant<Literal, ObjectNode, ArrayNode, PathNode, CallNode> body;
};

struct TemplateField {
  std::string key;  // with ".$" stripped
  TemplateNode node;
};

}  // namespace detail

namespace {

using detail::TemplateField;
using detail::TemplateNode;

constexpr std::string_view kDynamicSuffix = ".$";

bool is_dynamic_key(std::string_view key) {
  return key.size() > kDynamicSuffix.size() && key.substr(key.size() - kDynamicSuffix.size()) == kDynamicSuffix;
}


bool is_literal(const TemplateNode& node) { return std::holds_alternative<TemplateNode::Literal>(node.body); }

class Compiler {
 public:
  Expected<TemplateNode> compile(const Value& spec, const std::string& where) {
    if (spec.is_object()) return compile_object(spec, where);
    if (spec.is_array()) return compile_array(spec, where);
    return TemplateNode{TemplateNode::Literal{spec}};
  }

 private:
  Expected<TemplateNode> compile_object(const Value& spec, const std::string& where) {
    TemplateNode::ObjectNode object;
    bool all_literal = true;
    for (const Member& m : spec.as_object()) {
      std::string here = pointer_child(where, m.key);
      TemplateField field;
      if (is_dynamic_key(m.key)) {
        field.key = m.key.substr(0, m.key.size() - kDynamicSuffix.size());
        auto node = compile_dynamic(m.key, m.value, here);
        if (!node) return std::move(node).error();
        field.node = std::move(node).value();
        all_literal = false;
      } else {
        field.key = m.key;
        auto node = compile(m.value, here);
        if (!node) return std::move(node).error();
        field.node = std::move(node).value();
        all_literal = all_literal && is_literal(field.node);
      }
      for (const TemplateField& earlier : object.fields) {
        if (earlier.key == field.key) {
          return Error{std::string(errc::jsonpath_syntax),
                       "the field '" + field.key + "' appears twice once '.$' suffixes are removed",
                       Location::in(here)};
        }
      }
      object.fields.push_back(std::move(field));
    }
    if (all_literal) return TemplateNode{TemplateNode::Literal{spec}};
    return TemplateNode{std::move(object)};
  }

  Expected<TemplateNode> compile_array(const Value& spec, const std::string& where) {
    TemplateNode::ArrayNode array;
    bool all_literal = true;
    std::size_t index = 0;
    for (const Value& item : spec.as_array()) {
      auto node = compile(item, where + "/" + std::to_string(index++));
      if (!node) return std::move(node).error();
      all_literal = all_literal && is_literal(*node);
      array.items.push_back(std::move(node).value());
    }
    if (all_literal) return TemplateNode{TemplateNode::Literal{spec}};
    return TemplateNode{std::move(array)};
  }

  // dynamic-value = path / context-path / variable-path / intrinsic-call   (a JSON string)
  Expected<TemplateNode> compile_dynamic(const std::string& key, const Value& value, const std::string& where) {
    auto invalid = [&](std::string detail_text) {
      return Error{std::string(errc::jsonpath_syntax),
                   "The value for the field '" + key + "' must be a valid JSONPath or a valid intrinsic function call" +
                       (detail_text.empty() ? "" : " (" + detail_text + ")"),
                   Location::in(where)};
    };
    if (!value.is_string()) return invalid("found a " + std::string(kind_name(value.kind())));
    const std::string& text = value.as_string();
    if (intrinsics::looks_like_call(text)) {
      auto call = intrinsics::compile(text);
      if (!call) return invalid(call.error().message);
      return TemplateNode{TemplateNode::CallNode{std::move(call).value()}};
    }
    auto path = jsonpath::compile(text);
    if (!path) return invalid(path.error().message);
    return TemplateNode{TemplateNode::PathNode{std::move(path).value(), key}};
  }
};

// The document a path was evaluated against, as AWS quotes it in its cause.
const Value* quoted_document(const jsonpath::Path& path, const Scope& scope) {
  // For `$$` paths the context object is what the path searched; AWS masks this in the
  // recordings, so which document it quotes for `$$` and `$name` paths is UNCONFIRMED.
  if (path.root() == jsonpath::Root::context && scope.context != nullptr) return scope.context;
  return scope.input;
}

Expected<Value> evaluate_path(const TemplateNode::PathNode& node, const Scope& scope) {
  auto result = jsonpath::evaluate(node.path, scope);
  if (result) return result;
  if (result.error().name != errc::path_not_found) return result;
  const Value* doc = quoted_document(node.path, scope);
  return Error{std::string(states_runtime),
               "The JSONPath '" + node.path.text() + "' specified for the field '" + node.key +
                   "' could not be found in the input '" + (doc != nullptr ? json::write(*doc) : "null") + "'",
               {}};
}

// Evaluates `node` into `out`, or leaves the error in `error` and returns false. Values are
// built in place rather than passed up through Expected at every level: templates run once
// per state entered, so this is the executor's hottest path.
bool evaluate_into(const TemplateNode& node, const Scope& scope, Value& out, Error& error) {
  switch (node.body.index()) {
    case 0: out = std::get<TemplateNode::Literal>(node.body).value; return true;
    case 1: {
      const auto& fields = std::get<TemplateNode::ObjectNode>(node.body).fields;
      Object object;
      object.reserve(fields.size());
      for (const TemplateField& field : fields) {
        // The common `"x.$": "$.a.b"` field copies the value straight into place.
        if (const auto* path_node = std::get_if<TemplateNode::PathNode>(&field.node.body)) {
          if (const Value* hit = jsonpath::find_simple(path_node->path, scope)) {
            object.append_unique_copy(field.key, *hit);
            continue;
          }
        }
        Value value;
        if (!evaluate_into(field.node, scope, value, error)) return false;
        object.append_unique_copy(field.key, std::move(value));
      }
      out = Value(std::move(object));
      return true;
    }
    case 2: {
      const auto& items = std::get<TemplateNode::ArrayNode>(node.body).items;
      Array array;
      array.reserve(items.size());
      for (const TemplateNode& item : items) {
        Value value;
        if (!evaluate_into(item, scope, value, error)) return false;
        array.push_back(std::move(value));
      }
      out = Value(std::move(array));
      return true;
    }
    case 3: {
      const auto& path_node = std::get<TemplateNode::PathNode>(node.body);
      if (const Value* hit = jsonpath::find_simple(path_node.path, scope)) {
        out = *hit;
        return true;
      }
      auto result = evaluate_path(path_node, scope);
      if (!result) {
        error = std::move(result).error();
        return false;
      }
      out = std::move(result).value();
      return true;
    }
    case 4: {
      auto result = intrinsics::evaluate(std::get<TemplateNode::CallNode>(node.body).call, scope);
      if (!result) {
        error = std::move(result).error();
        return false;
      }
      out = std::move(result).value();
      return true;
    }
  }
  error = Error{std::string(states_runtime), "internal error: unknown template node", {}};
  return false;
}

}  // namespace

Expected<PayloadTemplate> PayloadTemplate::compile(const Value& spec, std::string_view field) {
  Compiler compiler;
  auto node = compiler.compile(spec, "/" + std::string(field));
  if (!node) return std::move(node).error();
  PayloadTemplate result;
  result.root_ = std::make_shared<const TemplateNode>(std::move(node).value());
  return result;
}

Expected<Value> PayloadTemplate::evaluate(const Scope& scope) const {
  Value out;
  Error error;
  if (!evaluate_into(*root_, scope, out, error)) return error;
  return out;
}

}  // namespace asl
