// evaluate.cpp — the JSONata evaluator: paths and tuple streams, operators, constructors, grouping, sorting, functions, closures, tail calls, transforms.
#include <pthread.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>

#include <boost/container/small_vector.hpp>

#include "jsonata/functions.h"
#include "jsonata/program.h"
#include "jsonata/regex.h"

namespace asl::jsonata::detail {

namespace {

using Clock = std::chrono::steady_clock;

// The lowest usable stack address of the calling thread, found once per thread, so evaluation can
// stop with U1001 before a deep (non-tail) recursion overflows the C++ stack.
std::uintptr_t stack_floor() {
  thread_local std::uintptr_t floor = [] {
    pthread_attr_t attr;
    std::uintptr_t low = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void* addr = nullptr;
      std::size_t size = 0;
      if (pthread_attr_getstack(&attr, &addr, &size) == 0) low = reinterpret_cast<std::uintptr_t>(addr);
      pthread_attr_destroy(&attr);
    }
    return low;
  }();
  return floor;
}

constexpr std::uintptr_t kStackReserve = 256 * 1024;  // left for built-ins, Boost.Regex and unwinding

// Frames come and go with every lambda call and block: their blocks (frame and shared_ptr control
// block together, one size) are recycled through a per-thread free list instead of malloc. Values,
// and so frames, never leave the thread that evaluates.
template <class T>
struct FrameAllocator {
  using value_type = T;
  FrameAllocator() = default;
  template <class U>
  FrameAllocator(const FrameAllocator<U>&) {}
  template <class U>
  bool operator==(const FrameAllocator<U>&) const { return true; }

  struct FreeList {
    void* head = nullptr;
    std::size_t count = 0;
    ~FreeList() {
      while (head) {
        void* next = *static_cast<void**>(head);
        ::operator delete(head);
        head = next;
      }
    }
  };
  static constexpr std::size_t kKept = 1024;
  static FreeList& free_list() {
    thread_local FreeList list;
    return list;
  }

  T* allocate(std::size_t n) {
    FreeList& list = free_list();
    if (n == 1 && list.head) {
      void* p = list.head;
      list.head = *static_cast<void**>(p);
      --list.count;
      return static_cast<T*>(p);
    }
    return static_cast<T*>(::operator new(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t n) {
    FreeList& list = free_list();
    if (n == 1 && list.count < kKept) {
      *reinterpret_cast<void**>(p) = list.head;
      list.head = p;
      ++list.count;
      return;
    }
    ::operator delete(p);
  }
};

FramePtr new_frame() { return std::allocate_shared<Frame>(FrameAllocator<Frame>()); }

const char* kStackOverflow =
    "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.";
const char* kTimeout = "Expression evaluation timeout: Check for infinite loop";

bool is_array_of_strings(const Val& v) {
  if (!v.is_array()) return false;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!v.at(i).is_string()) return false;
  return true;
}

bool is_number_checked(const Val& v) {
  if (!v.is_number()) return false;
  double d = v.num();
  if (std::isnan(d)) return false;
  if (!std::isfinite(d)) throw Failure("D1001").with_value(v);
  return true;
}

bool is_array_of_numbers(const Val& v) {
  if (!v.is_array()) return false;
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!is_number_checked(v.at(i))) return false;
  return true;
}

// jsonata-js fn.boolean; undefined stays undefined (nullopt).
std::optional<bool> to_boolean(const Val& v) {
  if (v.undefined()) return std::nullopt;
  if (v.is_array()) {
    if (v.size() == 1) return to_boolean(v.at(0));
    for (std::size_t i = 0; i < v.size(); ++i)
      if (to_boolean(v.at(i)).value_or(false)) return true;
    return false;
  }
  if (v.is_function()) return false;
  if (v.is_object()) return v.member_count() > 0;
  const auto& j = v.json();
  if (j.is_string()) return !j.as_string().empty();
  if (j.is_number()) {
    if (!is_number_checked(v)) return false;
    return v.num() != 0;
  }
  if (j.is_bool()) return j.as_bool();
  return false;
}
bool truthy(const Val& v) { return to_boolean(v).value_or(false); }

// fn.append
Val append(const Val& a, const Val& b) {
  if (a.undefined()) return b;
  if (b.undefined()) return a;
  // Array.prototype.concat: a new plain array, never a sequence (so a singleton stays an array).
  auto out = std::make_shared<Arr>();
  if (a.is_array()) {
    out->items.reserve(a.size() + (b.is_array() ? b.size() : 1));
    for (std::size_t i = 0; i < a.size(); ++i) out->items.push_back(a.at(i));
  } else {
    out->items.push_back(a);
  }
  if (b.is_array()) {
    for (std::size_t i = 0; i < b.size(); ++i) out->items.push_back(b.at(i));
  } else {
    out->items.push_back(b);
  }
  return Val(out);
}

// fn.lookup: the member of an object, or the flattened members of an array's objects.
Val lookup_field(const Val& input, std::string_view key) {
  if (input.is_array()) {
    auto result = make_sequence();
    for (std::size_t i = 0; i < input.size(); ++i) {
      Val res = lookup_field(input.at(i), key);
      if (res.undefined()) continue;
      if (res.is_array()) {
        for (std::size_t k = 0; k < res.size(); ++k) result->items.push_back(res.at(k));
      } else {
        result->items.push_back(std::move(res));
      }
    }
    return Val(result);
  }
  if (input.is_object()) return input.get(key);
  return Val();
}

Val tuple_focus(const Val& tuple) { return tuple.get("@"); }

}  // namespace

Val regex_next(Ctx& ctx, const Fn& next_fn);

class Evaluator final : public Ctx {
 public:
  Evaluator(const Bindings& bindings, const EvalOptions& options) : bindings_(bindings), options_(options) {
    if (options.entropy) {
      entropy_ = options.entropy;
    } else {
      own_entropy_.reseed(options.seed);
      entropy_ = &own_entropy_;
    }
    now_ = options.now_millis ? *options.now_millis
                              : std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
    max_depth_ = options.depth_limit ? *options.depth_limit : kDefaultDepthLimit;
    if (options.time_limit) deadline_ = Clock::now() + *options.time_limit;
    budget_ = options.work_budget;
    std::uintptr_t here = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
    std::uintptr_t floor = stack_floor();
    stack_limit_ = floor != 0 && here > floor + kStackReserve ? floor + kStackReserve : 0;
  }

  using Ctx::call;
  Val call(const Val& function, std::vector<Val>& args) override { return apply(function, args, Val()); }
  Entropy& entropy() override { return *entropy_; }
  std::int64_t now_millis() override { return now_; }
  const Val& input() override { return root_input_; }
  void charge(std::size_t units) override {
    if (budget_ == nullptr) return;
    if (*budget_ < units) work_limit_exceeded();
    *budget_ -= units;
  }

