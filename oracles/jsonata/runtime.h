// runtime.h — what a JSONata evaluation passes around: JSON from the input, sequences, constructed arrays and objects, functions.
#pragma once

#include <cstdint>
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
  Val() = default;
  Val(asl::Value v) : tag_(Tag::json), json_(std::move(v)) {}
  explicit Val(std::shared_ptr<Arr> a);
  explicit Val(std::shared_ptr<Obj> o);
  explicit Val(std::shared_ptr<const Fn> f);  // defined in function.h

  static Val number(double d) { return Val(asl::Value(d)); }
  static Val string(std::string s) { return Val(asl::Value(std::move(s))); }
  static Val boolean(bool b) { return Val(asl::Value(b)); }
  static Val null() { return Val(asl::Value()); }

  Tag tag() const { return tag_; }
  bool undefined() const { return tag_ == Tag::undefined; }
  bool defined() const { return tag_ != Tag::undefined; }
  bool is_json() const { return tag_ == Tag::json; }
  bool is_number() const { return tag_ == Tag::json && json_.is_number(); }
  bool is_string() const { return tag_ == Tag::json && json_.is_string(); }
  bool is_bool() const { return tag_ == Tag::json && json_.is_bool(); }
  bool is_null() const { return tag_ == Tag::json && json_.is_null(); }
  bool is_array() const { return tag_ == Tag::array || (tag_ == Tag::json && json_.is_array()); }
  bool is_object() const { return tag_ == Tag::object || (tag_ == Tag::json && json_.is_object()); }
  bool is_function() const { return tag_ == Tag::function; }
  bool is_runtime_array() const { return tag_ == Tag::array; }
  bool is_sequence() const;
  bool is_cons() const;
  bool is_tuple_stream() const;
  bool is_outer_wrapper() const;

  double num() const { return json_.as_double(); }
  const std::string& str() const { return json_.as_string(); }
  bool boolean_value() const { return json_.as_bool(); }
  const asl::Value& json() const { return json_; }

  // Arrays (JSON or runtime).
  std::size_t size() const;
  Val at(std::size_t i) const;
  // Objects (JSON or runtime): the member, or undefined.
  Val get(std::string_view key) const;
  std::size_t member_count() const;
  template <class F>
  void for_each_member(F&& f) const;  // f(const std::string& key, const Val& value)

  const Arr& arr() const;
  Arr& arr_mut() const;
  const Obj& obj() const;
  Obj& obj_mut() const;
  const Fn& fn() const;  // defined in function.h
  const Heap* heap() const { return heap_.get(); }
  long use_count() const { return heap_.use_count(); }

 private:
  Tag tag_ = Tag::undefined;
  asl::Value json_;
  std::shared_ptr<Heap> heap_;
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

inline Val::Val(std::shared_ptr<Arr> a) : tag_(Tag::array), heap_(std::move(a)) {}
inline Val::Val(std::shared_ptr<Obj> o) : tag_(Tag::object), heap_(std::move(o)) {}
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
  if (tag_ == Tag::json) return json_.is_array() ? json_.as_array().size() : 0;
  return 0;
}
inline Val Val::at(std::size_t i) const {
  if (tag_ == Tag::array) return arr().items[i];
  return Val(json_.as_array()[i]);
}
inline Val Val::get(std::string_view key) const {
  if (tag_ == Tag::json) {
    const asl::Value* v = json_.get(key);
    return v ? Val(*v) : Val();
  }
  if (tag_ == Tag::object) {
    const Val* v = obj().find(key);
    return v ? *v : Val();
  }
  return Val();
}
inline std::size_t Val::member_count() const {
  if (tag_ == Tag::object) return obj().members.size();
  if (tag_ == Tag::json && json_.is_object()) return json_.as_object().size();
  return 0;
}
template <class F>
void Val::for_each_member(F&& f) const {
  if (tag_ == Tag::object) {
    for (const auto& [k, v] : obj().members) f(k, v);
  } else if (tag_ == Tag::json && json_.is_object()) {
    for (const auto& m : json_.as_object()) f(m.key, Val(m.value));
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

// Code points of a UTF-8 string (what jsonata-js's stringToArray splits into).
std::u32string to_u32(std::string_view s);
std::string from_u32(std::u32string_view s);
void append_utf8(std::string& out, char32_t cp);
std::size_t code_point_count(std::string_view s);

}  // namespace asl::jsonata::detail
