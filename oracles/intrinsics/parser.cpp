// parser.cpp — recursive-descent parser turning an intrinsic call's text into an immutable CallNode tree.
#include <cstdint>
#include <string>
#include <utility>

#include "asl/intrinsics.h"
#include "asl/jsonpath.h"
#include "intrinsics/call_node.h"
#include "intrinsics/lexer.h"

namespace asl::intrinsics {

namespace detail {
namespace {

std::vector<std::string> pieces_at(const std::string& text, const std::vector<std::uint32_t>& placeholders) {
  std::vector<std::string> pieces;
  pieces.reserve(placeholders.size() + 1);
  std::size_t from = 0;
  for (std::uint32_t at : placeholders) {
    pieces.push_back(text.substr(from, at - from));
    from = at + 2;
  }
  pieces.push_back(text.substr(from));
  return pieces;
}

std::string count_text(int n) { return std::to_string(n) + (n == 1 ? " argument" : " arguments"); }

std::string arity_text(const FunctionSpec& f) {
  if (f.max_args == kVariadic) return "at least " + count_text(f.min_args);
  if (f.min_args == f.max_args) return count_text(f.min_args);
  return std::to_string(f.min_args) + " or " + count_text(f.max_args);
}

class Parser {
 public:
  explicit Parser(std::string_view text) : lexer_(text) {}

  // input = { space } call { space } end
  Expected<std::shared_ptr<const CallNode>> parse_input() {
    auto first = lexer_.next();
    if (!first) return std::move(first).error();
    if (first->kind != TokenKind::function) {
      return lexer_.error_at(first->begin, "an intrinsic call starts with States.<Function>(");
    }
    auto call = parse_call(*first, 1);
    if (!call) return call;
    if (const std::size_t rest = lexer_.skip_space(); rest < lexer_.text().size()) {
      return lexer_.error_at(rest, "unexpected text after the closing ')'");
    }
    return call;
  }

 private:
  // call = function "(" [ argument { "," argument } ] ")"      (no space before "(")
  Expected<std::shared_ptr<const CallNode>> parse_call(const Token& name_token, int depth) {
    const std::string_view name = lexer_.text().substr(name_token.begin, name_token.end - name_token.begin);
    auto node = std::make_shared<CallNode>();
    node->offset = name_token.begin;
    node->function = find_function(name);
    if (node->function == nullptr) {
      return lexer_.error_at(name_token.begin, "unknown intrinsic function '" + std::string(name) + "'");
    }
    auto open = lexer_.next();
    if (!open) return std::move(open).error();
    if (open->kind != TokenKind::lparen || open->begin != name_token.end) {
      return lexer_.error_at(name_token.end, "expected '(' right after " + std::string(name));
    }
    auto token = lexer_.next();
    if (!token) return std::move(token).error();
    if (token->kind != TokenKind::rparen) {
      while (true) {
        auto arg = parse_argument(std::move(token).value(), *node, depth);
        if (!arg) return std::move(arg).error();
        node->args.push_back(std::move(arg).value());
        auto separator = lexer_.next();
        if (!separator) return std::move(separator).error();
        if (separator->kind == TokenKind::rparen) break;
        if (separator->kind != TokenKind::comma) {
          return lexer_.error_at(separator->begin, separator->kind == TokenKind::end
                                                       ? "missing ')' to close " + std::string(name) + "("
                                                       : "expected ',' or ')' between arguments");
        }
        token = lexer_.next();
        if (!token) return std::move(token).error();
      }
    }
    const FunctionSpec& f = *node->function;
    const int count = static_cast<int>(node->args.size());
    if (count < f.min_args || (f.max_args != kVariadic && count > f.max_args)) {
      return lexer_.error_at(name_token.begin, std::string(f.name) + " takes " + arity_text(f) + ", found " +
                                                   std::to_string(count));
    }
    return std::shared_ptr<const CallNode>(std::move(node));
  }

  // argument = string | number | "null" | "true" | "false" | path | call
  Expected<Argument> parse_argument(Token token, CallNode& owner, int depth) {
    Argument arg;
    arg.offset = token.begin;
    switch (token.kind) {
      case TokenKind::string:
        if (owner.args.empty() && owner.function->evaluate == &eval_format) {
          owner.format_pieces = pieces_at(token.value.as_string(), token.placeholders);
        }
        [[fallthrough]];
      case TokenKind::number:
      case TokenKind::keyword:
        arg.form = Argument::Form::literal;
        arg.literal = std::move(token.value);
        return arg;
      case TokenKind::path: {
        const std::string_view text = lexer_.text().substr(token.begin, token.end - token.begin);
        auto path = jsonpath::compile(text);
        if (!path) {
          const Error& e = path.error();
          const std::size_t column = e.where.column > 0 ? e.where.column - 1 : 0;
          return lexer_.error_at(token.begin + std::min<std::size_t>(column, text.size()),
                                 "invalid path '" + std::string(text) + "': " + e.message);
        }
        arg.form = Argument::Form::path;
        arg.path = std::move(path).value();
        return arg;
      }
      case TokenKind::function: {
        if (depth + 1 > kMaxNesting) {
          return lexer_.error_at(token.begin, "intrinsic calls are nested more than " + std::to_string(kMaxNesting) +
                                                  " deep");
        }
        auto call = parse_call(token, depth + 1);
        if (!call) return std::move(call).error();
        arg.form = Argument::Form::call;
        arg.call = std::move(call).value();
        return arg;
      }
      case TokenKind::end: return lexer_.error_at(token.begin, "missing argument or ')'");
      case TokenKind::comma: return lexer_.error_at(token.begin, "missing argument before ','");
      case TokenKind::rparen: return lexer_.error_at(token.begin, "missing argument before ')'");
      case TokenKind::lparen: return lexer_.error_at(token.begin, "unexpected '('");
    }
    return lexer_.error_at(token.begin, "unexpected token");
  }

  Lexer lexer_;
};

}  // namespace
}  // namespace detail

const std::string& Call::text() const { return *text_; }
const std::string& Call::function() const { return root_->function->name; }

bool looks_like_call(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && detail::is_space(text[i])) ++i;
  return text.substr(i).starts_with("States.");
}

Expected<Call> compile(std::string_view text) {
  // Token offsets are 32-bit; no definition comes near this (AWS caps definitions at 1 MB).
  if (text.size() >= UINT32_MAX) {
    return Error{std::string(errc::intrinsic_syntax), "the intrinsic call is too long", Location::at(1, 1)};
  }
  detail::Parser parser(text);
  auto root = parser.parse_input();
  if (!root) return std::move(root).error();
  Call call;
  detail::fold_constants(const_cast<detail::CallNode&>(*root.value()));
  call.root_ = std::move(root).value();
  call.text_ = std::make_shared<const std::string>(text);
  return call;
}

}  // namespace asl::intrinsics
