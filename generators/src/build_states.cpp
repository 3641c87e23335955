// build_states.cpp — Pass, Wait, terminal side states, Parallel and Map (inline and distributed), and shared I/O pieces.
#include <algorithm>

#include "builder.h"

namespace aslgen::detail {
namespace {

BlockEnv child_env(const BlockEnv& env, asl::Value view, std::int64_t repeats) {
  BlockEnv c;
  c.view = std::move(view);
  c.nodes = definite_nodes(c.view);
  c.variables = env.variables;  // inner scopes read outer variables
  c.outer_variables = env.variables.size();
  c.depth = env.depth + 1;
  c.repeats = repeats;
  c.express_child = env.express_child;
  return c;
}

// The state's view after InputPath narrowing to an object node (or the view itself).
std::optional<const Node*> narrowing(Builder& b, const BlockEnv& env) {
  std::vector<const Node*> objects = nodes_where(env.nodes, [](const asl::Value& v) { return v.is_object(); });
  if (objects.size() < 2) return std::nullopt;  // the root alone
  return objects[1 + b.rng.below(static_cast<int>(objects.size()) - 1)];
}

// Arrays a Map can iterate over with one view for every item: objects with the same keys, or numbers.
bool homogeneous(const asl::Value& v) {
  if (!v.is_array()) return false;
  const asl::Array& items = v.as_array();
  if (items.empty()) return true;
  for (const asl::Value& item : items) {
    if (item.is_object() != items[0].is_object()) return false;
    if (!item.is_object() && !item.is_integer()) return false;
    if (item.is_object()) {
      if (item.size() != items[0].size()) return false;
      for (std::size_t k = 0; k < item.size(); ++k) {
        const asl::Member& m = item.as_object()[k];
        const asl::Member& m0 = items[0].as_object()[k];
        if (m.key != m0.key || m.value.kind() != m0.value.kind()) return false;
      }
    }
  }
  return true;
}

// A JSONata Parallel's Arguments (a few input nodes under new names, or the whole input) and the
// branches' view of them.
asl::Value jsonata_arguments_view(Builder& b, const BlockEnv& env, asl::Object& s) {
  b.tag("jsonata:Arguments");
  if (!env.view.is_object() || env.nodes.size() < 2 || b.rng.below(4) == 0) {
    s.set("Arguments", braces("$states.input"));
    return env.view;
  }
  asl::Object arguments, view;
  int n = b.rng.between(1, 3);
  for (int i = 0; i < n; ++i) {
    const Node& node = env.nodes[1 + b.rng.below(static_cast<int>(env.nodes.size()) - 1)];
    auto path = jsonata_path(node.path);
    if (!path) continue;
    std::string key = "a" + std::to_string(i);
    arguments.set(key, braces(*path));
    view.set(key, node.value);
  }
  arguments.set("fixed", asl::Value(b.fresh("k")));
  view.set("fixed", *arguments.find("fixed"));
  s.set("Arguments", asl::Value(std::move(arguments)));
  return asl::Value(std::move(view));
}

void last_output_path(Builder& b, BlockEnv& env, asl::Object& s, bool last) {
  if (!b.rng.chance(b.w.io_fields / 3)) return;
  if (last && env.nodes.size() > 1 && b.rng.coin()) {
    s.set("OutputPath", asl::Value(env.nodes[1 + b.rng.below(static_cast<int>(env.nodes.size()) - 1)].path));
  } else {
    s.set("OutputPath", asl::Value("$"));
  }
  b.tag("io:OutputPath");
}

}  // namespace

std::string Builder::integer_path(BlockEnv& env, std::int64_t value, bool positive) {
  std::vector<const Node*> ints = nodes_where(env.nodes, [&](const asl::Value& v) {
    return v.is_integer() && v.as_int() >= (positive ? 1 : 0) && v.as_int() <= 5;
  });
  if (!ints.empty()) return ints[rng.below(static_cast<int>(ints.size()))]->path;
  if (!env.top) return "";
  std::string key = fresh("seconds");
  extra_input.set(key, asl::Value(value));
  return "$." + key;
}

asl::Value Builder::payload_template(BlockEnv& env, int members, bool allow_context) {
  static const char* const kKeys[] = {"id", "value", "name", "list", "count", "meta", "when", "label"};
  asl::Object t;
  ExprScope scope = scope_of(env, allow_context);
  for (int i = 0; i < members; ++i) {
    std::string key = std::string(kKeys[i % 8]) + (i >= 8 ? std::to_string(i) : "");
    switch (rng.below(8)) {
      case 0:
      case 1: {
        bool indefinite = rng.chance(w.indefinite_paths);
        t.set(key + ".$", asl::Value(jsonpath_expression(rng, scope, indefinite, tags)));
        break;
      }
      case 2:
      case 3:
        if (rng.chance(w.intrinsics)) {
          t.set(key + ".$", asl::Value(intrinsic_call(rng, scope, Ty::any, 2, tags).text));
        } else {
          t.set(key, payload_value(rng));
        }
        break;
      case 4:
        if (allow_context) {
          static const char* const kContext[] = {"$$.Execution.Name", "$$.State.Name", "$$.Execution.StartTime",
                                                 "$$.StateMachine.Name", "$$.State.RetryCount"};
          t.set(key + ".$", asl::Value(rng.pick(kContext)));
          tag("context-object");
        } else {
          t.set(key, asl::Value(text_value(rng)));
        }
        break;
      case 5:
        if (!env.variables.empty()) {
          t.set(key + ".$", asl::Value(env.variables[rng.below(static_cast<int>(env.variables.size()))].path));
          break;
        }
        [[fallthrough]];
      case 6: t.set(key, asl::Value(asl::Object{{"inner.$", asl::Value(jsonpath_expression(rng, scope, false, tags))},
                                                {"fixed", edge_value(rng, 2)}}));
        break;
      default: t.set(key, edge_value(rng, 2)); break;
    }
  }
  return asl::Value(std::move(t));
}

void Builder::add_assign(BlockEnv& env, asl::Object& state, bool paths_see_view) {
  if (!rng.chance(w.variables / 2)) return;
  asl::Object assign;
  ExprScope scope = scope_of(env);
  std::vector<Node> empty_nodes;
  if (!paths_see_view) scope.nodes = &empty_nodes;
  // Reassign an existing variable with a value of the same kind, or assign a new one.
  std::vector<const Node*> ints;
  for (std::size_t i = env.outer_variables; i < env.variables.size(); ++i) {
    if (is_int32(env.variables[i].value)) ints.push_back(&env.variables[i]);
  }
  if (!ints.empty() && rng.coin()) {
    const Node* v = ints[rng.below(static_cast<int>(ints.size()))];
    assign.set(v->path.substr(1) + ".$", asl::Value("States.MathAdd(" + v->path + ", 1)"));
    tag("intrinsic:States.MathAdd");
  } else {
    std::string name = fresh("v");
    if (paths_see_view && rng.coin()) {
      assign.set(name + ".$", asl::Value(jsonpath_expression(rng, scope, false, tags)));
    } else if (rng.coin()) {
      assign.set(name + ".$", asl::Value(intrinsic_call(rng, scope, Ty::any, 1, tags).text));
    } else {
      assign.set(name, payload_value(rng));
    }
  }
  state.set("Assign", asl::Value(std::move(assign)));
  tag("variables");
  tag("io:Assign");
}

void Builder::add_result_path(BlockEnv& env, asl::Object& state, const std::string& name, bool last) {
  if (!env.view.is_object()) {
    if (!last || rng.coin()) state.set("ResultPath", asl::Value(nullptr));
    tag("io:ResultPath");
    return;
  }
  int r = rng.below(10);
  if (last && r < 3) return;  // default $: the result replaces the input
  if (last && r == 3) {
    state.set("ResultPath", asl::Value("$.out.result"));
  } else if (r == 4) {
    state.set("ResultPath", asl::Value(nullptr));
    tag("io:ResultPath-null");
  } else {
    state.set("ResultPath", asl::Value("$.r_" + name));
  }
  tag("io:ResultPath");
}

StateOut Builder::pass_state(BlockEnv& env, bool last) {
  const std::string name = self;
  StateOut s{name, {}, true};
  s.json.set("Type", asl::Value("Pass"));
  tag("pass");
  if (rng.below(8) == 0) s.json.set("Comment", asl::Value(text_value(rng)));
  if (!env.view.is_object()) {
    if (rng.coin()) s.json.set("Result", payload_value(rng));
    if (!last || rng.coin()) s.json.set("ResultPath", asl::Value(nullptr));
    return s;
  }
  int variant = rng.chance(w.io_fields) ? rng.below(4) : 0;
  bool paths_see_view = variant == 0;
  BlockEnv local_env;
  BlockEnv* view_env = &env;
  if (variant == 3) {
    if (auto node = narrowing(*this, env)) {
      s.json.set("InputPath", asl::Value((*node)->path));
      tag("io:InputPath");
      local_env = env;
      local_env.view = (*node)->value;
      local_env.nodes = definite_nodes(local_env.view);
      local_env.jsonata_nodes.reset();
      view_env = &local_env;
    } else if (rng.coin()) {
      s.json.set("InputPath", asl::Value("$"));
      tag("io:InputPath");
    }
  }
  if (variant == 1) {
    s.json.set("Result", payload_value(rng));
    tag("io:Result");
  } else if (variant == 2 || variant == 3) {
    if (rng.chance(w.intrinsics / 20)) {
      ExprScope scope = scope_of(*view_env);
      s.json.set("Parameters", asl::Value(asl::Object{{"bad.$", asl::Value(failing_intrinsic_call(rng, scope, tags))}}));
    } else {
      s.json.set("Parameters", payload_template(*view_env, rng.between(1, 4), true));
    }
    tag("io:Parameters");
  }
  if (variant != 0) add_result_path(env, s.json, name, last);
  last_output_path(*this, env, s.json, last);
  add_assign(env, s.json, paths_see_view);
  return s;
}

StateOut Builder::wait_state(BlockEnv& env, bool last) {
  StateOut s{self, {}, true};
  s.json.set("Type", asl::Value("Wait"));
  tag("wait");
  int variant = rng.below(4);
  std::string path;
  if (variant == 1) path = integer_path(env, rng.between(0, 3), false);
  std::vector<const Node*> stamps = nodes_where(env.nodes, [](const asl::Value& v) {
    return v.is_string() && v.as_string().size() >= 20 && v.as_string()[10] == 'T';
  });
  if (variant == 1 && !path.empty()) {
    s.json.set("SecondsPath", asl::Value(path));
    tag("wait:SecondsPath");
  } else if (variant == 2) {
    static const char* const kStamps[] = {"2026-01-01T00:00:02Z", "2025-06-01T00:00:00Z", "2026-01-01T00:00:01.250Z",
                                          "2026-01-01T01:00:03+01:00"};
    s.json.set("Timestamp", asl::Value(rng.pick(kStamps)));
    tag("wait:Timestamp");
  } else if (variant == 3 && !stamps.empty()) {
    s.json.set("TimestampPath", asl::Value(stamps[rng.below(static_cast<int>(stamps.size()))]->path));
    tag("wait:TimestampPath");
  } else {
    s.json.set("Seconds", asl::Value(static_cast<std::int64_t>(rng.between(0, 3))));
    tag("wait:Seconds");
  }
  if (rng.chance(w.io_fields / 4)) {
    s.json.set("InputPath", asl::Value("$"));
    tag("io:InputPath");
  }
  last_output_path(*this, env, s.json, last);
  add_assign(env, s.json, true);
  return s;
}

StateOut Builder::side_terminal(BlockEnv& env, const std::string& error_at) {
  if (ja) return jsonata_side_terminal(env, error_at);
  StateOut s{fresh(error_at.empty() ? "Exit" : "Caught"), {}, false};
  int r = rng.below(10);
  if (r < 5 || !rng.chance(w.fail_exit * 2)) {
    if (r < 5 && rng.chance(w.fail_exit * 3)) {
      s.json.set("Type", asl::Value("Fail"));
      tag("fail");
      ExprScope scope = scope_of(env);
      std::vector<Node> none;
      if (error_at == "$") scope.nodes = &none;
      switch (rng.below(4)) {
        case 0:
          s.json.set("Error", asl::Value(rng.coin() ? "Order.Failed" : "Custom.Error"));
          s.json.set("Cause", asl::Value(text_value(rng)));
          break;
        case 1:
          if (!error_at.empty()) {
            s.json.set("ErrorPath", asl::Value((error_at == "$" ? std::string("$") : error_at) + ".Error"));
            tag("fail:ErrorPath");
          } else {
            s.json.set("Error", asl::Value("Custom.Error"));
          }
          break;
        case 2:
          s.json.set("Error", asl::Value("Custom.Error"));
          if (error_at != "$") {
            s.json.set("CausePath", asl::Value(fail_path_call(rng, scope, tags)));
            tag("fail:CausePath");
          }
          break;
        default: break;  // no Error, no Cause
      }
      return s;
    }
    s.json.set("Type", asl::Value("Succeed"));
    tag("succeed");
    return s;
  }
  s.json.set("Type", asl::Value("Pass"));
  s.json.set("Result", payload_value(rng));
  if (error_at != "$" && env.view.is_object()) s.json.set("ResultPath", asl::Value("$.exit"));
  s.json.set("End", asl::Value(true));
  tag("pass");
  return s;
}

StateOut Builder::parallel_state(BlockEnv& env, bool last, const std::vector<std::string>& later, std::vector<StateOut>& side) {
  const std::string name = self;
  const bool jsonata = ja;
  StateOut s{name, {}, true};
  s.json.set("Type", asl::Value("Parallel"));
  tag("parallel");
  asl::Value branch_view = env.view;
  if (jsonata) {
    if (rng.chance(w.io_fields / 3)) branch_view = jsonata_arguments_view(*this, env, s.json);
  } else if (env.view.is_object() && rng.chance(w.io_fields / 3)) {
    if (auto node = narrowing(*this, env)) {
      s.json.set("InputPath", asl::Value((*node)->path));
      branch_view = (*node)->value;
      tag("io:InputPath");
    }
  }
  asl::Object handling;
  std::int64_t attempts = 0;
  add_retry_catch(env, handling, name, {"States.TaskFailed", "Custom.Error", "Lambda.ServiceException"}, later, side,
                  attempts);
  std::int64_t repeats = env.repeats * (1 + attempts);
  int n = rng.between(1, 3);
  asl::Array branches;
  for (int i = 0; i < n; ++i) branches.push_back(block(child_env(env, branch_view, repeats)));
  self = name;
  ja = jsonata;
  s.json.set("Branches", asl::Value(std::move(branches)));
  if (jsonata) {
    jsonata_output(env, s.json, name, last, true);
    jsonata_assign(env, s.json, true);
    for (const asl::Member& m : handling) s.json.set(m.key, m.value);
    return s;
  }
  if (rng.chance(w.io_fields / 3)) {
    s.json.set("ResultSelector", asl::Value(asl::Object{{"first.$", asl::Value("$[0]")},
                                                        {"count.$", asl::Value("States.ArrayLength($)")}}));
    tag("io:ResultSelector");
    tag("intrinsic:States.ArrayLength");
  }
  add_result_path(env, s.json, name, last);
  last_output_path(*this, env, s.json, last);
  for (const asl::Member& m : handling) s.json.set(m.key, m.value);
  return s;
}

StateOut Builder::map_state(BlockEnv& env, bool last, const std::vector<std::string>& later, std::vector<StateOut>& side) {
  const std::string name = self;
  const bool jsonata = ja;
  std::vector<const Node*> arrays = nodes_where(env.nodes, homogeneous);
  if (jsonata) {  // Items reads an array JSONata reads the same way
    std::erase_if(arrays, [](const Node* n) { return !jsonata_path(n->path).has_value(); });
  }
  const bool distributed = env.depth == 0 && !express && !env.express_child && rng.chance(w.distributed_map);
  const bool reader = distributed && rng.below(10) < 6;
  if (arrays.empty() && !reader) return jsonata ? jsonata_pass_state(env, last) : pass_state(env, last);

  StateOut s{name, {}, true};
  s.json.set("Type", asl::Value("Map"));
  tag("map");
  asl::Value items;
  if (reader) {
    items = item_array(rng, opt.max_items);
    std::string key = name + (rng.coin() ? ".json" : ".jsonl");
    bool jsonl = key.ends_with(".jsonl");
    out.objects.emplace("s3://aslgen-bucket/" + key, items);
    s.json.set("ItemReader", asl::Value(asl::Object{
                                 {"Resource", asl::Value("arn:aws:states:::s3:getObject")},
                                 {"ReaderConfig", asl::Value(asl::Object{{"InputType", asl::Value(jsonl ? "JSONL" : "JSON")}})},
                                 {jsonata ? "Arguments" : "Parameters",
                                  asl::Value(asl::Object{{"Bucket", asl::Value("aslgen-bucket")},
                                                         {"Key", jsonata && rng.coin() ? braces(jsonata_literal(key))
                                                                                       : asl::Value(key)}})}}));
    tag("item-reader");
  } else if (jsonata) {
    const Node* a = arrays[rng.below(static_cast<int>(arrays.size()))];
    items = a->value;
    if (rng.chance(w.jsonata_errors / 2)) {
      s.json.set("Items", braces(rng.coin() ? "1" : "$states.input"));  // not an array
      tag("jsonata-error");
      tag("jsonata-error:type");
    } else if (rng.below(4) == 0) {
      s.json.set("Items", items);  // a literal array
    } else {
      s.json.set("Items", braces(*jsonata_path(a->path)));
    }
    tag("jsonata:Items");
  } else {
    const Node* a = arrays[rng.below(static_cast<int>(arrays.size()))];
    items = a->value;
    s.json.set("ItemsPath", asl::Value(a->path));
    tag("io:ItemsPath");
  }
  asl::Value first = items.size() > 0 ? *items.at(0) : asl::Value(asl::Object{});
  asl::Value iteration_view = first;
  if (jsonata && rng.chance(w.io_fields / 2)) {
    asl::Object view{{"item", first}, {"index", asl::Value(0)}};
    std::string outer;
    if (env.nodes.size() > 1 && rng.coin()) {
      const Node& n = env.nodes[1 + rng.below(static_cast<int>(env.nodes.size()) - 1)];
      if (auto path = jsonata_path(n.path)) {
        outer = *path;
        view.set("outer", n.value);
      }
    }
    if (rng.coin()) {  // one expression for the whole selector
      s.json.set("ItemSelector", braces("{'item': $states.context.Map.Item.Value, 'index': $states.context.Map.Item.Index" +
                                        (outer.empty() ? std::string() : ", 'outer': " + outer) + "}"));
    } else {
      asl::Object selector{{"item", braces("$states.context.Map.Item.Value")},
                           {"index", braces("$states.context.Map.Item.Index")}};
      if (!outer.empty()) selector.set("outer", braces(outer));
      s.json.set("ItemSelector", asl::Value(std::move(selector)));
    }
    iteration_view = asl::Value(std::move(view));
    tag("io:ItemSelector");
    tag("jsonata:ItemSelector");
  } else if (!jsonata && rng.chance(w.io_fields / 2)) {
    asl::Object selector{{"item.$", asl::Value("$$.Map.Item.Value")}, {"index.$", asl::Value("$$.Map.Item.Index")}};
    asl::Object view{{"item", first}, {"index", asl::Value(0)}};
    if (env.nodes.size() > 1 && rng.coin()) {
      const Node& n = env.nodes[1 + rng.below(static_cast<int>(env.nodes.size()) - 1)];
      selector.set("outer.$", asl::Value(n.path));
      view.set("outer", n.value);
    }
    s.json.set("ItemSelector", asl::Value(std::move(selector)));
    iteration_view = asl::Value(std::move(view));
    tag("io:ItemSelector");
  }
  asl::Object config;
  if (distributed) {
    tag("distributed-map");
    config.set("Mode", asl::Value("DISTRIBUTED"));
    config.set("ExecutionType", asl::Value(rng.coin() ? "STANDARD" : "EXPRESS"));
    if (rng.below(10) < 3) {
      s.json.set("ItemBatcher", asl::Value(asl::Object{
                                    {"MaxItemsPerBatch", jsonata && rng.coin() ? braces("1 + 1") : asl::Value(2)}}));
      iteration_view = asl::Value(asl::Object{{"Items", asl::Value(asl::Array{iteration_view})}});
      tag("item-batcher");
    }
    if (rng.below(10) < 3) {
      s.json.set("ResultWriter", asl::Value(asl::Object{
                                     {"Resource", asl::Value("arn:aws:states:::s3:putObject")},
                                     {jsonata ? "Arguments" : "Parameters",
                                      asl::Value(asl::Object{{"Bucket", asl::Value("aslgen-bucket")},
                                                             {"Prefix", asl::Value("results")}})}}));
      tag("result-writer");
    }
    if (rng.coin()) s.json.set("Label", asl::Value("lbl" + name));
    if (rng.below(10) < 3) {
      const std::int64_t percentage = rng.between(0, 100);
      s.json.set("ToleratedFailurePercentage", jsonata && rng.coin() ? braces(jsonata_integer(rng, ja_scope_of(env), percentage, tags))
                                                                     : asl::Value(percentage));
      tag("tolerated-failure");
    }
  } else if (rng.coin()) {
    config.set("Mode", asl::Value("INLINE"));
  }
  if (rng.coin()) {
    const std::int64_t concurrency = rng.between(0, 3);
    s.json.set("MaxConcurrency", jsonata && rng.coin() ? braces(jsonata_integer(rng, ja_scope_of(env), concurrency, tags))
                                                       : asl::Value(concurrency));
    tag("max-concurrency");
  }
  asl::Object handling;
  std::int64_t attempts = 0;
  add_retry_catch(env, handling, name, {"States.TaskFailed", "Custom.Error", "States.ExceedToleratedFailureThreshold"},
                  later, side, attempts);
  BlockEnv child = child_env(env, iteration_view, env.repeats * (1 + attempts));
  child.express_child = env.express_child || (distributed && config.find("ExecutionType")->as_string() == "EXPRESS");
  asl::Value processor = block(std::move(child));
  self = name;
  ja = jsonata;
  asl::Object processor_json;
  if (!config.empty()) processor_json.set("ProcessorConfig", asl::Value(std::move(config)));
  for (const asl::Member& m : processor.as_object()) processor_json.set(m.key, m.value);
  s.json.set("ItemProcessor", asl::Value(std::move(processor_json)));
  if (jsonata) {
    jsonata_output(env, s.json, name, last, true);
    jsonata_assign(env, s.json, true);
    for (const asl::Member& m : handling) s.json.set(m.key, m.value);
    return s;
  }
  if (rng.chance(w.io_fields / 3) && s.json.find("ResultWriter") == nullptr) {
    s.json.set("ResultSelector", asl::Value(asl::Object{{"results.$", asl::Value("$")},
                                                        {"count.$", asl::Value("States.ArrayLength($)")}}));
    tag("io:ResultSelector");
    tag("intrinsic:States.ArrayLength");
  }
  add_result_path(env, s.json, name, last);
  last_output_path(*this, env, s.json, last);
  for (const asl::Member& m : handling) s.json.set(m.key, m.value);
  return s;
}

}  // namespace aslgen::detail
