// builder.h — internals of the machine generator: the per-case builder and the environment of one (nested) machine.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "aslgen/generate.h"
#include "documents.h"
#include "expressions.h"
#include "jsonata_exprs.h"
#include "rng.h"

namespace aslgen::detail {

// What every state of one machine (top level, a Parallel branch, a Map's ItemProcessor) may
// rely on. Generated machines keep one invariant: at every state boundary the data is an object
// that contains `view`'s members with their values (states add results under fresh names or
// drop them), so paths chosen against `view` exist at run time.
struct BlockEnv {
  asl::Value view;
  std::vector<Node> nodes;     // definite nodes of view
  std::vector<Node> variables; // readable variables and representative values
  std::size_t outer_variables = 0;  // the first ones belong to enclosing scopes: read, never assigned
  int depth = 0;               // 0: top level
  // How many times one visit of a state of this block can be repeated by enclosing retries and
  // loops: task scripts cover that many visits.
  std::int64_t repeats = 1;
  bool express_child = false;  // inside a distributed Map's EXPRESS children
  bool top = false;
  // `nodes` as JSONata paths, computed on first use by a JSONata state and shared by copies of
  // this env; whoever replaces `nodes` resets it.
  mutable std::shared_ptr<const std::vector<JaLeaf>> jsonata_nodes;
};

struct StateOut {
  std::string name;
  asl::Object json;
  bool links = true;  // takes a Next (Pass, Task, Wait, Parallel, Map); Choice gets Default instead
  bool no_default = false;  // a Choice whose first rule names the successor and that has no Default
};

class Builder {
 public:
  Builder(Rng& rng, const GenOptions& options, asl::Case& c) : rng(rng), opt(options), w(options.weights), out(c) {}

  // A machine ({StartAt, States}) whose input is env.view.
  asl::Value block(BlockEnv env);

  void tag(std::string t);
  std::string fresh(std::string_view prefix) { return std::string(prefix) + std::to_string(++counter_); }
  ExprScope scope_of(const BlockEnv& env, bool context = true) const {
    ExprScope s;
    s.nodes = &env.nodes;
    s.variables = env.variables;
    s.context = context;
    return s;
  }

  // States (build_states.cpp, build_task.cpp, build_choice.cpp). `later` names the main-path
  // states after this one (the first is its successor); side states (terminal Fail/Succeed/Pass
  // reached from Choice rules and Catchers) go to `side`.
  StateOut pass_state(BlockEnv& env, bool last);
  StateOut wait_state(BlockEnv& env, bool last);
  StateOut task_state(BlockEnv& env, bool last, const std::vector<std::string>& later, std::vector<StateOut>& side);
  StateOut choice_state(BlockEnv& env, const std::vector<std::string>& later, std::vector<StateOut>& side);
  StateOut parallel_state(BlockEnv& env, bool last, const std::vector<std::string>& later, std::vector<StateOut>& side);
  StateOut map_state(BlockEnv& env, bool last, const std::vector<std::string>& later, std::vector<StateOut>& side);
  // A terminal state reached by a Catcher whose ResultPath is `error_at` (empty: none kept).
  StateOut side_terminal(BlockEnv& env, const std::string& error_at);

  // JSONata mode (build_jsonata.cpp). Whether the next state is a JSONata state, and the
  // QueryLanguage it declares (declared_language, "" for none); spends no randomness when the
  // case has no JSONata (language_mode 0), so JSONPath-only cases stay what they were.
  bool pick_language();
  JaScope ja_scope_of(const BlockEnv& env, bool result = false, bool error_output = false) const;
  StateOut jsonata_pass_state(BlockEnv& env, bool last);
  StateOut jsonata_wait_state(BlockEnv& env, bool last);
  StateOut jsonata_choice_state(BlockEnv& env, const std::vector<std::string>& later, std::vector<StateOut>& side);
  StateOut jsonata_side_terminal(BlockEnv& env, const std::string& error_at);
  // Output that keeps the block invariant (the input's members stay) unless `last`; `has_result`:
  // a Task, Map or Parallel, whose Output may read $states.result.
  void jsonata_output(BlockEnv& env, asl::Object& state, const std::string& name, bool last, bool has_result);
  void jsonata_assign(BlockEnv& env, asl::Object& state, bool has_result);
  // A catcher's Output/Assign; returns where the Error Output is kept, as side_terminal's error_at.
  std::string jsonata_catcher(BlockEnv& env, asl::Object& catcher, const std::string& name);

  // Shared pieces.
  asl::Value payload_template(BlockEnv& env, int members, bool allow_context);
  void add_assign(BlockEnv& env, asl::Object& state, bool paths_see_view);
  void add_result_path(BlockEnv& env, asl::Object& state, const std::string& name, bool last);
  void add_retry_catch(BlockEnv& env, asl::Object& state, const std::string& name, const std::vector<std::string>& errors,
                       const std::vector<std::string>& later, std::vector<StateOut>& side, std::int64_t& attempts_bound);
  // A positive/non-negative integer field of the input for ...Path fields: an existing node, or
  // (top level only) a new input field. Empty when neither is possible.
  std::string integer_path(BlockEnv& env, std::int64_t value, bool positive);

  Rng& rng;
  const GenOptions& opt;
  const FeatureWeights& w;
  asl::Case& out;
  std::vector<std::string> tags;
  std::string self;  // the name of the state being built (set by block() before each state)
  asl::Object extra_input;  // fields added to the top-level input while building
  bool express = false;
  bool loop_used = false;
  // 0: JSONPath only; 1: JSONata states mixed into a JSONPath machine; 2: a JSONata machine.
  int language_mode = 0;
  bool ja = false;                 // the state being built is a JSONata state
  std::string declared_language;   // the QueryLanguage it declares, "" for none

 private:
  int counter_ = 0;
};

// Tags sorted so the first names the case's main feature.
std::vector<std::string> order_tags(std::vector<std::string> tags);

}  // namespace aslgen::detail
