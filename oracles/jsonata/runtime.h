// runtime.h — what a JSONata evaluation passes around: JSON from the input, sequences, constructed arrays and objects, functions.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "asl/value.h"

namespace asl::jsonata::detail {

struct Heap {
  virtual ~Heap() = default;
};
struct Arr;
struct Obj;
struct Fn;

// JSON (input documents, literals, computed scalars) stays an asl::Value, so navigating the input
// never copies it. Arrays and objects the expression builds are runtime containers, because they
// carry jsonata-js's flags (sequence, cons, keepSingleton, tuple streams) and may hold functions.
enum class Tag : std::uint8_t { undefined, json, array, object, function };

class Val {
 public:
  Val() noexcept : tag_(Tag::undefined), borrowed_(false), ref_(nullptr) {}
  Val(asl::Value v) noexcept : tag_(Tag::json), borrowed_(false) { new (&json_) asl::Value(std::move(v)); }
  explicit Val(std::shared_ptr<Arr> a) noexcept;
  explicit Val(std::shared_ptr<Obj> o) noexcept;
  explicit Val(std::shared_ptr<const Fn> f) noexcept;  // defined in function.h

  // JSON that outlives the evaluation (the input document, bindings, literals of the compiled
  // expression) is referred to, not shared: navigating it then costs no reference counting.
  // Members and elements of a borrowed value are borrowed too; of an owned value, owned.
  static Val borrow(const asl::Value& v) noexcept {
    Val r;
    r.tag_ = Tag::json;
    r.borrowed_ = true;
    r.ref_ = &v;
    return r;
  }

  Val(const Val& o) noexcept : tag_(o.tag_), borrowed_(o.borrowed_) { copy_from(o); }
  Val(Val&& o) noexcept : tag_(o.tag_), borrowed_(o.borrowed_) { move_from(std::move(o)); }
  Val& operator=(const Val& o) noexcept {
    if (this != &o) {
      Val copy(o);
      *this = std::move(copy);
    }
    return *this;
  }
  [[gnu::always_inline]] Val& operator=(Val&& o) noexcept {
    if (this != &o) {
      destroy();
      tag_ = o.tag_;
      borrowed_ = o.borrowed_;
      move_from(std::move(o));
    }
    return *this;
  }
  ~Val() { destroy(); }

  static Val number(double d) { return Val(asl::Value(d)); }
  static Val string(std::string s) { return Val(asl::Value(std::move(s))); }
  static Val boolean(bool b) { return Val(asl::Value(b)); }
  static Val null() { return Val(asl::Value()); }

  Tag tag() const { return tag_; }
  bool undefined() const { return tag_ == Tag::undefined; }
  bool defined() const { return tag_ != Tag::undefined; }
  bool is_json() const { return tag_ == Tag::json; }
  bool is_number() const { return tag_ == Tag::json && json().is_number(); }
  bool is_string() const { return tag_ == Tag::json && json().is_string(); }
  bool is_bool() const { return tag_ == Tag::json && json().is_bool(); }
  bool is_null() const { return tag_ == Tag::json && json().is_null(); }
  bool is_array() const { return tag_ == Tag::array || (tag_ == Tag::json && json().is_array()); }
  bool is_object() const { return tag_ == Tag::object || (tag_ == Tag::json && json().is_object()); }
  bool is_function() const { return tag_ == Tag::function; }
  bool is_runtime_array() const { return tag_ == Tag::array; }
  bool is_sequence() const;
  bool is_cons() const;
  bool is_tuple_stream() const;
  bool is_outer_wrapper() const;

  double num() const { return json().as_double(); }
  const std::string& str() const { return json().as_string(); }
  bool boolean_value() const { return json().as_bool(); }
  const asl::Value& json() const { return borrowed_ ? *ref_ : json_; }

