// function.h — function values (lambdas, built-ins, partial applications, regex matchers, transforms), frames, signatures and the evaluation failure.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "asl/scope.h"
#include "jsonata/ast.h"
#include "jsonata/runtime.h"

namespace asl::jsonata::detail {

// A jsonata-js error object while it unwinds. Evaluation errors cross arbitrarily deep recursion
// through user lambdas and higher-order built-ins, and jsonata-js adds position and token on the way
// out; an internal exception, caught in the public evaluate(), models that without threading an
// Expected through every step of the hot path. It never escapes the engine.
struct Failure {
  std::string code;
  std::optional<std::size_t> position;
  std::optional<Val> token;  // a string, or a literal token of the parser
  std::optional<Val> value;  // engaged even when the value is undefined: {{value}} prints "undefined"
  std::optional<Val> value2;
  std::optional<int> index;
  std::string type;
  std::optional<Val> exp;
  std::string function_name;
  std::string message;  // D3137/D3141 and anything without a template

  explicit Failure(std::string c) : code(std::move(c)) {}
  Failure& at(std::size_t p) { position = p; return *this; }
  Failure& with_token(std::string t) { token = Val::string(std::move(t)); return *this; }
  Failure& with_token(Val t) { token = std::move(t); return *this; }
  Failure& with_value(Val v) { value = std::move(v); return *this; }
  Failure& with_value2(Val v) { value2 = std::move(v); return *this; }
  Failure& with_index(int i) { index = i; return *this; }
};

// The message jsonata-js's populateMessage() makes from its template.
std::string failure_message(const Failure& f);

struct Frame;

// The frames one evaluation made that are still alive. A closure bound in the frame it captures
// (`$f := function(){ ... $f ... }`) makes a reference cycle; at the end of the evaluation the
// registry empties every frame still alive, which breaks every such cycle.
class FrameRegistry {
 public:
  FrameRegistry() = default;
  FrameRegistry(const FrameRegistry&) = delete;
  FrameRegistry& operator=(const FrameRegistry&) = delete;
  ~FrameRegistry() { release_all(); }
  void add(Frame* f);
  void remove(Frame* f);
  void release_all();

 private:
  Frame* head_ = nullptr;
};

struct Frame {
  Frame() = default;
  Frame(const Frame&) = delete;
  Frame& operator=(const Frame&) = delete;
  ~Frame() {
    if (registry) registry->remove(this);
  }

  std::shared_ptr<Frame> parent;
  // Most frames bind a lambda's few parameters: kept inline, a call allocates only the frame.
  boost::container::small_vector<std::pair<std::string, Val>, 3> vars;

  const Val* find_local(std::string_view name) const {
    for (auto it = vars.rbegin(); it != vars.rend(); ++it)
      if (it->first == name) return &it->second;
    return nullptr;
  }
  void bind(std::string_view name, Val value) {
    for (auto& [k, v] : vars)
      if (k == name) {
        v = std::move(value);
        return;
      }
    vars.emplace_back(std::string(name), std::move(value));
  }

