// validate_graph.cpp — transitions to indexes, missing targets, unreachable states, machines with no terminal state.
#include <string>
#include <vector>

#include "asl/build_detail.h"

namespace asl::detail {
namespace {

class GraphResolver {
 public:
  GraphResolver(StateMachine& machine, const std::string& location, BuildContext& ctx)
      : machine_(machine), states_location_(child(location, "States")), ctx_(ctx),
        edges_(machine.states.size()) {}

  void run(const std::string& location, bool check_start) {
    bool start_known = false;
    if (check_start) {
      if (auto index = lookup(machine_.start_at)) {
        machine_.start_index = *index;
        start_known = true;
      } else {
        report(kMissingTransitionTarget, "Missing 'Next' target: " + machine_.start_at, child(location, "StartAt"));
      }
    }
    for (std::uint32_t i = 0; i < machine_.states.size(); ++i) resolve_state(i);
    // AWS reports dangling targets first, then a missing terminal state, and a machine with no
    // terminal state is not also walked for unreachable states [ISS floci#2786, measured on AWS].
    if (report_no_terminal()) return;
    report_unreachable(start_known);
  }

 private:
  std::optional<std::uint32_t> lookup(const std::string& name) const {
    auto it = machine_.index.find(name);
    if (it == machine_.index.end()) return std::nullopt;
    return it->second;
  }

  // Resolves one target; a name that matches no state of this machine (a state of another
  // branch or of the enclosing machine included) is a missing target.
  std::uint32_t resolve(std::uint32_t from, const std::string& target, const std::string& location) {
    if (auto index = lookup(target)) {
      edges_[from].push_back(*index);
      return *index;
    }
    report(kMissingTransitionTarget, "Missing 'Next' target: " + target, location);
    return 0;
  }

  void resolve_state(std::uint32_t i) {
    State& state = machine_.states[i];
    const std::string here = child(states_location_, state.name);
    const Value* json = state.definition.is_object() ? &state.definition : nullptr;
    auto has = [&](std::string_view field) { return json != nullptr && json->get(field) != nullptr; };
    const bool transitions = state.type != StateType::choice && state.type != StateType::succeed &&
                             state.type != StateType::fail;
    if (transitions && has("Next") && json->get("Next")->is_string()) {
      state.next_index = resolve(i, state.next, child(here, "Next"));
    }
    for (std::size_t c = 0; c < state.catchers.size(); ++c) {
      Catcher& catcher = state.catchers[c];
      const Value* raw = json != nullptr ? json->get("Catch") : nullptr;
      const Value* item = raw != nullptr ? raw->at(c) : nullptr;
      const Value* next = item != nullptr ? item->get("Next") : nullptr;
      if (next == nullptr || !next->is_string()) continue;
      catcher.next_index = resolve(i, catcher.next, child(indexed(child(here, "Catch"), c), "Next"));
    }
    if (state.type == StateType::choice) {
      for (std::size_t c = 0; c < state.choices.size(); ++c) {
        ChoiceRule& rule = state.choices[c];
        const Value* raw = json != nullptr ? json->get("Choices") : nullptr;
        const Value* item = raw != nullptr ? raw->at(c) : nullptr;
        const Value* next = item != nullptr ? item->get("Next") : nullptr;
        if (next == nullptr || !next->is_string()) continue;
        rule.next_index = resolve(i, rule.next, child(indexed(child(here, "Choices"), c), "Next"));
      }
      if (state.default_next) state.default_index = resolve(i, *state.default_next, child(here, "Default"));
    }
  }

  // AWS calls a state unreachable when no other state names it (and it is not StartAt), not when
  // a walk from StartAt misses it: with a dangling StartAt, a state that another state names is
  // not reported [ISS cfn-lint#4074, quoting CreateStateMachine].
  void report_unreachable(bool start_known) {
    std::vector<bool> named(machine_.states.size(), false);
    if (start_known) named[machine_.start_index] = true;
    for (std::uint32_t from = 0; from < edges_.size(); ++from) {
      for (std::uint32_t to : edges_[from]) {
        if (to != from) named[to] = true;
      }
    }
    for (std::uint32_t i = 0; i < machine_.states.size(); ++i) {
      if (named[i]) continue;
      const std::string& name = machine_.states[i].name;
      report(kMissingTransitionTarget, "State \"" + name + "\" is not reachable.", child(states_location_, name));
    }
  }

  // True when the machine has states but none of them ends it.
  bool report_no_terminal() {
    if (machine_.states.empty()) return false;
    for (const State& state : machine_.states) {
      if (state.end || state.type == StateType::succeed || state.type == StateType::fail) return false;
      if (!state.definition.is_object() || state.definition.get("Type") == nullptr) return false;  // schema error
    }
    report(kMissingEndState, "Workflow has no terminal state", "");
    return true;
  }

  void report(std::string_view code, std::string message, std::string location) {
    if (ctx_.check_graph) ctx_.sink.error(code, std::move(message), std::move(location));
  }

  StateMachine& machine_;
  std::string states_location_;
  BuildContext& ctx_;
  std::vector<std::vector<std::uint32_t>> edges_;
};

}  // namespace

void resolve_transitions(StateMachine& machine, const std::string& location, bool check_start, BuildContext& ctx) {
  GraphResolver resolver(machine, location, ctx);
  resolver.run(location, check_start);
}

}  // namespace asl::detail
