// functions_json.cpp — States.StringToJson, States.JsonToString and States.JsonMerge.
#include <string>

#include "asl/json.h"
#include "intrinsics/call_node.h"

namespace asl::intrinsics::detail {

namespace {
bool json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

// States.StringToJson(text): the JSON value `text` holds. A blank string gives null, as Jackson's
// readTree does ("" and " " give null, "-0" gives 0 [LS]).
Expected<Value> eval_string_to_json(const CallNode& node, std::span<const Value> args, const Scope&) {
  const std::string& text = args[0].as_string();
  bool blank = true;
  for (char c : text) blank = blank && json_space(c);
  if (blank) return Value();
  // Trailing content after the value is rejected; whether AWS tolerates it as Jackson's
  // readTree does by default is UNCONFIRMED.
  auto parsed = json::read(text);
  if (!parsed) {
    const Error& e = parsed.error();
    return function_error(node, "the string is not valid JSON (" + format_error(e) + ")");
  }
  return std::move(parsed).value();
}

// States.JsonToString(value): compact JSON as AWS (Jackson) prints it [LS].
Expected<Value> eval_json_to_string(const CallNode&, std::span<const Value> args, const Scope&) {
  return Value(json::write(args[0]));
}

// States.JsonMerge(a, b, false): a shallow merge where b's members win; AWS accepts only
// `false` for the deep-merge flag [DOC]. A key present in both keeps a's position.
Expected<Value> eval_json_merge(const CallNode& node, std::span<const Value> args, const Scope&) {
  if (args[2].as_bool()) {
    return function_error(node, "only a shallow merge is supported, so argument 3 must be false");
  }
  if (args[1].size() == 0) return args[0];
  if (args[0].size() == 0) return args[1];
  // Built fresh at its final capacity: copying `a` and then growing it for b's new keys moved
  // every member twice.
  const Object& a = args[0].as_object();
  const Object& b = args[1].as_object();
  Object merged;
  merged.reserve(a.size() + b.size());
  for (const Member& m : a) merged.append_unique_copy(m.key, m.value);
  for (const Member& m : b) {
    if (Value* existing = merged.find_mutable(m.key)) *existing = m.value;
    else merged.append_unique_copy(m.key, m.value);
  }
  return Value(std::move(merged));
}

}  // namespace asl::intrinsics::detail
