// definition_walk.cpp — finding and editing states of a definition's JSON, nested machines included.
#include "definition_walk.h"

namespace aslgen::detail {
namespace {

void collect(const asl::Value& machine, const std::string& location, const std::vector<Step>& steps,
             std::vector<MachineRef>& out) {
  out.push_back({location, steps});
  const asl::Value* states = machine.get("States");
  if (states == nullptr || !states->is_object()) return;
  for (const asl::Member& m : states->as_object()) {
    const std::string here = location + "/States/" + m.key;
    if (const asl::Value* branches = m.value.get("Branches"); branches != nullptr && branches->is_array()) {
      for (std::size_t i = 0; i < branches->size(); ++i) {
        collect(*branches->at(i), here + "/Branches[" + std::to_string(i) + "]", plus(steps, {"States", m.key, "Branches", i}), out);
      }
    }
    if (const asl::Value* processor = m.value.get("ItemProcessor"); processor != nullptr && processor->is_object()) {
      collect(*processor, here + "/ItemProcessor", plus(steps, {"States", m.key, "ItemProcessor"}), out);
    }
  }
}

void retarget_field(asl::Value& object, std::string_view key, const std::string& from, const std::string& to) {
  if (!object.is_object()) return;
  const asl::Value* v = object.get(key);
  if (v != nullptr && v->is_string() && v->as_string() == from) object.mutable_object().set(std::string(key), asl::Value(to));
}

}  // namespace

std::vector<Step> plus(std::vector<Step> steps, std::initializer_list<Step> more) {
  steps.insert(steps.end(), more.begin(), more.end());
  return steps;
}

std::vector<MachineRef> machines_of(const asl::Value& definition) {
  std::vector<MachineRef> out;
  collect(definition, "", {}, out);
  return out;
}

const asl::Value* at(const asl::Value& root, const std::vector<Step>& steps) {
  const asl::Value* cur = &root;
  for (const Step& s : steps) {
    if (const std::string* key = std::get_if<std::string>(&s)) cur = cur->get(*key);
    else cur = cur->at(std::get<std::size_t>(s));
    if (cur == nullptr) return nullptr;
  }
  return cur;
}

asl::Value* mutable_at(asl::Value& root, const std::vector<Step>& steps) {
  asl::Value* cur = &root;
  for (const Step& s : steps) {
    if (const std::string* key = std::get_if<std::string>(&s)) {
      if (!cur->is_object()) return nullptr;
      cur = cur->mutable_object().find_mutable(*key);
    } else {
      std::size_t i = std::get<std::size_t>(s);
      if (!cur->is_array() || i >= cur->size()) return nullptr;
      cur = &cur->mutable_array()[i];
    }
    if (cur == nullptr) return nullptr;
  }
  return cur;
}

std::vector<Edge> edges_of(const asl::Value& machine) {
  std::vector<Edge> out;
  if (const asl::Value* start = machine.get("StartAt"); start != nullptr && start->is_string()) {
    out.push_back({"", start->as_string()});
  }
  const asl::Value* states = machine.get("States");
  if (states == nullptr || !states->is_object()) return out;
  auto add = [&](const std::string& from, const asl::Value* v) {
    if (v != nullptr && v->is_string()) out.push_back({from, v->as_string()});
  };
  for (const asl::Member& m : states->as_object()) {
    add(m.key, m.value.get("Next"));
    add(m.key, m.value.get("Default"));
    for (const char* list : {"Choices", "Catch"}) {
      if (const asl::Value* items = m.value.get(list); items != nullptr && items->is_array()) {
        for (const asl::Value& item : items->as_array()) add(m.key, item.get("Next"));
      }
    }
  }
  return out;
}

void retarget(asl::Value& machine, const std::string& from, const std::string& to) {
  retarget_field(machine, "StartAt", from, to);
  asl::Value* states = mutable_at(machine, {std::string("States")});
  if (states == nullptr || !states->is_object()) return;
  asl::Object& object = states->mutable_object();
  for (std::size_t i = 0; i < object.size(); ++i) {
    asl::Value* state = object.find_mutable(object[i].key);
    retarget_field(*state, "Next", from, to);
    retarget_field(*state, "Default", from, to);
    for (const char* list : {"Choices", "Catch"}) {
      asl::Value* items = state->is_object() ? state->mutable_object().find_mutable(list) : nullptr;
      if (items == nullptr || !items->is_array()) continue;
      for (asl::Value& item : items->mutable_array()) retarget_field(item, "Next", from, to);
    }
  }
}

}  // namespace aslgen::detail
