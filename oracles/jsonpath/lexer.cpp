// lexer.cpp — the Cursor's look-ahead and matching moves, Java unescaping, UTF-16 positions.
#include "asl/json.h"
#include "jsonpath/lexer.h"

namespace asl::jsonpath::detail {

void Cursor::skip_blanks() {
  while (in_bounds() && pos_ < end_ && current_is(' ')) ++pos_;
}

void Cursor::trim() {
  skip_blanks();
  while (in_bounds() && pos_ < end_ && last_is(' ')) --end_;
}

int Cursor::next_significant(int from) const {
  int r = from + 1;
  while (in_bounds(r) && at(r) == ' ') ++r;
  return in_bounds(r) ? at(r) : ' ';
}

bool Cursor::next_significant_is(int from, char c) const {
  int r = from + 1;
  while (in_bounds(r) && at(r) == ' ') ++r;
  return in_bounds(r) && at(r) == static_cast<unsigned char>(c);
}

int Cursor::index_of_next_significant(int from, char c) const {
  int r = from + 1;
  while (in_bounds(r) && at(r) == ' ') ++r;
  return at(r) == static_cast<unsigned char>(c) ? r : -1;
}

int Cursor::index_of_previous_significant(int from) const {
  int r = from - 1;
  while (in_bounds(r) && at(r) == ' ') --r;
  return in_bounds(r) ? r : -1;
}

int Cursor::previous_significant(int from) const {
  int i = index_of_previous_significant(from);
  return i == -1 ? ' ' : at(i);
}

int Cursor::next_index_of(int from, char c) const {
  for (int r = from; in_bounds(r); ++r) {
    if (at(r) == static_cast<unsigned char>(c)) return r;
  }
  return -1;
}

int Cursor::next_index_of_unescaped(int from, char c) const {
  bool escaped = false;
  for (int r = from + 1; in_bounds(r); ++r) {
    if (escaped) {
      escaped = false;
    } else if (at(r) == '\\') {
      escaped = true;
    } else if (at(r) == static_cast<unsigned char>(c)) {
      return r;
    }
  }
  return -1;
}

int Cursor::index_of_matching_close(int start, char open, char close, bool skip_strings, bool skip_regex,
                                    std::string& error) const {
  if (at(start) != static_cast<unsigned char>(open)) {
    error = std::string("Expected ") + open + " but found " + static_cast<char>(at(start));
    return -1;
  }
  int opened = 1;
  int r = start + 1;
  while (in_bounds(r)) {
    if (skip_strings && (at(r) == '\'' || at(r) == '"')) {
      char quote = static_cast<char>(at(r));
      r = next_index_of_unescaped(r, quote);
      if (r == -1) {
        error = std::string("Could not find matching close quote for ") + quote + " when parsing : " + std::string(text_);
        return -1;
      }
      ++r;
    }
    if (skip_regex && at(r) == '/') {
      r = next_index_of_unescaped(r, '/');
      if (r == -1) {
        error = "Could not find matching close for / when parsing regex in : " + std::string(text_);
        return -1;
      }
      ++r;
    }
    if (at(r) == static_cast<unsigned char>(open)) ++opened;
    if (at(r) == static_cast<unsigned char>(close)) {
      if (--opened == 0) return r;
    }
    ++r;
  }
  return -1;
}

bool Cursor::has_significant_subsequence(std::string_view s) {
  skip_blanks();
  if (!in_bounds(pos_ + static_cast<int>(s.size()) - 1)) return false;
  if (slice(pos_, pos_ + static_cast<int>(s.size())) != s) return false;
  pos_ += static_cast<int>(s.size());
  return true;
}

std::string_view Cursor::slice(int from, int to) const {
  if (from < 0) from = 0;
  if (to > static_cast<int>(text_.size())) to = static_cast<int>(text_.size());
  if (to <= from) return {};
  return text_.substr(static_cast<std::size_t>(from), static_cast<std::size_t>(to - from));
}

namespace {

using json::append_utf8;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool java_unescape(std::string_view text, std::string& out, std::string& error) {
  out.clear();
  out.reserve(text.size());
  std::uint32_t pending_high = 0;  // a \uD800-\uDBFF waiting for its low half
  auto flush_high = [&] {
    if (pending_high != 0) append_utf8(out, 0xFFFD);  // a lone surrogate has no UTF-8 form
    pending_high = 0;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (ch != '\\') {
      flush_high();
      out.push_back(ch);
      continue;
    }
    if (i + 1 >= text.size()) {
      flush_high();
      out.push_back('\\');
      break;
    }
    char e = text[++i];
    if (e == 'u') {
      if (text.size() - (i + 1) < 4) {
        // Jayway drops an unfinished \u at the end of the text.
        flush_high();
        break;
      }
      std::uint32_t cp = 0;
      for (int k = 1; k <= 4; ++k) {
        int h = hex_value(text[i + static_cast<std::size_t>(k)]);
        if (h < 0) {
          error = "Unable to parse unicode value: " + std::string(text.substr(i + 1, 4));
          return false;
        }
        cp = cp * 16 + static_cast<std::uint32_t>(h);
      }
      i += 4;
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        flush_high();
        pending_high = cp;
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        if (pending_high != 0) {
          append_utf8(out, 0x10000 + ((pending_high - 0xD800) << 10) + (cp - 0xDC00));
          pending_high = 0;
        } else {
          append_utf8(out, 0xFFFD);
        }
      } else {
        flush_high();
        append_utf8(out, cp);
      }
      continue;
    }
    flush_high();
    switch (e) {
      case 'r': out.push_back('\r'); break;
      case 'f': out.push_back('\f'); break;
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'b': out.push_back('\b'); break;
      default: out.push_back(e); break;  // \\ \' \" and anything else: the char itself
    }
  }
  flush_high();
  return true;
}

std::size_t utf16_length(std::string_view text) { return utf16_index(text, text.size()); }

std::size_t utf16_index(std::string_view text, std::size_t byte_offset) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += c >= 0xF0 ? 2 : 1;
  }
  return units;
}

}  // namespace asl::jsonpath::detail
