// value.cpp — storage, copy-on-write, deep equality and hashing of asl::Value.
#include "asl/value.h"

#include <cmath>
#include <cstring>
#include <functional>

namespace asl {

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::null: return "null";
    case Kind::boolean: return "boolean";
    case Kind::integer:
    case Kind::big_integer:
    case Kind::real: return "number";
    case Kind::string: return "string";
    case Kind::array: return "array";
    case Kind::object: return "object";
  }
  return "unknown";
}

Value::Value(std::string_view s) : kind_(Kind::string) {
  auto* rep = new detail::StringRep;
  rep->text.assign(s.data(), s.size());
  p_ = rep;
}

Value::Value(std::string&& s) : kind_(Kind::string) {
  auto* rep = new detail::StringRep;
  rep->text = std::move(s);
  p_ = rep;
}

Value::Value(Array items) : kind_(Kind::array) {
  auto* rep = new detail::ArrayRep;
  rep->items = std::move(items);
  p_ = rep;
}

Value::Value(Object members) : kind_(Kind::object) {
  auto* rep = new detail::ObjectRep;
  rep->members = std::move(members);
  p_ = rep;
}

Value Value::big_integer(std::string_view digits) {
  Value v;
  auto* rep = new detail::BigIntRep;
  rep->digits.assign(digits.data(), digits.size());
  rep->approx = std::strtod(rep->digits.c_str(), nullptr);
  v.kind_ = Kind::big_integer;
  v.p_ = rep;
  return v;
}

Value Value::number(double d) {
  if (std::isfinite(d) && d == std::trunc(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0 &&
      !(d == 0 && std::signbit(d))) {
    return Value(static_cast<std::int64_t>(d));
  }
  return Value(d);
}

void Value::release_slow() noexcept {
  if (p_->refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
  switch (kind_) {
    case Kind::string: delete static_cast<detail::StringRep*>(p_); break;
    case Kind::big_integer: delete static_cast<detail::BigIntRep*>(p_); break;
    case Kind::array: delete static_cast<detail::ArrayRep*>(p_); break;
    case Kind::object: delete static_cast<detail::ObjectRep*>(p_); break;
    default: break;
  }
}

bool Value::is_integral() const {
  switch (kind_) {
    case Kind::integer:
    case Kind::big_integer: return true;
    case Kind::real: return std::isfinite(d_) && d_ == std::trunc(d_);
    default: return false;
  }
}

double Value::as_double() const {
  switch (kind_) {
    case Kind::integer: return static_cast<double>(i_);
    case Kind::real: return d_;
    case Kind::big_integer: return static_cast<const detail::BigIntRep*>(p_)->approx;
    default: return 0.0;
  }
}

Array& Value::mutable_array() {
  if (p_->refs.load(std::memory_order_acquire) != 1) {
    auto* copy = new detail::ArrayRep;
    copy->items = as_array();
    release();
    p_ = copy;
  }
  p_->written_size.store(-2, std::memory_order_relaxed);
  return static_cast<detail::ArrayRep*>(p_)->items;
}

Object& Value::mutable_object() {
  if (p_->refs.load(std::memory_order_acquire) != 1) {
    auto* copy = new detail::ObjectRep;
    copy->members = as_object();
    release();
    p_ = copy;
  }
  p_->written_size.store(-2, std::memory_order_relaxed);
  return static_cast<detail::ObjectRep*>(p_)->members;
}

const Value* Value::get(std::string_view key) const {
  return kind_ == Kind::object ? as_object().find(key) : nullptr;
}

namespace {

// Compares two numbers exactly: integers as integers, an integer against a double through long
// double (64-bit mantissa on x86-64, exact for every int64), big integers by their digits.
int compare_numbers(const Value& a, const Value& b) {
  if (a.kind() == Kind::integer && b.kind() == Kind::integer) {
    return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
  }
  if (a.kind() == Kind::big_integer && b.kind() == Kind::big_integer && a.big_digits() == b.big_digits()) return 0;
  long double x = a.kind() == Kind::integer ? static_cast<long double>(a.as_int()) : a.as_double();
  long double y = b.kind() == Kind::integer ? static_cast<long double>(b.as_int()) : b.as_double();
  if (a.kind() == Kind::big_integer) x = std::strtold(a.big_digits().c_str(), nullptr);
  if (b.kind() == Kind::big_integer) y = std::strtold(b.big_digits().c_str(), nullptr);
  return x < y ? -1 : (x > y ? 1 : 0);
}

std::size_t mix(std::size_t h, std::size_t v) {
  return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

std::size_t hash_number(const Value& v) {
  if (v.kind() == Kind::integer) return std::hash<std::int64_t>{}(v.as_int());
  double d = v.as_double();
  if (d == std::trunc(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
    return std::hash<std::int64_t>{}(static_cast<std::int64_t>(d));  // hashes like the integer it equals
  }
  if (d == 0) d = 0;  // -0.0 == 0.0
  std::uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return std::hash<std::uint64_t>{}(bits);
}

}  // namespace

bool operator==(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) return compare_numbers(a, b) == 0;
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::null: return true;
    case Kind::boolean: return a.as_bool() == b.as_bool();
    case Kind::string: return a.as_string() == b.as_string();
    case Kind::array: {
      if (a.same_container(b)) return true;
      const Array& x = a.as_array();
      const Array& y = b.as_array();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!(x[i] == y[i])) return false;
      }
      return true;
    }
    case Kind::object: {
      if (a.same_container(b)) return true;
      const Object& x = a.as_object();
      const Object& y = b.as_object();
      if (x.size() != y.size()) return false;
      for (const Member& m : x) {
        const Value* other = y.find(m.key);
        if (other == nullptr || !(m.value == *other)) return false;
      }
      return true;
    }
    default: return false;
  }
}

