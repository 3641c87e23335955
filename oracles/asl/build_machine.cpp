// build_machine.cpp — a definition (or a nested branch / processor) to a StateMachine, and the load()/validate() entry points.
#include <string>
#include <utility>

#include "asl/build_detail.h"
#include "asl/validate_detail.h"

namespace asl {
namespace detail {

void DiagnosticSink::error(std::string_view code, std::string message, std::string location) {
  items_.push_back(Diagnostic{"ERROR", std::string(code), std::move(message), std::move(location)});
  ++errors_;
}

void DiagnosticSink::warning(std::string_view code, std::string message, std::string location) {
  items_.push_back(Diagnostic{"WARNING", std::string(code), std::move(message), std::move(location)});
}

std::string child(std::string_view location, std::string_view token) {
  std::string out(location);
  out += '/';
  out += token;
  return out;
}

std::string indexed(std::string_view location, std::size_t index) {
  std::string out(location);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

std::shared_ptr<StateMachine> build_machine(const Value& json, const std::string& location, int depth,
                                            BuildContext& ctx) {
  auto machine = std::make_shared<StateMachine>();
  machine->language = ctx.top_language;
  if (!json.is_object()) return machine;  // the schema pass reports the shape
  const Object& object = json.as_object();

  const Value* start = object.find("StartAt");
  const bool has_start = start != nullptr && start->is_string();
  if (has_start) machine->start_at = start->as_string();
  if (const Value* comment = object.find("Comment"); comment != nullptr && comment->is_string()) {
    machine->comment = comment->as_string();
  }
  if (depth == 0) {
    if (const Value* timeout = object.find("TimeoutSeconds"); timeout != nullptr && timeout->is_integer()) {
      machine->timeout_seconds = timeout->as_int();
    }
  }

  const Value* states = object.find("States");
  if (states == nullptr || !states->is_object()) return machine;
  const std::string states_location = child(location, "States");
  for (const Member& m : states->as_object()) {
    const std::string state_location = child(states_location, m.key);
    auto [it, inserted] = ctx.state_locations.emplace(m.key, state_location);
    if (!inserted) {
      // Names are unique across the whole machine, nested ones included [SPEC].
      ctx.sink.error(kDuplicateStateName, "Duplicate State name: " + m.key, state_location);
    }
    machine->index.emplace(m.key, static_cast<std::uint32_t>(machine->states.size()));
    machine->states.push_back(build_state(m.key, m.value, state_location, machine->language, depth, ctx));
  }
  resolve_transitions(*machine, location, has_start, ctx);
  return machine;
}

namespace {

LoadResult build(const Value& definition, const ValidationOptions& options) {
  DiagnosticSink sink;
  BuildContext ctx{options, sink, QueryLanguage::jsonpath, true, {}, {}};
  if (definition.is_object()) {
    // Anything but exactly "JSONPath" resolves to JSONata [ISS floci#2968]; a bad value is
    // reported by the schema pass.
    if (const Value* language = definition.as_object().find("QueryLanguage")) {
      const bool jsonpath = language->is_string() && language->as_string() == "JSONPath";
      ctx.top_language = jsonpath ? QueryLanguage::jsonpath : QueryLanguage::jsonata;
    }
  }
  // The schema pass reports shapes; the build then compiles paths and templates and checks names
  // and the graph, adding its own diagnostics after the schema's.
  validate_schema(definition, ctx);
  ctx.check_graph = !sink.has_errors();
  std::shared_ptr<StateMachine> machine = build_machine(definition, "", 0, ctx);
  LoadResult result;
  const bool valid = !sink.has_errors();
  result.diagnostics = sink.take();
  if (valid) result.machine = std::move(machine);
  return result;
}

}  // namespace
}  // namespace detail

std::vector<Diagnostic> validate(const Value& definition, const ValidationOptions& options) {
  return detail::build(definition, options).diagnostics;
}

LoadResult load(const Value& definition, const ValidationOptions& options) {
  return detail::build(definition, options);
}

}  // namespace asl
