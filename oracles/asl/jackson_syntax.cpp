// jackson_syntax.cpp — a JSON scanner that fails where Jackson fails, with Jackson's message and [Source: ...] location.
#include "asl/jackson_syntax.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

namespace asl::detail {
namespace {

constexpr std::string_view kValueKinds = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";
constexpr std::size_t kSnippetLimit = 500;  // Jackson's MAX_CONTENT_SNIPPET

// Java's Character.isJavaIdentifierPart, for the ASCII range that matters in practice; every
// non-ASCII character is taken as part of the token, as letters are.
bool identifier_part(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         c >= 0x80 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x0b && c != 0x0c);
}

std::size_t utf8_length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// Java counts in UTF-16 units: a 4-byte UTF-8 sequence is two of them.
std::size_t utf16_units(std::string_view bytes) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t n = utf8_length(static_cast<unsigned char>(bytes[i]));
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return units;
}

std::uint32_t decode_at(std::string_view text, std::size_t at) {
  auto lead = static_cast<unsigned char>(text[at]);
  std::size_t n = utf8_length(lead);
  std::uint32_t c = n == 1 ? lead : lead & (0x7F >> n);
  for (std::size_t k = 1; k < n && at + k < text.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(text[at + k]) & 0x3F);
  return c;
}

// Jackson's _getCharDesc.
std::string char_description(std::uint32_t c, std::string_view raw) {
  if (c < 0x20) return "(CTRL-CHAR, code " + std::to_string(c) + ")";
  std::string out = "'" + std::string(raw) + "' (code " + std::to_string(c);
  if (c > 255) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string hex;
    for (std::uint32_t v = c; v > 0; v >>= 4) hex.insert(hex.begin(), kHex[v & 0xF]);
    out += " / 0x" + hex;
  }
  return out + ")";
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  JacksonScan run() {
    JacksonScan out;
    enum class Frame : std::uint8_t { array_first, array_next, object_first, object_next };
    std::vector<Frame> stack;
    std::vector<std::size_t> starts;  // byte offsets of the open markers, for EOF messages
    if (!skip_ws()) return fail_eof_root(out);
    while (true) {
      // At a value.
      if (!value_start()) return finish(out);
      unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '[' || c == '{') {
        starts.push_back(pos_);
        ++pos_;
        if (!skip_ws()) return fail_eof_container(out, c == '[', starts.back());
        const unsigned char next = static_cast<unsigned char>(text_[pos_]);
        if (c == '[') {
          if (next == ']') {
            ++pos_;
            starts.pop_back();
          } else {
            stack.push_back(Frame::array_next);
            continue;  // read the first element
          }
        } else {
          if (next == '}') {
            ++pos_;
            starts.pop_back();
          } else {
            stack.push_back(Frame::object_next);
            if (!field_name(out, starts.back())) return out;
            continue;
          }
        }
      } else {
        if (!scalar()) return finish(out);
      }
      // After a value: close containers or move to the next entry.
      while (true) {
        if (stack.empty()) {
          out.end = pos_;
          return out;
        }
        const bool in_array = stack.back() == Frame::array_next;
        if (!skip_ws()) return fail_eof_container(out, in_array, starts.back());
        const unsigned char sep = static_cast<unsigned char>(text_[pos_]);
        if (sep == ',') {
          ++pos_;
          if (!in_array) {
            if (!skip_ws()) return fail_eof_container(out, false, starts.back());
            if (!field_name(out, starts.back())) return out;
          } else if (!skip_ws()) {
            return fail_eof_container(out, true, starts.back());
          }
          break;  // read the next value
        }
        if ((in_array && sep == ']') || (!in_array && sep == '}')) {
          ++pos_;
          stack.pop_back();
          starts.pop_back();
          continue;
        }
        if (sep == ']' || sep == '}') {
          unexpected_close(sep, in_array, starts.back());
          return finish(out);
        }
        unexpected_char(in_array ? "was expecting comma to separate Array entries"
                                 : "was expecting comma to separate Object entries");
        return finish(out);
      }
    }
  }

 private:
  // Skips Jackson's whitespace; false at end of input. Other control characters are errors.
  bool skip_ws() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t') {
        ++pos_;
      } else if (c == '\n' || c == '\r') {
        ++pos_;  // lines are counted when a location is formatted
      } else {
        return true;
      }
    }
    return false;
  }

  // The character at pos_ must begin a value; reports and returns false when it cannot.
  bool value_start() {
    const unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '[' || c == '{' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' ||
        c == 'n') {
      return true;
    }
    if (c < 0x20) {
      ++pos_;
      fail("Illegal character (" + char_description(c, "") +
           "): only regular white space (\\r, \\n, \\t) is allowed between tokens");
      return false;
    }
    if (identifier_part(c) && c != '$' && !(c >= '0' && c <= '9')) {
      invalid_token(pos_);
      return false;
    }
    unexpected_char(std::string("expected a valid value ") + std::string(kValueKinds));
    return false;
  }

  bool scalar() {
    const unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c == '"') return string_value();
    if (c == 't') return literal("true");
    if (c == 'f') return literal("false");
    if (c == 'n') return literal("null");
    return number();
  }

  bool literal(std::string_view word) {
    const std::size_t start = pos_;
    for (char expected : word) {
      if (pos_ >= text_.size()) {
        fail("Unexpected end-of-input in a value");  // UNCONFIRMED wording for a cut-off literal
        return false;
      }
      if (text_[pos_] != expected) {
        invalid_token(start);
        return false;
      }
      ++pos_;
    }
    if (pos_ < text_.size() && identifier_part(static_cast<unsigned char>(text_[pos_]))) {
      invalid_token(start);
      return false;
    }
    return true;
  }

  // Jackson's _reportInvalidToken: the token runs while characters are identifier parts.
  void invalid_token(std::size_t start) {
    pos_ = start;
    while (pos_ < text_.size() && identifier_part(static_cast<unsigned char>(text_[pos_]))) {
      pos_ += utf8_length(static_cast<unsigned char>(text_[pos_]));
    }
    if (pos_ > text_.size()) pos_ = text_.size();
    fail("Unrecognized token '" + std::string(text_.substr(start, pos_ - start)) + "': was expecting " +
         std::string(kValueKinds));
  }

  bool string_value() {
    ++pos_;  // opening quote
    while (pos_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        ++pos_;
        if (pos_ >= text_.size()) break;
        const char e = text_[pos_++];
        if (e == 'u') {
          for (int k = 0; k < 4; ++k) {
            if (pos_ >= text_.size()) return eof_in_string();
            if (!std::isxdigit(static_cast<unsigned char>(text_[pos_]))) {
              unexpected_char_at(pos_, "expected a hex-digit for character escape sequence");
              return false;
            }
            ++pos_;
          }
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          fail("Unrecognized character escape " + char_description(static_cast<unsigned char>(e),
                                                                   std::string_view(&e, 1)));
          return false;
        }
        continue;
      }
      if (c < 0x20) {
        ++pos_;
        fail("Illegal unquoted character (" + char_description(c, "") +
             "): has to be escaped using backslash to be included in string value");
        return false;
      }
      pos_ += utf8_length(c);
    }
    return eof_in_string();
  }

  bool eof_in_string() {
    pos_ = text_.size();
    fail("Unexpected end-of-input: was expecting closing quote for a string value");
    return false;
  }

  bool number() {
    if (text_[pos_] == '-') {
      ++pos_;
      if (pos_ >= text_.size()) return eof_in_number();
      if (!std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        unexpected_char_at(pos_, "expected digit (0-9) to follow minus sign, for valid numeric value", true);
        return false;
      }
    }
    if (text_[pos_] == '0' && pos_ + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1]))) {
      pos_ += 2;
      fail("Invalid numeric value: Leading zeroes not allowed");
      return false;
    }
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (pos_ >= text_.size()) return eof_in_number();
      if (!std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        unexpected_char_at(pos_, "Decimal point not followed by a digit", true);
        return false;
      }
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (pos_ >= text_.size()) return eof_in_number();
      if (!std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        unexpected_char_at(pos_, "Exponent indicator not followed by a digit", true);
        return false;
      }
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    return true;
  }

  bool eof_in_number() {
    pos_ = text_.size();
    fail("Unexpected end-of-input in a Number value");  // UNCONFIRMED wording
    return false;
  }

  bool field_name(JacksonScan& out, std::size_t open_at) {
    if (text_[pos_] != '"') {
      unexpected_char("was expecting double-quote to start field name");
      finish(out);
      return false;
    }
    if (!string_value()) {
      finish(out);
      return false;
    }
    if (!skip_ws()) {
      fail_eof_container(out, false, open_at);
      return false;
    }
    if (text_[pos_] != ':') {
      unexpected_char("was expecting a colon to separate field name and value");
      finish(out);
      return false;
    }
    ++pos_;
    if (!skip_ws()) {
      fail_eof_container(out, false, open_at);
      return false;
    }
    return true;
  }

  void unexpected_close(unsigned char c, bool in_array, std::size_t open_at) {
    ++pos_;
    fail(std::string("Unexpected close marker '") + static_cast<char>(c) + "': expected '" + (in_array ? ']' : '}') +
         "' (for " + (in_array ? "Array" : "Object") + " starting at " + source_location(open_at) + ")");
  }

  void unexpected_char(std::string_view what) { unexpected_char_at(pos_, what); }

  void unexpected_char_at(std::size_t at, std::string_view what, bool numeric = false) {
    const std::size_t n = utf8_length(static_cast<unsigned char>(text_[at]));
    const std::uint32_t c = decode_at(text_, at);
    pos_ = std::min(at + n, text_.size());
    fail("Unexpected character (" + char_description(c, text_.substr(at, n)) + ")" + (numeric ? " in numeric value" : "") +
         ": " + std::string(what));
  }

  JacksonScan& fail_eof_root(JacksonScan& out) {
    fail("No content to map due to end-of-input");
    return finish(out);
  }

  JacksonScan& fail_eof_container(JacksonScan& out, bool array, std::size_t open_at) {
    pos_ = text_.size();
    fail(std::string("Unexpected end-of-input: expected close marker for ") + (array ? "Array" : "Object") +
         " (start marker at " + source_location(open_at) + ")");
    return finish(out);
  }

  JacksonScan& finish(JacksonScan& out) {
    out.error = error_;
    out.end = pos_;
    return out;
  }

  void fail(std::string message) {
    if (error_) return;
    std::string where = source_location(pos_);
    error_ = JacksonSyntaxError{std::move(message) + "\n at " + where, where};
  }

  // "[Source: (String)"<text>"; line: L, column: C]" for the position just before byte `at`.
  std::string source_location(std::size_t at) const {
    std::size_t line = 1, line_start = 0;
    for (std::size_t i = 0; i < at && i < text_.size(); ++i) {
      if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n'))) {
        ++line;
        line_start = i + 1;
      }
    }
    const std::size_t column = utf16_units(text_.substr(line_start, at - line_start)) + 1;
    std::string snippet;
    std::size_t units = 0, i = 0;
    while (i < text_.size() && units < kSnippetLimit) {
      std::size_t n = utf8_length(static_cast<unsigned char>(text_[i]));
      snippet.append(text_.substr(i, n));
      units += n == 4 ? 2 : 1;
      i += n;
    }
    std::string out = "[Source: (String)\"" + snippet + "\"";
    if (i < text_.size()) out += "[truncated " + std::to_string(utf16_units(text_.substr(i))) + " chars]";
    return out + "; line: " + std::to_string(line) + ", column: " + std::to_string(column) + "]";
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::optional<JacksonSyntaxError> error_;
};

}  // namespace

JacksonScan jackson_scan(std::string_view text) { return Scanner(text).run(); }

}  // namespace asl::detail
