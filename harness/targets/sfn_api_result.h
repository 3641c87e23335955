// sfn_api_result.h — a Result from what the Step Functions API reports: status and payloads, and trace and retry timing read from the history.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "asl/result.h"
#include "asl/value.h"

namespace aslcheck {

// status, output (parsed from its JSON text), error, cause, from DescribeExecution or
// StartSyncExecution's response.
asl::Result result_from_description(const asl::Value& description);

// Fills trace (every *StateEntered name, in event order), retries (a Scheduled/Started event
// right after a failure of the same state: the delay is the gap between their timestamps) and
// history (the events with ISO-8601 timestamps, as the oracle writes them).
void read_history(const asl::Value& events, asl::Result& result);

// The state an event belongs to: previousEventId is followed back to a *StateEntered event
// (empty when the chain ends first). Built once over a history's events array.
class EventOwners {
 public:
  explicit EventOwners(const asl::Value& events);
  std::string operator()(const asl::Value& event) const;

 private:
  std::map<std::int64_t, const asl::Value*> by_id_;
};

}  // namespace aslcheck
