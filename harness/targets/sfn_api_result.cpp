// sfn_api_result.cpp — Results from DescribeExecution and GetExecutionHistory; retry delays from event timestamps.
#include "targets/sfn_api_result.h"

#include <cmath>
#include <map>

#include "asl/json.h"
#include "http/epoch_time.h"

namespace aslcheck {

namespace {

std::string text(const asl::Value& object, std::string_view key) {
  const asl::Value* v = object.get(key);
  return v != nullptr && v->is_string() ? v->as_string() : std::string();
}

double timestamp_of(const asl::Value& event) {
  const asl::Value* ts = event.get("timestamp");
  if (ts == nullptr) return 0;
  if (ts->is_number()) return ts->as_double();
  if (ts->is_string()) return http::epoch_seconds(ts->as_string());
  return 0;
}

bool is_failure(std::string_view type) { return type.ends_with("Failed") || type.ends_with("TimedOut"); }
bool is_attempt_start(std::string_view type) {
  return type == "TaskScheduled" || type == "LambdaFunctionScheduled" || type == "ActivityScheduled" ||
         type == "ParallelStateStarted" || type == "MapStateStarted";
}

}  // namespace

asl::Result result_from_description(const asl::Value& description) {
  asl::Result result;
  std::string status = text(description, "status");
  result.status = asl::parse_status(status).value_or(asl::Status::target_error);
  if (result.status == asl::Status::target_error) result.message = "the endpoint reported status '" + status + "'";
  if (const asl::Value* output = description.get("output"); output != nullptr && output->is_string()) {
    auto parsed = asl::json::read(output->as_string());
    if (parsed) result.output = std::move(parsed).value();
    else result.output = *output;
  }
  if (const asl::Value* e = description.get("error"); e != nullptr && e->is_string()) result.error = e->as_string();
  if (const asl::Value* c = description.get("cause"); c != nullptr && c->is_string()) result.cause = c->as_string();
  return result;
}

EventOwners::EventOwners(const asl::Value& events) {
  if (!events.is_array()) return;
  for (const asl::Value& e : events.as_array()) {
    if (const asl::Value* id = e.get("id"); id != nullptr && id->is_integer()) by_id_[id->as_int()] = &e;
  }
}

std::string EventOwners::operator()(const asl::Value& event) const {
  const asl::Value* at = &event;
  for (int guard = 0; at != nullptr && guard < 100000; ++guard) {
    std::string type = text(*at, "type");
    if (type.ends_with("StateEntered")) {
      const asl::Value* details = at->get("stateEnteredEventDetails");
      return details != nullptr ? text(*details, "name") : std::string();
    }
    const asl::Value* previous = at->get("previousEventId");
    if (previous == nullptr || !previous->is_integer() || previous->as_int() == 0) return {};
    auto it = by_id_.find(previous->as_int());
    at = it == by_id_.end() ? nullptr : it->second;
  }
  return {};
}

void read_history(const asl::Value& events, asl::Result& result) {
  if (!events.is_array()) return;
  std::map<std::int64_t, const asl::Value*> by_id;
  for (const asl::Value& e : events.as_array()) {
    if (const asl::Value* id = e.get("id"); id != nullptr && id->is_integer()) by_id[id->as_int()] = &e;
  }
  EventOwners owner(events);
  std::map<std::string, std::int64_t> attempts;  // per state entry
  asl::Array history;
  for (const asl::Value& event : events.as_array()) {
    std::string type = text(event, "type");
    if (type.ends_with("StateEntered")) {
      const asl::Value* details = event.get("stateEnteredEventDetails");
      std::string name = details != nullptr ? text(*details, "name") : std::string();
      result.trace.push_back(name);
      attempts[name] = 0;
    }
    if (is_attempt_start(type)) {
      const asl::Value* previous = event.get("previousEventId");
      auto it = previous != nullptr && previous->is_integer() ? by_id.find(previous->as_int()) : by_id.end();
      if (it != by_id.end() && is_failure(text(*it->second, "type"))) {
        std::string state = owner(event);
        double delay = timestamp_of(event) - timestamp_of(*it->second);
        result.retries.push_back(asl::RetryRecord{state, ++attempts[state], std::round(delay * 1000) / 1000});
      }
    }
    asl::Value copy = event;
    if (const asl::Value* ts = event.get("timestamp"); ts != nullptr && ts->is_number()) {
      copy.mutable_object().set("timestamp", asl::Value(http::iso_timestamp(ts->as_double())));
    }
    history.push_back(std::move(copy));
  }
  result.history = asl::Value(std::move(history));
}

}  // namespace aslcheck
