// ast.h — the syntax tree of a compiled JSONata expression, after jsonata-js's post-parse pass (paths as steps, stages, groups, ancestry slots).
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "asl/value.h"

namespace asl::jsonata::detail {

struct Signature;
struct Regex;
struct Builtin;

// Node kinds, named as jsonata-js's `type` fields (the raw Pratt-parser kinds first).
enum class NodeType : std::uint8_t {
  // raw parse tree only
  binary_op,    // lhs op rhs, processed into the typed nodes below
  unary_op,     // -x, [..], {..} before processing
  end,          // (end) token met as an operand
  operator_tok, // an operator token met as an operand ('?' placeholder, and/or/in as names)
  // processed tree
  path, binary, negate, array, object, name, string, number, value, wildcard, descendant, parent,
  condition, block, bind, regex, function, partial, placeholder, variable, lambda, apply, transform, sort,
};

// Operators of NodeType::binary, resolved once at parse time so evaluation never compares text.
enum BinaryOp : std::uint8_t { op_none, op_add, op_sub, op_mul, op_div, op_mod, op_eq, op_ne, op_lt, op_le, op_gt, op_ge,
                               op_concat, op_range, op_in, op_and, op_or };

// A parent-operator (%) ancestry slot, shared by every node that refers to it.
struct Slot {
  std::string label;
  int level = 1;
  int index = 0;
};

struct Node;

// Where a field step last found its name in a JSON object (Object::find_at_hint). Shared by the
// threads evaluating one compiled expression; a stale hint only costs one compare.
struct MemberHint {
  mutable std::atomic<std::uint32_t> at{0};
  MemberHint() = default;
  MemberHint(const MemberHint& other) : at(other.at.load(std::memory_order_relaxed)) {}
  MemberHint& operator=(const MemberHint& other) {
    at.store(other.at.load(std::memory_order_relaxed), std::memory_order_relaxed);
    return *this;
  }
};

struct Stage {
  bool is_index = false;  // '#$var' inside the stages; otherwise a filter
  Node* expr = nullptr;
  std::string variable;
  std::size_t position = 0;
};

struct Group {
  std::vector<std::pair<Node*, Node*>> pairs;
  std::size_t position = 0;
};

struct SortTerm {
  bool descending = false;
  Node* expression = nullptr;
};

struct Node {
  NodeType type = NodeType::value;
  std::string op;            // operator text of binary/unary nodes; token text of operator_tok
  std::uint8_t opcode = 0;   // binary nodes: the operator as one of the BinaryOp values
  std::size_t position = 0;  // jsonata-js's position: just past the token
  std::string text;          // name, variable name, string literal value
  asl::Value literal;        // string/number/value literal
  double number = 0;         // number literal

  Node* lhs = nullptr;
  Node* rhs = nullptr;
  Node* expression = nullptr;  // negate
  Node* condition = nullptr;
  Node* then = nullptr;
  Node* otherwise = nullptr;
  Node* pattern = nullptr;  // transform
  Node* update = nullptr;
  Node* remove = nullptr;
  Node* procedure = nullptr;
  Node* body = nullptr;

  std::vector<Node*> steps;        // path
  std::vector<Node*> expressions;  // array constructor, block
  std::vector<Node*> arguments;    // function, partial, lambda (variables)
  std::vector<std::pair<Node*, Node*>> pairs;  // object constructor (raw: both forms)
  std::vector<SortTerm> terms;                 // sort
  std::vector<Stage> predicate;                // filters on a non-path expression
  std::vector<Stage> stages;                   // filters and index bindings on a path step
  Group* group = nullptr;
  std::vector<std::string> params;             // lambda parameter names
  std::shared_ptr<const Signature> signature;  // lambda <sig>
  std::shared_ptr<const Regex> regex;
  const Builtin* builtin = nullptr;            // variable: the built-in function of that name, if any
  MemberHint hint;                             // name

  // flags, as in jsonata-js
  bool keep_array = false;
  bool keep_singleton_array = false;
  bool consarray = false;
  bool tuple = false;
  bool thunk = false;
  bool has_focus = false;
  bool has_index = false;
  std::string focus;   // '@$var'
  std::string index;   // '#$var'
  Slot* slot = nullptr;      // parent
  Slot* ancestor = nullptr;  // name/wildcard step that a parent refers to
  std::vector<Slot*> seeking_parent;
  bool has_seeking_parent = false;
  std::string next_function;
  // path: every step is a plain field name (the first may be a variable), with no filters, focus,
  // index, grouping per step or singleton flags, so evaluation needs no intermediate sequences.
  bool simple_path = false;
  // block: a `:=` inside it (not inside a lambda) binds into the block's own frame; without one
  // the block evaluates in the enclosing frame.
  bool block_binds = true;
};

// Owns every node and slot of one expression.
struct Arena {
  std::deque<Node> nodes;
  std::deque<Slot> slots;
  std::deque<Group> groups;
  Node* make(NodeType type, std::size_t position) {
    nodes.emplace_back();
    Node* n = &nodes.back();
    n->type = type;
    n->position = position;
    return n;
  }
};

}  // namespace asl::jsonata::detail
