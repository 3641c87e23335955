// shrink.cpp — reducing a failing Case to a small one that still fails, keeping its definition valid.
#include "aslgen/shrink.h"

#include <algorithm>
#include <set>

#include "asl/machine.h"
#include "definition_walk.h"

namespace aslgen {
namespace {

using detail::at;
using detail::MachineRef;
using detail::mutable_at;
using detail::plus;
using detail::Step;

using DiagnosticSet = std::set<std::pair<std::string, std::string>>;

DiagnosticSet errors_of(const asl::Case& c) {
  asl::ValidationOptions options;
  options.type = c.type;
  DiagnosticSet out;
  for (const asl::Diagnostic& d : asl::validate(c.definition, options)) {
    if (d.severity == "ERROR") out.emplace(d.code, d.location);
  }
  return out;
}

std::optional<std::string> string_at(const asl::Value& v, std::string_view key) {
  const asl::Value* s = v.get(key);
  if (s == nullptr || !s->is_string()) return std::nullopt;
  return s->as_string();
}

// Removes state `name` from the machine at `steps`, sending what pointed at it to its successor
// (or ending there when it had none). False when it cannot be removed (the only state, or a
// terminal StartAt).
bool remove_state(asl::Value& definition, const std::vector<Step>& steps, const std::string& name) {
  asl::Value* machine = mutable_at(definition, steps);
  if (machine == nullptr) return false;
  const asl::Value* states = machine->get("States");
  if (states == nullptr || !states->is_object() || states->size() < 2) return false;
  const asl::Value& state = *states->get(name);
  std::optional<std::string> successor = string_at(state, "Next");
  if (!successor) successor = string_at(state, "Default");
  if (!successor) {
    if (const asl::Value* rules = state.get("Choices"); rules != nullptr && rules->size() > 0) {
      successor = string_at(*rules->at(0), "Next");
    }
  }
  if (successor == name) return false;
  if (string_at(*machine, "StartAt") == name && !successor) return false;

  asl::Object kept;
  for (const asl::Member& m : states->as_object()) {
    if (m.key == name) continue;
    asl::Value s = m.value;
    if (s.is_object()) {
      asl::Object& o = s.mutable_object();
      if (string_at(s, "Next") == name) {
        if (successor) {
          o.set("Next", asl::Value(*successor));
        } else {
          o.erase("Next");
          o.set("End", asl::Value(true));
        }
      }
      if (string_at(s, "Default") == name) {
        if (successor) o.set("Default", asl::Value(*successor));
        else o.erase("Default");
      }
      for (const char* list : {"Choices", "Catch"}) {
        const asl::Value* items = s.get(list);
        if (items == nullptr || !items->is_array()) continue;
        asl::Array rewritten;
        for (const asl::Value& item : items->as_array()) {
          if (string_at(item, "Next") != name) {
            rewritten.push_back(item);
          } else if (successor) {
            asl::Value copy = item;
            copy.mutable_object().set("Next", asl::Value(*successor));
            rewritten.push_back(std::move(copy));
          }
        }
        o.set(list, asl::Value(std::move(rewritten)));
      }
    }
    kept.append_unique(m.key, std::move(s));
  }
  asl::Object& mo = machine->mutable_object();
  mo.set("States", asl::Value(std::move(kept)));
  if (string_at(*machine, "StartAt") == name) mo.set("StartAt", asl::Value(*successor));
  return true;
}

void drop_scripts_of_missing_tasks(asl::Case& c) {
  std::set<std::string> names;
  for (const MachineRef& m : detail::machines_of(c.definition)) {
    const asl::Value* states = at(c.definition, plus(m.steps, {"States"}));
    if (states == nullptr || !states->is_object()) continue;
    for (const asl::Member& s : states->as_object()) names.insert(s.key);
  }
  for (auto it = c.tasks.begin(); it != c.tasks.end();) {
    it = names.count(it->first) != 0 ? std::next(it) : c.tasks.erase(it);
  }
}

const char* const kOptionalFields[] = {
    "Parameters", "ResultSelector", "Assign", "Retry", "Catch", "InputPath", "OutputPath", "ResultPath",
    "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "ItemSelector", "ResultWriter", "ItemBatcher",
    "Label", "MaxConcurrency", "ToleratedFailurePercentage", "Comment", "Result", "Credentials",
    // JSONata mode (dropping QueryLanguage makes a state JSONPath: kept only when still valid).
    "Output", "Arguments", "QueryLanguage"};

void state_candidates(const asl::Case& c, std::vector<asl::Case>& out) {
  std::vector<MachineRef> machines = detail::machines_of(c.definition);
  // Whole states first (the top level before nested machines), then structure, then fields.
  for (const MachineRef& m : machines) {
    const asl::Value* states = at(c.definition, plus(m.steps, {"States"}));
    if (states == nullptr || !states->is_object()) continue;
    for (const asl::Member& s : states->as_object()) {
      asl::Case x = c;
      if (remove_state(x.definition, m.steps, s.key)) {
        drop_scripts_of_missing_tasks(x);
        out.push_back(std::move(x));
      }
    }
  }
  for (const MachineRef& m : machines) {
    const asl::Value* states = at(c.definition, plus(m.steps, {"States"}));
    if (states == nullptr || !states->is_object()) continue;
    for (const asl::Member& s : states->as_object()) {
      const std::vector<Step> here = plus(m.steps, {"States", s.key});
      const std::string type = string_at(s.value, "Type").value_or("");
      if (type == "Parallel" || type == "Map" || type == "Task") {
        asl::Object pass{{"Type", asl::Value("Pass")}};
        for (const char* keep : {"Next", "End", "QueryLanguage"}) {
          if (const asl::Value* v = s.value.get(keep)) pass.set(keep, *v);
        }
        if (s.value.get("Catch") == nullptr) {
          asl::Case x = c;
          *mutable_at(x.definition, here) = asl::Value(std::move(pass));
          drop_scripts_of_missing_tasks(x);
          out.push_back(std::move(x));
        }
      }
      if (const asl::Value* branches = s.value.get("Branches"); branches != nullptr && branches->size() > 1) {
        for (std::size_t i = 0; i < branches->size(); ++i) {
          asl::Case x = c;
          asl::Array rest = branches->as_array();
          rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
          mutable_at(x.definition, here)->mutable_object().set("Branches", asl::Value(std::move(rest)));
          drop_scripts_of_missing_tasks(x);
          out.push_back(std::move(x));
        }
      }
      for (const char* list : {"Choices", "Retry", "Catch"}) {
        const asl::Value* items = s.value.get(list);
        if (items == nullptr || !items->is_array() || items->size() < 2) continue;
        for (std::size_t i = 0; i < items->size(); ++i) {
          asl::Case x = c;
          asl::Array rest = items->as_array();
          rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
          mutable_at(x.definition, here)->mutable_object().set(list, asl::Value(std::move(rest)));
          out.push_back(std::move(x));
        }
      }
      for (const char* field : kOptionalFields) {
        if (s.value.get(field) == nullptr) continue;
        asl::Case x = c;
        mutable_at(x.definition, here)->mutable_object().erase(field);
        out.push_back(std::move(x));
      }
      if (const asl::Value* params = s.value.get("Parameters"); params != nullptr && params->is_object() && params->size() > 1) {
        for (std::size_t i = 0; i < params->size(); ++i) {
          asl::Case x = c;
          asl::Object rest = params->as_object();
          rest.erase(params->as_object()[i].key);
          mutable_at(x.definition, here)->mutable_object().set("Parameters", asl::Value(std::move(rest)));
          out.push_back(std::move(x));
        }
      }
    }
  }
}

bool simpler_scalar(const asl::Value& v, asl::Value& out) {
  if (v.is_null()) return false;
  if (v.is_container()) {
    out = v.is_array() ? asl::Value(asl::Array{}) : asl::Value(asl::Object{});
    return v.size() > 0;
  }
  if (v.is_number()) {
    out = asl::Value(0);
    return !(v.is_integer() && v.as_int() == 0);
  }
  if (v.is_string()) {
    out = asl::Value("");
    return !v.as_string().empty();
  }
  out = asl::Value(nullptr);
  return true;
}

void data_candidates(const asl::Case& c, std::vector<asl::Case>& out) {
  for (const char* field : {"TimeoutSeconds", "Comment"}) {
    if (c.definition.get(field) != nullptr) {
      asl::Case x = c;
      x.definition.mutable_object().erase(field);
      out.push_back(std::move(x));
    }
  }
  if (c.type == asl::MachineType::express) {
    asl::Case x = c;
    x.type = asl::MachineType::standard;
    out.push_back(std::move(x));
  }
  if (c.input.is_object()) {
    for (std::size_t i = 0; i < c.input.size(); ++i) {
      const asl::Member& m = c.input.as_object()[i];
      asl::Case x = c;
      x.input.mutable_object().erase(m.key);
      out.push_back(std::move(x));
      asl::Value simpler;
      if (simpler_scalar(m.value, simpler)) {
        asl::Case y = c;
        y.input.mutable_object().set(m.key, simpler);
        out.push_back(std::move(y));
      }
    }
  }
  for (const auto& [name, steps] : c.tasks) {
    for (std::size_t i = 0; steps.size() > 1 && i < steps.size(); ++i) {
      asl::Case x = c;
      x.tasks[name].erase(x.tasks[name].begin() + static_cast<std::ptrdiff_t>(i));
      out.push_back(std::move(x));
    }
    for (std::size_t i = 0; i < steps.size(); ++i) {
      if (steps[i].seconds != 0) {
        asl::Case x = c;
        x.tasks[name][i].seconds = 0;
        out.push_back(std::move(x));
      }
      asl::Value simpler;
      if (steps[i].action == asl::TaskStep::Action::return_result && simpler_scalar(steps[i].result, simpler)) {
        asl::Case x = c;
        x.tasks[name][i].result = simpler;
        out.push_back(std::move(x));
      }
    }
  }
}

}  // namespace

std::vector<asl::Case> shrink_candidates(const asl::Case& c) {
  std::vector<asl::Case> all;
  state_candidates(c, all);
  data_candidates(c, all);
  // Keep the validity class: the same validator errors as the original (none for a valid case).
  const DiagnosticSet original = errors_of(c);
  std::vector<asl::Case> out;
  out.reserve(all.size());
  for (asl::Case& x : all) {
    if (errors_of(x) == original) out.push_back(std::move(x));
  }
  return out;
}

asl::Case shrink_case(const asl::Case& c, const std::function<bool(const asl::Case&)>& still_fails,
                      std::chrono::steady_clock::time_point deadline, ShrinkStats* stats) {
  ShrinkStats local;
  ShrinkStats& s = stats != nullptr ? *stats : local;
  asl::Case best = c;
  bool progress = true;
  while (progress) {
    progress = false;
    for (asl::Case& candidate : shrink_candidates(best)) {
      if (std::chrono::steady_clock::now() >= deadline) {
        s.hit_deadline = true;
        return best;
      }
      ++s.attempts;
      if (still_fails(candidate)) {
        best = std::move(candidate);
        ++s.steps;
        progress = true;
        break;
      }
    }
  }
  return best;
}

std::size_t count_states(const asl::Value& definition) {
  std::size_t n = 0;
  for (const MachineRef& m : detail::machines_of(definition)) {
    const asl::Value* states = at(definition, plus(m.steps, {"States"}));
    if (states != nullptr) n += states->size();
  }
  return n;
}

}  // namespace aslgen
