// planted_bug.h — a deliberately wrong copy of one oracle rule, to show generators and shrinker find and reduce bugs.
#pragma once

#include "asl/exec.h"
#include "asl/json.h"

namespace aslgen {

namespace detail {
// Rewrites every NumericGreaterThanEquals(Path) in Choice rules into NumericGreaterThan(Path):
// the classic boundary bug (x >= v evaluated as x > v), applied to the definition so the oracle
// itself stays untouched.
inline asl::Value plant_boundary_bug(const asl::Value& v) {
  if (v.is_array()) {
    asl::Array out;
    for (const asl::Value& item : v.as_array()) out.push_back(plant_boundary_bug(item));
    return asl::Value(std::move(out));
  }
  if (!v.is_object()) return v;
  asl::Object out;
  for (const asl::Member& m : v.as_object()) {
    std::string key = m.key;
    if (key == "NumericGreaterThanEquals") key = "NumericGreaterThan";
    if (key == "NumericGreaterThanEqualsPath") key = "NumericGreaterThanPath";
    out.set(std::move(key), plant_boundary_bug(m.value));
  }
  return asl::Value(std::move(out));
}
}  // namespace detail

// The buggy "target": runs the case on the oracle with the boundary rule perturbed.
inline asl::Result run_with_planted_bug(const asl::Case& c) {
  asl::Case perturbed = c;
  perturbed.definition = detail::plant_boundary_bug(c.definition);
  return asl::execute(perturbed);
}

// True when the buggy target and the oracle disagree on status, output, error or trace.
inline bool planted_bug_diverges(const asl::Case& c) {
  auto key = [](const asl::Result& r) {
    asl::Result k;
    k.status = r.status;
    k.output = r.output;
    k.error = r.error;
    k.trace = r.trace;
    return asl::json::write(asl::to_json(k));
  };
  const asl::Result good = asl::execute(c);
  if (good.status == asl::Status::target_error || good.status == asl::Status::invalid_definition) return false;
  return key(good) != key(run_with_planted_bug(c));
}

}  // namespace aslgen
