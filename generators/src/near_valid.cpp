// near_valid.cpp — single mutations of valid machines, each labelled with the diagnostics AWS gives.
//
// Label sources: [LS] and [ISS] are AWS's own texts recorded in ../shared (asl-facts.md,
// aws-recorded/validation.jsonl). "convention" marks labels whose code is one of AWS's and whose
// location follows AWS's recorded pattern for the same kind of error, but which no recording
// shows for this exact mutation; README.md lists them.
#include "near_valid.h"

#include <algorithm>
#include <functional>

#include "definition_walk.h"

namespace aslgen::detail {
namespace {

constexpr const char* kSchema = "SCHEMA_VALIDATION_FAILED";
constexpr const char* kMissingTarget = "MISSING_TRANSITION_TARGET";

struct Label {
  std::string code;
  std::string location;
};

struct StateRef {
  const MachineRef* machine;
  std::string name;
  asl::Value json;
  std::string location() const { return machine->location + "/States/" + name; }
  std::vector<Step> steps() const { return plus(machine->steps, {"States", name}); }
};

struct Mutation {
  std::string name;
  std::vector<Label> labels;
};

// States that another state (or StartAt) of the machine no longer names: AWS's unreachable rule.
void unreachable_labels(const asl::Value& machine, const std::string& location, const std::vector<std::string>& names,
                        std::vector<Label>& labels) {
  std::vector<Edge> edges = edges_of(machine);
  for (const std::string& name : names) {
    bool named = std::any_of(edges.begin(), edges.end(), [&](const Edge& e) { return e.to == name && e.from != name; });
    if (!named) labels.push_back({kMissingTarget, location + "/States/" + name});
  }
}

class Mutator {
 public:
  Mutator(Rng& rng, asl::Case& c) : rng_(rng), c_(c), machines_(machines_of(c.definition)) {
    for (const MachineRef& m : machines_) {
      const asl::Value* machine = at(c.definition, m.steps);
      // A distributed Map's STANDARD children are Standard executions: Express rules stop there.
      const asl::Value* config = machine != nullptr ? machine->get("ProcessorConfig") : nullptr;
      const asl::Value* type = config != nullptr ? config->get("ExecutionType") : nullptr;
      if (type != nullptr && type->is_string() && type->as_string() == "STANDARD") standard_children_.push_back(m.location);
      const asl::Value* states = machine != nullptr ? machine->get("States") : nullptr;
      if (states == nullptr || !states->is_object()) continue;
      for (const asl::Member& s : states->as_object()) states_.push_back({&m, s.key, s.value});
    }
  }

  std::optional<Mutation> run() {
    using Fn = std::function<std::optional<Mutation>()>;
    std::vector<Fn> all = {[&] { return dangling_next(); },      [&] { return dangling_start(); },
                           [&] { return unknown_type(); },       [&] { return duplicate_name(); },
                           [&] { return all_not_last(); },       [&] { return next_in_nested_rule(); },
                           [&] { return field_wrong_state(); },  [&] { return bad_dollar_value(); },
                           [&] { return bad_timestamp(); },      [&] { return missing_transition(); },
                           [&] { return empty_branches(); },     [&] { return credentials_without_role(); },
                           [&] { return express_callback(); },   [&] { return missing_start_at(); }};
    // JSONata mutations only for cases with JSONata states, so a JSONPath-only case draws the
    // same mutation it drew before they existed.
    if (std::any_of(states_.begin(), states_.end(), [&](const StateRef& r) { return jsonata(r); })) {
      for (Fn f : {Fn([&] { return jsonpath_field_in_jsonata_state(); }), Fn([&] { return jsonpath_state_in_jsonata_machine(); }),
                   Fn([&] { return expression_in_jsonpath_timestamp(); }), Fn([&] { return unparseable_jsonata(); }),
                   Fn([&] { return top_level_name(); })}) {
        all.push_back(std::move(f));
      }
    }
    // Likewise drawn only where a Map runs inline, so cases without one draw what they drew before.
    if (std::any_of(states_.begin(), states_.end(), [&](const StateRef& r) { return inline_map(r); })) {
      all.push_back([&] { return distributed_field_inline(); });
    }
    // Try mutations in a random order until one applies.
    for (std::size_t i = all.size(); i > 1; --i) std::swap(all[i - 1], all[rng_.below(static_cast<int>(i))]);
    for (Fn& f : all) {
      if (auto m = f()) return m;
    }
    return std::nullopt;
  }

