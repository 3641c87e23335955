// case.cpp — reading and writing the *.case.json form of a Case, with JSON-pointer-located errors.
#include "asl/case.h"

#include <charconv>

#include "asl/json.h"

namespace asl {

namespace {

Error bad(const std::string& pointer, std::string message) {
  return Error{std::string(errc::json_syntax), std::move(message), Location::in(pointer.empty() ? "/" : pointer)};
}

std::string child(const std::string& pointer, std::string_view key) { return pointer_child(pointer, key); }

// A step's invocation range "N" or "N-M" (Step Functions Local MockConfigFile keys).
bool parse_range(std::string_view key, std::int64_t& first, std::int64_t& last) {
  auto dash = key.find('-');
  auto number = [](std::string_view s, std::int64_t& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && out >= 0;
  };
  if (dash == std::string_view::npos) {
    if (!number(key, first)) return false;
    last = first;
    return true;
  }
  return number(key.substr(0, dash), first) && number(key.substr(dash + 1), last) && last >= first;
}

Expected<TaskStep> read_step(const Value& json, const std::string& at) {
  if (!json.is_object()) return bad(at, "a task step must be an object with \"return\" or \"throw\"");
  TaskStep step;
  const Value* ret = json.get("return");
  const Value* thr = json.get("throw");
  if ((ret != nullptr) == (thr != nullptr)) return bad(at, "a task step needs exactly one of \"return\" and \"throw\"");
  if (ret != nullptr) {
    step.action = TaskStep::Action::return_result;
    step.result = *ret;
  } else {
    step.action = TaskStep::Action::throw_error;
    const Value* error = thr->get("error");
    if (!thr->is_object() || error == nullptr || !error->is_string()) {
      return bad(child(at, "throw"), "\"throw\" needs a string \"error\"");
    }
    step.error = error->as_string();
    if (const Value* cause = thr->get("cause")) {
      if (!cause->is_string()) return bad(child(child(at, "throw"), "cause"), "must be a string");
      step.cause = cause->as_string();
    }
  }
  if (const Value* times = json.get("times")) {
    if (!times->is_integer() || times->as_int() < 1) return bad(child(at, "times"), "must be a positive integer");
    step.times = times->as_int();
  }
  if (const Value* seconds = json.get("seconds")) {
    if (!seconds->is_number() || seconds->as_double() < 0) return bad(child(at, "seconds"), "must be a number >= 0");
    step.seconds = seconds->as_double();
  }
  if (const Value* heartbeats = json.get("heartbeats")) {
    std::string here = child(at, "heartbeats");
    if (!heartbeats->is_array()) return bad(here, "must be a list of seconds (numbers >= 0, ascending)");
    double previous = 0;
    std::size_t i = 0;
    for (const Value& h : heartbeats->as_array()) {
      if (!h.is_number() || h.as_double() < previous) {
        return bad(here + "/" + std::to_string(i), "must be a number >= 0 and not below the one before");
      }
      previous = h.as_double();
      step.heartbeats.push_back(previous);
      ++i;
    }
  }
  for (const Member& m : json.as_object()) {
    if (m.key != "return" && m.key != "throw" && m.key != "times" && m.key != "seconds" && m.key != "heartbeats") {
      return bad(child(at, m.key), "unknown task step field '" + m.key + "'");
    }
  }
  return step;
}

// tasks.<State> is a list of steps, or an object keyed by invocation ranges ("0", "1-2") that
// must cover 0..n without gaps, as in a Step Functions Local MockConfigFile.
Expected<std::vector<TaskStep>> read_steps(const Value& json, const std::string& at) {
  std::vector<TaskStep> steps;
  if (json.is_array()) {
    std::size_t i = 0;
    for (const Value& item : json.as_array()) {
      auto step = read_step(item, at + "/" + std::to_string(i++));
      if (!step) return std::move(step).error();
      steps.push_back(std::move(step).value());
    }
    return steps;
  }
  if (!json.is_object()) return bad(at, "task steps must be a list or an object keyed by invocation ranges");
  std::map<std::int64_t, std::pair<std::int64_t, const Member*>> by_first;
  for (const Member& m : json.as_object()) {
    std::int64_t first = 0;
    std::int64_t last = 0;
    if (!parse_range(m.key, first, last)) return bad(child(at, m.key), "invocation keys are \"N\" or \"N-M\"");
    by_first[first] = {last, &m};
  }
  std::int64_t expected = 0;
  for (const auto& [first, entry] : by_first) {
    std::string here = child(at, entry.second->key);
    if (first != expected) return bad(here, "invocation " + std::to_string(expected) + " is not covered");
    auto step = read_step(entry.second->value, here);
    if (!step) return std::move(step).error();
    step->times = entry.first - first + 1;
    steps.push_back(std::move(step).value());
    expected = entry.first + 1;
  }
  return steps;
}

}  // namespace

std::string_view machine_type_name(MachineType type) { return type == MachineType::express ? "EXPRESS" : "STANDARD"; }

Expected<Case> read_case(const Value& json) {
  if (!json.is_object()) return bad("", "a case must be a JSON object");
  Case c;
  c.input = Value(Object{});
  c.context = Value(Object{});
  bool has_definition = false;
  for (const Member& m : json.as_object()) {
    std::string at = child("", m.key);
    const Value& v = m.value;
    if (m.key == "id") {
      if (!v.is_string() || v.as_string().empty()) return bad(at, "must be a non-empty string");
      c.id = v.as_string();
    } else if (m.key == "tags") {
      if (!v.is_array()) return bad(at, "must be a list of strings");
      for (const Value& t : v.as_array()) {
        if (!t.is_string()) return bad(at, "must be a list of strings");
        c.tags.push_back(t.as_string());
      }
    } else if (m.key == "type") {
      if (v.is_string() && v.as_string() == "STANDARD") c.type = MachineType::standard;
      else if (v.is_string() && v.as_string() == "EXPRESS") c.type = MachineType::express;
      else return bad(at, "must be \"STANDARD\" or \"EXPRESS\"");
    } else if (m.key == "definition") {
      if (!v.is_object()) return bad(at, "must be the state machine as a JSON object");
      c.definition = v;
      has_definition = true;
    } else if (m.key == "input") {
      c.input = v;
    } else if (m.key == "tasks") {
      if (!v.is_object()) return bad(at, "must map Task state names to their steps");
      for (const Member& task : v.as_object()) {
        auto steps = read_steps(task.value, child(at, task.key));
        if (!steps) return std::move(steps).error();
        c.tasks[task.key] = std::move(steps).value();
      }
    } else if (m.key == "objects") {
      if (!v.is_object()) return bad(at, "must map resource URIs to their content");
      for (const Member& object : v.as_object()) c.objects[object.key] = object.value;
    } else if (m.key == "context") {
      if (!v.is_object()) return bad(at, "must be an object");
      c.context = v;
    } else if (m.key == "expect") {
      c.expect = v;
    } else {
      return bad(at, "unknown case field '" + m.key + "'");
    }
  }
  if (c.id.empty()) return bad("/id", "a case needs an \"id\"");
  if (!has_definition) return bad("/definition", "a case needs a \"definition\"");
  return c;
}

Expected<Case> read_case_file(const std::string& path) {
  auto json = json::read_file(path);
  if (!json) {
    Error e = json.error();
    e.message = format_error(e, path);
    e.where = {};
    return e;
  }
  auto c = read_case(*json);
  if (!c) {
    Error e = c.error();
    e.message = format_error(e, path);
    e.where = {};
    return e;
  }
  return c;
}

Value to_json(const Case& c) {
  Object out;
  out.set("id", Value(c.id));
  if (!c.tags.empty()) {
    Array tags;
    for (const auto& t : c.tags) tags.emplace_back(t);
    out.set("tags", Value(std::move(tags)));
  }
  out.set("type", Value(machine_type_name(c.type)));
  out.set("definition", c.definition);
  out.set("input", c.input);
  if (!c.tasks.empty()) {
    Object tasks;
    for (const auto& [name, steps] : c.tasks) {
      Array list;
      for (const TaskStep& s : steps) {
        Object step;
        if (s.action == TaskStep::Action::return_result) {
          step.set("return", s.result);
        } else {
          Object thrown{{"error", Value(s.error)}};
          if (s.cause) thrown.set("cause", Value(*s.cause));
          step.set("throw", Value(std::move(thrown)));
        }
        if (s.times != 1) step.set("times", Value(s.times));
        if (s.seconds != 0) step.set("seconds", Value::number(s.seconds));
        if (!s.heartbeats.empty()) {
          Array beats;
          for (double h : s.heartbeats) beats.push_back(Value::number(h));
          step.set("heartbeats", Value(std::move(beats)));
        }
        list.emplace_back(std::move(step));
      }
      tasks.set(name, Value(std::move(list)));
    }
    out.set("tasks", Value(std::move(tasks)));
  }
  if (!c.objects.empty()) {
    Object objects;
    for (const auto& [uri, content] : c.objects) objects.set(uri, content);
    out.set("objects", Value(std::move(objects)));
  }
  if (c.context.size() > 0) out.set("context", c.context);
  if (c.expect) out.set("expect", *c.expect);
  return Value(std::move(out));
}

}  // namespace asl