  Val run(const Node* root, const Val& input) {
    root_env_ = new_frame();
    frames_.add(root_env_.get());
    root_env_->bind("$", input);
    root_input_ = input;
    Val in = input;
    if (input.is_array() && !input.is_sequence()) {
      auto wrapper = make_sequence(input);
      wrapper->outer_wrapper = true;
      in = Val(wrapper);
    }
    return eval(root, in, root_env_);
  }

 private:
  struct DepthGuard {
    Evaluator& e;
    // Every node evaluated passes here: the checks are compares, the clock is read every 256th.
    [[gnu::always_inline]] explicit DepthGuard(Evaluator& ev) : e(ev) {
      if (++e.depth_ > e.max_depth_) overflow();
      if (e.stack_limit_ != 0 && reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0)) < e.stack_limit_)
        overflow();
      if (e.deadline_ && (++e.ticks_ & 0xFF) == 0) check_clock(e);
      if (e.budget_ != nullptr) e.charge(1);
    }
    ~DepthGuard() { --e.depth_; }
    [[noreturn, gnu::cold, gnu::noinline]] static void overflow() {
      Failure f("U1001");
      f.message = kStackOverflow;
      throw f;
    }
    [[gnu::cold, gnu::noinline]] static void check_clock(Evaluator& e) {
      if (Clock::now() <= *e.deadline_) return;
      Failure f("U1001");
      f.message = kTimeout;
      throw f;
    }
  };

  [[noreturn, gnu::cold, gnu::noinline]] void work_limit_exceeded() {
    *budget_ = 0;
    Failure f{std::string(kWorkLimitExceeded)};
    f.message = "the evaluation ran out of its work budget";
    throw f;
  }

  // --- names ---------------------------------------------------------------------------------

  Val lookup(const FramePtr& env, std::string_view name) const { return lookup(env, name, find_builtin(name)); }

  // A variable node knows its built-in function (if any) from compile time.
  Val lookup(const FramePtr& env, const Node* variable) const { return lookup(env, variable->text, variable->builtin); }

  Val lookup(const FramePtr& env, std::string_view name, const Builtin* builtin) const {
    for (const Frame* f = env.get(); f; f = f->parent.get())
      if (const Val* v = f->find_local(name)) return *v;
    if (const Value* v = bindings_.find(name)) return Val::borrow(*v);
    if (builtin) return builtin_value(builtin);
    return Val();
  }

  // A field of an object, looked up where this name step last found it.
  static Val field(const Val& object, const Node* step) {
    std::uint32_t hint = step->hint.at.load(std::memory_order_relaxed);
    Val v = object.get_at_hint(step->text, hint);
    step->hint.at.store(hint, std::memory_order_relaxed);
    return v;
  }

  static Val builtin_value(const Builtin* b) { return Val(b->value); }

  FramePtr child(const FramePtr& parent) {
    auto f = new_frame();
    frames_.add(f.get());
    f->parent = parent;
    return f;
  }

  FramePtr frame_from_tuple(const FramePtr& env, const Val& tuple) {
    auto f = child(env);
    tuple.for_each_member([&](const std::string& k, const Val& v) { f->vars.emplace_back(k, v); });
    return f;
  }

  // --- evaluate ------------------------------------------------------------------------------

 public:
  Val eval(const Node* expr, const Val& input, const FramePtr& env) {
    DepthGuard guard(*this);
    Val result = eval_node(expr, input, env);
    if (!expr->predicate.empty() || (expr->type != NodeType::path && expr->group)) [[unlikely]] {
      for (const Stage& stage : expr->predicate) result = eval_filter(stage.expr, result, env);
      if (expr->type != NodeType::path && expr->group)
        result = eval_group(expr->group->pairs, expr->group->position, result, env);
    }
    if (result.is_sequence() && !result.is_tuple_stream()) {
      Arr& seq = result.arr_mut();
      if (expr->keep_array) seq.keep_singleton = true;
      if (seq.items.empty()) {
        result = Val();
      } else if (seq.items.size() == 1 && !seq.keep_singleton) {
        Val item = std::move(seq.items[0]);  // (the sequence may be shared: its item stays a copy)
        if (result.use_count() > 1) seq.items[0] = item;
        result = std::move(item);
      }
    }
    return result;  // the one return, so the result is built in place
  }

 private:
  // One node's own value, before eval() applies its filters, grouping and singleton rules.
  Val eval_node(const Node* expr, const Val& input, const FramePtr& env) {
    Val result;
    switch (expr->type) {
      case NodeType::path: return eval_path(expr, input, env);
      case NodeType::binary: return eval_binary(expr, input, env);
      case NodeType::negate: {
        Val v = eval(expr->expression, input, env);
        if (v.undefined()) break;
        if (is_number_checked(v)) {
          result = Val::number(-v.num());
        } else {
          throw Failure("D1002").at(expr->position).with_token("-").with_value(v);
        }
        break;
      }
      case NodeType::array: return eval_array(expr, input, env);
      case NodeType::object: return eval_group(expr->pairs, expr->position, input, env);
      case NodeType::name: return lookup_field(input, expr->text);
      case NodeType::string:
      case NodeType::number:
      case NodeType::value: return Val::borrow(expr->literal);
      case NodeType::wildcard: return eval_wildcard(input);
      case NodeType::descendant: return eval_descendants(input);
      case NodeType::parent: return lookup(env, expr->slot->label);
      case NodeType::condition: {
        Val c = eval(expr->condition, input, env);
        if (truthy(c)) return eval(expr->then, input, env);
        if (expr->otherwise) return eval(expr->otherwise, input, env);
        break;
      }
      case NodeType::block: {
        if (!expr->block_binds) {
          for (const Node* e : expr->expressions) result = eval(e, input, env);
          break;
        }
        auto frame = child(env);
        for (const Node* e : expr->expressions) result = eval(e, input, frame);
        break;
      }
      case NodeType::bind: {
        result = eval(expr->rhs, input, env);
        env->bind(expr->lhs->text, result);
        break;
      }
      case NodeType::regex: {
        auto fn = std::make_shared<Fn>();
        fn->kind = FnKind::regex;
        fn->regex = expr->regex;
        fn->position = expr->position;
        result = Val(std::shared_ptr<const Fn>(fn));
        break;
      }
      case NodeType::function: return eval_function(expr, input, env, nullptr);
      case NodeType::variable: {
        if (expr->text.empty()) return input.is_outer_wrapper() ? input.at(0) : input;
        return lookup(env, expr);
      }
      case NodeType::lambda: {
        auto fn = std::make_shared<Fn>();
        fn->kind = FnKind::lambda;
        fn->node = expr;
        fn->params = expr->params;
        fn->signature = expr->signature.get();
        fn->input = input;
        fn->env = env;
        fn->thunk = expr->thunk;
        result = Val(std::shared_ptr<const Fn>(fn));
        break;
      }
      case NodeType::partial: return eval_partial(expr, input, env);
      case NodeType::apply: return eval_apply(expr, input, env);
      case NodeType::transform: {
        auto fn = std::make_shared<Fn>();
        fn->kind = FnKind::transform;
        fn->node = expr;
        fn->env = env;
        fn->signature = transform_signature();
        result = Val(std::shared_ptr<const Fn>(fn));
        break;
      }
      default: break;
    }
    return result;
  }

 private:
  static const Signature* transform_signature() {
    static const std::shared_ptr<const Signature> sig = [] {
      std::string code, value;
      std::size_t offset = 0;
      return parse_signature("<(oa):o>", code, value, offset);
    }();
    return sig.get();
  }

  // --- paths ---------------------------------------------------------------------------------

  using Items = boost::container::small_vector<Val, 8>;

  // What eval() makes of a step's value: an empty sequence is undefined, a singleton its item.
  static void collapse(Val& v) {
    if (!v.is_sequence() || v.is_tuple_stream()) return;
    const Arr& seq = v.arr();
    if (seq.items.empty()) v = Val();
    else if (seq.items.size() == 1 && !seq.keep_singleton) v = Val(seq.items[0]);
  }

  // eval_path for a simple_path (field names after an optional variable), step by step as the
  // general code does, with the intermediate sequences on the stack.
  Val eval_simple_path(const Node* expr, const Val& input, const FramePtr& env) {
    if (!expr->group && !input.is_array()) {
      // The common case: one object in, one non-array value out of every step.
      bool single = true;
      Val v = input;
      for (const Node* step : expr->steps) {
        if (step->type == NodeType::variable) {
          if (!step->text.empty()) v = lookup(env, step);
        } else if (v.is_object()) {
          v = field(v, step);
        } else {
          return Val();  // a scalar has no fields
        }
        collapse(v);
        if (v.undefined()) return v;
        if (v.is_array()) {
          single = false;
          break;
        }
      }
      if (single) return v;
    }
    Items current, results;
    const std::size_t last = expr->steps.size() - 1;
    const Node* first = expr->steps[0];
    if (input.is_array() && first->type != NodeType::variable) {
      const std::size_t n = input.size();
      current.reserve(n);
      for (std::size_t i = 0; i < n; ++i) current.push_back(input.at(i));
    } else {
      current.push_back(input);
    }
    Val whole;  // the last step's single, non-sequence array result, returned as it is
    for (std::size_t ii = 0; ii <= last; ++ii) {
      const Node* step = expr->steps[ii];
      results.clear();
      for (const Val& item : current) {
        Val res;
        if (step->type == NodeType::variable) {
          res = step->text.empty() ? (item.is_outer_wrapper() ? item.at(0) : item) : lookup(env, step);
        } else if (item.is_object()) {
          res = field(item, step);
        } else if (item.is_array()) {
          res = lookup_field(item, step->text);
        } else {
          continue;
        }
        collapse(res);
        if (res.defined()) results.push_back(std::move(res));
      }
      current.clear();
      if (ii == last && results.size() == 1 && results[0].is_array() && !results[0].is_sequence()) {
        whole = std::move(results[0]);
        break;
      }
      for (Val& res : results) {
        if (!res.is_array() || res.is_cons()) {
          current.push_back(std::move(res));
        } else {
          const std::size_t n = res.size();
          for (std::size_t k = 0; k < n; ++k) current.push_back(res.at(k));
        }
      }
      if (current.empty()) break;
    }
    Val result_sequence;
    if (whole.defined()) {
      result_sequence = std::move(whole);
    } else if (current.size() == 1 && !expr->group && !current[0].is_sequence()) {
      return std::move(current[0]);  // what eval() makes of a sequence of one
    } else {
      auto seq = make_sequence();
      seq->items.assign(std::make_move_iterator(current.begin()), std::make_move_iterator(current.end()));
      result_sequence = Val(std::move(seq));
    }
    if (expr->group) result_sequence = eval_group(expr->group->pairs, expr->group->position, result_sequence, env);
    return result_sequence;
  }

  Val eval_path(const Node* expr, const Val& input, const FramePtr& env) {
    if (expr->simple_path) return eval_simple_path(expr, input, env);
    Val input_sequence;
    if (input.is_array() && expr->steps[0]->type != NodeType::variable) {
      input_sequence = input;
    } else {
      input_sequence = Val(make_sequence(input));
    }
    Val result_sequence;
    bool is_tuple_stream = false;
    Val tuple_bindings;
    for (std::size_t ii = 0; ii < expr->steps.size(); ++ii) {
      const Node* step = expr->steps[ii];
      if (step->tuple) is_tuple_stream = true;
      if (ii == 0 && step->consarray) {
        result_sequence = eval(step, input_sequence, env);
      } else if (is_tuple_stream) {
        tuple_bindings = eval_tuple_step(step, input_sequence, tuple_bindings, env);
      } else {
        result_sequence = eval_step(step, input_sequence, env, ii == expr->steps.size() - 1);
      }
      if (!is_tuple_stream && (result_sequence.undefined() || (result_sequence.is_array() && result_sequence.size() == 0)))
        break;
      if (!step->has_focus) input_sequence = result_sequence;
    }
    if (is_tuple_stream) {
      if (expr->tuple) {
        result_sequence = tuple_bindings;
      } else {
        auto seq = make_sequence();
        for (std::size_t i = 0; i < tuple_bindings.size(); ++i) seq->items.push_back(tuple_focus(tuple_bindings.at(i)));
        result_sequence = Val(seq);
      }
    }
    if (expr->keep_singleton_array && result_sequence.defined()) {
      if (result_sequence.is_cons() && !result_sequence.is_sequence()) {
        result_sequence = Val(make_sequence(result_sequence));
      }
      if (result_sequence.is_runtime_array()) {
        result_sequence.arr_mut().keep_singleton = true;
      } else if (result_sequence.is_array()) {
        auto copy = std::make_shared<Arr>();
        for (std::size_t i = 0; i < result_sequence.size(); ++i) copy->items.push_back(result_sequence.at(i));
        copy->keep_singleton = true;
        result_sequence = Val(copy);
      }
    }
    if (expr->group)
      result_sequence = eval_group(expr->group->pairs, expr->group->position,
                                   is_tuple_stream ? tuple_bindings : result_sequence, env);
    return result_sequence;
  }

  Val eval_step(const Node* step, const Val& input, const FramePtr& env, bool last_step) {
    if (step->type == NodeType::sort) {
      Val result = eval_sort(step, input, env);
      if (!step->stages.empty()) result = eval_stages(step->stages, result, env);
      return result;
    }
    std::vector<Val> results;
    const std::size_t n = input.size();
    results.reserve(n);
    // A plain field step on an object needs none of eval()'s machinery.
    const bool plain_name = step->type == NodeType::name && step->predicate.empty() && !step->group && !step->keep_array;
    for (std::size_t i = 0; i < n; ++i) {
      Val item = input.at(i);
      Val res = plain_name && item.is_object() ? item.get(step->text) : eval(step, item, env);
      for (const Stage& stage : step->stages) res = eval_filter(stage.expr, res, env);
      if (res.defined()) results.push_back(std::move(res));
    }
    if (last_step && results.size() == 1 && results[0].is_array() && !results[0].is_sequence()) return results[0];
    auto seq = make_sequence();
    seq->items.reserve(results.size());
    for (auto& res : results) {
      if (!res.is_array() || res.is_cons()) {
        seq->items.push_back(std::move(res));
      } else {
        for (std::size_t k = 0; k < res.size(); ++k) seq->items.push_back(res.at(k));
      }
    }
    return Val(seq);
  }

  Val eval_stages(const std::vector<Stage>& stages, Val result, const FramePtr& env) {
    for (const Stage& stage : stages) {
      if (!stage.is_index) {
        result = eval_filter(stage.expr, result, env);
      } else {
        for (std::size_t ee = 0; ee < result.size(); ++ee) {
          Val tuple = result.at(ee);
          if (tuple.tag() == Tag::object) tuple.obj_mut().set(stage.variable, Val::number(static_cast<double>(ee)));
        }
      }
    }
    return result;
  }

  static Val make_tuple(const Val& focus) {
    auto t = make_object();
    t->set("@", focus);
    return Val(t);
  }

  Val eval_tuple_step(const Node* step, const Val& input, Val tuple_bindings, const FramePtr& env) {
    if (step->type == NodeType::sort) {
      Val result;
      if (tuple_bindings.defined()) {
        result = eval_sort(step, tuple_bindings, env);
      } else {
        Val sorted = eval_sort(step, input, env);
        auto seq = make_sequence();
        seq->tuple_stream = true;
        for (std::size_t ss = 0; ss < sorted.size(); ++ss) {
          Val tuple = make_tuple(sorted.at(ss));
          tuple.obj_mut().set(step->index, Val::number(static_cast<double>(ss)));
          seq->items.push_back(tuple);
        }
        result = Val(seq);
      }
      if (!step->stages.empty()) result = eval_stages(step->stages, result, env);
      return result;
    }
    auto result = make_sequence();
    result->tuple_stream = true;
    if (tuple_bindings.undefined()) {
      auto seq = make_sequence();
      for (std::size_t i = 0; i < input.size(); ++i) seq->items.push_back(make_tuple(input.at(i)));
      tuple_bindings = Val(seq);
    }
    for (std::size_t ee = 0; ee < tuple_bindings.size(); ++ee) {
      Val tuple_in = tuple_bindings.at(ee);
      auto step_env = frame_from_tuple(env, tuple_in);
      Val res = eval(step, tuple_focus(tuple_in), step_env);
      if (res.undefined()) continue;
      Val items = res;
      if (!res.is_array()) {
        auto wrap = std::make_shared<Arr>();
        wrap->items.push_back(res);
        items = Val(wrap);
      }
      for (std::size_t bb = 0; bb < items.size(); ++bb) {
        auto tuple = make_object();
        tuple_in.for_each_member([&](const std::string& k, const Val& v) { tuple->set(k, v); });
        if (res.is_tuple_stream()) {
          items.at(bb).for_each_member([&](const std::string& k, const Val& v) { tuple->set(k, v); });
        } else {
          if (step->has_focus) {
            tuple->set(step->focus, items.at(bb));
            tuple->set("@", tuple_focus(tuple_in));
          } else {
            tuple->set("@", items.at(bb));
          }
          if (step->has_index) tuple->set(step->index, Val::number(static_cast<double>(bb)));
          if (step->ancestor) tuple->set(step->ancestor->label, tuple_focus(tuple_in));
        }
        result->items.push_back(Val(tuple));
      }
    }
    Val out(result);
    if (!step->stages.empty()) out = eval_stages(step->stages, out, env);
    return out;
  }

  Val eval_filter(const Node* predicate, const Val& input, const FramePtr& env) {
    auto results = make_sequence();
    if (input.is_tuple_stream()) results->tuple_stream = true;
    Val in = input;
    if (!input.is_array()) in = Val(make_sequence(input));
    if (predicate->type == NodeType::number) {
      auto index = saturate<std::int64_t>(std::floor(predicate->number));
      if (index < 0) index += static_cast<std::int64_t>(in.size());
      if (index >= 0 && static_cast<std::size_t>(index) < in.size()) {
        Val item = in.at(static_cast<std::size_t>(index));
        if (item.defined()) {
          if (item.is_array()) return item;
          results->items.push_back(item);
        }
      }
      return Val(results);
    }
    const bool tuples = in.is_tuple_stream();
    const std::size_t n = in.size();
    for (std::size_t index = 0; index < n; ++index) {
      Val item = in.at(index);
      Val res = tuples ? eval(predicate, tuple_focus(item), frame_from_tuple(env, item)) : eval(predicate, item, env);
      if (is_number_checked(res)) {
        // A number selects by position, as an array of one number would.
        auto ii = saturate<std::int64_t>(std::floor(res.num()));
        if (ii < 0) ii += static_cast<std::int64_t>(n);
        if (ii == static_cast<std::int64_t>(index)) results->items.push_back(std::move(item));
      } else if (is_array_of_numbers(res)) {
        for (std::size_t k = 0; k < res.size(); ++k) {
          auto ii = saturate<std::int64_t>(std::floor(res.at(k).num()));
          if (ii < 0) ii += static_cast<std::int64_t>(in.size());
          if (ii == static_cast<std::int64_t>(index)) results->items.push_back(item);
        }
      } else if (truthy(res)) {
        results->items.push_back(item);
      }
    }
    return Val(results);
  }

  // --- operators -----------------------------------------------------------------------------

  Val eval_binary(const Node* expr, const Val& input, const FramePtr& env) {
    Val lhs = eval(expr->lhs, input, env);
    const auto op = static_cast<BinaryOp>(expr->opcode);
    if (op == op_and || op == op_or) {
      try {
        bool l = truthy(lhs);
        if (op == op_and) return Val::boolean(l && truthy(eval(expr->rhs, input, env)));
        return Val::boolean(l || truthy(eval(expr->rhs, input, env)));
      } catch (Failure& f) {
        f.position = expr->position;
        f.token = Val::string(expr->op);
        throw;
      }
    }
    Val rhs = eval(expr->rhs, input, env);
    try {
      switch (op) {
        case op_add: return numeric(lhs, rhs, '+');
        case op_sub: return numeric(lhs, rhs, '-');
        case op_mul: return numeric(lhs, rhs, '*');
        case op_div: return numeric(lhs, rhs, '/');
        case op_mod: return numeric(lhs, rhs, '%');
        case op_eq: return Val::boolean(lhs.defined() && rhs.defined() && deep_equal(lhs, rhs));
        case op_ne: return Val::boolean(lhs.defined() && rhs.defined() && !deep_equal(lhs, rhs));
        case op_lt:
        case op_le:
        case op_gt:
        case op_ge: return compare(lhs, rhs, op);
        case op_concat: {
          std::string out;
          if (lhs.defined()) out += string_of(lhs);
          if (rhs.defined()) {
            std::string right = string_of(rhs);
            charge(out.size() + right.size());
            out += right;
          }
          return Val::string(std::move(out));
        }
        case op_range: return range(lhs, rhs, *this);
        case op_in: return includes(lhs, rhs);
        default: break;
      }
    } catch (Failure& f) {
      f.position = expr->position;
      f.token = Val::string(expr->op);
      throw;
    }
    return Val();
  }

  static Val numeric(const Val& lhs, const Val& rhs, char op) {
    if (lhs.defined() && !is_number_checked(lhs)) throw Failure("T2001").with_value(lhs);
    if (rhs.defined() && !is_number_checked(rhs)) throw Failure("T2002").with_value(rhs);
    if (lhs.undefined() || rhs.undefined()) return Val();
    double a = lhs.num(), b = rhs.num();
    switch (op) {
      case '+': return Val::number(a + b);
      case '-': return Val::number(a - b);
      case '*': return Val::number(a * b);
      case '/': return Val::number(a / b);
      default: return Val::number(std::fmod(a, b));
    }
  }

  static Val compare(const Val& lhs, const Val& rhs, BinaryOp op) {
    auto comparable = [](const Val& v) { return v.undefined() || v.is_string() || v.is_number(); };
    if (!comparable(lhs) || !comparable(rhs)) {
      bool l_ok = lhs.is_string() || lhs.is_number();
      throw Failure("T2010").with_value(!l_ok ? lhs : rhs);
    }
    if (lhs.undefined() || rhs.undefined()) return Val();
    if (lhs.is_string() != rhs.is_string()) throw Failure("T2009").with_value(lhs).with_value2(rhs);
    int c;
    if (lhs.is_string()) {
      // JavaScript compares UTF-16 code units; UTF-8 byte order agrees except across surrogates.
      c = lhs.str().compare(rhs.str());
      c = c < 0 ? -1 : c > 0 ? 1 : 0;
    } else {
      double a = lhs.num(), b = rhs.num();
      if (std::isnan(a) || std::isnan(b)) return Val::boolean(false);
      c = a < b ? -1 : a > b ? 1 : 0;
    }
    if (op == op_lt) return Val::boolean(c < 0);
    if (op == op_le) return Val::boolean(c <= 0);
    if (op == op_gt) return Val::boolean(c > 0);
    return Val::boolean(c >= 0);
  }

  static bool is_integer(const Val& v) {
    if (!v.is_number()) return false;
    double d = v.num();
    return std::isfinite(d) && d == std::floor(d);
  }

  static Val range(const Val& lhs, const Val& rhs, Ctx& ctx) {
    if (lhs.defined() && !is_integer(lhs)) throw Failure("T2003").with_value(lhs);
    if (rhs.defined() && !is_integer(rhs)) throw Failure("T2004").with_value(rhs);
    if (lhs.undefined() || rhs.undefined()) return Val();
    double a = lhs.num(), b = rhs.num();
    if (a > b) return Val();
    double size = b - a + 1;
    if (size > 1e7) throw Failure("D2014").with_value(Val::number(size));
    // Beyond 2^53 `x + 1` is x again: jsonata-js's loop never reaches the end and fails with a
    // JavaScript RangeError once its array passes 2^32 - 1 items; this stops at once instead.
    if (b >= 9007199254740992.0) throw Failure("D2014").with_value(Val::number(4294967296.0));
    ctx.charge(static_cast<std::size_t>(size));
    auto seq = make_sequence();
    seq->items.reserve(static_cast<std::size_t>(size));
    for (double x = a; x <= b; ++x) seq->items.push_back(Val::number(x));
    return Val(seq);
  }

  // `in` compares with JavaScript's ===: primitives by value, containers by identity.
  static bool strict_equal(const Val& a, const Val& b) {
    if (a.is_json() && b.is_json()) {
      const auto& x = a.json();
      const auto& y = b.json();
      if (x.is_number() && y.is_number()) return x.as_double() == y.as_double();
      if (x.is_container() || y.is_container()) return x.same_container(y);
      return x.kind() == y.kind() && x == y;
    }
    return a.tag() == b.tag() && a.heap() == b.heap() && a.heap() != nullptr;
  }

  static Val includes(const Val& lhs, const Val& rhs) {
    if (lhs.undefined() || rhs.undefined()) return Val::boolean(false);
    if (!rhs.is_array()) return Val::boolean(strict_equal(lhs, rhs));
    for (std::size_t i = 0; i < rhs.size(); ++i)
      if (strict_equal(rhs.at(i), lhs)) return Val::boolean(true);
    return Val::boolean(false);
  }

 public:
  static std::string string_of(const Val& v) {
    if (v.is_string()) return v.str();
    if (v.is_function()) return "";
    if (v.is_number() && !std::isfinite(v.num())) throw Failure("D3001").with_value(v);
    Val x = v;
    if (x.is_outer_wrapper()) x = x.at(0);
    return stringify(x, true);
  }

 private:
  // --- constructors --------------------------------------------------------------------------

  Val eval_array(const Node* expr, const Val& input, const FramePtr& env) {
    auto result = std::make_shared<Arr>();
    for (const Node* item : expr->expressions) {
      Val value = eval(item, input, env);
      if (value.undefined()) continue;
      if (item->type == NodeType::array) {
        result->items.push_back(std::move(value));
      } else if (value.is_array()) {
        charge(value.size());
        for (std::size_t i = 0; i < value.size(); ++i) result->items.push_back(value.at(i));
      } else {
        result->items.push_back(std::move(value));
      }
    }
    if (expr->consarray) result->cons = true;
    return Val(result);
  }

  Val reduce_tuple_stream(const Val& stream) {
    if (!stream.is_array()) return stream;
    auto result = make_object();
    stream.at(0).for_each_member([&](const std::string& k, const Val& v) { result->set(k, v); });
    for (std::size_t ii = 1; ii < stream.size(); ++ii) {
      stream.at(ii).for_each_member([&](const std::string& k, const Val& v) {
        const Val* existing = result->find(k);
        result->set(k, append(existing ? *existing : Val(), v));
      });
    }
    return Val(result);
  }

  Val eval_group(const std::vector<std::pair<Node*, Node*>>& pairs, std::size_t position, const Val& input_in,
                 const FramePtr& env) {
    const bool reduce = input_in.is_tuple_stream();
    std::vector<Val> input;
    if (input_in.is_array()) {
      input.reserve(input_in.size());
      for (std::size_t i = 0; i < input_in.size(); ++i) input.push_back(input_in.at(i));
    } else {
      input.push_back(input_in);
    }
    if (input.empty()) input.emplace_back();

    struct Entry {
      std::string key;
      Val data;
      std::size_t expr_index;
      bool appended = false;  // data is the array append() made for this entry, held nowhere else
    };
    std::vector<Entry> groups;
    std::unordered_map<std::string, std::size_t> group_index;
    for (const Val& item : input) {
      FramePtr item_env = reduce ? frame_from_tuple(env, item) : env;
      for (std::size_t pair_index = 0; pair_index < pairs.size(); ++pair_index) {
        Val key = eval(pairs[pair_index].first, reduce ? tuple_focus(item) : item, item_env);
        if (key.defined() && !key.is_string()) throw Failure("T1003").at(position).with_value(key);
        if (key.undefined()) continue;
        auto it = group_index.find(key.str());
        if (it != group_index.end()) {
          Entry& entry = groups[it->second];
          if (entry.expr_index != pair_index) throw Failure("D1009").at(position).with_value(key);
          if (entry.appended && item.defined()) {
            // What append() would return, without copying the items gathered so far.
            Arr& gathered = entry.data.arr_mut();
            if (item.is_array()) {
              for (std::size_t k = 0; k < item.size(); ++k) gathered.items.push_back(item.at(k));
            } else {
              gathered.items.push_back(item);
            }
          } else {
            const bool fresh = entry.data.defined() && item.defined();  // append() then makes a new array
            entry.data = append(entry.data, item);
            entry.appended = fresh;
          }
        } else {
          group_index.emplace(key.str(), groups.size());
          groups.push_back({key.str(), item, pair_index});
        }
      }
    }
    auto result = make_object();
    for (auto& entry : groups) {
      Val context = entry.data;
      FramePtr group_env = env;
      if (reduce) {
        Val tuple = reduce_tuple_stream(entry.data);
        context = tuple_focus(tuple);
        auto copy = make_object();
        tuple.for_each_member([&](const std::string& k, const Val& v) {
          if (k != "@") copy->set(k, v);
        });
        group_env = frame_from_tuple(env, Val(copy));
      }
      Val value = eval(pairs[entry.expr_index].second, context, group_env);
      if (value.defined()) result->set(entry.key, std::move(value));
    }
    return Val(result);
  }

  static void flatten_into(const Val& v, std::vector<Val>& out) {
    if (v.is_array()) {
      for (std::size_t i = 0; i < v.size(); ++i) flatten_into(v.at(i), out);
    } else {
      out.push_back(v);
    }
  }

  static Val eval_wildcard(const Val& input_in) {
    auto results = make_sequence();
    bool plain = false;  // an array member went through fn.append, whose concat is no sequence
    Val input = input_in;
    if (input.is_outer_wrapper() && input.size() > 0) input = input.at(0);
    if (input.is_array()) {
      // A JavaScript array is an object whose keys are its indexes.
      for (std::size_t i = 0; i < input.size(); ++i) {
        Val value = input.at(i);
        if (value.is_array()) {
          std::vector<Val> flat;
          flatten_into(value, flat);
          for (auto& f : flat) results->items.push_back(std::move(f));
          plain = true;
        } else {
          results->items.push_back(value);
        }
      }
    } else if (input.is_object()) {
      input.for_each_member([&](const std::string&, const Val& value) {
        if (value.is_array()) {
          std::vector<Val> flat;
          flatten_into(value, flat);
          for (auto& f : flat) results->items.push_back(std::move(f));
          plain = true;
        } else {
          results->items.push_back(value);
        }
      });
    }
    if (plain) results->sequence = false;
    return Val(results);
  }

  static void recurse_descendants(const Val& input, std::vector<Val>& results) {
    if (!input.is_array()) results.push_back(input);
    if (input.is_array()) {
      for (std::size_t i = 0; i < input.size(); ++i) recurse_descendants(input.at(i), results);
    } else if (input.is_object()) {
      input.for_each_member([&](const std::string&, const Val& v) { recurse_descendants(v, results); });
    }
  }

  static Val eval_descendants(const Val& input) {
    if (input.undefined()) return Val();
    auto seq = make_sequence();
    recurse_descendants(input, seq->items);
    if (seq->items.size() == 1) return seq->items[0];
    return Val(seq);
  }

  // --- sorting -------------------------------------------------------------------------------

  Val eval_sort(const Node* expr, const Val& input, const FramePtr& env) {
    const bool tuples = input.is_tuple_stream();
    auto comparator = [&](const Val& a, const Val& b) -> bool {
      int comp = 0;
      for (std::size_t index = 0; comp == 0 && index < expr->terms.size(); ++index) {
        const SortTerm& term = expr->terms[index];
        Val aa = tuples ? eval(term.expression, tuple_focus(a), frame_from_tuple(env, a)) : eval(term.expression, a, env);
        Val bb = tuples ? eval(term.expression, tuple_focus(b), frame_from_tuple(env, b)) : eval(term.expression, b, env);
        if (aa.undefined()) {
          comp = bb.undefined() ? 0 : 1;
          continue;
        }
        if (bb.undefined()) {
          comp = -1;
          continue;
        }
        bool a_ok = aa.is_string() || aa.is_number();
        bool b_ok = bb.is_string() || bb.is_number();
        if (!a_ok || !b_ok) throw Failure("T2008").at(expr->position).with_value(!a_ok ? aa : bb);
        if (aa.is_string() != bb.is_string()) throw Failure("T2007").at(expr->position).with_value(aa).with_value2(bb);
        int c;
        if (aa.is_string()) c = aa.str() < bb.str() ? -1 : aa.str() == bb.str() ? 0 : 1;
        else c = aa.num() < bb.num() ? -1 : aa.num() == bb.num() ? 0 : 1;
        if (c == 0) continue;
        comp = c;
        if (term.descending) comp = -comp;
      }
      return comp == 1;
    };
    if (!input.is_array()) return input;
    std::vector<Val> items;
    items.reserve(input.size());
    for (std::size_t i = 0; i < input.size(); ++i) items.push_back(input.at(i));
    if (items.size() <= 1) return input;
    merge_sort(items, comparator);
    auto out = std::make_shared<Arr>();
    out->items = std::move(items);
    // jsonata-js's sort returns a plain array; keep a tuple stream a tuple stream.
    out->sequence = input.is_tuple_stream();
    out->tuple_stream = input.is_tuple_stream();
    return Val(out);
  }

 public:
  // jsonata-js's merge sort: `swap(a, b)` true means b goes first; stable otherwise.
  template <class Swap>
  static void merge_sort(std::vector<Val>& items, Swap&& swap) {
    if (items.size() <= 1) return;
    std::size_t middle = items.size() / 2;
    std::vector<Val> left(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(middle));
    std::vector<Val> right(items.begin() + static_cast<std::ptrdiff_t>(middle), items.end());
    merge_sort(left, swap);
    merge_sort(right, swap);
    std::size_t l = 0, r = 0, o = 0;
    while (l < left.size() && r < right.size()) {
      if (swap(left[l], right[r])) items[o++] = right[r++];
      else items[o++] = left[l++];
    }
    while (l < left.size()) items[o++] = left[l++];
    while (r < right.size()) items[o++] = right[r++];
  }

 private:
  // --- functions -----------------------------------------------------------------------------

  static std::string procedure_name(const Node* expr) {
    const Node* p = expr->procedure;
    if (p->type == NodeType::path && !p->steps.empty()) return p->steps[0]->text;
    return p->text;
  }

  Val eval_function(const Node* expr, const Val& input, const FramePtr& env, const Val* applyto) {
    Val proc = eval(expr->procedure, input, env);
    if (proc.undefined() && expr->procedure->type == NodeType::path &&
        lookup(env, expr->procedure->steps[0]->text).defined())
      throw Failure("T1005").at(expr->position).with_token(expr->procedure->steps[0]->text);
    std::vector<Val> args;
    args.reserve(expr->arguments.size() + (applyto ? 1 : 0));
    if (applyto) args.push_back(*applyto);
    for (const Node* arg : expr->arguments) args.push_back(eval(arg, input, env));
    try {
      return apply(proc, std::move(args), input);
    } catch (Failure& f) {
      if (proc.is_function() || !f.position) f.position = expr->position;
      if (!f.token) f.token = Val::string(procedure_name(expr));
      throw;
    }
  }

  Val eval_partial(const Node* expr, const Val& input, const FramePtr& env) {
    std::vector<std::optional<Val>> args;
    for (const Node* arg : expr->arguments) {
      if (arg->type == NodeType::placeholder) args.emplace_back(std::nullopt);
      else args.emplace_back(eval(arg, input, env));
    }
    Val proc = eval(expr->procedure, input, env);
    if (proc.undefined() && expr->procedure->type == NodeType::path &&
        lookup(env, expr->procedure->steps[0]->text).defined())
      throw Failure("T1007").at(expr->position).with_token(expr->procedure->steps[0]->text);
    if (!proc.is_function()) throw Failure("T1008").at(expr->position).with_token(procedure_name(expr));
    const Fn& f = proc.fn();
    if (f.kind == FnKind::lambda) {
      auto fn = std::make_shared<Fn>();
      fn->kind = FnKind::lambda;
      fn->node = f.node;
      fn->input = f.input;
      fn->env = child(f.env);
      for (std::size_t i = 0; i < f.params.size(); ++i) {
        if (i < args.size() && !args[i]) fn->params.push_back(f.params[i]);
        else fn->env->bind(f.params[i], i < args.size() ? *args[i] : Val());
      }
      return Val(std::shared_ptr<const Fn>(fn));
    }
    auto fn = std::make_shared<Fn>();
    fn->kind = FnKind::partial_native;
    fn->builtin = f.builtin;
    if (f.kind == FnKind::native) {
      std::size_t declared = static_cast<std::size_t>(std::max(f.builtin->arity, 0));
      args.resize(std::max(declared, args.size()), Val());
      fn->bound = std::move(args);
    } else {
      // A partial application of something else (regex matcher, transform, partial): call through.
      fn->builtin = nullptr;
      fn->input = proc;
      fn->bound = std::move(args);
    }
    return Val(std::shared_ptr<const Fn>(fn));
  }

  Val eval_apply(const Node* expr, const Val& input, const FramePtr& env) {
    Val lhs = eval(expr->lhs, input, env);
    if (expr->rhs->type == NodeType::function) return eval_function(expr->rhs, input, env, &lhs);
    Val func = eval(expr->rhs, input, env);
    if (!func.is_function()) throw Failure("T2006").at(expr->position).with_value(func);
    if (lhs.is_function()) {
      // function composition: λ($x){ $g($f($x)) }
      auto fn = std::make_shared<Fn>();
      fn->kind = FnKind::compose;
      auto chain = std::make_shared<Arr>();
      chain->items = {lhs, func};
      fn->input = Val(chain);
      return Val(std::shared_ptr<const Fn>(fn));
    }
    return apply(func, {lhs}, Val());
  }

 public:
  Val apply(const Val& proc, std::vector<Val>&& args, const Val& input) { return apply(proc, args, input); }

  // May move from `args`.
  Val apply(const Val& proc, std::vector<Val>& args, const Val& input) {
    Val result = apply_inner(proc, args, input);
    while (result.is_function() && result.fn().kind == FnKind::lambda && result.fn().thunk) {
      const Fn& thunk = result.fn();
      const Node* call = thunk.node->body;
      Val next = eval(call->procedure, thunk.input, thunk.env);
      std::vector<Val> next_args;
      next_args.reserve(call->arguments.size());
      for (const Node* a : call->arguments) next_args.push_back(eval(a, thunk.input, thunk.env));
      try {
        result = apply_inner(next, next_args, input);
      } catch (Failure& f) {
        if (next.is_function() || !f.position) f.position = call->position;
        if (!f.token) f.token = Val::string(procedure_name(call));
        throw;
      }
    }
    return result;
  }

 private:
  Val apply_inner(const Val& proc, std::vector<Val>& args, const Val& input) {
    if (!proc.is_function()) throw Failure("T1006");
    const Fn& fn = proc.fn();
    std::vector<Val> validated;
    const std::vector<Val>* use = &args;
    if (fn.signature) {
      validated = validate_arguments(*fn.signature, args, input);
      use = &validated;
    }
    switch (fn.kind) {
      case FnKind::lambda: {
        auto frame = child(fn.env);
        std::vector<Val>& values = fn.signature ? validated : args;  // ours either way: moved from
        for (std::size_t i = 0; i < fn.params.size(); ++i)
          frame->vars.emplace_back(fn.params[i], i < values.size() ? std::move(values[i]) : Val());
        return eval(fn.node->body, fn.input, frame);
      }
      case FnKind::native: return fn.builtin->impl(*this, fn.signature ? validated : args);
      case FnKind::partial_native: {
        std::vector<Val> full;
        std::size_t next = 0;
        for (const auto& b : fn.bound) {
          if (b) full.push_back(*b);
          else full.push_back(next < use->size() ? (*use)[next++] : Val());
        }
        if (fn.builtin) return fn.builtin->impl(*this, full);
        return apply(fn.input, std::move(full), Val());
      }
      case FnKind::compose: {
        const auto& fg = fn.input.arr().items;
        Val inner = apply(fg[0], {use->empty() ? Val() : (*use)[0]}, Val());
        return apply(fg[1], {inner}, Val());
      }
      case FnKind::regex: return regex_call(fn, *use);
      case FnKind::regex_next: return regex_next(*this, fn);
      case FnKind::transform: return transform(fn, use->empty() ? Val() : (*use)[0]);
    }
    return Val();
  }

  Val regex_call(const Fn& fn, const std::vector<Val>& args) {
    if (args.empty() || !args[0].is_string()) return Val();
    std::shared_ptr<const std::u32string> text = std::make_shared<std::u32string>(to_u32(args[0].str()));
    std::size_t from = args.size() > 1 && args[1].is_number() ? saturate<std::size_t>(args[1].num()) : 0;
    return regex_match_object(fn.regex, fn.position, text, from, false);
  }

 public:
  // The object a regex matcher returns: {match, start, end, groups, next}.
  Val regex_match_object(const std::shared_ptr<const Regex>& regex, std::size_t position,
                         const std::shared_ptr<const std::u32string>& text, std::size_t from, bool is_next) {
    auto m = regex->exec(*text, from);
    if (!m) return Val();
    if (is_next && m->match.empty()) {
      Failure f("D1004");
      f.at(position).with_value(Val::string(regex->source));
      throw f;
    }
    auto obj = make_object();
    obj->set("match", Val::string(from_u32(m->match)));
    obj->set("start", Val::number(static_cast<double>(m->start)));
    obj->set("end", Val::number(static_cast<double>(m->end)));
    auto groups = std::make_shared<Arr>();
    for (const auto& g : m->groups) groups->items.push_back(g ? Val::string(from_u32(*g)) : Val());
    obj->set("groups", Val(groups));
    auto next = std::make_shared<Fn>();
    next->kind = FnKind::regex_next;
    next->regex = regex;
    next->position = position;
    next->subject = text;
    next->last_index = m->end;
    obj->set("next", Val(std::shared_ptr<const Fn>(next)));
    return Val(obj);
  }

 private:
  // Whether `v` is, or holds within its runtime containers, the container `target`.
  static bool holds(const Val& v, const Heap* target) {
    if (v.heap() == target) return true;
    if (v.is_runtime_array()) {
      for (const Val& item : v.arr().items)
        if (holds(item, target)) return true;
    } else if (v.tag() == Tag::object) {
      for (const auto& [k, m] : v.obj().members)
        if (holds(m, target)) return true;
    }
    return false;
  }

  Val transform(const Fn& fn, const Val& obj) {
    if (obj.undefined()) return Val();
    const Node* expr = fn.node;
    Val clone_fn = lookup(fn.env, "clone");
    if (!clone_fn.is_function()) throw Failure("T2013").at(expr->position);
    Val result = clone_fn.fn().kind == FnKind::native ? deep_clone(obj) : apply(clone_fn, {obj}, Val());
    Val matches = eval(expr->pattern, result, fn.env);
    if (matches.undefined()) return result;
    std::vector<Val> list;
    if (matches.is_array()) {
      for (std::size_t i = 0; i < matches.size(); ++i) list.push_back(matches.at(i));
    } else {
      list.push_back(matches);
    }
    for (Val& match : list) {
      Val update = eval(expr->update, match, fn.env);
      if (update.defined()) {
        if (!update.is_object()) throw Failure("T2011").at(expr->update->position).with_value(update);
        if (match.tag() == Tag::object) {
          update.for_each_member([&](const std::string& k, const Val& v) {
            // `|$|{"me": $}|` would make the object hold itself (jsonata-js builds that circular
            // object, which no JSON can write); a snapshot of the value keeps the result finite.
            match.obj_mut().set(k, holds(v, match.heap()) ? deep_clone(v) : v);
          });
        }
      }
      if (expr->remove) {
        Val deletions = eval(expr->remove, match, fn.env);
        if (deletions.defined()) {
          Val original = deletions;
          if (!deletions.is_array()) deletions = Val(make_sequence(deletions));
          if (!is_array_of_strings(deletions)) throw Failure("T2012").at(expr->remove->position).with_value(original);
          if (match.tag() == Tag::object)
            for (std::size_t i = 0; i < deletions.size(); ++i) match.obj_mut().erase(deletions.at(i).str());
        }
      }
    }
    return result;
  }

  // Declared first, so destroyed last: it empties the frames still alive (cycles) once the
  // members below have let go of theirs.
  FrameRegistry frames_;
  const Bindings& bindings_;
  const EvalOptions& options_;
  Entropy own_entropy_;
  Entropy* entropy_ = nullptr;
  std::int64_t now_ = 0;
  std::size_t depth_ = 0;
  std::size_t max_depth_ = kDefaultDepthLimit;
  std::optional<Clock::time_point> deadline_;
  std::uint32_t ticks_ = 0;
  std::uintptr_t stack_limit_ = 0;
  std::uint64_t* budget_ = nullptr;
  FramePtr root_env_;
  Val root_input_;
};