 private:
  std::vector<const StateRef*> where(const std::function<bool(const StateRef&)>& keep) {
    std::vector<const StateRef*> out;
    for (const StateRef& s : states_) {
      if (keep(s)) out.push_back(&s);
    }
    return out;
  }
  const StateRef* pick(const std::vector<const StateRef*>& refs) {
    return refs.empty() ? nullptr : refs[rng_.below(static_cast<int>(refs.size()))];
  }
  static std::string type_of(const StateRef& s) {
    const asl::Value* t = s.json.get("Type");
    return t != nullptr && t->is_string() ? t->as_string() : "";
  }
  asl::Object& state_object(const StateRef& s) { return mutable_at(c_.definition, s.steps())->mutable_object(); }
  // A state's query language: its own QueryLanguage, else the whole machine's (never an
  // enclosing Map's or Parallel's).
  bool jsonata(const StateRef& s) const {
    const asl::Value* own = s.json.get("QueryLanguage");
    if (own != nullptr && own->is_string()) return own->as_string() == "JSONata";
    return jsonata_machine();
  }
  bool jsonata_machine() const {
    const asl::Value* top = c_.definition.get("QueryLanguage");
    return top != nullptr && top->is_string() && top->as_string() == "JSONata";
  }

  // [ISS cfn-lint#4074] "Missing 'Next' target: X at /States/A/Next", then unreachable states.
  std::optional<Mutation> dangling_next() {
    const StateRef* s = pick(where([](const StateRef& r) { return r.json.get("Next") != nullptr; }));
    if (s == nullptr) return std::nullopt;
    std::string old = s->json.get("Next")->as_string();
    state_object(*s).set("Next", asl::Value("Nowhere"));
    Mutation m{"dangling-next", {{kMissingTarget, s->location() + "/Next"}}};
    unreachable_labels(*at(c_.definition, s->machine->steps), s->machine->location, {old}, m.labels);
    return m;
  }

  // [ISS] "Missing 'Next' target: X at /StartAt".
  std::optional<Mutation> dangling_start() {
    const MachineRef& machine = machines_[rng_.below(static_cast<int>(machines_.size()))];
    asl::Value* json = mutable_at(c_.definition, machine.steps);
    std::string old = json->get("StartAt")->as_string();
    json->mutable_object().set("StartAt", asl::Value("Nowhere"));
    Mutation m{"dangling-start", {{kMissingTarget, machine.location + "/StartAt"}}};
    unreachable_labels(*json, machine.location, {old}, m.labels);
    return m;
  }

  // [LS] "The field 'Type' should have one of these values: [...] at /States/X/Type".
  std::optional<Mutation> unknown_type() {
    const StateRef* s = pick(where([](const StateRef& r) { return type_of(r) == "Pass" || type_of(r) == "Succeed"; }));
    if (s == nullptr) return std::nullopt;
    state_object(*s).set("Type", asl::Value("Tusk"));
    return Mutation{"unknown-type", {{kSchema, s->location() + "/Type"}}};
  }

