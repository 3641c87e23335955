// value.h — the JSON value the oracle passes around: immutable once shared, cheap to copy, ordered objects.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <unordered_map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "asl/error.h"

namespace asl {

// Numbers keep the distinction Jackson keeps, because AWS prints them with Jackson:
// `integer` for integral lexemes that fit in 64 bits, `big_integer` for longer integral lexemes
// (kept digit for digit, as Jackson's BigIntegerNode), `real` for everything with a fraction or
// an exponent (a double, as Jackson's DoubleNode). Equality is numeric across all three.
enum class Kind : std::uint8_t { null, boolean, integer, big_integer, real, string, array, object };

std::string_view kind_name(Kind kind);  // "null", "boolean", "number", "string", "array", "object"

class Value;
struct Member;

namespace detail {
struct Rep {
  mutable std::atomic<std::uint32_t> refs{1};
  // json::written_size of an array or object, once computed: -1 unknown, -2 never (the container
  // was handed out for mutation, so a cached size could go stale).
  mutable std::atomic<std::int64_t> written_size{-1};
};
struct StringRep;
struct BigIntRep;
struct ArrayRep;
struct ObjectRep;
}  // namespace detail

class Object;
using Array = std::vector<Value>;

class Value {
 public:
  Value() noexcept : kind_(Kind::null), i_(0) {}
  Value(std::nullptr_t) noexcept : Value() {}
  Value(bool b) noexcept : kind_(Kind::boolean), b_(b) {}
  Value(int i) noexcept : kind_(Kind::integer), i_(i) {}
  Value(std::int64_t i) noexcept : kind_(Kind::integer), i_(i) {}
  Value(double d) noexcept : kind_(Kind::real), d_(d) {}
  Value(std::string_view s);
  Value(const std::string& s) : Value(std::string_view(s)) {}
  Value(std::string&& s);
  Value(const char* s) : Value(std::string_view(s)) {}
  Value(Array items);
  Value(Object members);

  // An integer lexeme beyond 64 bits ("-"? digits), kept as written.
  static Value big_integer(std::string_view digits);
  // The JSON value of a double that may be integral: integral doubles within 2^63 become integers.
  static Value number(double d);

  Value(const Value& other) noexcept : kind_(other.kind_), i_(other.i_) { retain(); }
  Value(Value&& other) noexcept : kind_(other.kind_), i_(other.i_) {
    other.kind_ = Kind::null;
    other.i_ = 0;
  }
  Value& operator=(const Value& other) noexcept {
    if (this != &other) {
      other.retain();
      release();
      kind_ = other.kind_;
      i_ = other.i_;
    }
    return *this;
  }
  Value& operator=(Value&& other) noexcept {
    if (this != &other) {
      release();
      kind_ = other.kind_;
      i_ = other.i_;
      other.kind_ = Kind::null;
      other.i_ = 0;
    }
    return *this;
  }
  ~Value() { release(); }

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::null; }
  bool is_bool() const { return kind_ == Kind::boolean; }
  bool is_number() const { return kind_ == Kind::integer || kind_ == Kind::big_integer || kind_ == Kind::real; }
  bool is_integer() const { return kind_ == Kind::integer; }  // fits in int64
  bool is_string() const { return kind_ == Kind::string; }
  bool is_array() const { return kind_ == Kind::array; }
  bool is_object() const { return kind_ == Kind::object; }
  bool is_container() const { return kind_ == Kind::array || kind_ == Kind::object; }
  // True for integer and big_integer, and for reals with no fractional part.
  bool is_integral() const;

  bool as_bool() const { return b_; }
  std::int64_t as_int() const { return i_; }  // only when is_integer()
  double as_double() const;                   // any number
  const std::string& as_string() const;       // only when is_string()
  const std::string& big_digits() const;      // only when kind() == big_integer
  const Array& as_array() const;
  const Object& as_object() const;
  // Copy-on-write access: clones the container first when it is shared.
  Array& mutable_array();
  Object& mutable_object();

  // Object member or nullptr (also nullptr when this is not an object).
  const Value* get(std::string_view key) const;
  // get() trying member position `hint` first, and leaving the position found there: a compiled
  // path reading documents of one shape over and over finds each key at its first compare.
  const Value* get_at_hint(std::string_view key, std::uint32_t& hint) const;
  // Array element or nullptr.
  const Value* at(std::size_t index) const;
  std::size_t size() const;  // members or elements; 0 for scalars

