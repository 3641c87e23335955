// filter_eval.cpp — decides `?( ... )` for one item: Jayway's value nodes, evaluators and their quirks.
#include <string>
#include <vector>

#include "jsonpath/eval.h"
#include "jsonpath/java.h"
#include "jsonpath/lexer.h"
#include "jsonpath/parser.h"
#include "jsonpath/regex.h"

namespace asl::jsonpath::detail {

namespace {

// Jayway's ValueNode once evaluated. `json_text` marks a JsonNode still holding its text (a
// literal, or a list string that looks like JSON): Java compares those as Strings.
struct Node {
  enum class Kind : std::uint8_t { undefined, null, boolean, number, string, json, pattern, opaque };
  Kind kind = Kind::undefined;
  bool boolean = false;
  Decimal number;
  std::string text;
  Value json;
  bool json_text = false;
  bool json_ok = true;
  const Regex* regex = nullptr;
};

Node from_value(const Value& v) {
  Node n;
  switch (v.kind()) {
    case Kind::null: n.kind = Node::Kind::null; break;
    case Kind::boolean:
      n.kind = Node::Kind::boolean;
      n.boolean = v.as_bool();
      break;
    case Kind::integer:
    case Kind::big_integer:
    case Kind::real:
      n.kind = Node::Kind::number;
      n.number = Decimal::of(v);
      break;
    case Kind::string:
      n.kind = Node::Kind::string;
      n.text = v.as_string();
      break;
    case Kind::array:
    case Kind::object:
      n.kind = Node::Kind::json;
      n.json = v;
      break;
  }
  return n;
}

Node from_literal(const Operand& o) {
  Node n;
  switch (o.kind) {
    case Operand::Kind::string:
      n.kind = Node::Kind::string;
      n.text = o.text;
      break;
    case Operand::Kind::number:
      n.kind = Node::Kind::number;
      n.number = o.number;
      break;
    case Operand::Kind::boolean:
      n.kind = Node::Kind::boolean;
      n.boolean = o.boolean;
      break;
    case Operand::Kind::null: n.kind = Node::Kind::null; break;
    case Operand::Kind::json:
      n.kind = Node::Kind::json;
      n.json_text = true;
      n.text = o.text;
      n.json = o.json;
      n.json_ok = o.json_ok;
      break;
    case Operand::Kind::pattern:
      n.kind = Node::Kind::pattern;
      n.regex = o.regex.get();
      break;
    case Operand::Kind::path: break;
  }
  return n;
}

class Evaluator {
 public:
  Evaluator(const Value& item, const Value& root, RunOptions options, RootCache& cache, Failure& failure)
      : item_(item), root_(root), options_(options), cache_(cache), failure_(failure) {}

  bool apply(const FilterNode& node, bool& out);

 private:
  bool resolve(const Operand& operand, Node& out);
  bool relation(const FilterNode& node, bool& out);
  // JsonNode.parse(ctx): the literal's parsed value, failing as json-smart would on bad text.
  bool parsed(const Node& n, const Value*& out);
  bool is_array(const Node& n, bool& out);
  // asValueListNode: `defined` false where Jayway answers UNDEFINED (not an array).
  bool value_list(const Node& n, std::vector<Node>& out, bool& defined);
  bool to_list_node(const Value& element, Node& out);
  static bool equals(const Node& a, const Node& b);
  bool eq(const Node& l, const Node& r, bool& out);
  static std::string input_of(const Node& n);
  static std::string string_of(const Node& n) { return n.kind == Node::Kind::number ? n.number.to_string() : n.text; }

  bool invalid(std::string message) { return failure_.set(Fault::invalid_path, std::move(message)); }