  // Convention: DUPLICATE_STATE_NAME at the later of the two states in document order.
  std::optional<Mutation> duplicate_name() {
    std::vector<const StateRef*> nested = where([](const StateRef& r) { return !r.machine->location.empty(); });
    std::vector<const StateRef*> top = where([](const StateRef& r) { return r.machine->location.empty(); });
    const StateRef* inner = pick(nested);
    if (inner == nullptr || top.empty()) return std::nullopt;
    // The enclosing top-level state comes before its nested states; take a top-level state after it.
    std::string enclosing = inner->machine->location.substr(8, inner->machine->location.find('/', 8) - 8);
    std::vector<const StateRef*> after;
    bool seen = false;
    for (const StateRef* t : top) {
      if (seen) after.push_back(t);
      if (t->name == enclosing) seen = true;
    }
    const StateRef* outer = pick(after);
    if (outer == nullptr) return std::nullopt;
    asl::Value* machine = mutable_at(c_.definition, inner->machine->steps);
    asl::Object renamed;
    for (const asl::Member& m : machine->get("States")->as_object()) {
      renamed.append_unique(m.key == inner->name ? outer->name : m.key, m.value);
    }
    machine->mutable_object().set("States", asl::Value(std::move(renamed)));
    retarget(*machine, inner->name, outer->name);
    return Mutation{"duplicate-name", {{"DUPLICATE_STATE_NAME", outer->location()}}};
  }

  // Convention: States.ALL in a retrier/catcher that is not the last one, at its ErrorEquals.
  std::optional<Mutation> all_not_last() {
    const StateRef* s = pick(where([](const StateRef& r) { return r.json.get("Retry") != nullptr || r.json.get("Catch") != nullptr; }));
    if (s == nullptr) return std::nullopt;
    const bool retry = s->json.get("Retry") != nullptr && (s->json.get("Catch") == nullptr || rng_.coin());
    const char* field = retry ? "Retry" : "Catch";
    asl::Array list = s->json.get(field)->as_array();
    asl::Object first{{"ErrorEquals", asl::Value(asl::Array{asl::Value("States.ALL")})}};
    if (!retry) first.set("Next", *list[0].get("Next"));
    list.insert(list.begin(), asl::Value(std::move(first)));
    state_object(*s).set(field, asl::Value(std::move(list)));
    return Mutation{"states-all-not-last", {{kSchema, s->location() + "/" + field + "[0]/ErrorEquals"}}};
  }

  // Convention: "Field 'Next' is not supported" at the nested rule.
  std::optional<Mutation> next_in_nested_rule() {
    const StateRef* s = pick(where([](const StateRef& r) {
      const asl::Value* rules = r.json.get("Choices");
      return rules != nullptr && rules->size() > 0 && rules->at(0)->get("Variable") != nullptr;
    }));
    if (s == nullptr) return std::nullopt;
    asl::Array rules = s->json.get("Choices")->as_array();
    asl::Object inner = rules[0].as_object();
    asl::Value next = *inner.find("Next");
    inner.erase("Assign");
    rules[0] = asl::Value(asl::Object{{"And", asl::Value(asl::Array{asl::Value(inner)})}, {"Next", next}});
    state_object(*s).set("Choices", asl::Value(std::move(rules)));
    return Mutation{"next-in-nested-rule", {{kSchema, s->location() + "/Choices[0]/And[0]"}}};
  }

  // [ISS floci#2735] Map and Parallel reject TimeoutSeconds: "Field 'TimeoutSeconds' is not supported" at /States/M.
  std::optional<Mutation> field_wrong_state() {
    const StateRef* s = pick(where([](const StateRef& r) { return type_of(r) == "Map" || type_of(r) == "Parallel"; }));
    if (s == nullptr) return std::nullopt;
    state_object(*s).set("TimeoutSeconds", asl::Value(5));
    return Mutation{"field-wrong-state", {{kSchema, s->location()}}};
  }

  // [LS] "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call at /States/X/Parameters".
  std::optional<Mutation> bad_dollar_value() {
    const StateRef* s = pick(where([&](const StateRef& r) {
      return (type_of(r) == "Pass" || type_of(r) == "Task") && !jsonata(r);
    }));
    if (s == nullptr) return std::nullopt;
    static const char* const kBad[] = {"not a path", "States.NoSuchFunction($)", "States.Format('x'", "$$$"};
    asl::Object params;
    if (const asl::Value* p = s->json.get("Parameters"); p != nullptr && p->is_object()) params = p->as_object();
    params.set("broken.$", asl::Value(rng_.pick(kBad)));
    asl::Object& object = state_object(*s);
    object.erase("Result");
    object.set("Parameters", asl::Value(std::move(params)));
    return Mutation{"bad-dollar-value", {{kSchema, s->location() + "/Parameters"}}};
  }

