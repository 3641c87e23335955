// build_block.cpp — one (nested) machine: the main path, variables, a bounded counter loop, side exits, linking.
#include <algorithm>

#include "builder.h"

namespace aslgen::detail {
namespace {

enum class Kind { pass, task, choice, wait, parallel, map };

Kind pick_kind(Builder& b, const BlockEnv& env, bool last) {
  const FeatureWeights& w = b.w;
  bool nest = env.depth < b.opt.max_depth;
  struct Option {
    Kind kind;
    int weight;
  };
  const Option options[] = {{Kind::pass, w.pass},
                            {Kind::task, w.task},
                            {Kind::choice, last ? 0 : w.choice},
                            {Kind::wait, w.wait},
                            {Kind::parallel, nest ? w.parallel : 0},
                            {Kind::map, nest ? w.map : 0}};
  int total = 0;
  for (const Option& o : options) total += o.weight;
  if (total <= 0) return Kind::pass;
  int r = b.rng.below(total);
  for (const Option& o : options) {
    if (r < o.weight) return o.kind;
    r -= o.weight;
  }
  return Kind::pass;
}

asl::Value finish(std::vector<StateOut>& main, std::vector<StateOut>& side) {
  asl::Object states;
  for (StateOut& s : main) states.append_unique(s.name, asl::Value(std::move(s.json)));
  for (StateOut& s : side) states.append_unique(s.name, asl::Value(std::move(s.json)));
  return asl::Value(std::move(states));
}

}  // namespace

void Builder::tag(std::string t) {
  if (std::find(tags.begin(), tags.end(), t) == tags.end()) tags.push_back(std::move(t));
}

asl::Value Builder::block(BlockEnv env) {
  int count = rng.between(1, std::max(1, opt.max_states - env.depth * 2));
  std::vector<StateOut> main, side;

  // Variables: the first state assigns them, every later state may read them.
  if (env.view.is_object() && rng.chance(w.variables)) {
    tag("variables");
    StateOut init{fresh("Init"), {}, true};
    const bool init_jsonata = pick_language();
    init.json.set("Type", asl::Value("Pass"));
    if (!declared_language.empty()) init.json.set("QueryLanguage", asl::Value(declared_language));
    asl::Object assign;
    int n = rng.between(1, 3);
    std::vector<Node> added;
    for (int i = 0; i < n; ++i) {
      std::string name = fresh("v");
      std::vector<const Node*> scalars =
          nodes_where(env.nodes, [](const asl::Value& v) { return !v.is_container() && !v.is_null(); });
      if (!scalars.empty() && rng.coin()) {
        const Node* node = scalars[rng.below(static_cast<int>(scalars.size()))];
        if (!init_jsonata) {
          assign.set(name + ".$", asl::Value(node->path));
        } else if (auto path = jsonata_path(node->path)) {
          assign.set(name, braces(*path));
        } else {
          assign.set(name, node->value);
        }
        added.push_back({"$" + name, node->value, "$" + name});
      } else {
        std::int64_t v = rng.between(0, 5);
        assign.set(name, asl::Value(v));
        added.push_back({"$" + name, asl::Value(v), "$" + name});
      }
    }
    init.json.set("Assign", asl::Value(std::move(assign)));
    if (init_jsonata) tag("jsonata");
    main.push_back(std::move(init));
    for (Node& n : added) env.variables.push_back(std::move(n));
  }

  // Kinds first, so each state knows the names of those after it.
  std::vector<Kind> kinds;
  for (int i = 0; i < count; ++i) kinds.push_back(pick_kind(*this, env, i == count - 1));

  // A bounded counter loop (top level only): Init -> body -> Increment -> Check -(i < K)-> body.
  int loop_at = -1, loop_k = 0;
  std::string loop_field;
  if (env.top && env.view.is_object() && rng.chance(w.loop)) {
    loop_at = rng.below(count);
    loop_k = rng.between(2, 3);
    loop_field = fresh("loop");
    tag("loop");
  }

  // Names for the main path, loop states included.
  struct Planned {
    Kind kind;
    std::string name;
    int role = 0;  // 0 ordinary, 1 loop init, 2 loop body, 3 loop increment, 4 loop check
  };
  std::vector<Planned> plan;
  for (int i = 0; i < count; ++i) {
    if (i == loop_at) {
      plan.push_back({Kind::pass, fresh("LoopInit"), 1});
      int body = rng.between(1, 2);
      for (int k = 0; k < body; ++k) {
        Kind kind = rng.coin() ? Kind::task : (rng.coin() ? Kind::pass : Kind::wait);
        plan.push_back({kind, fresh(kind == Kind::task ? "Task" : kind == Kind::pass ? "Pass" : "Wait"), 2});
      }
      plan.push_back({Kind::pass, fresh("LoopIncrement"), 3});
      plan.push_back({Kind::choice, fresh("LoopCheck"), 4});
    }
    static const char* const kPrefix[] = {"Pass", "Task", "Choice", "Wait", "Parallel", "Map"};
    plan.push_back({kinds[i], fresh(kPrefix[static_cast<int>(kinds[i])]), 0});
  }

  std::string body_first;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const bool last = i + 1 == plan.size();
    // The successor first, then the ordinary main-path states after it (never into a loop).
    std::vector<std::string> later;
    if (!last) later.push_back(plan[i + 1].name);
    for (std::size_t j = i + 2; j < plan.size(); ++j) {
      if (plan[j].role == 0) later.push_back(plan[j].name);
    }
    BlockEnv local = env;
    StateOut s;
    self = plan[i].name;
    ja = pick_language();
    const bool state_ja = ja;  // nested blocks (Parallel, Map) pick their own
    const std::string declared = declared_language;
    const std::string loop_at_ja = jsonata_literal(loop_field);
    switch (plan[i].role) {
      case 1: {
        s = {plan[i].name, {}, true};
        s.json.set("Type", asl::Value("Pass"));
        if (ja) {
          s.json.set("Output", braces("$merge([$states.input, {" + loop_at_ja + ": {'i': 0}}])"));
        } else {
          s.json.set("Result", asl::Value(asl::Object{{"i", asl::Value(0)}}));
          s.json.set("ResultPath", asl::Value("$." + loop_field));
        }
        body_first = plan[i + 1].name;
        break;
      }
      case 2: {
        // Loop bodies stay on the path: their side exits only end the execution.
        local.repeats = env.repeats * loop_k;
        std::vector<std::string> none{plan[i + 1].name};
        if (plan[i].kind == Kind::task) s = task_state(local, false, none, side);
        else if (plan[i].kind == Kind::pass) s = ja ? jsonata_pass_state(local, false) : pass_state(local, false);
        else s = ja ? jsonata_wait_state(local, false) : wait_state(local, false);
        s.name = plan[i].name;
        break;
      }
      case 3: {
        s = {plan[i].name, {}, true};
        s.json.set("Type", asl::Value("Pass"));
        if (ja) {
          s.json.set("Output", braces("$merge([$states.input, {" + loop_at_ja + ": {'i': $states.input." + loop_field +
                                      ".i + 1}}])"));
          break;
        }
        s.json.set("Parameters", asl::Value(asl::Object{{"i.$", asl::Value("States.MathAdd($." + loop_field + ".i, 1)")}}));
        s.json.set("ResultPath", asl::Value("$." + loop_field));
        tag("intrinsic:States.MathAdd");
        break;
      }
      case 4: {
        s = {plan[i].name, {}, false};
        s.json.set("Type", asl::Value("Choice"));
        if (ja) {
          s.json.set("Choices", asl::Value(asl::Array{asl::Value(asl::Object{
                                    {"Condition", braces("$states.input." + loop_field + ".i < " + std::to_string(loop_k))},
                                    {"Next", asl::Value(body_first)}})}));
          tag("jsonata:Condition");
          break;
        }
        s.json.set("Choices", asl::Value(asl::Array{asl::Value(
                                  asl::Object{{"Variable", asl::Value("$." + loop_field + ".i")},
                                              {"NumericLessThan", asl::Value(static_cast<std::int64_t>(loop_k))},
                                              {"Next", asl::Value(body_first)}})}));
        tag("choice:NumericLessThan");
        break;
      }
      default:
        switch (plan[i].kind) {
          case Kind::pass: s = ja ? jsonata_pass_state(local, last) : pass_state(local, last); break;
          case Kind::task: s = task_state(local, last, later, side); break;
          case Kind::choice: s = ja ? jsonata_choice_state(local, later, side) : choice_state(local, later, side); break;
          case Kind::wait: s = ja ? jsonata_wait_state(local, last) : wait_state(local, last); break;
          case Kind::parallel: s = parallel_state(local, last, later, side); break;
          case Kind::map: s = map_state(local, last, later, side); break;
        }
        s.name = plan[i].name;
        break;
    }
    if (!declared.empty()) {
      s.json.set("QueryLanguage", asl::Value(declared));
      tag("query-language:declared");
    }
    if (state_ja) tag("jsonata");
    main.push_back(std::move(s));
  }

