// schema_messages.cpp — the texts of schema diagnostics, and the RFC 3339 timestamp check they rely on.
#include <cctype>
#include <string>

#include "asl/schema_walker.h"

namespace asl::detail {
namespace message {
namespace {

std::string bracketed(std::initializer_list<std::string_view> items) {
  std::string out = "[";
  bool first = true;
  for (std::string_view item : items) {
    if (!first) out += ", ";
    first = false;
    out += item;
  }
  out += "]";
  return out;
}

}  // namespace

std::string required(std::initializer_list<std::string_view> fields) {
  return "These fields are required: " + bracketed(fields);
}

std::string required_field(std::string_view field) {
  return "The field '" + std::string(field) + "' is required but was missing";
}

std::string not_supported(std::string_view field) { return "Field '" + std::string(field) + "' is not supported"; }

std::string one_of_values(std::string_view field, std::initializer_list<std::string_view> values) {
  return "The field '" + std::string(field) + "' should have one of these values: " + bracketed(values);
}

std::string only_one_of(std::initializer_list<std::string_view> fields) {
  return "There should only be one of the following fields: " + bracketed(fields);
}

std::string one_required(std::initializer_list<std::string_view> fields) {
  return "One of the following fields is required: " + bracketed(fields);
}

std::string wrong_language(QueryLanguage language, std::string_view field) {
  QueryLanguage other = language == QueryLanguage::jsonpath ? QueryLanguage::jsonata : QueryLanguage::jsonpath;
  return "The QueryLanguage is set to '" + std::string(query_language_name(language)) + "', but field '" +
         std::string(field) + "' is only supported for the '" + std::string(query_language_name(other)) +
         "' QueryLanguage";
}

std::string must_be(std::string_view field, std::string_view what) {
  return "The value for the field '" + std::string(field) + "' must be " + std::string(what);
}

std::string minimum(std::string_view bound) { return "Minimum value is " + std::string(bound); }
std::string maximum(std::string_view bound) { return "Maximum value is " + std::string(bound); }

}  // namespace message

namespace {

bool digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

}  // namespace

// date-time = full-date "T" partial-time time-offset; time-offset = "Z" / ("+" / "-") HH ":" MM
bool is_rfc3339_timestamp(std::string_view text) {
  int year, month, day, hour, minute, second;
  if (!digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' || !digits(text, 5, 2, month) ||
      text[7] != '-' || !digits(text, 8, 2, day) || text[10] != 'T' || !digits(text, 11, 2, hour) ||
      text[13] != ':' || !digits(text, 14, 2, minute) || text[16] != ':' || !digits(text, 17, 2, second)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    std::size_t start = ++at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    if (at == start) return false;
  }
  if (at < text.size() && text[at] == 'Z') return at + 1 == text.size();
  if (at >= text.size() || (text[at] != '+' && text[at] != '-')) return false;
  int offset_hour, offset_minute;
  if (!digits(text, at + 1, 2, offset_hour) || at + 3 >= text.size() || text[at + 3] != ':' ||
      !digits(text, at + 4, 2, offset_minute)) {
    return false;
  }
  return offset_hour <= 23 && offset_minute <= 59 && at + 6 == text.size();
}

}  // namespace asl::detail
