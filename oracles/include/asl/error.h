// error.h — the one error value the oracle returns (never throws) and the Expected<T> that carries it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace asl {

// Where an error happened: a 1-based line:column in some text, a JSON location (a pointer such as
// "/States/X/Next" or a JSONPath such as "$['a'][0]"), or nothing.
struct Location {
  std::uint32_t line = 0;    // 0 = unknown
  std::uint32_t column = 0;  // 0 = unknown
  std::string pointer;       // empty = none

  bool empty() const { return line == 0 && pointer.empty(); }
  static Location at(std::uint32_t line, std::uint32_t column) { return {line, column, {}}; }
  static Location in(std::string pointer) { return {0, 0, std::move(pointer)}; }
};

// `pointer` + "/" + `key` escaped as a JSON Pointer token (RFC 6901: "~" as "~0", "/" as "~1").
std::string pointer_child(std::string_view pointer, std::string_view key);

// `name` is either an ASL error name (States.Runtime, States.QueryEvaluationError, ...) for a
// failure the executor reports as AWS does, or one of the parse-time codes in namespace errc
// for a failure of the input itself. `message` is the cause text exactly as a user sees it.
struct Error {
  std::string name;
  std::string message;
  Location where;
};

namespace errc {
inline constexpr std::string_view json_syntax = "JSON_SYNTAX";
inline constexpr std::string_view json_limit = "JSON_LIMIT";          // depth, number range
inline constexpr std::string_view jsonpath_syntax = "JSONPATH_SYNTAX";
inline constexpr std::string_view path_not_found = "PATH_NOT_FOUND";  // Jayway PathNotFoundException
inline constexpr std::string_view intrinsic_syntax = "INTRINSIC_SYNTAX";
inline constexpr std::string_view io = "IO";
inline constexpr std::string_view usage = "USAGE";
}  // namespace errc

inline constexpr std::string_view states_runtime = "States.Runtime";

// "file:line:column: message", "file: at /x/y: message" or "message": every user-facing error
// message is formatted here so they all read alike.
std::string format_error(const Error& error, std::string_view source_name = {});

// Either a T or an Error, in the spirit of simdjson_result: the core returns these, and only the
// edges (CLI, tests) turn them into messages or exceptions.
template <class T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Expected(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& { return std::get<1>(state_); }
  Error&& error() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Error> state_;
};

// For operations that produce nothing but may fail.
struct Done {};
using Checked = Expected<Done>;
inline Checked checked_ok() { return Done{}; }

}  // namespace asl
