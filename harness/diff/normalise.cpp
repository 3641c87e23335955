// normalise.cpp — placeholders for what carries a target's account, clock and randomness: ARNs, UUIDs, ISO 8601 timestamps.
#include <cctype>

#include "aslcheck/diff.h"

namespace aslcheck {
namespace {

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// uuid := hex{8} "-" hex{4} "-" hex{4} "-" hex{4} "-" hex{12}
std::size_t uuid_length(std::string_view s, std::size_t at) {
  static constexpr int kGroups[] = {8, 4, 4, 4, 12};
  std::size_t i = at;
  for (int g = 0; g < 5; ++g) {
    if (g > 0) {
      if (i >= s.size() || s[i] != '-') return 0;
      ++i;
    }
    for (int k = 0; k < kGroups[g]; ++k, ++i) {
      if (i >= s.size() || !is_hex(s[i])) return 0;
    }
  }
  if (i < s.size() && is_hex(s[i])) return 0;  // part of a longer hex run
  return i - at;
}

// timestamp := d{4} "-" d{2} "-" d{2} "T" d{2} ":" d{2} ":" d{2} ("." d+)? ("Z" | ("+"|"-") d{2} ":"? d{2})?
std::size_t timestamp_length(std::string_view s, std::size_t at) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (at + kShape.size() > s.size()) return 0;
  for (std::size_t k = 0; k < kShape.size(); ++k) {
    char c = s[at + k];
    if (kShape[k] == 'd' ? !is_digit(c) : c != kShape[k]) return 0;
  }
  std::size_t i = at + kShape.size();
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j > i + 1) i = j;
  }
  if (i < s.size() && s[i] == 'Z') return i + 1 - at;
  if (i + 5 <= s.size() && (s[i] == '+' || s[i] == '-') && is_digit(s[i + 1]) && is_digit(s[i + 2])) {
    std::size_t j = i + 3;
    if (j < s.size() && s[j] == ':') ++j;
    if (j + 2 <= s.size() && is_digit(s[j]) && is_digit(s[j + 1])) return j + 2 - at;
  }
  return i - at;
}

// arn := "arn:" partition ":" service ":" region? ":" account? ":" resource, up to a space, a quote
// or a closing bracket.
std::size_t arn_length(std::string_view s, std::size_t at) {
  if (s.substr(at, 4) != "arn:") return 0;
  if (at > 0 && (std::isalnum(static_cast<unsigned char>(s[at - 1])) != 0)) return 0;
  std::size_t i = at + 4;
  int colons = 1;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c)) != 0 || c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' ||
        c == ',') {
      break;
    }
    if (c == ':') ++colons;
    ++i;
  }
  return colons >= 5 ? i - at : 0;
}

bool normalise_in_place(std::string& text) {
  // Quick exit: every pattern holds a '-' (UUIDs, timestamps) or starts "arn:".
  if (text.find('-') == std::string::npos && text.find("arn:") == std::string::npos) return false;
  std::string out;
  bool changed = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = 0;
    std::string_view placeholder;
    if ((n = arn_length(text, i)) != 0) {
      placeholder = "<arn>";
    } else if ((i == 0 || !is_hex(text[i - 1])) && (n = uuid_length(text, i)) != 0) {
      placeholder = "<uuid>";
    } else if ((i == 0 || !is_digit(text[i - 1])) && (n = timestamp_length(text, i)) != 0) {
      placeholder = "<timestamp>";
    }
    if (n != 0) {
      out.append(placeholder);
      i += n;
      changed = true;
    } else {
      out.push_back(text[i++]);
    }
  }
  if (changed) text = std::move(out);
  return changed;
}

}  // namespace

std::string normalise_text(std::string_view text) {
  std::string out(text);
  normalise_in_place(out);
  return out;
}

asl::Value normalise_value(const asl::Value& value) {
  switch (value.kind()) {
    case asl::Kind::string: {
      std::string text = value.as_string();
      return normalise_in_place(text) ? asl::Value(std::move(text)) : value;
    }
    case asl::Kind::array: {
      asl::Array items;
      items.reserve(value.size());
      for (const asl::Value& item : value.as_array()) items.push_back(normalise_value(item));
      return asl::Value(std::move(items));
    }
    case asl::Kind::object: {
      asl::Object members;
      members.reserve(value.size());
      for (const asl::Member& m : value.as_object()) members.append_unique(m.key, normalise_value(m.value));
      return asl::Value(std::move(members));
    }
    default: return value;
  }
}

}  // namespace aslcheck