  // Arrays (JSON or runtime).
  std::size_t size() const;
  Val at(std::size_t i) const;
  // Objects (JSON or runtime): the member, or undefined.
  Val get(std::string_view key) const;
  // get() trying JSON member position `hint` first (asl::Value::get_at_hint).
  Val get_at_hint(std::string_view key, std::uint32_t& hint) const;
  std::size_t member_count() const;
  template <class F>
  void for_each_member(F&& f) const;  // f(const std::string& key, const Val& value)

  const Arr& arr() const;
  Arr& arr_mut() const;
  const Obj& obj() const;
  Obj& obj_mut() const;
  const Fn& fn() const;  // defined in function.h
  const Heap* heap() const { return runtime() ? heap_.get() : nullptr; }
  long use_count() const { return runtime() ? heap_.use_count() : 0; }

 private:
  // A JSON child of this value: borrowed when this is.
  Val child(const asl::Value& v) const { return borrowed_ ? borrow(v) : Val(v); }
  bool runtime() const { return tag_ >= Tag::array; }
  void copy_from(const Val& o) noexcept {
    if (tag_ == Tag::json) {
      if (borrowed_) ref_ = o.ref_;
      else new (&json_) asl::Value(o.json_);
    } else if (runtime()) {
      new (&heap_) std::shared_ptr<Heap>(o.heap_);
    }
  }
  // Relocates: asl::Value and std::shared_ptr hold no pointers to themselves, so their bytes move
  // as they are and the source is left undefined without running its destructor.
  [[gnu::always_inline]] void move_from(Val&& o) noexcept {
    std::memcpy(static_cast<void*>(storage_), static_cast<const void*>(o.storage_), sizeof storage_);
    o.tag_ = Tag::undefined;
    o.borrowed_ = false;
  }
  [[gnu::always_inline]] void destroy() noexcept {
    if (tag_ == Tag::json) {
      if (!borrowed_) json_.~Value();
    } else if (runtime()) {
      release_heap();
    }
  }
  [[gnu::noinline]] void release_heap() noexcept { heap_.~shared_ptr(); }

  Tag tag_;
  bool borrowed_;
  union {
    const asl::Value* ref_;        // json, borrowed
    asl::Value json_;              // json, owned
    std::shared_ptr<Heap> heap_;   // array, object, function
    alignas(8) unsigned char storage_[16];
  };
  static_assert(sizeof(asl::Value) <= 16 && sizeof(std::shared_ptr<Heap>) <= 16);
};

struct Arr : Heap {
  std::vector<Val> items;
  bool sequence = false;
  bool keep_singleton = false;
  bool cons = false;
  bool outer_wrapper = false;
  bool tuple_stream = false;
};

// Insertion-ordered members with unique keys, hashed once large.
struct Obj : Heap {
  std::vector<std::pair<std::string, Val>> members;
  std::unique_ptr<std::unordered_map<std::string, std::uint32_t>> index;

  const Val* find(std::string_view key) const;
  void set(const std::string& key, Val value);
  void erase(std::string_view key);