  // Link the main path; its end is End:true or a Succeed state.
  for (std::size_t i = 0; i + 1 < main.size(); ++i) {
    if (main[i].links) main[i].json.set("Next", asl::Value(main[i + 1].name));
    else if (!main[i].no_default) main[i].json.set("Default", asl::Value(main[i + 1].name));
  }
  StateOut& tail = main.back();
  if (tail.links) {
    tail.json.set("End", asl::Value(true));
  }
  if (!tail.links || rng.chance(w.succeed_end)) {
    StateOut done{fresh("Done"), {}, false};
    done.json.set("Type", asl::Value("Succeed"));
    if (rng.below(4) == 0) {
      // The Succeed state inherits the machine's language.
      if (language_mode == 2) done.json.set("Output", braces("$states.input"));
      else done.json.set("OutputPath", asl::Value("$"));
    }
    if (tail.links) {
      tail.json.erase("End");
      tail.json.set("Next", asl::Value(done.name));
    } else {
      tail.json.set("Default", asl::Value(done.name));
    }
    main.push_back(std::move(done));
    tag("succeed");
  }

  asl::Object machine;
  machine.set("StartAt", asl::Value(main.front().name));
  machine.set("States", finish(main, side));
  return asl::Value(std::move(machine));
}

std::vector<std::string> order_tags(std::vector<std::string> tags) {
  static const char* const kPriority[] = {"near-valid", "jsonata", "distributed-map", "map", "parallel", "callback", "loop",
                                          "timeout", "catch", "retry", "choice", "variables", "wait", "task", "pass"};
  std::string main;
  for (const char* p : kPriority) {
    if (std::find(tags.begin(), tags.end(), p) != tags.end()) {
      main = p;
      break;
    }
  }
  std::sort(tags.begin(), tags.end());
  if (!main.empty()) {
    tags.erase(std::find(tags.begin(), tags.end(), main));
    tags.insert(tags.begin(), main);
  }
  return tags;
}

}  // namespace aslgen::detail
