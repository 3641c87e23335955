// epoch_time.h — AWS JSON timestamps are epoch seconds; the oracle prints ISO-8601: both directions, to the millisecond.
#pragma once

#include <string>
#include <string_view>

namespace aslcheck::http {

// "2026-01-01T00:00:02.500Z" (an offset "+01:00" is honoured) -> seconds since the epoch.
double epoch_seconds(std::string_view iso_timestamp);
// Seconds since the epoch -> "2026-01-01T00:00:02.500Z".
std::string iso_timestamp(double epoch_seconds);
// The wall clock, to the millisecond, in seconds since the epoch.
double now_epoch_seconds();

}  // namespace aslcheck::http
