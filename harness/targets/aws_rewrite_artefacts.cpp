// aws_rewrite_artefacts.cpp — takes the aws Task rewrite's own traces back out of a Result: added TaskSubmitted events, moved JSONata locations, the Lambda's own failures.
#include <algorithm>

#include "targets/aws_task_rewrite.h"
#include "targets/sfn_api_result.h"

namespace aslcheck {

namespace {

constexpr std::string_view kOwnErrorPrefix = "aslcheck.";

// "for the field 'Arguments/Payload/args..." (a callback) or "...'Arguments/args..." (a Lambda
// function ARN) reads "for the field 'Arguments..." again.
bool restore_locations(std::string& text) {
  static constexpr std::string_view kField = "for the field 'Arguments/";
  bool changed = false;
  for (std::size_t at = text.find(kField); at != std::string::npos; at = text.find(kField, at + 1)) {
    std::size_t slash = at + kField.size() - 1;
    for (std::string_view moved : {std::string_view("/Payload/args"), std::string_view("/args")}) {
      if (text.compare(slash, moved.size(), moved) == 0) {
        text.erase(slash, moved.size());
        changed = true;
        break;
      }
    }
  }
  return changed;
}

// "(entered at the event id #N)" in a runtime error's cause counts the events the rewrite added
// before N: it names the id the event has once they are gone.
bool renumber_event_ids(std::string& text, const std::vector<std::int64_t>& dropped) {
  static constexpr std::string_view kEntered = "entered at the event id #";
  bool changed = false;
  for (std::size_t at = text.find(kEntered); at != std::string::npos; at = text.find(kEntered, at + 1)) {
    std::size_t digits = at + kEntered.size(), end = digits;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (end == digits || end - digits > 15) continue;
    std::int64_t id = std::stoll(text.substr(digits, end - digits));
    auto before = std::lower_bound(dropped.begin(), dropped.end(), id) - dropped.begin();
    if (before == 0) continue;
    text.replace(digits, end - digits, std::to_string(id - before));
    changed = true;
  }
  return changed;
}

// Applies `fix` to every string inside a value.
template <typename Fix>
asl::Value fix_strings(const asl::Value& value, const Fix& fix) {
  switch (value.kind()) {
    case asl::Kind::string: {
      std::string text = value.as_string();
      return fix(text) ? asl::Value(std::move(text)) : value;
    }
    case asl::Kind::array: {
      asl::Array items;
      for (const asl::Value& item : value.as_array()) items.push_back(fix_strings(item, fix));
      return asl::Value(std::move(items));
    }
    case asl::Kind::object: {
      asl::Object members;
      for (const asl::Member& m : value.as_object()) members.append_unique(m.key, fix_strings(m.value, fix));
      return asl::Value(std::move(members));
    }
    default: return value;
  }
}

std::string text_of(const asl::Value* v) { return v != nullptr && v->is_string() ? v->as_string() : std::string(); }

// A failure the scripted-task Lambda reported about itself, anywhere in the history or in an
// Error Output that a Catch put in the output: "error: cause".
std::optional<std::string> own_failure(const asl::Result& result) {
  if (result.error && result.error->starts_with(kOwnErrorPrefix)) return *result.error + ": " + result.cause.value_or("");
  if (result.history && result.history->is_array()) {
    for (const asl::Value& event : result.history->as_array()) {
      if (!event.is_object()) continue;
      for (const asl::Member& m : event.as_object()) {
        if (!m.key.ends_with("EventDetails")) continue;
        std::string error = text_of(m.value.get("error"));
        if (error.starts_with(kOwnErrorPrefix)) return error + ": " + text_of(m.value.get("cause"));
      }
    }
  }
  std::optional<std::string> found;
  auto walk = [&](auto&& self, const asl::Value& v) -> void {
    if (found) return;
    if (v.is_array()) {
      for (const asl::Value& item : v.as_array()) self(self, item);
    } else if (v.is_object()) {
      if (std::string error = text_of(v.get("Error")); error.starts_with(kOwnErrorPrefix)) {
        found = error + ": " + text_of(v.get("Cause"));
        return;
      }
      for (const asl::Member& m : v.as_object()) self(self, m.value);
    }
  };
  if (result.output) walk(walk, *result.output);
  return found;
}

}  // namespace

void undo_rewrite_artefacts(const AwsTaskRewrite& rewrite, asl::Result& result) {
  if (rewrite.tasks == 0 || result.status == asl::Status::target_error) return;
  if (auto failure = own_failure(result)) {
    result = asl::Result{};
    result.status = asl::Status::target_error;
    result.message = "the scripted-task Lambda failed (" + *failure + ")";
    return;
  }
  std::vector<std::int64_t> dropped;  // ascending, as events are
  if (!rewrite.added_submitted.empty() && result.history && result.history->is_array()) {
    EventOwners owner(*result.history);
    asl::Array kept;
    for (const asl::Value& event : result.history->as_array()) {
      const asl::Value* type = event.get("type");
      bool added = type != nullptr && type->is_string() && type->as_string() == "TaskSubmitted" &&
                   std::ranges::find(rewrite.added_submitted, owner(event)) != rewrite.added_submitted.end();
      if (!added) {
        kept.push_back(event);
      } else if (const asl::Value* id = event.get("id"); id != nullptr && id->is_integer()) {
        dropped.push_back(id->as_int());
      }
    }
    result.history = asl::Value(std::move(kept));
  }
  auto fix = [&](std::string& text) {
    bool moved = rewrite.moved_jsonata_arguments && restore_locations(text);
    bool renumbered = !dropped.empty() && renumber_event_ids(text, dropped);
    return moved || renumbered;
  };
  if (result.cause) fix(*result.cause);
  if (result.output) result.output = fix_strings(*result.output, fix);
}

}  // namespace aslcheck