Val run(const Program& program, const Val& input, const Bindings& bindings, const EvalOptions& options) {
  Evaluator evaluator(bindings, options);
  return evaluator.run(program.root, input);
}

// Helpers the built-ins share with the evaluator.
std::optional<bool> boolean_of(const Val& v) { return to_boolean(v); }
Val append_values(const Val& a, const Val& b) { return append(a, b); }
Val lookup_value(const Val& input, std::string_view key) { return lookup_field(input, key); }
std::string string_value(const Val& v) { return Evaluator::string_of(v); }
bool numeric_value(const Val& v) { return is_number_checked(v); }
void sort_values(std::vector<Val>& items, const std::function<bool(const Val&, const Val&)>& swap) {
  Evaluator::merge_sort(items, swap);
}
Val regex_next(Ctx& ctx, const Fn& next_fn) {
  auto& ev = static_cast<Evaluator&>(ctx);
  if (next_fn.last_index >= next_fn.subject->size()) return Val();
  return ev.regex_match_object(next_fn.regex, next_fn.position, next_fn.subject, next_fn.last_index, true);
}

int function_arity(const Val& f) {
  if (!f.is_function()) return 0;
  const Fn& fn = f.fn();
  switch (fn.kind) {
    case FnKind::lambda: return static_cast<int>(fn.params.size());
    case FnKind::native: return fn.builtin->arity;
    case FnKind::partial_native: {
      int n = 0;
      for (const auto& b : fn.bound) n += b ? 0 : 1;
      return n;
    }
    case FnKind::regex: return 2;
    case FnKind::regex_next: return 0;
    case FnKind::transform: return 1;
    case FnKind::compose: return 1;
  }
  return 0;
}

}  // namespace asl::jsonata::detail
