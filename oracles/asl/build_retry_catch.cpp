// build_retry_catch.cpp — Retry and Catch arrays to Retrier / Catcher lists.
#include <string>

#include "asl/build_detail.h"

namespace asl::detail {
namespace {

std::vector<std::string> error_names(const Object& json) {
  std::vector<std::string> out;
  const Value* names = json.find("ErrorEquals");
  if (names == nullptr || !names->is_array()) return out;
  for (const Value& name : names->as_array()) {
    if (name.is_string()) out.push_back(name.as_string());
  }
  return out;
}

}  // namespace

void build_retry(State& state, const Value& json) {
  if (!json.is_array()) return;
  for (const Value& item : json.as_array()) {
    if (!item.is_object()) continue;
    const Object& object = item.as_object();
    Retrier retrier;
    retrier.error_equals = error_names(object);
    if (const Value* v = object.find("IntervalSeconds"); v != nullptr && v->is_number()) {
      retrier.interval_seconds = v->as_double();
    }
    if (const Value* v = object.find("MaxAttempts"); v != nullptr && v->is_integer()) {
      retrier.max_attempts = v->as_int();
    }
    if (const Value* v = object.find("BackoffRate"); v != nullptr && v->is_number()) {
      retrier.backoff_rate = v->as_double();
    }
    if (const Value* v = object.find("MaxDelaySeconds"); v != nullptr && v->is_number()) {
      retrier.max_delay_seconds = v->as_double();
    }
    if (const Value* v = object.find("JitterStrategy"); v != nullptr && v->is_string()) {
      retrier.full_jitter = v->as_string() == "FULL";
    }
    state.retry.push_back(std::move(retrier));
  }
}

void build_catch(State& state, const Value& json, const std::string& location, BuildContext& ctx) {
  if (!json.is_array()) return;
  std::size_t index = 0;
  for (const Value& item : json.as_array()) {
    const std::string here = indexed(location, index++);
    if (!item.is_object()) continue;
    const Object& object = item.as_object();
    Catcher catcher;
    catcher.error_equals = error_names(object);
    if (const Value* next = object.find("Next"); next != nullptr && next->is_string()) catcher.next = next->as_string();
    if (state.language == QueryLanguage::jsonpath) {
      catcher.result_path = build_path_field(object.find("ResultPath"), child(here, "ResultPath"),
                                             PathRule::input_reference, ctx);
      if (const Value* assign = object.find("Assign")) catcher.assign = build_template(*assign, "Assign", here, ctx);
    } else {
      catcher.output = build_jsonata_field(object.find("Output"), child(here, "Output"), StatesAccess::error_output, ctx);
      catcher.jsonata_assign =
          build_jsonata_field(object.find("Assign"), child(here, "Assign"), StatesAccess::error_output, ctx);
    }
    state.catchers.push_back(std::move(catcher));
  }
}

}  // namespace asl::detail
