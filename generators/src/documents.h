// documents.h — input documents with JSON's edge cases, and the definite paths into a concrete document.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "asl/value.h"
#include "rng.h"

namespace aslgen::detail {

// A scalar or container with an edge case in it: unicode and escapes, -0, 1e21, integers beyond
// 2^53 and 2^63, empty containers, deep nesting, long strings.
asl::Value edge_value(Rng& rng, int depth);
// A small payload such as a Lambda function returns.
asl::Value payload_value(Rng& rng);
// A string that may need escaping in JSON and in intrinsic literals.
std::string text_value(Rng& rng);
// Homogeneous items for a Map: objects with the same keys and value types.
asl::Value item_array(Rng& rng, int max_items);

// The input of a generated machine: an object of typed fields (small integers, strings, a
// boolean, a real, an array of integers, homogeneous items, a nested object, a timestamp) plus
// edge-case values and keys that need brackets.
asl::Value input_document(Rng& rng, int max_fields);

// A definite path into a concrete document and the value it selects.
struct Node {
  std::string path;      // dot notation where keys allow it: $.a.b[0]
  asl::Value value;
  std::string brackets;  // the same path in bracket notation: $['a']['b'][0]
};
// Every definite node under `root` ("$" or "$$..." or "$var"), up to a depth; the root itself first.
std::vector<Node> definite_nodes(const asl::Value& document, const std::string& root = "$", int max_depth = 4);
// `path` extended by a member, in dot notation when the key allows it, else in brackets.
std::string member_path(const std::string& path, const std::string& key);
bool plain_key(const std::string& key);

// Nodes selected by a predicate; empty when none.
std::vector<const Node*> nodes_where(const std::vector<Node>& nodes, const std::function<bool(const asl::Value&)>& keep);

bool is_int32(const asl::Value& v);
bool is_small_string(const asl::Value& v);  // a string short enough for Base64Encode/Hash

}  // namespace aslgen::detail