  // Links in the registry of the evaluation that made this frame.
  FrameRegistry* registry = nullptr;
  Frame* prev = nullptr;
  Frame* next = nullptr;
};

inline void FrameRegistry::add(Frame* f) {
  f->registry = this;
  f->prev = nullptr;
  f->next = head_;
  if (head_) head_->prev = f;
  head_ = f;
}

inline void FrameRegistry::remove(Frame* f) {
  if (f->prev) f->prev->next = f->next;
  else head_ = f->next;
  if (f->next) f->next->prev = f->prev;
  f->registry = nullptr;
}

inline void FrameRegistry::release_all() {
  // Moving the bindings out destroys nothing, so the walk is safe; dropping them afterwards
  // frees what the cycles held (frames dying then are already unlinked).
  std::vector<decltype(Frame::vars)> bindings;
  for (Frame* f = head_; f;) {
    Frame* next = f->next;
    bindings.push_back(std::move(f->vars));
    f->vars.clear();
    f->registry = nullptr;
    f->prev = f->next = nullptr;
    f = next;
  }
  head_ = nullptr;
}
using FramePtr = std::shared_ptr<Frame>;

// A parsed function signature such as <s-nn?:s>, validating and fixing up arguments as
// jsonata-js's signature.js does (context substitution for '-', singleton-to-array for 'a').
struct SigParam {
  std::string symbols;  // the type letters accepted (plus 'm', missing, where the regex has it)
  char type = 0;        // s n b l o a f j x or '(' for a choice
  bool array = false;
  bool context = false;
  std::string context_symbols;
  char modifier = 0;    // 0, '?' or '+'
  std::string subtype;
};

struct Signature {
  std::string definition;
  std::vector<SigParam> params;
};

// Parses a signature; on error fills code (S0401/S0402), value and offset and returns null.
std::shared_ptr<const Signature> parse_signature(std::string_view text, std::string& code, std::string& value,
                                                 std::size_t& offset);
std::vector<Val> validate_arguments(const Signature& sig, std::vector<Val>& args, const Val& context);

class Ctx;
using NativeImpl = Val (*)(Ctx& ctx, std::vector<Val>& args);

struct Builtin {
  std::string_view name;
  std::string_view signature_text;
  int arity;  // what jsonata-js's implementation.length reports (higher-order functions look at it)
  NativeImpl impl;
  std::shared_ptr<const Signature> signature;
  std::shared_ptr<const Fn> value;  // the function value `$name` evaluates to, made once
};

// The built-in function table (standard library, AWS additions, $now/$millis; no $eval).
const Builtin* find_builtin(std::string_view name);

enum class FnKind : std::uint8_t { lambda, native, partial_native, regex, regex_next, transform, compose };

struct Fn : Heap {
  FnKind kind = FnKind::lambda;
  // lambda: parameters, body and signature; also used for partially applied lambdas
  const Node* node = nullptr;
  std::vector<std::string> params;
  const Signature* signature = nullptr;
  Val input;
  FramePtr env;
  bool thunk = false;
  // native / partial_native
  const Builtin* builtin = nullptr;
  std::vector<std::optional<Val>> bound;  // partial_native: nullopt marks a '?' placeholder
  // regex (a matcher) and regex_next (the `next` of a match: the subject and lastIndex)
  std::shared_ptr<const Regex> regex;
  std::size_t position = 0;
  std::shared_ptr<const std::u32string> subject;
  std::size_t last_index = 0;
  // partial_native over a non-native target, and compose (f ~> g): the target(s) in `input`
  // the transform node for FnKind::transform (with env)
};

inline Val::Val(std::shared_ptr<const Fn> f) noexcept : tag_(Tag::function), borrowed_(false) {
  new (&heap_) std::shared_ptr<Heap>(std::const_pointer_cast<Fn>(std::move(f)));
}
inline const Fn& Val::fn() const { return *static_cast<const Fn*>(heap_.get()); }

// What built-ins may ask of the evaluator.
class Ctx {
 public:
  virtual ~Ctx() = default;
  // Calls `function`; it may move from `args` (higher-order built-ins refill one vector per item).
  virtual Val call(const Val& function, std::vector<Val>& args) = 0;
  Val call(const Val& function, std::vector<Val>&& args) { return call(function, args); }
  virtual Entropy& entropy() = 0;
  virtual std::int64_t now_millis() = 0;
  virtual const Val& input() = 0;
  // Spends `units` of EvalOptions::work_budget (when there is one) before a built-in builds
  // something of that size; throws once the budget is spent.
  virtual void charge(std::size_t units) = 0;
};

// jsonata-js's getFunctionArity.
int function_arity(const Val& f);

}  // namespace asl::jsonata::detail