  // [LS] "String does not match RFC3339 timestamp at /States/W/Timestamp".
  std::optional<Mutation> bad_timestamp() {
    const StateRef* s = pick(where([](const StateRef& r) { return type_of(r) == "Wait" || type_of(r) == "Pass"; }));
    if (s == nullptr) return std::nullopt;
    static const char* const kBad[] = {"2016-12-05 21:29:29Z", "2016-12-05T21:29:29", "2016-13-05T21:29:29Z", "yesterday"};
    asl::Object wait{{"Type", asl::Value("Wait")}, {"Timestamp", asl::Value(rng_.pick(kBad))}};
    for (const char* keep : {"Next", "End"}) {
      if (const asl::Value* v = s->json.get(keep)) wait.set(keep, *v);
    }
    *mutable_at(c_.definition, s->steps()) = asl::Value(std::move(wait));
    return Mutation{"bad-timestamp", {{kSchema, s->location() + "/Timestamp"}}};
  }

  // Convention: "One of the following fields is required: [Next, End]" at the state.
  std::optional<Mutation> missing_transition() {
    const StateRef* s = pick(where([](const StateRef& r) { return type_of(r) == "Pass" || type_of(r) == "Task" || type_of(r) == "Wait"; }));
    if (s == nullptr) return std::nullopt;
    asl::Object& object = state_object(*s);
    object.erase("Next");
    object.erase("End");
    return Mutation{"missing-transition", {{kSchema, s->location()}}};
  }

  // [LS] "Value cannot be empty at /States/P/Branches".
  std::optional<Mutation> empty_branches() {
    const StateRef* s = pick(where([](const StateRef& r) { return type_of(r) == "Parallel"; }));
    if (s == nullptr) return std::nullopt;
    state_object(*s).set("Branches", asl::Value(asl::Array{}));
    return Mutation{"empty-branches", {{kSchema, s->location() + "/Branches"}}};
  }

  // [LS] "The field 'RoleArn' is required but was missing at /States/S/Credentials".
  std::optional<Mutation> credentials_without_role() {
    const StateRef* s = pick(where([](const StateRef& r) { return type_of(r) == "Task"; }));
    if (s == nullptr) return std::nullopt;
    state_object(*s).set("Credentials", asl::Value(rng_.coin() ? asl::Object{} : asl::Object{{"Role", asl::Value("x")}}));
    return Mutation{"credentials-without-role", {{kSchema, s->location() + "/Credentials"}}};
  }

  // [LS] "Express state machine does not support '.waitForTaskToken' service integration at /States/S/Resource".
  std::optional<Mutation> express_callback() {
    if (c_.type == asl::MachineType::express) return std::nullopt;
    const StateRef* s = pick(where([&](const StateRef& r) { return type_of(r) == "Task" && !in_standard_child(r); }));
    if (s == nullptr) return std::nullopt;
    const std::string resource = s->json.get("Resource")->as_string();
    if (!resource.ends_with(".waitForTaskToken")) {
      if (resource != "arn:aws:states:::lambda:invoke") return std::nullopt;
      state_object(*s).set("Resource", asl::Value(resource + ".waitForTaskToken"));
    }
    c_.type = asl::MachineType::express;
    // Every callback Task of the machine is reported, in document order.
    Mutation m{"express-callback", {}};
    for (const StateRef& r : states_) {
      const asl::Value* res = r.json.get("Resource");
      if (&r == s || (type_of(r) == "Task" && !in_standard_child(r) && res != nullptr &&
                      res->as_string().ends_with(".waitForTaskToken"))) {
        m.labels.push_back({kSchema, r.location() + "/Resource"});
      }
    }
    return m;
  }

  // [LS] "These fields are required: [StartAt] at /".
  std::optional<Mutation> missing_start_at() {
    c_.definition.mutable_object().erase("StartAt");
    return Mutation{"missing-start-at", {{kSchema, "/"}}};
  }

