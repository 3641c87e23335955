// lexer.h — character-level reading of path text with the moves of Jayway's CharacterIndex.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace asl::jsonpath::detail {

// A position over one piece of path text plus an inclusive end that trimming pulls in. Reads
// past the text give kNone instead of throwing; look-ahead skips spaces only, as Jayway's does.
// Jayway indexes UTF-16 units and we index UTF-8 bytes, but every character it tests is ASCII.
class Cursor {
 public:
  static constexpr int kNone = -1;

  explicit Cursor(std::string_view text) : text_(text), end_(static_cast<int>(text.size()) - 1) {}

  std::string_view text() const { return text_; }
  int position() const { return pos_; }
  void set_position(int p) { pos_ = p; }
  void advance(int n = 1) { pos_ += n; }
  int end() const { return end_; }
  int length() const { return end_ + 1; }
  void pull_end(int n) { end_ -= n; }

  int at(int i) const {
    return i >= 0 && i < static_cast<int>(text_.size()) ? static_cast<unsigned char>(text_[static_cast<std::size_t>(i)])
                                                         : kNone;
  }
  int current() const { return at(pos_); }
  bool current_is(char c) const { return current() == static_cast<unsigned char>(c); }
  bool in_bounds(int i) const { return i >= 0 && i <= end_; }
  bool in_bounds() const { return in_bounds(pos_); }
  bool is_tail() const { return pos_ >= end_; }  // Jayway's currentIsTail: one char left counts
  bool has_more() const { return in_bounds(pos_ + 1); }
  bool next_is(char c) const { return in_bounds(pos_ + 1) && at(pos_ + 1) == static_cast<unsigned char>(c); }
  bool last_is(char c) const { return at(end_) == static_cast<unsigned char>(c); }

  void skip_blanks();
  void trim();
  // The next non-space character after `from`, or ' ' past the end.
  int next_significant(int from) const;
  int next_significant() const { return next_significant(pos_); }
  bool next_significant_is(int from, char c) const;
  bool next_significant_is(char c) const { return next_significant_is(pos_, c); }
  // Index of the next non-space character after `from` when it is `c`, else -1.
  int index_of_next_significant(int from, char c) const;
  int index_of_next_significant(char c) const { return index_of_next_significant(pos_, c); }
  int index_of_previous_significant(int from) const;
  int previous_significant(int from) const;
  int next_index_of(int from, char c) const;
  // The next `c` after `from` that no backslash escapes, or -1.
  int next_index_of_unescaped(int from, char c) const;
  // Index of the `close` that balances the `open` at `start`, skipping quoted strings and
  // /regex/ when asked; -1 when unbalanced. An unterminated string or regex sets `error`.
  int index_of_matching_close(int start, char open, char close, bool skip_strings, bool skip_regex,
                              std::string& error) const;
  // When the next non-space characters are `s`, consumes them.
  bool has_significant_subsequence(std::string_view s);
  std::string_view slice(int from, int to) const;

 private:
  std::string_view text_;
  int pos_ = 0;
  int end_;
};

// Jayway's Utils.unescape: \\ \' \" \r \f \t \n \b \uXXXX, any other escaped char as itself, a
// trailing lone backslash kept. Fails (message set) on a \u with bad hex digits.
bool java_unescape(std::string_view text, std::string& out, std::string& error);

// Java's view of a UTF-8 string: its length in UTF-16 units and the UTF-16 index of a byte offset.
std::size_t utf16_length(std::string_view text);
std::size_t utf16_index(std::string_view text, std::size_t byte_offset);

}  // namespace asl::jsonpath::detail
