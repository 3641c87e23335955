// state_scope.h — building what a state's expressions see: `$$` for this entry, the variables, the entropy.
#pragma once

#include "exec/io_pipeline.h"

namespace asl::exec {

// Owns the context object of one state entry; scope() hands out pointers into it.
struct StateEnvironment {
  Value context;
  StateScope scope;

  StateEnvironment(Execution& ex, Frame& frame, const State& s, std::int64_t retry_count = 0)
      : context(s.reads_context ? ex.context_object(s, ex.now(), retry_count, nullptr, nullptr, nullptr) : Value()),
        scope{&context, frame.variables, &ex.entropy} {}
};

inline StateOutcome failed(Failure f, bool exited_event = false) {
  StateOutcome out;
  out.kind = StateOutcome::Kind::failed;
  out.failure = std::move(f);
  out.exited_event = exited_event;
  return out;
}

inline StateOutcome transition(const State& s, Value output, Object assigned = {}) {
  StateOutcome out;
  out.kind = s.end ? StateOutcome::Kind::end : StateOutcome::Kind::next;
  out.next_index = s.next_index;
  out.output = std::move(output);
  out.assigned = std::move(assigned);
  return out;
}

}  // namespace asl::exec