std::size_t Value::hash() const {
  switch (kind_) {
    case Kind::null: return 0x6e756c6cULL;
    case Kind::boolean: return b_ ? 0x74727565ULL : 0x66616c73ULL;
    case Kind::integer:
    case Kind::big_integer:
    case Kind::real: return hash_number(*this);
    case Kind::string: return std::hash<std::string_view>{}(as_string());
    case Kind::array: {
      std::size_t h = 0xa77a7ULL;
      for (const Value& item : as_array()) h = mix(h, item.hash());
      return h;
    }
    case Kind::object: {
      // Order-independent: a sum of per-member hashes, since member order does not affect ==.
      std::size_t sum = 0x0b1ec7ULL;
      for (const Member& m : as_object()) sum += mix(std::hash<std::string_view>{}(m.key), m.value.hash());
      return sum;
    }
  }
  return 0;
}

// ---- Object ----

Object::Object(std::initializer_list<Member> members) {
  members_.reserve(members.size());
  for (const Member& m : members) set(m.key, m.value);
}

Object::Object(const Object& other) : members_(other.members_) {
  if (other.index_) index_ = std::make_unique<std::unordered_map<std::string, std::uint32_t>>(*other.index_);
}

Object& Object::operator=(const Object& other) {
  if (this != &other) {
    members_ = other.members_;
    index_.reset();
    if (other.index_) index_ = std::make_unique<std::unordered_map<std::string, std::uint32_t>>(*other.index_);
  }
  return *this;
}

std::ptrdiff_t Object::index_of(std::string_view key) const {
  if (index_) {
    auto it = index_->find(std::string(key));
    return it == index_->end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
  }
  // Small objects scan linearly; comparing length and first byte first skips most memcmp calls.
  const std::size_t n = key.size();
  const char first = n > 0 ? key[0] : '\0';
  for (std::size_t i = 0; i < members_.size(); ++i) {
    const std::string& k = members_[i].key;
    if (k.size() != n || (n > 0 && k[0] != first)) continue;
    if (n == 0 || std::memcmp(k.data(), key.data(), n) == 0) return static_cast<std::ptrdiff_t>(i);
  }
  return -1;
}

const Value* Object::find(std::string_view key) const {
  std::ptrdiff_t i = index_of(key);
  return i < 0 ? nullptr : &members_[static_cast<std::size_t>(i)].value;
}

const Value* Object::find_and_hint(std::string_view key, std::uint32_t& hint) const {
  std::ptrdiff_t i = index_of(key);
  if (i < 0) return nullptr;
  hint = static_cast<std::uint32_t>(i);
  return &members_[static_cast<std::size_t>(i)].value;
}

Value* Object::find_mutable(std::string_view key) {
  std::ptrdiff_t i = index_of(key);
  return i < 0 ? nullptr : &members_[static_cast<std::size_t>(i)].value;
}

void Object::set(std::string key, Value value) {
  std::ptrdiff_t i = index_of(key);
  if (i >= 0) {
    members_[static_cast<std::size_t>(i)].value = std::move(value);
    return;
  }
  append_unique(std::move(key), std::move(value));
}

void Object::append_unique(std::string key, Value value) {
  if (index_) {
    index_->emplace(key, static_cast<std::uint32_t>(members_.size()));
  }
  members_.push_back(Member{std::move(key), std::move(value)});
  if (!index_ && members_.size() >= kIndexThreshold) rebuild_index();
}

void Object::append_unique_copy(const std::string& key, Value value) {
  if (index_) index_->emplace(key, static_cast<std::uint32_t>(members_.size()));
  members_.emplace_back(key, std::move(value));  // built in place: no temporary Member
  if (!index_ && members_.size() >= kIndexThreshold) rebuild_index();
}

bool Object::erase(std::string_view key) {
  std::ptrdiff_t i = index_of(key);
  if (i < 0) return false;
  members_.erase(members_.begin() + i);
  if (index_) rebuild_index();
  return true;
}

void Object::rebuild_index() {
  index_ = std::make_unique<std::unordered_map<std::string, std::uint32_t>>();
  index_->reserve(members_.size() * 2);
  for (std::size_t i = 0; i < members_.size(); ++i) index_->emplace(members_[i].key, static_cast<std::uint32_t>(i));
}

}  // namespace asl
