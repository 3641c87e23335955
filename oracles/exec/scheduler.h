// scheduler.h — coroutine fibers on a virtual clock: deterministic interleaving of branches and iterations, no sleeping.
#pragma once

#include <coroutine>
#include <cstdint>
#include <boost/container/small_vector.hpp>
#include <exception>
#include <optional>
#include <queue>
#include <utility>
#include <vector>

namespace asl::exec {

class Scheduler;

// A lazily started coroutine returning T. `co_await task` runs it to completion (possibly across
// suspensions on the scheduler) and yields its value; a Task can also be spawned as a root fiber.
template <class T>
class Task {
 public:
  struct promise_type {
    std::optional<T> value;
    std::coroutine_handle<> continuation;

    Task get_return_object() { return Task(std::coroutine_handle<promise_type>::from_promise(*this)); }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct FinalAwaiter {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        auto next = h.promise().continuation;
        return next ? next : std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    FinalAwaiter final_suspend() noexcept { return {}; }
    template <class U>
    void return_value(U&& v) {
      value.emplace(std::forward<U>(v));
    }
    void unhandled_exception() { std::terminate(); }  // the core does not throw
  };

  Task() = default;
  explicit Task(std::coroutine_handle<promise_type> h) : handle_(h) {}
  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      if (handle_) handle_.destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  ~Task() {
    if (handle_) handle_.destroy();
  }

  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
    handle_.promise().continuation = caller;
    return handle_;
  }
  T await_resume() { return std::move(*handle_.promise().value); }

  bool done() const { return handle_ && handle_.done(); }
  std::coroutine_handle<promise_type> handle() const { return handle_; }
  T take() { return std::move(*handle_.promise().value); }

 private:
  std::coroutine_handle<promise_type> handle_;
};

// Runs fibers in a fixed order: ready fibers first-in first-out; when none is ready, the clock
// jumps to the earliest timer. Equal wake-up times keep the order in which they were set, so a
// run is the same every time, whatever the machine.
class Scheduler {
 public:
  double now() const { return now_; }

  // Suspends the current fiber behind every other fiber ready now (no-op when none is).
  auto yield() {
    struct Awaiter {
      Scheduler* s;
      bool await_ready() const noexcept { return s->ready_empty(); }
      void await_suspend(std::coroutine_handle<> h) { s->ready_.push_back(h); }
      void await_resume() const noexcept {}
    };
    return Awaiter{this};
  }

  // Suspends the current fiber for `seconds` of virtual time.
  auto sleep(double seconds) {
    struct Awaiter {
      Scheduler* s;
      double seconds;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<> h) { s->at(s->now_ + (seconds > 0 ? seconds : 0), h); }
      void await_resume() const noexcept {}
    };
    return Awaiter{this, seconds};
  }

  std::uint64_t at(double when, std::coroutine_handle<> h) {
    timers_.push(Timer{when, next_seq_, h});
    return next_seq_++;
  }
  // Wakes a sleeping fiber now; its pending timer (by sequence number) is discarded when due.
  void wake_early(std::coroutine_handle<> h, std::uint64_t seq) {
    stale_.push_back(seq);
    ready_.push_back(h);
  }
  void make_ready(std::coroutine_handle<> h) { ready_.push_back(h); }
  // Moves the clock on to `when` (never back): after run_until stopped at an earlier limit with
  // nothing due before `when`.
  void advance_to(double when) {
    if (when > now_) now_ = when;
  }
  bool idle() const { return ready_empty() && timers_.empty(); }

  // Drives fibers until `done()` holds, nothing is left to run, or the next timer lies beyond
  // `limit` (virtual seconds), in which case the clock stops at the limit.
  template <class Done>
  void run_until(std::optional<double> limit, Done done) {
    for (;;) {
      if (done()) return;
      if (!ready_empty()) {
        auto h = ready_[ready_head_++];
        if (ready_head_ == ready_.size()) {
          ready_.clear();
          ready_head_ = 0;
        } else if (ready_head_ >= 1024 && ready_head_ * 2 >= ready_.size()) {
          ready_.erase(ready_.begin(), ready_.begin() + static_cast<std::ptrdiff_t>(ready_head_));  // a long run never drains: drop what was consumed
          ready_head_ = 0;
        }
        h.resume();
        continue;
      }
      if (timers_.empty()) return;
      if (limit && timers_.top().when > *limit) {
        now_ = *limit;
        return;
      }
      Timer t = timers_.top();
      timers_.pop();
      if (discard_if_stale(t.seq)) continue;
      if (t.when > now_) now_ = t.when;
      t.handle.resume();
    }
  }

  // Drives every fiber until none is ready and no timer is left.
  void run() {
    run_until(std::nullopt, [] { return false; });
  }

 private:
  bool discard_if_stale(std::uint64_t seq) {
    for (std::size_t i = 0; i < stale_.size(); ++i) {
      if (stale_[i] == seq) {
        stale_[i] = stale_.back();
        stale_.pop_back();
        return true;
      }
    }
    return false;
  }

  struct Timer {
    double when;
    std::uint64_t seq;
    std::coroutine_handle<> handle;
    bool operator<(const Timer& o) const { return when != o.when ? when > o.when : seq > o.seq; }  // min-heap
  };
  double now_ = 0;
  std::uint64_t next_seq_ = 0;
  bool ready_empty() const { return ready_head_ == ready_.size(); }
  // A FIFO that most runs keep within its inline space (a deque would allocate per execution).
  boost::container::small_vector<std::coroutine_handle<>, 8> ready_;
  std::size_t ready_head_ = 0;
  std::priority_queue<Timer> timers_;
  std::vector<std::uint64_t> stale_;  // timers of fibers woken early
};