 private:
  std::ptrdiff_t index_of(std::string_view key) const;
  void rebuild();
};

inline Val::Val(std::shared_ptr<Arr> a) noexcept : tag_(Tag::array), borrowed_(false) {
  new (&heap_) std::shared_ptr<Heap>(std::move(a));
}
inline Val::Val(std::shared_ptr<Obj> o) noexcept : tag_(Tag::object), borrowed_(false) {
  new (&heap_) std::shared_ptr<Heap>(std::move(o));
}
inline const Arr& Val::arr() const { return *static_cast<const Arr*>(heap_.get()); }
inline Arr& Val::arr_mut() const { return *static_cast<Arr*>(heap_.get()); }
inline const Obj& Val::obj() const { return *static_cast<const Obj*>(heap_.get()); }
inline Obj& Val::obj_mut() const { return *static_cast<Obj*>(heap_.get()); }
inline bool Val::is_sequence() const { return tag_ == Tag::array && arr().sequence; }
inline bool Val::is_cons() const { return tag_ == Tag::array && arr().cons; }
inline bool Val::is_tuple_stream() const { return tag_ == Tag::array && arr().tuple_stream; }
inline bool Val::is_outer_wrapper() const { return tag_ == Tag::array && arr().outer_wrapper; }

inline std::size_t Val::size() const {
  if (tag_ == Tag::array) return arr().items.size();
  if (tag_ == Tag::json) return json().is_array() ? json().as_array().size() : 0;
  return 0;
}
inline Val Val::at(std::size_t i) const {
  if (tag_ == Tag::array) return arr().items[i];
  return child(json().as_array()[i]);
}
inline Val Val::get(std::string_view key) const {
  if (tag_ == Tag::json) {
    const asl::Value* v = json().get(key);
    return v ? child(*v) : Val();
  }
  if (tag_ == Tag::object) {
    const Val* v = obj().find(key);
    return v ? *v : Val();
  }
  return Val();
}
inline Val Val::get_at_hint(std::string_view key, std::uint32_t& hint) const {
  if (tag_ == Tag::json) {
    const asl::Value* v = json().get_at_hint(key, hint);
    return v ? child(*v) : Val();
  }
  return get(key);
}
inline std::size_t Val::member_count() const {
  if (tag_ == Tag::object) return obj().members.size();
  if (tag_ == Tag::json && json().is_object()) return json().as_object().size();
  return 0;
}
template <class F>
void Val::for_each_member(F&& f) const {
  if (tag_ == Tag::object) {
    for (const auto& [k, v] : obj().members) f(k, v);
  } else if (tag_ == Tag::json && json().is_object()) {
    for (const auto& m : json().as_object()) f(m.key, child(m.value));
  }
}

std::shared_ptr<Arr> make_sequence();
std::shared_ptr<Arr> make_sequence(Val first);
Val seq_val(std::shared_ptr<Arr> a);
std::shared_ptr<Obj> make_object();

// jsonata-js's isDeepEqual (numbers by value; object key order ignored).
bool deep_equal(const Val& a, const Val& b);

// Number#toString: shortest round-trip digits in JavaScript's layout (1e+21, 1.5e-7, 100).
std::string js_number_to_string(double d);
// Number(d.toPrecision(15)), as $string and JSON output apply to every number.
double to_precision_15(double d);
// JSON.stringify (with $string's replacer when `for_string`: numbers to 15 digits, functions as "").
// `indent` > 0 pretty-prints as JSON.stringify(v, f, indent) does.
void stringify(std::string& out, const Val& v, bool for_string, int indent = 0, int level = 0);
std::string stringify(const Val& v, bool for_string = false);
// A JSON string literal as JSON.stringify writes it.
void stringify_string(std::string& out, std::string_view s);

// To asl::Value for the API: integral doubles within ±2^53 become integers, functions "" (as
// JSON output of jsonata-js's $string would), undefined members are dropped.
asl::Value to_value(const Val& v);

// The JSON clone jsonata-js's $clone makes (JSON.parse($string(v))), as runtime containers that
// the transform operator may then edit in place.
Val deep_clone(const Val& v);

// A double as an integer type without undefined behaviour: NaN is 0, values out of range saturate
// (expression values reach index and count conversions unchecked: `a[1e21]`, `$round(x, 1e300)`).
template <class T>
T saturate(double d) {
  if (std::isnan(d)) return 0;
  if (d <= static_cast<double>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
  if (d >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
  return static_cast<T>(d);
}

// Code points of a UTF-8 string (what jsonata-js's stringToArray splits into).
std::u32string to_u32(std::string_view s);
std::string from_u32(std::u32string_view s);
void append_utf8(std::string& out, char32_t cp);
std::size_t code_point_count(std::string_view s);

}  // namespace asl::jsonata::detail