  // Convention: a JSONPath-only field in a JSONata state, "The QueryLanguage is set to 'JSONata',
  // but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage" at the state (the
  // location AWS gives other misplaced fields [ISS floci#2735]).
  std::optional<Mutation> jsonpath_field_in_jsonata_state() {
    const StateRef* s = pick(where([&](const StateRef& r) { return jsonata(r) && type_of(r) != "Fail"; }));
    if (s == nullptr) return std::nullopt;
    const std::string type = type_of(*s);
    std::vector<std::pair<const char*, asl::Value>> fields = {{"InputPath", asl::Value("$")},
                                                              {"OutputPath", asl::Value("$")}};
    if (type == "Pass" || type == "Task" || type == "Parallel" || type == "Map") fields.push_back({"ResultPath", asl::Value("$.r")});
    if (type == "Pass") fields.push_back({"Result", asl::Value(asl::Object{{"k", asl::Value(1)}})});
    if (type == "Task" || type == "Parallel" || type == "Map") {
      fields.push_back({"ResultSelector", asl::Value(asl::Object{{"k", asl::Value(1)}})});
    }
    const auto& [field, value] = fields[rng_.below(static_cast<int>(fields.size()))];
    state_object(*s).set(field, value);
    return Mutation{"jsonpath-field-in-jsonata-state", {{kSchema, s->location()}}};
  }

  // [LS] "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine" at the state.
  std::optional<Mutation> jsonpath_state_in_jsonata_machine() {
    if (!jsonata_machine()) return std::nullopt;
    const StateRef* s = pick(where([](const StateRef& r) { return type_of(r) == "Pass" || type_of(r) == "Succeed"; }));
    if (s == nullptr) return std::nullopt;
    asl::Object& object = state_object(*s);
    for (const char* jsonata_only : {"Output", "Assign"}) object.erase(jsonata_only);
    object.set("QueryLanguage", asl::Value("JSONPath"));
    return Mutation{"jsonpath-state-in-jsonata-machine", {{kSchema, s->location()}}};
  }

  // [LS] A JSONPath Wait's Timestamp holding a JSONata expression: "String does not match RFC3339
  // timestamp at /States/W/Timestamp".
  std::optional<Mutation> expression_in_jsonpath_timestamp() {
    if (jsonata_machine()) return std::nullopt;
    const StateRef* s = pick(where([&](const StateRef& r) {
      return (type_of(r) == "Wait" || type_of(r) == "Pass") && !jsonata(r);
    }));
    if (s == nullptr) return std::nullopt;
    asl::Object wait{{"Type", asl::Value("Wait")}, {"Timestamp", asl::Value("{% '2016-03-14T01:59:00Z' %}")}};
    for (const char* keep : {"Next", "End"}) {
      if (const asl::Value* v = s->json.get(keep)) wait.set(keep, *v);
    }
    *mutable_at(c_.definition, s->steps()) = asl::Value(std::move(wait));
    return Mutation{"expression-in-jsonpath-timestamp", {{kSchema, s->location() + "/Timestamp"}}};
  }

  // [ISS floci#2745] An expression JSONata cannot parse: INVALID_JSONATA_EXPRESSION at the field's location.
  std::optional<Mutation> unparseable_jsonata() {
    const StateRef* s = pick(where([&](const StateRef& r) { return jsonata(r) && type_of(r) != "Fail"; }));
    if (s == nullptr) return std::nullopt;
    static const char* const kBad[] = {"{% $states.input. %}", "{% (1 + %}", "{% $merge([$states.input, {'a': 1]) %}",
                                       "{% 'unterminated %}", "{% [1, 2 %}", "{% $states.input[ %}"};
    state_object(*s).set("Output", asl::Value(asl::Object{{"broken", asl::Value(rng_.pick(kBad))}}));
    return Mutation{"unparseable-jsonata", {{"INVALID_JSONATA_EXPRESSION", s->location() + "/Output/broken"}}};
  }