  // Deep equality; numbers compare numerically (1 == 1.0), object member order is ignored.
  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }
  // Consistent with ==: equal values hash alike.
  std::size_t hash() const;

  // The cached json::written_size of a container (-1 when unknown), and storing it; containers
  // ever handed out by mutable_array()/mutable_object() never cache.
  std::int64_t cached_written_size() const {
    return is_container() ? p_->written_size.load(std::memory_order_relaxed) : -1;
  }
  void cache_written_size(std::int64_t size) const {
    std::int64_t unknown = -1;
    if (is_container()) p_->written_size.compare_exchange_strong(unknown, size, std::memory_order_relaxed);
  }

  // Whether two values share the same container (no deep comparison).
  bool same_container(const Value& other) const { return is_container() && kind_ == other.kind_ && p_ == other.p_; }

 private:
  void retain() const noexcept {
    if (kind_ >= Kind::big_integer && kind_ != Kind::real) p_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  void release() noexcept {
    if (kind_ >= Kind::big_integer && kind_ != Kind::real) release_slow();
  }
  void release_slow() noexcept;

  Kind kind_;
  union {
    bool b_;
    std::int64_t i_;
    double d_;
    detail::Rep* p_;
  };
};

struct Member {
  // Constructed in place by builders (emplace_back(key, value)): copy-constructing a short key
  // is cheaper than default-constructing it and assigning.
  Member() = default;
  Member(const std::string& k, Value v) : key(k), value(std::move(v)) {}
  Member(std::string&& k, Value v) : key(std::move(k)), value(std::move(v)) {}

  std::string key;
  Value value;
};

// An object: members in insertion order (AWS keeps input order), unique keys, lookup by key
// (linear for small objects, hashed once an object reaches kIndexThreshold members).
class Object {
 public:
  static constexpr std::size_t kIndexThreshold = 16;

  Object() = default;
  Object(std::initializer_list<Member> members);
  Object(const Object& other);
  Object(Object&&) noexcept = default;
  Object& operator=(const Object& other);
  Object& operator=(Object&&) noexcept = default;

  std::size_t size() const { return members_.size(); }
  bool empty() const { return members_.empty(); }
  const Value* find(std::string_view key) const;
  // find() trying member position `hint` first (inline: compiled paths call it for every step).
  const Value* find_at_hint(std::string_view key, std::uint32_t& hint) const {
    if (hint < members_.size()) {
      const std::string& k = members_[hint].key;
      if (k.size() == key.size() && detail_equal_bytes(k.data(), key.data(), key.size())) return &members_[hint].value;
    }
    return find_and_hint(key, hint);
  }
  Value* find_mutable(std::string_view key);
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  // Overwrites in place (keeping the key's position) or appends.
  void set(std::string key, Value value);
  // Appends without looking for the key: only for builders that know keys are unique.
  void append_unique(std::string key, Value value);
  // append_unique copying the key straight into place (templates append their constant keys).
  void append_unique_copy(const std::string& key, Value value);
  bool erase(std::string_view key);
  void reserve(std::size_t n) { members_.reserve(n); }

  auto begin() const { return members_.cbegin(); }
  auto end() const { return members_.cend(); }
  const Member& operator[](std::size_t i) const { return members_[i]; }
  const std::vector<Member>& members() const { return members_; }

 private:
  // Short keys are compared inline: a call into memcmp costs more than the compare itself.
  static bool detail_equal_bytes(const char* a, const char* b, std::size_t n) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  const Value* find_and_hint(std::string_view key, std::uint32_t& hint) const;
  std::ptrdiff_t index_of(std::string_view key) const;
  void rebuild_index();

  std::vector<Member> members_;
  std::unique_ptr<std::unordered_map<std::string, std::uint32_t>> index_;
};

namespace detail {
struct StringRep : Rep {
  std::string text;
};
struct BigIntRep : Rep {
  std::string digits;
  double approx;
};
struct ArrayRep : Rep {
  Array items;
};
struct ObjectRep : Rep {
  Object members;
};
}  // namespace detail

// The accessors are inline: every path step and template field goes through them.
inline const std::string& Value::as_string() const { return static_cast<const detail::StringRep*>(p_)->text; }
inline const std::string& Value::big_digits() const { return static_cast<const detail::BigIntRep*>(p_)->digits; }
inline const Array& Value::as_array() const { return static_cast<const detail::ArrayRep*>(p_)->items; }
inline const Object& Value::as_object() const { return static_cast<const detail::ObjectRep*>(p_)->members; }

inline const Value* Value::get_at_hint(std::string_view key, std::uint32_t& hint) const {
  return kind_ == Kind::object ? as_object().find_at_hint(key, hint) : nullptr;
}

inline const Value* Value::at(std::size_t index) const {
  if (kind_ != Kind::array) return nullptr;
  const Array& items = as_array();
  return index < items.size() ? &items[index] : nullptr;
}

inline std::size_t Value::size() const {
  if (kind_ == Kind::array) return as_array().size();
  if (kind_ == Kind::object) return as_object().size();
  return 0;
}

struct ValueHash {
  std::size_t operator()(const Value& v) const { return v.hash(); }
};

}  // namespace asl
