// assign.cpp — ResultPath writes: put a value at a reference path, creating the objects on the way.
#include <string>

#include "asl/jsonpath.h"
#include "jsonpath/program.h"

namespace asl::jsonpath {

namespace {

using detail::Step;
using detail::StepKind;

std::string prefix_text(const detail::Program& p, std::size_t n) {
  std::string out = "$";
  for (std::size_t i = 0; i < n; ++i) detail::append_fragment(out, p.steps[i]);
  return out;
}

Error unwritable(const detail::Program& p, std::size_t at, const std::string& why) {
  return Error{std::string(errc::path_not_found),
               "Cannot write to path " + p.normalized + ": the value at " + prefix_text(p, at) + " " + why, {}};
}

std::string a_kind(const Value& v) {
  std::string_view name = kind_name(v.kind());
  std::string article = (name == "array" || name == "object") ? "an " : "a ";
  return article + std::string(name);
}

// Checks the whole write first so that a failure leaves the document untouched.
Checked check(const detail::Program& p, const Value& document) {
  const Value* node = &document;
  for (std::size_t i = 0; i < p.steps.size(); ++i) {
    const Step& s = p.steps[i];
    if (s.kind == StepKind::property) {
      if (!node->is_object()) return unwritable(p, i, "is " + a_kind(*node) + ", not an object");
      node = node->get(s.names[0]);
      if (node == nullptr) {
        // From here on the objects are created, which an index cannot step into.
        for (std::size_t k = i + 1; k < p.steps.size(); ++k) {
          if (p.steps[k].kind != StepKind::property) {
            return Error{std::string(errc::path_not_found), "Cannot write to path " + p.normalized + ": the value at " +
                                                                 prefix_text(p, k) + " does not exist and only objects are created",
                         {}};
          }
        }
        return checked_ok();
      }
    } else {
      if (!node->is_array()) return unwritable(p, i, "is " + a_kind(*node) + ", not an array");
      auto index = static_cast<std::size_t>(s.indexes[0]);
      if (index >= node->size()) {
        return unwritable(p, i, "has " + std::to_string(node->size()) + " elements, no index " + std::to_string(index));
      }
      node = node->at(index);
    }
  }
  return checked_ok();
}

Value write(const detail::Program& p, std::size_t i, Value node, Value value) {
  if (i == p.steps.size()) return value;
  const Step& s = p.steps[i];
  if (s.kind == StepKind::property) {
    if (!node.is_object()) node = Value(Object{});  // only reached for a member just created
    Object& members = node.mutable_object();
    Value* child = members.find_mutable(s.names[0]);
    if (child != nullptr) {
      *child = write(p, i + 1, std::move(*child), std::move(value));  // in place: the key keeps its position
    } else {
      members.set(s.names[0], write(p, i + 1, Value(Object{}), std::move(value)));
    }
    return node;
  }
  Array& items = node.mutable_array();
  Value& child = items[static_cast<std::size_t>(s.indexes[0])];
  child = write(p, i + 1, std::move(child), std::move(value));
  return node;
}

}  // namespace

Expected<Value> assign(const Path& path, Value document, Value value) {
  if (!path.program_) return value;  // a default Path is `$`
  const detail::Program& p = *path.program_;
  if (!p.reference) {
    return Error{std::string(errc::jsonpath_syntax),
                 "Cannot write to path " + p.text + ": only a reference path (names and indexes) can be written", {}};
  }
  if (Checked ok = check(p, document); !ok) return std::move(ok).error();
  return write(p, 0, std::move(document), std::move(value));
}

}  // namespace asl::jsonpath
