// retry_catch.cpp — AWS's retrier and catcher rules, and the result half of the I/O pipeline.
#include "exec/retry_catch.h"

#include <cmath>

#include "exec/jsonata_fields.h"

namespace asl::exec {

bool error_matches(const std::vector<std::string>& error_equals, const std::string& name) {
  for (const std::string& e : error_equals) {
    if (e == name) return true;
    bool never_wildcarded = name == kStatesRuntime || name == kStatesDataLimitExceeded;
    if (e == kStatesAll && !never_wildcarded) return true;
    if (e == kStatesTaskFailed && name != kStatesTimeout && !never_wildcarded) return true;
  }
  return false;
}

double retry_delay(const Retrier& r, std::int64_t k, Entropy& entropy) {
  double delay = r.interval_seconds * std::pow(r.backoff_rate, static_cast<double>(k - 1));
  if (r.max_delay_seconds && delay > *r.max_delay_seconds) delay = *r.max_delay_seconds;
  if (r.full_jitter) delay = entropy.next_double() * delay;
  return delay;
}

Value error_output(const Failure& f) {
  Object o;
  if (f.error) o.append_unique("Error", Value(*f.error));
  if (f.cause) o.append_unique("Cause", Value(*f.cause));
  return Value(std::move(o));
}

Task<StateOutcome> run_with_retry_and_catch(Execution& ex, Frame& frame, const State& s, const Value& raw,
                                            std::int64_t entered_id, std::string_view failed_event,
                                            std::function<Task<Attempt>(std::int64_t retry_count)> attempt) {
  std::vector<std::int64_t> attempts(s.retry.size(), 0);
  std::int64_t retry_count = 0;
  for (;;) {
    Attempt a = co_await attempt(retry_count);
    if (ex.case_error || a.aborted || frame.cancelled()) co_return failed({});
    if (a.ok && s.language == QueryLanguage::jsonata) {
      // Assign and Output both read the state's input and its result; Output defaults to the result.
      StateEnvironment env(ex, frame, s, retry_count);
      JsonataScope scope = JsonataScope::of(ex, env.scope, raw, &a.result);
      Object assigned;
      if (s.jsonata_assign.present()) {
        auto done = evaluate_jsonata_assign(s.jsonata_assign, "Assign", scope, assigned);
        if (!done) co_return failed(evaluation_failure(ex, frame, s, done.error(), entered_id));
      }
      auto output = jsonata_output(s.output, "Output", scope, a.result);
      if (!output) co_return failed(evaluation_failure(ex, frame, s, output.error(), entered_id));
      co_return transition(s, std::move(output).value(), std::move(assigned));
    }
    if (a.ok) {
      StateEnvironment env(ex, frame, s, retry_count);
      Object assigned;
      if (s.assign) {
        auto done = evaluate_assign(*s.assign, a.result, env.scope, assigned);
        if (!done) co_return failed(state_failure(done.error(), s, entered_id));
      }
      Value selected = a.result;
      if (s.result_selector) {
        auto built = apply_template(*s.result_selector, a.result, env.scope);
        if (!built) co_return failed(state_failure(built.error(), s, entered_id));
        selected = std::move(built).value();
      }
      auto placed = apply_result_path(s.result_path, raw, selected);
      if (!placed) co_return failed(state_failure(placed.error(), s, entered_id));
      auto output = apply_filter_path(s.output_path, *placed, env.scope);
      if (!output) co_return failed(state_failure(output.error(), s, entered_id));
      co_return transition(s, std::move(output).value(), std::move(assigned));
    }
    const Failure& f = a.failure;
    if (f.terminal) co_return failed(f);  // recorded: no MapStateFailed/ParallelStateFailed before ExecutionFailed
    std::string name = f.name();
    // The first retrier whose ErrorEquals matches decides; an exhausted one sends the error
    // straight to Catch, later retriers are not tried.
    bool retried = false;
    for (std::size_t i = 0; i < s.retry.size(); ++i) {
      if (!error_matches(s.retry[i].error_equals, name)) continue;
      if (attempts[i] < s.retry[i].max_attempts) {
        ++attempts[i];
        ++retry_count;
        double delay = retry_delay(s.retry[i], attempts[i], ex.entropy);
        ex.retries.push_back(RetryRecord{s.name, retry_count, delay});
        co_await ex.sleep(frame, delay);
        retried = true;
      }
      break;
    }
    if (retried) continue;

    if (!failed_event.empty()) ex.add_event(frame, failed_event);
    for (std::size_t ci = 0; ci < s.catchers.size(); ++ci) {
      const Catcher& c = s.catchers[ci];
      if (!error_matches(c.error_equals, name)) continue;
      Value caught = error_output(f);
      StateEnvironment env(ex, frame, s, retry_count);
      Object assigned;
      if (s.language == QueryLanguage::jsonata) {
        // A catcher's Output (default: the Error Output) and Assign read $states.errorOutput.
        JsonataScope scope = JsonataScope::of(ex, env.scope, raw, nullptr, &caught);
        const std::string at = "Catch[" + std::to_string(ci) + "]/";
        if (c.jsonata_assign.present()) {
          auto done = evaluate_jsonata_assign(c.jsonata_assign, at + "Assign", scope, assigned);
          if (!done) co_return failed(evaluation_failure(ex, frame, s, done.error(), entered_id));
        }
        auto output = jsonata_output(c.output, at + "Output", scope, caught);
        if (!output) co_return failed(evaluation_failure(ex, frame, s, output.error(), entered_id));
        StateOutcome out;
        out.kind = StateOutcome::Kind::next;
        out.next_index = c.next_index;
        out.output = std::move(output).value();
        out.assigned = std::move(assigned);
        co_return out;
      }
      if (c.assign) {
        auto done = evaluate_assign(*c.assign, caught, env.scope, assigned);
        if (!done) co_return failed(state_failure(done.error(), s, entered_id));
      }
      auto placed = apply_result_path(c.result_path, raw, caught);
      if (!placed) co_return failed(state_failure(placed.error(), s, entered_id));
      StateOutcome out;
      out.kind = StateOutcome::Kind::next;
      out.next_index = c.next_index;
      out.output = std::move(placed).value();
      out.assigned = std::move(assigned);
      co_return out;
    }
    co_return failed(f);
  }
}

}  // namespace asl::exec
