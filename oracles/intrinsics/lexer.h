// lexer.h — splits an intrinsic call's text into tokens for the parser (private).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "asl/error.h"
#include "asl/value.h"

namespace asl::intrinsics::detail {

enum class TokenKind : std::uint8_t {
  function,  // States.Name
  lparen,
  rparen,
  comma,
  string,   // 'text' (value holds the unescaped text)
  number,   // -12, 3.5 (value holds the number)
  keyword,  // null, true, false (value holds it)
  path,     // $..., $$..., $name... (the text is [begin, end))
  end,
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::uint32_t begin = 0;  // byte offsets into the call text
  std::uint32_t end = 0;
  Value value;
  // For strings: byte offsets, in the unescaped text, of each `{}` written without escapes.
  std::vector<std::uint32_t> placeholders;
};

// Whitespace allowed between tokens (AWS accepts spaces around arguments).
bool is_space(char c);

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  // The next token, skipping whitespace before it. Errors are errc::intrinsic_syntax, located
  // at the offending character.
  Expected<Token> next();

  // Skips whitespace and returns the offset of the next character (text().size() at the end).
  std::size_t skip_space();

  std::string_view text() const { return text_; }
  Error error_at(std::size_t offset, std::string message) const;

 private:
  Expected<Token> lex_string(std::size_t start);
  Expected<Token> lex_number(std::size_t start);
  Expected<Token> lex_word(std::size_t start);
  Token lex_path(std::size_t start);

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace asl::intrinsics::detail
