// live_execution.cpp — an execution the outside world answers (task tokens, heartbeats, stop), for `aslcheck serve`.
#include "asl/json.h"
#include "exec/execution.h"

namespace asl {

struct LiveExecution::Impl {
  Impl(std::shared_ptr<const StateMachine> m, Case c, ExecOptions o)
      : machine(std::move(m)), the_case(std::move(c)), options(o), ex(the_case, options, *machine) {
    ex.live = true;
    frame = exec::Frame{machine.get(), &variables, "", 0, true};
    main = exec::run_execution(ex, frame);
    ex.scheduler.make_ready(main.handle());
    limit = exec::execution_time_limit(*machine, the_case);
  }

  // The virtual instant that `wall_seconds` maps to while tasks wait for answers: the clock
  // stood still at `anchor_virtual` when the waiting began, at wall time `anchor_wall`.
  double virtual_at(double wall_seconds) const { return anchor_virtual + std::max(0.0, wall_seconds - anchor_wall); }

  void advance(double wall_seconds) {
    while (!done) {
      if (ex.pending_answers.empty()) {
        // Nobody outside is involved: virtual time runs freely until an answer is awaited.
        ex.scheduler.run_until(limit, [&] { return main.done() || !ex.pending_answers.empty(); });
        if (main.done() || ex.case_error || ex.pending_answers.empty()) {
          finish(!main.done() && !ex.case_error);
          return;
        }
        anchor_virtual = ex.scheduler.now();
        anchor_wall = wall_seconds;
        return;  // the clock now follows the wall clock from here
      }
      double until = virtual_at(wall_seconds);
      bool capped = limit && until >= *limit;
      if (capped) until = *limit;
      ex.scheduler.run_until(until, [&] { return main.done() || ex.pending_answers.empty(); });
      if (main.done()) {
        finish(false);
        return;
      }
      if (!ex.pending_answers.empty()) {
        ex.scheduler.advance_to(until);
        if (capped) finish(true);
        return;
      }
      // Every answer is in: back to free-running virtual time.
    }
  }

  void finish(bool timed_out) {
    done = true;
    final_result = exec::close_execution(ex, main, timed_out);
  }

  // Moves the clock to the wall time of an outside call before the call's effect lands.
  void catch_up(double wall_seconds) {
    advance(wall_seconds);
    if (!done && !ex.pending_answers.empty()) ex.scheduler.advance_to(virtual_at(wall_seconds));
  }

  exec::PendingAnswer* waiting(std::string_view token) {
    auto it = ex.pending_answers.find(std::string(token));
    if (it == ex.pending_answers.end() || it->second.answer != exec::PendingAnswer::Answer::none) return nullptr;
    return &it->second;
  }

  std::shared_ptr<const StateMachine> machine;
  Case the_case;
  ExecOptions options;
  exec::Execution ex;
  exec::VariableScope variables;
  exec::Frame frame;
  exec::Task<exec::MachineOutcome> main;
  std::optional<double> limit;
  double anchor_virtual = 0;
  double anchor_wall = 0;
  bool done = false;
  Result final_result;
};

namespace {
ExecOptions with_history(ExecOptions options) {
  options.history = true;
  return options;
}
}  // namespace

LiveExecution::LiveExecution(std::shared_ptr<const StateMachine> machine, Case c, ExecOptions options)
    : impl_(std::make_unique<Impl>(std::move(machine), std::move(c), with_history(options))) {}

LiveExecution::~LiveExecution() = default;

void LiveExecution::advance(double wall_seconds) { impl_->advance(wall_seconds); }

bool LiveExecution::finished() const { return impl_->done; }

Result LiveExecution::result() const {
  if (impl_->done) return impl_->final_result;
  Result running;
  running.status = Status::running;
  running.trace = impl_->ex.trace;
  running.retries = impl_->ex.retries;
  running.history = Value(impl_->ex.history);
  return running;
}

std::vector<PendingTask> LiveExecution::pending() const {
  std::vector<PendingTask> out;
  if (impl_->done) return out;
  for (const auto& [token, p] : impl_->ex.pending_answers) {
    if (p.answer == exec::PendingAnswer::Answer::none) out.push_back(PendingTask{token, p.state, p.input, p.heartbeat_seconds});
  }
  return out;
}

bool LiveExecution::send_task_success(std::string_view token, Value output, double wall_seconds) {
  impl_->catch_up(wall_seconds);
  exec::PendingAnswer* p = impl_->done ? nullptr : impl_->waiting(token);
  if (p == nullptr) return false;
  p->answer = exec::PendingAnswer::Answer::success;
  p->output = std::move(output);
  exec::CancelGroup::wake(impl_->ex.scheduler, p->ticket);
  impl_->advance(wall_seconds);
  return true;
}

bool LiveExecution::send_task_failure(std::string_view token, std::optional<std::string> error,
                                      std::optional<std::string> cause, double wall_seconds) {
  impl_->catch_up(wall_seconds);
  exec::PendingAnswer* p = impl_->done ? nullptr : impl_->waiting(token);
  if (p == nullptr) return false;
  p->answer = exec::PendingAnswer::Answer::failure;
  p->error = std::move(error);
  p->cause = std::move(cause);
  exec::CancelGroup::wake(impl_->ex.scheduler, p->ticket);
  impl_->advance(wall_seconds);
  return true;
}

bool LiveExecution::send_task_heartbeat(std::string_view token, double wall_seconds) {
  impl_->catch_up(wall_seconds);
  exec::PendingAnswer* p = impl_->done ? nullptr : impl_->waiting(token);
  if (p == nullptr) return false;
  p->last_beat = impl_->ex.scheduler.now();
  if (p->heartbeat_seconds) exec::CancelGroup::wake(impl_->ex.scheduler, p->ticket);  // re-arm with the new deadline
  impl_->advance(wall_seconds);
  return true;
}

bool LiveExecution::stop(std::optional<std::string> error, std::optional<std::string> cause, double wall_seconds) {
  impl_->catch_up(wall_seconds);
  if (impl_->done) return false;
  Impl& im = *impl_;
  im.done = true;
  Result r;
  r.status = Status::aborted;
  r.error = error;
  r.cause = cause;
  r.trace = std::move(im.ex.trace);
  r.retries = std::move(im.ex.retries);
  Object details;
  if (error) details.append_unique("error", Value(*error));
  if (cause) details.append_unique("cause", Value(*cause));
  exec::Frame closing{&im.ex.root, nullptr, "", im.ex.event_count, true};
  im.ex.add_event(closing, "ExecutionAborted", "executionAbortedEventDetails", Value(std::move(details)));
  r.history = Value(std::move(im.ex.history));
  im.final_result = std::move(r);
  return true;
}

}  // namespace asl