class CancelGroup;

// A sleep that can be ended early from outside the fiber (see CancelGroup::sleep_in).
struct SleepTicket {
  std::coroutine_handle<> handle;
  std::uint64_t seq = 0;
  CancelGroup* group = nullptr;
  bool armed = false;
};

// Fibers that are stopped together: the other branches of a failed Parallel, the other
// iterations of a failed Map. Cancelling wakes their sleeps at once, so virtual time does not
// run on to timers nobody waits for any more; each fiber stops at its next check.
class CancelGroup {
 public:
  explicit CancelGroup(CancelGroup* parent) : parent_(parent) {
    if (parent_ != nullptr) parent_->children_.push_back(this);
  }
  CancelGroup(const CancelGroup&) = delete;
  CancelGroup& operator=(const CancelGroup&) = delete;
  ~CancelGroup() {
    if (parent_ != nullptr) std::erase(parent_->children_, this);
  }

  bool cancelled() const {
    for (const CancelGroup* g = this; g != nullptr; g = g->parent_) {
      if (g->cancelled_) return true;
    }
    return false;
  }

  void cancel(Scheduler& s) {
    cancelled_ = true;
    for (Sleeper& sl : sleepers_) {
      if (sl.active) {
        sl.active = false;
        s.wake_early(sl.handle, sl.seq);
      }
    }
    for (CancelGroup* child : children_) child->cancel(s);
  }

  // Sleeps `seconds` unless the group `g` (null: none) is or becomes cancelled. With a ticket,
  // someone else can end the sleep early through wake() (an answer from outside the run).
  static auto sleep_in(Scheduler& s, CancelGroup* g, double seconds, SleepTicket* ticket = nullptr);
  // Ends a ticketed sleep now (no-op when it is not sleeping); true when it was.
  static bool wake(Scheduler& s, SleepTicket& ticket);

 private:
  struct Sleeper {
    std::coroutine_handle<> handle;
    std::uint64_t seq;
    bool active;
  };

  CancelGroup* parent_;
  bool cancelled_ = false;
  std::vector<CancelGroup*> children_;
  std::vector<Sleeper> sleepers_;
};

inline auto CancelGroup::sleep_in(Scheduler& s, CancelGroup* g, double seconds, SleepTicket* ticket) {
  struct Awaiter {
    Scheduler& s;
    CancelGroup* g;
    double seconds;
    SleepTicket* ticket;
    std::uint64_t seq = 0;
    bool await_ready() const noexcept { return g != nullptr && g->cancelled(); }
    void await_suspend(std::coroutine_handle<> h) {
      seq = s.at(s.now() + (seconds > 0 ? seconds : 0), h);
      if (g != nullptr) g->sleepers_.push_back(Sleeper{h, seq, true});
      if (ticket != nullptr) *ticket = SleepTicket{h, seq, g, true};
    }
    void await_resume() {
      if (ticket != nullptr) ticket->armed = false;
      if (g == nullptr) return;
      std::erase_if(g->sleepers_, [this](const Sleeper& sl) { return sl.seq == seq; });
    }
  };
  return Awaiter{s, g, seconds, ticket};
}

inline bool CancelGroup::wake(Scheduler& s, SleepTicket& ticket) {
  if (!ticket.armed) return false;
  ticket.armed = false;
  if (ticket.group != nullptr) {
    for (Sleeper& sl : ticket.group->sleepers_) {
      if (sl.seq == ticket.seq) sl.active = false;  // so a cancel does not wake it a second time
    }
  }
  s.wake_early(ticket.handle, ticket.seq);
  return true;
}

// Runs several tasks concurrently on the scheduler (each as its own fiber, started in order) and
// resumes the awaiting fiber when all have finished. Results come back in the tasks' order.
template <class T>
class JoinAll {
 public:
  JoinAll(Scheduler& s, std::vector<Task<T>> tasks) : s_(s), tasks_(std::move(tasks)) {}

  bool await_ready() const noexcept { return tasks_.empty(); }
  void await_suspend(std::coroutine_handle<> parent) {
    parent_ = parent;
    remaining_ = tasks_.size();
    results_.resize(tasks_.size());
    drivers_.reserve(tasks_.size());
    for (std::size_t i = 0; i < tasks_.size(); ++i) {
      drivers_.push_back(drive(i));
      s_.make_ready(drivers_.back().handle());
    }
  }
  std::vector<T> await_resume() {
    std::vector<T> out;
    out.reserve(results_.size());
    for (auto& r : results_) out.push_back(std::move(*r));
    return out;
  }

 private:
  // A fiber that awaits one task, keeps its value, and wakes the parent after the last one.
  Task<bool> drive(std::size_t i) {
    results_[i].emplace(co_await std::move(tasks_[i]));  // moved: GCC 12 would copy an lvalue awaitable
    if (--remaining_ == 0) s_.make_ready(parent_);
    co_return true;
  }

  Scheduler& s_;
  std::vector<Task<T>> tasks_;
  std::vector<Task<bool>> drivers_;
  std::vector<std::optional<T>> results_;
  std::coroutine_handle<> parent_;
  std::size_t remaining_ = 0;
};

}  // namespace asl::exec
