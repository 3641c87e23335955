// timestamp.h — RFC 3339 / ISO-8601 extended offset date-times as AWS reads and prints them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace asl::exec {

// An instant as whole seconds since the epoch plus nanoseconds.
struct Instant {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  friend bool operator==(const Instant&, const Instant&) = default;
  friend auto operator<=>(const Instant&, const Instant&) = default;
  double as_double() const { return static_cast<double>(seconds) + nanos / 1e9; }
};

// date-time = full-date "T" partial-time time-offset ; time-offset = "Z" / ("+" / "-") HH:MM
// with optional fractional seconds (Java's ISO_OFFSET_DATE_TIME: the offset is required).
std::optional<Instant> parse_timestamp(std::string_view text);

// "2023-11-21T06:27:31.545Z": UTC with milliseconds, as the context object shows times.
std::string format_timestamp(Instant t);

// The instant `seconds` (virtual, may be fractional) after `start`.
Instant add_seconds(Instant start, double seconds);

}  // namespace asl::exec
