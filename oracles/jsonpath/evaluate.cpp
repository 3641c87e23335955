// evaluate.cpp — walks a document along a step chain, token semantics and error texts as in Jayway.
#include <string>
#include <vector>

#include "jsonpath/eval.h"
#include "jsonpath/java.h"

namespace asl::jsonpath::detail {

namespace {

class Walker {
 public:
  Walker(const Program& program, const Value& root, RunOptions options, std::vector<Value>& results, Failure& failure)
      : p_(program), steps_(program.steps), root_(root), options_(options), results_(results), failure_(failure) {
    if (p_.has_scan) upstream_index_.assign(steps_.size() + 1, -1);
  }

  bool start(const Value& doc) {
    if (steps_.empty()) {
      results_.push_back(doc);
      return true;
    }
    return step(0, doc);
  }

 private:
  bool step(std::size_t i, const Value& model);
  bool property(std::size_t i, const Value& model);
  bool object_property(std::size_t i, const Value& model, const std::string& name);
  bool merge_properties(std::size_t i, const Value& model);
  bool array_index(std::size_t i, const Value& model, std::int32_t index);
  int check_array(std::size_t i, const Value& model);
  bool index(std::size_t i, const Value& model);
  bool slice(std::size_t i, const Value& model);
  bool wildcard(std::size_t i, const Value& model);
  bool scan(std::size_t i, const Value& model);
  bool walk(std::size_t i, const Value& node);
  bool scan_matches(std::size_t target, const Value& node, bool& matches);
  bool filter(std::size_t i, const Value& model);
  bool function(std::size_t i, const Value& model);

  // Whether a leaf property reached at token i keeps its match (Jayway's scan hack, see Program).
  bool leaf_allowed(std::size_t i) const {
    if (!p_.has_scan || upstream_index_[i] == -1) return true;
    return p_.tail_prev_index && *p_.tail_prev_index == upstream_index_[i];
  }
  // The path as Jayway spells it on arriving at token i (definite upstream only).
  std::string eval_path(std::size_t i) const;
  // Jayway's PathToken.toString(): the fragments from token i to the end.
  std::string tail_text(std::size_t i) const {
    std::string out;
    for (std::size_t k = i; k < steps_.size(); ++k) append_fragment(out, steps_[k]);
    return out;
  }
  bool fail(Fault fault, std::string message) { return failure_.set(fault, std::move(message)); }
  // One unit of work; false (with the failure set) once the evaluation's budget is spent.
  bool spend() {
    if (options_.budget == nullptr || --options_.budget->remaining >= 0) return true;
    return fail(Fault::other, "Path evaluation gave up after " + std::to_string(kStepBudget) + " steps");
  }

