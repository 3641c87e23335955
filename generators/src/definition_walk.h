// definition_walk.h — finding and editing states of a definition's JSON, nested machines included.
#pragma once

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "asl/value.h"

namespace aslgen::detail {

// A step into JSON: a member key or an array index.
using Step = std::variant<std::string, std::size_t>;

// A (nested) machine: its JSON-pointer location ("" for the top level, "/States/P/Branches[0]",
// "/States/M/ItemProcessor") and the steps from the definition's root to its object.
struct MachineRef {
  std::string location;
  std::vector<Step> steps;
};
std::vector<MachineRef> machines_of(const asl::Value& definition);

// The value at steps (nullptr when absent), and a mutable one (containers copied on write).
const asl::Value* at(const asl::Value& root, const std::vector<Step>& steps);
asl::Value* mutable_at(asl::Value& root, const std::vector<Step>& steps);

std::vector<Step> plus(std::vector<Step> steps, std::initializer_list<Step> more);

// Every transition target named in a machine object (StartAt, Next, Default, Choices[].Next,
// Catch[].Next), with the name of the state naming it ("" for StartAt).
struct Edge {
  std::string from;
  std::string to;
};
std::vector<Edge> edges_of(const asl::Value& machine);

// Renames every reference to `from` in a machine (StartAt and transitions) to `to`.
void retarget(asl::Value& machine, const std::string& from, const std::string& to);

}  // namespace aslgen::detail
