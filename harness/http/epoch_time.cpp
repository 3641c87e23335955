// epoch_time.cpp — ISO-8601 timestamps (the oracle's) to AWS JSON's epoch seconds and back.
#include "http/epoch_time.h"

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace aslcheck::http {

// "2026-01-01T00:00:02.500Z" (the oracle's UTC form; an offset is honoured) -> seconds.
double epoch_seconds(std::string_view text) {
  std::tm tm{};
  if (text.size() < 19) return 0;
  auto number = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len && i < text.size(); ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  tm.tm_year = number(0, 4) - 1900;
  tm.tm_mon = number(5, 2) - 1;
  tm.tm_mday = number(8, 2);
  tm.tm_hour = number(11, 2);
  tm.tm_min = number(14, 2);
  tm.tm_sec = number(17, 2);
  std::size_t at = 19;
  double fraction = 0;
  if (at < text.size() && text[at] == '.') {
    double scale = 0.1;
    for (++at; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])); ++at, scale /= 10) {
      fraction += (text[at] - '0') * scale;
    }
  }
  double offset = 0;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    offset = (number(at + 1, 2) * 3600 + number(at + 4, 2) * 60) * (text[at] == '+' ? 1 : -1);
  }
  return static_cast<double>(timegm(&tm)) + fraction - offset;
}

std::string iso_timestamp(double seconds) {
  auto whole = static_cast<std::time_t>(std::floor(seconds));
  int millis = static_cast<int>(std::llround((seconds - static_cast<double>(whole)) * 1000));
  if (millis == 1000) {
    ++whole;
    millis = 0;
  }
  std::tm utc{};
  gmtime_r(&whole, &utc);
  char buffer[40];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buffer, millis);
  return out;
}

double now_epoch_seconds() {
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  return static_cast<double>(ms.count()) / 1000.0;
}

}  // namespace aslcheck::http