  const Program& p_;
  const std::vector<Step>& steps_;
  const Value& root_;
  RunOptions options_;
  std::vector<Value>& results_;
  Failure& failure_;
  std::vector<std::int32_t> upstream_index_;
  RootCache cache_;
};

std::string Walker::eval_path(std::size_t i) const {
  std::string out(1, p_.root_char);
  for (std::size_t k = 0; k < i; ++k) {
    const Step& s = steps_[k];
    if (s.kind == StepKind::property && s.names.size() == 1) {
      out += "['";
      out += s.names[0];
      out += "']";
    } else if (s.kind == StepKind::function) {
      // a function hands its result on under the path it was called at
    } else {
      append_fragment(out, s);
    }
  }
  return out;
}

// Definite single steps are followed in a loop, so only branching tokens recurse (and those at
// most as deep as the document).
bool Walker::step(std::size_t i, const Value& start) {
  const Value* model = &start;
  Value held;  // a function's result, when the chain goes on from it
  while (true) {
    if (!spend()) return false;
    const Step& s = steps_[i];
    if (s.kind == StepKind::property && s.names.size() == 1 && model->is_object()) {
      std::uint32_t hint = s.hint.at.load(std::memory_order_relaxed);
      const Value* v = model->get_at_hint(s.names[0], hint);
      s.hint.at.store(hint, std::memory_order_relaxed);
      if (v == nullptr || s.leaf) return object_property(i, *model, s.names[0]);
      model = v;
      ++i;
      continue;
    }
    if (s.kind == StepKind::index && s.indexes.size() == 1 && model->is_array() && !s.leaf) {
      std::int64_t len = static_cast<std::int64_t>(model->size());
      std::int64_t effective = s.indexes[0] < 0 ? len + s.indexes[0] : s.indexes[0];
      if (effective < 0 || effective >= len) return true;
      model = model->at(static_cast<std::size_t>(effective));
      ++i;
      continue;
    }
    if (s.kind == StepKind::function) {
      Value result;
      if (!invoke_function(s, *model, root_, options_, result, failure_)) return false;
      results_.push_back(result);  // Jayway records a function's result even mid-path
      if (s.leaf) return true;
      held = std::move(result);
      model = &held;
      ++i;
      continue;
    }
    switch (s.kind) {
      case StepKind::property: return property(i, *model);
      case StepKind::index: return index(i, *model);
      case StepKind::slice: return slice(i, *model);
      case StepKind::wildcard: return wildcard(i, *model);
      case StepKind::scan: return scan(i, *model);
      case StepKind::filter: return filter(i, *model);
      case StepKind::function: return true;  // handled above
    }
    return true;
  }
}

bool Walker::property(std::size_t i, const Value& model) {
  const Step& s = steps_[i];
  if (!model.is_object()) {
    if (!s.upstream_definite) return true;
    std::string fragment;
    append_fragment(fragment, s);
    return fail(Fault::not_found, "Expected to find an object with property " + fragment + " in path " + eval_path(i) +
                                      " but found '" + std::string(java_class_name(model)) +
                                      "'. This is not a json object according to the JsonProvider: '" +
                                      std::string(kJsonProviderClass) + "'.");
  }
  if (s.names.size() == 1) return object_property(i, model, s.names[0]);
  if (s.leaf) return merge_properties(i, model);
  for (const std::string& name : s.names) {
    if (!object_property(i, model, name)) return false;
  }
  return true;
}

bool Walker::object_property(std::size_t i, const Value& model, const std::string& name) {
  const Step& s = steps_[i];
  const Value* v = model.get(name);
  if (v == nullptr) {
    if (s.leaf) {
      if (options_.require_properties) return fail(Fault::not_found, "No results for path: " + eval_path(i) + "['" + name + "']");
      return true;
    }
    if ((s.upstream_definite && s.token_definite) || options_.require_properties) {
      return fail(Fault::not_found, "Missing property in path " + eval_path(i) + "['" + name + "']");
    }
    return true;
  }
  if (s.leaf) {
    if (leaf_allowed(i)) results_.push_back(*v);
    return true;
  }
  return step(i + 1, *v);
}

bool Walker::merge_properties(std::size_t i, const Value& model) {
  const Step& s = steps_[i];
  Object merged;
  for (const std::string& name : s.names) {
    const Value* v = model.get(name);
    if (v != nullptr) {
      merged.set(name, *v);
    } else if (options_.require_properties) {
      std::string listed;
      for (std::size_t k = 0; k < s.names.size(); ++k) {
        if (k != 0) listed += ", ";
        listed += "'" + s.names[k] + "'";
      }
      return fail(Fault::not_found, "Missing property in path " + eval_path(i) + "[" + listed + "]");
    }
  }
  results_.push_back(Value(std::move(merged)));
  return true;
}

bool Walker::array_index(std::size_t i, const Value& model, std::int32_t index) {
  std::int64_t len = static_cast<std::int64_t>(model.size());
  std::int64_t effective = index < 0 ? len + index : index;
  if (effective < 0 || effective >= len) return true;  // Jayway swallows the IndexOutOfBoundsException
  const Value& hit = *model.at(static_cast<std::size_t>(effective));
  if (steps_[i].leaf) {
    results_.push_back(hit);
    return true;
  }
  return step(i + 1, hit);
}

// 1: go on, 0: skip quietly (indefinite upstream), -1: failed.
int Walker::check_array(std::size_t i, const Value& model) {
  const Step& s = steps_[i];
  if (model.is_null()) {
    if (!s.upstream_definite) return 0;
    fail(Fault::not_found, "The path " + eval_path(i) + " is null");
    return -1;
  }
  if (!model.is_array()) {
    if (!s.upstream_definite) return 0;
    fail(Fault::not_found,
         "Filter: " + tail_text(i) + " can only be applied to arrays. Current context is: " + java_to_string(model));
    return -1;
  }
  return 1;
}

bool Walker::index(std::size_t i, const Value& model) {
  int check = check_array(i, model);
  if (check <= 0) return check == 0;
  for (std::int32_t index : steps_[i].indexes) {
    if (!array_index(i, model, index)) return false;
  }
  return true;
}

// Jayway's three slice forms; `[from:to]` leaves a negative `from` as it is, so [-4:1] counts
// from the end up to index 0.
bool Walker::slice(std::size_t i, const Value& model) {
  int check = check_array(i, model);
  if (check <= 0) return check == 0;
  const Step& s = steps_[i];
  std::int64_t length = static_cast<std::int64_t>(model.size());
  if (s.from && !s.to) {
    std::int64_t from = *s.from < 0 ? length + *s.from : *s.from;
    if (from < 0) from = 0;
    if (length == 0 || from >= length) return true;
    for (std::int64_t k = from; k < length; ++k) {
      if (!array_index(i, model, static_cast<std::int32_t>(k))) return false;
    }
    return true;
  }
  if (s.from && s.to) {
    std::int64_t from = *s.from;
    std::int64_t to = std::min<std::int64_t>(length, *s.to);
    if (from >= to || length == 0) return true;
    for (std::int64_t k = from; k < to; ++k) {
      if (!array_index(i, model, static_cast<std::int32_t>(k))) return false;
    }
    return true;
  }
  if (length == 0) return true;
  std::int64_t to = *s.to < 0 ? length + *s.to : *s.to;
  to = std::min<std::int64_t>(length, to);
  for (std::int64_t k = 0; k < to; ++k) {
    if (!array_index(i, model, static_cast<std::int32_t>(k))) return false;
  }
  return true;
}

bool Walker::wildcard(std::size_t i, const Value& model) {
  const Step& s = steps_[i];
  if (model.is_object()) {
    for (const Member& m : model.as_object()) {
      if (s.leaf) {
        if (leaf_allowed(i)) results_.push_back(m.value);
      } else if (!step(i + 1, m.value)) {
        return false;
      }
    }
    return true;
  }
  if (model.is_array()) {
    for (std::size_t k = 0; k < model.size(); ++k) {
      if (!array_index(i, model, static_cast<std::int32_t>(k))) {
        if (failure_.fault != Fault::not_found || options_.require_properties) return false;
        failure_.clear();  // an element that lacks the rest of the path is skipped
      }
    }
  }
  return true;
}

bool Walker::scan(std::size_t i, const Value& model) {
  // Only `$..fn()` leaves a scan last (Jayway cuts the function off it), and Jayway then fails.
  if (steps_[i].leaf) return fail(Fault::other, "java.lang.IllegalStateException: Current path token is a leaf");
  return walk(i, model);
}

bool Walker::scan_matches(std::size_t target, const Value& node, bool& matches) {
  const Step& t = steps_[target];
  switch (t.kind) {
    case StepKind::property:
      matches = node.is_object();
      for (std::size_t k = 0; matches && k < t.names.size(); ++k) matches = node.get(t.names[k]) != nullptr;
      return true;
    case StepKind::index:
    case StepKind::slice: matches = node.is_array(); return true;
    case StepKind::wildcard: matches = true; return true;
    case StepKind::filter: return accept(*t.filter, node, root_, options_, cache_, matches, failure_);
    default: matches = false; return true;
  }
}

// ScanPathToken.walk: every container, pre-order; at an array the token after the scan's target
// runs on each element directly (which is where the upstream index hack comes from).
bool Walker::walk(std::size_t i, const Value& node) {
  if (!spend()) return false;
  std::size_t target = i + 1;
  if (node.is_object()) {
    bool matches = false;
    if (!scan_matches(target, node, matches)) return false;
    if (matches && !step(target, node)) return false;
    for (const Member& m : node.as_object()) {
      if (!walk(i, m.value)) return false;
    }
  } else if (node.is_array()) {
    bool matches = false;
    if (!scan_matches(target, node, matches)) return false;
    if (matches) {
      if (steps_[target].leaf) {
        if (!step(target, node)) return false;
      } else {
        for (std::size_t k = 0; k < node.size(); ++k) {
          upstream_index_[target + 1] = static_cast<std::int32_t>(k);
          if (!step(target + 1, *node.at(k))) return false;
        }
      }
    }
    for (std::size_t k = 0; k < node.size(); ++k) {
      if (!walk(i, *node.at(k))) return false;
    }
  }
  return true;
}

bool Walker::filter(std::size_t i, const Value& model) {
  const Step& s = steps_[i];
  if (model.is_object()) {
    bool ok = false;
    if (!accept(*s.filter, model, root_, options_, cache_, ok, failure_)) return false;
    if (!ok) return true;
    if (s.leaf) {
      results_.push_back(model);
      return true;
    }
    return step(i + 1, model);
  }
  if (model.is_array()) {
    for (std::size_t k = 0; k < model.size(); ++k) {
      bool ok = false;
      if (!accept(*s.filter, *model.at(k), root_, options_, cache_, ok, failure_)) return false;
      if (ok && !array_index(i, model, static_cast<std::int32_t>(k))) return false;
    }
    return true;
  }
  if (s.upstream_definite) {
    return fail(Fault::invalid_path,
                "Filter: " + tail_text(i) + " can not be applied to primitives. Current context is: " + java_to_string(model));
  }
  return true;
}

}  // namespace

bool run(const Program& program, const Value& doc, const Value& root, RunOptions options, std::vector<Value>& results,
         Failure& failure) {
  Walker walker(program, root, options, results, failure);
  return walker.start(doc);
}

bool run_value(const Program& program, const Value& doc, const Value& root, RunOptions options, Value& out,
               Failure& failure) {
  std::vector<Value> results;
  if (!run(program, doc, root, options, results, failure)) return false;
  if (program.definite) {
    if (results.empty()) return failure.set(Fault::not_found, "No results for path: " + program.normalized);
    out = std::move(results.back());
    return true;
  }
  out = Value(Array(std::move(results)));
  return true;
}

}  // namespace asl::jsonpath::detail
