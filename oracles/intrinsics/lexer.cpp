// lexer.cpp — tokens of an intrinsic call: names, punctuation, quoted literals, numbers, keywords and paths.
#include "intrinsics/lexer.h"

#include <charconv>

#include "asl/json.h"

namespace asl::intrinsics::detail {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_word_char(char c) { return is_word_start(c) || is_digit(c) || c == '.'; }

constexpr std::string_view kPrefix = "States.";

std::string shown(std::string_view text, std::size_t at) {
  // One UTF-8 sequence, so a message never splits a character.
  std::size_t n = 1;
  auto lead = static_cast<unsigned char>(text[at]);
  if (lead >= 0xF0) n = 4;
  else if (lead >= 0xE0) n = 3;
  else if (lead >= 0xC0) n = 2;
  return std::string(text.substr(at, n));
}

}  // namespace

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

Error Lexer::error_at(std::size_t offset, std::string message) const {
  return Error{std::string(errc::intrinsic_syntax), std::move(message), json::locate(text_, offset)};
}

std::size_t Lexer::skip_space() {
  while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  return pos_;
}

Expected<Token> Lexer::next() {
  const std::size_t start = skip_space();
  Token token;
  token.begin = token.end = static_cast<std::uint32_t>(start);
  if (start >= text_.size()) return token;
  const char c = text_[start];
  auto single = [&](TokenKind kind) {
    pos_ = start + 1;
    token.kind = kind;
    token.end = static_cast<std::uint32_t>(pos_);
    return token;
  };
  switch (c) {
    case '(': return single(TokenKind::lparen);
    case ')': return single(TokenKind::rparen);
    case ',': return single(TokenKind::comma);
    case '\'': return lex_string(start);
    case '$': return lex_path(start);
    default: break;
  }
  if (c == '-' || is_digit(c)) return lex_number(start);
  if (is_word_start(c)) return lex_word(start);
  if (c == '"') return error_at(start, "string literals are quoted with ', not \"");
  return error_at(start, "unexpected character '" + shown(text_, start) + "'");
}

// string = "'" { character | "\" ( "'" | "{" | "}" | "\" ) } "'"
// Any other character, a raw newline included, stands for itself; any other escape is an error,
// as AWS rejects the definition.
Expected<Token> Lexer::lex_string(std::size_t start) {
  std::string out;
  Token token;
  token.kind = TokenKind::string;
  token.begin = static_cast<std::uint32_t>(start);
  // Offset in `out` of a `{` written without a backslash that may open a placeholder.
  std::size_t open_brace = std::string::npos;
  std::size_t i = start + 1;
  while (true) {
    if (i >= text_.size()) return error_at(start, "unterminated string literal");
    const char c = text_[i];
    if (c == '\'') break;
    if (c == '\\') {
      if (i + 1 >= text_.size()) return error_at(i, "unterminated escape sequence in string literal");
      const char e = text_[i + 1];
      if (e != '\'' && e != '{' && e != '}' && e != '\\') {
        return error_at(i, "invalid escape sequence '\\" + shown(text_, i + 1) +
                               "' in string literal (only \\', \\{, \\} and \\\\ are allowed)");
      }
      out.push_back(e);
      open_brace = std::string::npos;
      i += 2;
      continue;
    }
    if (c == '}' && open_brace != std::string::npos && open_brace + 1 == out.size()) {
      token.placeholders.push_back(static_cast<std::uint32_t>(open_brace));
    }
    open_brace = c == '{' ? out.size() : std::string::npos;
    out.push_back(c);
    ++i;
  }
  pos_ = i + 1;
  token.end = static_cast<std::uint32_t>(pos_);
  token.value = Value(std::move(out));
  return token;
}

// number = [ "-" ] digit { digit } [ "." digit { digit } ]
Expected<Token> Lexer::lex_number(std::size_t start) {
  std::size_t i = start;
  if (text_[i] == '-') ++i;
  const std::size_t int_start = i;
  while (i < text_.size() && is_digit(text_[i])) ++i;
  if (i == int_start) return error_at(start, "a number needs digits after '-'");
  bool fraction = false;
  if (i < text_.size() && text_[i] == '.') {
    const std::size_t frac_start = ++i;
    while (i < text_.size() && is_digit(text_[i])) ++i;
    if (i == frac_start) return error_at(i, "a number needs digits after '.'");
    fraction = true;
  }
  if (i < text_.size() && (is_word_char(text_[i]) || text_[i] == '$' || text_[i] == '\'')) {
    return error_at(i, "unexpected character '" + shown(text_, i) + "' after a number");
  }
  const std::string_view lexeme = text_.substr(start, i - start);
  Token token;
  token.kind = TokenKind::number;
  token.begin = static_cast<std::uint32_t>(start);
  token.end = static_cast<std::uint32_t>(i);
  if (fraction) {
    // from_chars, unlike strtod, ignores the C locale's decimal separator.
    double d = 0;
    auto [ptr, ec] = std::from_chars(lexeme.data(), lexeme.data() + lexeme.size(), d);
    if (ec != std::errc()) return error_at(start, "the number " + std::string(lexeme) + " is out of range");
    token.value = Value(d);
  } else {
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(lexeme.data(), lexeme.data() + lexeme.size(), n);
    token.value = ec == std::errc() ? Value(n) : Value::big_integer(lexeme);
  }
  pos_ = i;
  return token;
}

// keyword = "null" | "true" | "false";  function = "States." name
Expected<Token> Lexer::lex_word(std::size_t start) {
  std::size_t i = start;
  while (i < text_.size() && is_word_char(text_[i])) ++i;
  const std::string_view word = text_.substr(start, i - start);
  Token token;
  token.begin = static_cast<std::uint32_t>(start);
  token.end = static_cast<std::uint32_t>(i);
  if (word == "null" || word == "true" || word == "false") {
    token.kind = TokenKind::keyword;
    token.value = word == "null" ? Value() : Value(word == "true");
  } else if (word.size() > kPrefix.size() && word.substr(0, kPrefix.size()) == kPrefix) {
    token.kind = TokenKind::function;
  } else {
    return error_at(start, "unexpected '" + std::string(word) +
                               "' (an argument is a 'string', a number, null, true, false, a path or a States.* call)");
  }
  pos_ = i;
  return token;
}

// path = "$" { path-character }
// A path ends at a ',' or ')' or whitespace outside brackets and parentheses; inside them
// (filters, quoted names, function calls such as length()) anything goes, quotes included.
// The JSONPath compiler judges the text.
Token Lexer::lex_path(std::size_t start) {
  std::size_t i = start + 1;
  int brackets = 0;
  int parens = 0;
  while (i < text_.size()) {
    const char c = text_[i];
    const bool nested = brackets > 0 || parens > 0;
    if (!nested && (c == ',' || c == ')' || is_space(c))) break;
    if (nested && (c == '\'' || c == '"')) {
      ++i;
      while (i < text_.size() && text_[i] != c) i += text_[i] == '\\' ? 2 : 1;
      if (i < text_.size()) ++i;
      continue;
    }
    if (c == '[') ++brackets;
    else if (c == ']' && brackets > 0) --brackets;
    else if (c == '(') ++parens;
    else if (c == ')' && parens > 0) --parens;
    ++i;
  }
  if (i > text_.size()) i = text_.size();
  Token token;
  token.kind = TokenKind::path;
  token.begin = static_cast<std::uint32_t>(start);
  token.end = static_cast<std::uint32_t>(i);
  pos_ = i;
  return token;
}

}  // namespace asl::intrinsics::detail