  const Value& item_;
  const Value& root_;
  RunOptions options_;
  RootCache& cache_;
  Failure& failure_;
};

bool Evaluator::apply(const FilterNode& node, bool& out) {
  switch (node.kind) {
    case FilterNode::Kind::relation: return relation(node, out);
    case FilterNode::Kind::all_of:
      for (const auto& child : node.children) {
        if (!apply(*child, out)) return false;
        if (!out) return true;
      }
      out = true;
      return true;
    case FilterNode::Kind::any_of:
      for (const auto& child : node.children) {
        if (!apply(*child, out)) return false;
        if (out) return true;
      }
      out = false;
      return true;
    case FilterNode::Kind::negation:
      if (!apply(*node.children.front(), out)) return false;
      out = !out;
      return true;
  }
  return true;
}

// PathNode.evaluate: an existence test reads the item with REQUIRE_PROPERTIES (even a `$` path
// reads the item there); a value reads `$` paths from the root and `@` paths from the item.
bool Evaluator::resolve(const Operand& operand, Node& out) {
  if (operand.kind != Operand::Kind::path) {
    out = from_literal(operand);
    return true;
  }
  const Program& path = *operand.path;
  if (operand.exists_check) {
    std::vector<Value> results;
    Failure inner;
    RunOptions required = options_;  // Jayway's existence test runs with REQUIRE_PROPERTIES only
    required.require_properties = true;
    out.kind = Node::Kind::boolean;
    if (!run(path, item_, root_, required, results, inner)) {
      if (inner.fault != Fault::not_found) {
        failure_ = std::move(inner);
        return false;
      }
      out.boolean = false;
      return true;
    }
    out.boolean = !path.definite || !results.empty();
    return true;
  }
  bool rooted = path.root_char == '$';
  if (rooted) {
    for (const auto& [program, value] : cache_.found) {
      if (program == &path) {
        out = from_value(value);
        return true;
      }
    }
    for (const Program* program : cache_.missing) {
      if (program == &path) {
        out = Node{};
        return true;
      }
    }
  }
  Value value;
  Failure inner;
  if (!run_value(path, rooted ? root_ : item_, root_, options_, value, inner)) {
    if (inner.fault != Fault::not_found) {
      failure_ = std::move(inner);
      return false;
    }
    if (rooted) cache_.missing.push_back(&path);
    out = Node{};
    return true;
  }
  if (rooted) cache_.found.emplace_back(&path, value);
  out = from_value(value);
  return true;
}

bool Evaluator::parsed(const Node& n, const Value*& out) {
  if (n.json_text && !n.json_ok) {
    return failure_.set(Fault::other, "java.lang.IllegalArgumentException: net.minidev.json.parser.ParseException: " +
                                          n.text);
  }
  out = &n.json;
  return true;
}

bool Evaluator::is_array(const Node& n, bool& out) {
  const Value* v = nullptr;
  if (!parsed(n, v)) return false;
  out = v->is_array();
  return true;
}

// ValueNode.toValueNode for one list element: strings that compile as paths or read as JSON
// become path and JSON nodes, other strings are unescaped, containers are an error.
bool Evaluator::to_list_node(const Value& element, Node& out) {
  out = Node{};
  switch (element.kind()) {
    case Kind::array:
    case Kind::object: return failure_.set(Fault::other, "Could not determine value type");
    case Kind::string: {
      const std::string& s = element.as_string();
      std::string_view trimmed = java_trim(s);
      if (!trimmed.empty() && (trimmed.front() == '@' || trimmed.front() == '$') && compiles_as_path(trimmed)) {
        out.kind = Node::Kind::opaque;
        return true;
      }
      if (trimmed.size() > 1 && ((trimmed.front() == '[' && trimmed.back() == ']') ||
                                 (trimmed.front() == '{' && trimmed.back() == '}'))) {
        Value v;
        if (read_permissive_json(trimmed, v)) {
          out.kind = Node::Kind::json;
          out.json_text = true;
          out.text = s;
          out.json = std::move(v);
          return true;
        }
      }
      std::string_view body = s;
      if (body.size() > 1 && ((body.front() == '\'' && body.back() == '\'') || (body.front() == '"' && body.back() == '"'))) {
        body = body.substr(1, body.size() - 2);
      }
      out.kind = Node::Kind::string;
      if (s.size() > 1) {
        std::string error;
        if (!java_unescape(body, out.text, error)) return failure_.set(Fault::other, error);
      } else {
        out.text = s;
      }
      return true;
    }
    default: out = from_value(element); return true;
  }
}

bool Evaluator::value_list(const Node& n, std::vector<Node>& out, bool& defined) {
  if (n.kind != Node::Kind::json) return invalid("Expected value list node");
  const Value* v = nullptr;
  if (!parsed(n, v)) return false;
  defined = v->is_array();
  if (!defined) return true;
  out.reserve(v->size());
  for (const Value& element : v->as_array()) {
    Node node;
    if (!to_list_node(element, node)) return false;
    out.push_back(std::move(node));
  }
  return true;
}

// a.equals(b) of Jayway's nodes: strings and numbers compare across kinds (a string by text, a
// number numerically), JSON nodes by Java equality of what they hold.
bool Evaluator::equals(const Node& a, const Node& b) {
  switch (a.kind) {
    case Node::Kind::string:
      if (b.kind != Node::Kind::string && b.kind != Node::Kind::number) return false;
      return a.text == string_of(b);
    case Node::Kind::number: {
      if (b.kind == Node::Kind::number) return a.number.compare(b.number) == 0;
      if (b.kind != Node::Kind::string) return false;
      auto other = Decimal::parse(b.text);
      return other && a.number.compare(*other) == 0;
    }
    case Node::Kind::boolean: return b.kind == Node::Kind::boolean && a.boolean == b.boolean;
    case Node::Kind::null: return b.kind == Node::Kind::null;
    case Node::Kind::json:
      if (b.kind != Node::Kind::json || a.json_text != b.json_text) return false;
      return a.json_text ? a.text == b.text : java_equals(a.json, b.json);
    case Node::Kind::pattern: return b.kind == Node::Kind::pattern && a.regex == b.regex;
    case Node::Kind::undefined:
    case Node::Kind::opaque: return false;
  }
  return false;
}

bool Evaluator::eq(const Node& l, const Node& r, bool& out) {
  if (l.kind == Node::Kind::json && r.kind == Node::Kind::json) {
    // JsonNode.equals(JsonNode, ctx): what the left holds against the right parsed; a literal
    // on the left is still a String there, so it equals nothing.
    const Value* right = nullptr;
    if (!parsed(r, right)) return false;
    out = !l.json_text && java_equals(l.json, *right);
    return true;
  }
  out = equals(l, r);
  return true;
}

std::string Evaluator::input_of(const Node& n) {
  if (n.kind == Node::Kind::string || n.kind == Node::Kind::number) return string_of(n);
  if (n.kind == Node::Kind::boolean) return n.boolean ? "true" : "false";
  return "";
}

bool Evaluator::relation(const FilterNode& node, bool& out) {
  Node l;
  Node r;
  if (!resolve(node.left, l) || !resolve(node.right, r)) return false;
  out = false;
  switch (node.op) {
    case Op::exists:
      if (l.kind != Node::Kind::boolean && r.kind != Node::Kind::boolean) {
        return failure_.set(Fault::other, "Failed to evaluate exists expression");
      }
      if (l.kind != Node::Kind::boolean || r.kind != Node::Kind::boolean) return invalid("Expected boolean node");
      out = l.boolean == r.boolean;
      return true;
    case Op::eq: return eq(l, r, out);
    case Op::ne:
      if (!eq(l, r, out)) return false;
      out = !out;
      return true;
    case Op::tseq:
    case Op::tsne: {
      bool same = false;
      if (l.kind == r.kind && !eq(l, r, same)) return false;
      out = node.op == Op::tseq ? same : !same;
      return true;
    }
    case Op::lt:
    case Op::lte:
    case Op::gt:
    case Op::gte: {
      int cmp = 0;
      if (l.kind == Node::Kind::number && r.kind == Node::Kind::number) {
        cmp = l.number.compare(r.number);
      } else if (l.kind == Node::Kind::string && r.kind == Node::Kind::string) {
        cmp = java_compare(l.text, r.text);
      } else {
        return true;
      }
      out = node.op == Op::lt ? cmp < 0 : node.op == Op::lte ? cmp <= 0 : node.op == Op::gt ? cmp > 0 : cmp >= 0;
      return true;
    }
    case Op::regex: {
      bool lp = l.kind == Node::Kind::pattern;
      bool rp = r.kind == Node::Kind::pattern;
      if (lp == rp) return true;
      const Node& pattern = lp ? l : r;
      const Node& subject = lp ? r : l;
      bool array = false;
      if (subject.kind == Node::Kind::json && !is_array(subject, array)) return false;
      if (array) {
        std::vector<Node> list;
        bool defined = false;
        if (!value_list(subject, list, defined)) return false;
        for (const Node& element : list) {
          if (pattern.regex->matches(input_of(element))) {
            out = true;
            return true;
          }
        }
        return true;
      }
      out = pattern.regex->matches(input_of(subject));
      return true;
    }
    case Op::size: {
      if (r.kind != Node::Kind::number) return true;
      std::int64_t expected = r.number.int_value();
      if (l.kind == Node::Kind::string) {
        out = static_cast<std::int64_t>(utf16_length(l.text)) == expected;
      } else if (l.kind == Node::Kind::json) {
        const Value* v = nullptr;
        if (!parsed(l, v)) return false;
        out = (v->is_array() ? static_cast<std::int64_t>(v->size()) : -1) == expected;
      }
      return true;
    }
    case Op::empty: {
      if (r.kind != Node::Kind::boolean) return invalid("Expected boolean node");
      if (l.kind == Node::Kind::string) {
        out = l.text.empty() == r.boolean;
      } else if (l.kind == Node::Kind::json) {
        const Value* v = nullptr;
        if (!parsed(l, v)) return false;
        bool empty = v->is_container() ? v->size() == 0 : true;
        out = empty == r.boolean;
      }
      return true;
    }
    case Op::in:
    case Op::nin: {
      std::vector<Node> list;
      bool defined = false;
      if (!value_list(r, list, defined)) return false;
      bool found = false;
      for (const Node& element : list) found = found || equals(l, element);
      out = node.op == Op::in ? (defined && found) : !(defined && found);
      return true;
    }
    case Op::contains: {
      if (l.kind == Node::Kind::string && r.kind == Node::Kind::string) {
        out = l.text.find(r.text) != std::string::npos;
        return true;
      }
      if (l.kind != Node::Kind::json) return true;
      std::vector<Node> list;
      bool defined = false;
      if (!value_list(l, list, defined)) return false;
      for (const Node& element : list) out = out || equals(r, element);
      return true;
    }
    case Op::subsetof:
    case Op::anyof:
    case Op::noneof: {
      std::vector<Node> right;
      std::vector<Node> left;
      bool defined = false;
      if (!value_list(r, right, defined)) return false;
      if (!defined) return true;
      if (!value_list(l, left, defined)) return false;
      if (!defined) return true;
      auto contains = [&](const Node& x) {
        for (const Node& y : right) {
          if (equals(x, y)) return true;
        }
        return false;
      };
      if (node.op == Op::subsetof) {
        out = true;
        for (const Node& x : left) out = out && contains(x);
      } else if (node.op == Op::anyof) {
        for (const Node& x : left) out = out || contains(x);
      } else {
        out = true;
        for (const Node& x : left) out = out && !contains(x);
      }
      return true;
    }
    case Op::all: return invalid("Expected value list node");   // needs a list only Jayway's Java API builds
    case Op::type: return invalid("Expected class node");        // needs a Java class operand
    case Op::matches: return invalid("Expected predicate node");  // needs a Java predicate operand
  }
  return true;
}

}  // namespace

bool accept(const FilterNode& filter, const Value& item, const Value& root, RunOptions options, RootCache& cache,
            bool& out, Failure& failure) {
  Evaluator evaluator(item, root, options, cache, failure);
  out = false;
  if (evaluator.apply(filter, out)) return true;
  if (failure.fault == Fault::invalid_path) {
    // PredicatePathToken.accept: an InvalidPathException while testing means "no match".
    failure.clear();
    out = false;
    return true;
  }
  return false;
}

}  // namespace asl::jsonpath::detail