  // [ISS floci#2670] "Reference to 'phone' at the top level is not supported.": a bare name reads
  // the (absent) context item; UNSUPPORTED_JSONATA_EXPRESSION at the field's location.
  std::optional<Mutation> top_level_name() {
    const StateRef* s = pick(where([&](const StateRef& r) { return jsonata(r) && type_of(r) != "Fail"; }));
    if (s == nullptr) return std::nullopt;
    static const char* const kBare[] = {"{% phone %}", "{% items[0] %}", "{% order.total %}", "{% n + 1 %}"};
    state_object(*s).set("Output", asl::Value(asl::Object{{"ref", asl::Value(rng_.pick(kBare))}}));
    return Mutation{"top-level-name", {{"UNSUPPORTED_JSONATA_EXPRESSION", s->location() + "/Output/ref"}}};
  }

  // UNCONFIRMED (docs/aws-differences.md): a distributed-only field (ItemReader, ItemBatcher,
  // ResultWriter) on an inline Map. "Field 'ItemReader' is not supported" at the state is the
  // validator's label, in the place AWS reports other misplaced fields [ISS floci#2735]; AWS's own
  // answer is recorded nowhere. (ToleratedFailure* is not used: AWS accepts it inline [LS].)
  std::optional<Mutation> distributed_field_inline() {
    const StateRef* s = pick(where([&](const StateRef& r) { return inline_map(r); }));
    if (s == nullptr) return std::nullopt;
    const char* arguments = jsonata(*s) ? "Arguments" : "Parameters";
    asl::Object& object = state_object(*s);
    switch (rng_.below(3)) {
      case 0:
        object.set("ItemReader", asl::Value(asl::Object{
                                     {"Resource", asl::Value("arn:aws:states:::s3:getObject")},
                                     {"ReaderConfig", asl::Value(asl::Object{{"InputType", asl::Value("JSON")}})},
                                     {arguments, asl::Value(asl::Object{{"Bucket", asl::Value("aslgen-bucket")},
                                                                        {"Key", asl::Value("items.json")}})}}));
        break;
      case 1: object.set("ItemBatcher", asl::Value(asl::Object{{"MaxItemsPerBatch", asl::Value(2)}})); break;
      default:
        object.set("ResultWriter", asl::Value(asl::Object{
                                       {"Resource", asl::Value("arn:aws:states:::s3:putObject")},
                                       {arguments, asl::Value(asl::Object{{"Bucket", asl::Value("aslgen-bucket")},
                                                                          {"Prefix", asl::Value("results")}})}}));
        break;
    }
    return Mutation{"distributed-field-inline", {{kSchema, s->location()}}};
  }

  // A Map whose ItemProcessor runs inline: no ProcessorConfig, or Mode INLINE.
  static bool inline_map(const StateRef& s) {
    if (type_of(s) != "Map") return false;
    const asl::Value* processor = s.json.get("ItemProcessor");
    const asl::Value* config = processor != nullptr ? processor->get("ProcessorConfig") : nullptr;
    const asl::Value* mode = config != nullptr ? config->get("Mode") : nullptr;
    return processor != nullptr && (mode == nullptr || (mode->is_string() && mode->as_string() == "INLINE"));
  }

  bool in_standard_child(const StateRef& s) const {
    return std::any_of(standard_children_.begin(), standard_children_.end(),
                       [&](const std::string& l) { return s.machine->location.starts_with(l); });
  }

  Rng& rng_;
  asl::Case& c_;
  std::vector<std::string> standard_children_;
  std::vector<MachineRef> machines_;
  std::vector<StateRef> states_;
};

}  // namespace

bool mutate_case(Rng& rng, asl::Case& c) {
  Mutator mutator(rng, c);
  std::optional<Mutation> m = mutator.run();
  if (!m) return false;
  asl::Array diagnostics;
  for (const Label& l : m->labels) {
    diagnostics.emplace_back(asl::Object{{"code", asl::Value(l.code)}, {"location", asl::Value(l.location)}});
  }
  c.expect = asl::Value(asl::Object{{"status", asl::Value("INVALID_DEFINITION")}, {"diagnostics", asl::Value(std::move(diagnostics))}});
  c.tags.insert(c.tags.begin(), {"near-valid", "mutation:" + m->name});
  return true;
}

}  // namespace aslgen::detail
