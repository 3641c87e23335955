// filter_parser.cpp — `[?( ... )]` text to an expression tree, as Jayway's FilterCompiler reads it.
#include <algorithm>
#include <cctype>
#include <string>

#include "jsonpath/java.h"
#include "jsonpath/lexer.h"
#include "jsonpath/parser.h"
#include "jsonpath/program.h"
#include "jsonpath/regex.h"

namespace asl::jsonpath::detail {

namespace {

bool is_relational_char(int c) { return c == '<' || c == '>' || c == '=' || c == '~' || c == '!'; }
bool is_number_char(int c) { return (c >= '0' && c <= '9') || c == '-' || c == '.' || c == 'e' || c == 'E'; }
bool is_flag_char(int c) {
  return c == 'd' || c == 'i' || c == 'x' || c == 'm' || c == 's' || c == 'u' || c == 'U';
}

bool operator_from_string(std::string_view text, Op& op) {
  std::string upper(text);
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  static constexpr std::pair<std::string_view, Op> kOperators[] = {
      {">=", Op::gte},        {"<=", Op::lte},          {"==", Op::eq},           {"===", Op::tseq},
      {"!=", Op::ne},         {"!==", Op::tsne},        {"<", Op::lt},            {">", Op::gt},
      {"=~", Op::regex},      {"NIN", Op::nin},         {"IN", Op::in},           {"CONTAINS", Op::contains},
      {"ALL", Op::all},       {"SIZE", Op::size},       {"EXISTS", Op::exists},   {"TYPE", Op::type},
      {"MATCHES", Op::matches}, {"EMPTY", Op::empty},   {"SUBSETOF", Op::subsetof}, {"ANYOF", Op::anyof},
      {"NONEOF", Op::noneof},
  };
  for (const auto& [name, value] : kOperators) {
    if (upper == name) {
      op = value;
      return true;
    }
  }
  return false;
}

class FilterParser {
 public:
  FilterParser(ParseContext& ctx, std::string_view criteria, std::size_t base) : ctx_(ctx), f_(criteria), base_(base) {}

  std::unique_ptr<FilterNode> compile();

 private:
  bool fail(std::string message, int at, bool generic = false) {
    int clamped = std::clamp(at, 0, static_cast<int>(f_.text().size()));
    return ctx_.fail(std::move(message), base_ + static_cast<std::size_t>(clamped), generic);
  }
  std::string filter_text() const { return std::string(f_.text()); }

  std::unique_ptr<FilterNode> read_logical_or();
  std::unique_ptr<FilterNode> read_logical_and();
  std::unique_ptr<FilterNode> read_logical_and_operand();
  std::unique_ptr<FilterNode> read_expression();
  bool read_value(Operand& out);
  bool read_literal(Operand& out);
  bool read_relational_operator(Op& op);
  bool read_path(Operand& out);
  bool read_string_literal(char quote, Operand& out);
  bool read_boolean_literal(Operand& out);
  bool read_null_literal(Operand& out);
  bool read_json_literal(Operand& out);
  bool read_pattern(Operand& out);
  bool read_number_literal(Operand& out);
  bool read_significant(char c);
  int closing_function_bracket(int lower_bound) const;

  ParseContext& ctx_;
  Cursor f_;
  std::size_t base_;
};

// filter      = '[' '?' '(' logical-or ')' ']'      (the outer parentheses are an ordinary group)
std::unique_ptr<FilterNode> FilterParser::compile() {
  std::string whole = filter_text();
  f_.trim();
  if (!f_.current_is('[') || !f_.last_is(']')) {
    fail("Filter must start with '[' and end with ']'. " + whole, f_.position());
    return nullptr;
  }
  f_.advance();
  f_.pull_end(1);
  f_.trim();
  if (!f_.current_is('?')) {
    fail("Filter must start with '[?' and end with ']'. " + whole, f_.position());
    return nullptr;
  }
  f_.advance();
  f_.trim();
  if (!f_.current_is('(') || !f_.last_is(')')) {
    fail("Filter must start with '[?(' and end with ')]'. " + whole, f_.position());
    return nullptr;
  }
  auto result = read_logical_or();
  if (!result) {
    if (ctx_.generic) {
      // FilterCompiler turns every non-InvalidPathException into this one message.
      std::string message = "Failed to parse filter: " + whole + ", error on position: " +
                            std::to_string(utf16_index(f_.text(), static_cast<std::size_t>(std::max(f_.position(), 0))));
      if (f_.current() != Cursor::kNone) message += ", char: " + std::string(1, static_cast<char>(f_.current()));
      std::size_t at = ctx_.offset;
      ctx_.clear();
      ctx_.fail(std::move(message), at);
    }
    return nullptr;
  }
  f_.skip_blanks();
  if (f_.in_bounds()) {
    fail("Expected end of filter expression instead of: " + std::string(f_.slice(f_.position(), f_.length())),
         f_.position());
    return nullptr;
  }
  return result;
}

// logical-or  = logical-and { '||' logical-and }
std::unique_ptr<FilterNode> FilterParser::read_logical_or() {
  auto first = read_logical_and();
  if (!first) return nullptr;
  std::vector<std::unique_ptr<FilterNode>> ops;
  ops.push_back(std::move(first));
  while (true) {
    int savepoint = f_.position();
    if (!f_.has_significant_subsequence("||")) {
      f_.set_position(savepoint);
      break;
    }
    auto next = read_logical_and();
    if (!next) return nullptr;
    ops.push_back(std::move(next));
  }
  if (ops.size() == 1) return std::move(ops.front());
  auto node = std::make_unique<FilterNode>();
  node->kind = FilterNode::Kind::any_of;
  node->children = std::move(ops);
  return node;
}

// logical-and = operand { '&&' operand }
std::unique_ptr<FilterNode> FilterParser::read_logical_and() {
  auto first = read_logical_and_operand();
  if (!first) return nullptr;
  std::vector<std::unique_ptr<FilterNode>> ops;
  ops.push_back(std::move(first));
  while (true) {
    int savepoint = f_.position();
    if (!f_.has_significant_subsequence("&&")) {
      f_.set_position(savepoint);
      break;
    }
    auto next = read_logical_and_operand();
    if (!next) return nullptr;
    ops.push_back(std::move(next));
  }
  if (ops.size() == 1) return std::move(ops.front());
  auto node = std::make_unique<FilterNode>();
  node->kind = FilterNode::Kind::all_of;
  node->children = std::move(ops);
  return node;
}

// operand     = '!' operand | '(' logical-or ')' | relation      ('!' before a path is part of the path)
std::unique_ptr<FilterNode> FilterParser::read_logical_and_operand() {
  NestingGuard guard(ctx_, base_ + static_cast<std::size_t>(std::max(f_.position(), 0)));
  if (!guard.ok()) return nullptr;
  f_.skip_blanks();
  int savepoint = f_.position();
  if (f_.current_is('!')) {
    if (!read_significant('!')) return nullptr;
    f_.skip_blanks();
    if (f_.current_is('$') || f_.current_is('@')) {
      f_.set_position(savepoint);
    } else {
      auto operand = read_logical_and_operand();
      if (!operand) return nullptr;
      auto node = std::make_unique<FilterNode>();
      node->kind = FilterNode::Kind::negation;
      node->children.push_back(std::move(operand));
      return node;
    }
  }
  f_.skip_blanks();
  if (f_.current_is('(')) {
    if (!read_significant('(')) return nullptr;
    auto inner = read_logical_or();
    if (!inner) return nullptr;
    if (!read_significant(')')) return nullptr;
    return inner;
  }
  return read_expression();
}

bool FilterParser::read_significant(char c) {
  f_.skip_blanks();
  if (!f_.current_is(c)) return fail(std::string("Expected character: ") + c, f_.position());
  f_.advance();
  return true;
}

// relation    = value [ operator value ]      (a lone path is an existence test)
std::unique_ptr<FilterNode> FilterParser::read_expression() {
  auto node = std::make_unique<FilterNode>();
  node->kind = FilterNode::Kind::relation;
  if (!read_value(node->left)) return nullptr;
  int savepoint = f_.position();
  Op op = Op::exists;
  if (read_relational_operator(op) && read_value(node->right)) {
    node->op = op;
    return node;
  }
  if (ctx_.generic) return nullptr;  // only InvalidPathException sends Jayway back to the savepoint
  ctx_.clear();
  f_.set_position(savepoint);
  if (node->left.kind != Operand::Kind::path) {
    fail("Expected path node", f_.position());
    return nullptr;
  }
  node->left.exists_check = true;
  node->op = Op::exists;
  node->right = Operand{};
  node->right.kind = Operand::Kind::boolean;
  node->right.boolean = node->left.should_exist;
  return node;
}

// operator    = relational-chars | word          (matched case-insensitively)
bool FilterParser::read_relational_operator(Op& op) {
  f_.skip_blanks();
  int begin = f_.position();
  if (is_relational_char(f_.current())) {
    while (f_.in_bounds() && is_relational_char(f_.current())) f_.advance();
  } else {
    while (f_.in_bounds() && !f_.current_is(' ')) f_.advance();
  }
  std::string_view text = f_.slice(begin, f_.position());
  if (!operator_from_string(text, op)) return fail("Filter operator " + std::string(text) + " is not supported!", begin);
  return true;
}

// value       = path | '!' path | literal
bool FilterParser::read_value(Operand& out) {
  f_.skip_blanks();
  int c = f_.current();
  if (c == '$' || c == '@') return read_path(out);
  if (c == '!') {
    f_.advance();
    f_.skip_blanks();
    if (f_.current_is('$') || f_.current_is('@')) return read_path(out);
    return fail("Unexpected character: !", f_.position());
  }
  return read_literal(out);
}

// literal     = string | 'true' | 'false' | 'null' | json | /regex/flags | number
bool FilterParser::read_literal(Operand& out) {
  f_.skip_blanks();
  switch (f_.current()) {
    case '\'': return read_string_literal('\'', out);
    case '"': return read_string_literal('"', out);
    case 't':
    case 'f': return read_boolean_literal(out);
    case '-': return read_number_literal(out);
    case 'n': return read_null_literal(out);
    case '{':
    case '[': return read_json_literal(out);
    case '/': return read_pattern(out);
    default: return read_number_literal(out);
  }
}

// A ')' right after '(' closes a function call when a '.' precedes it inside this path.
int FilterParser::closing_function_bracket(int lower_bound) const {
  if (!f_.current_is(')')) return 0;
  int idx = f_.index_of_previous_significant(f_.position());
  if (idx == -1 || f_.at(idx) != '(') return 0;
  --idx;
  while (f_.in_bounds(idx) && idx > lower_bound) {
    if (f_.at(idx) == '.') return 1;
    --idx;
  }
  return 0;
}

// path        = ( '$' | '@' ) chars         up to an operator char, a space or a closing ')'
bool FilterParser::read_path(Operand& out) {
  int previous = f_.previous_significant(f_.position());
  int begin = f_.position();
  f_.advance();
  while (f_.in_bounds()) {
    if (f_.current_is('[')) {
      std::string error;
      int close = f_.index_of_matching_close(f_.position(), '[', ']', true, false, error);
      if (!error.empty()) return fail(error, f_.position());
      if (close == -1) return fail("Square brackets does not match in filter " + filter_text(), f_.position());
      f_.set_position(close + 1);
    }
    bool closing_function = f_.current_is(')') && closing_function_bracket(begin) == 1;
    bool closing_logical = f_.current_is(')') && !closing_function;
    if (!f_.in_bounds() || is_relational_char(f_.current()) || f_.current_is(' ') || closing_logical) break;
    f_.advance();
  }
  std::string_view text = f_.slice(begin, f_.position());
  CompileOptions options;
  options.allow_current_root = true;
  auto path = compile_jayway(ctx_, text, base_ + static_cast<std::size_t>(begin), options);
  if (!path) return false;
  out.kind = Operand::Kind::path;
  out.path = std::move(path);
  out.should_exist = previous != '!';
  return true;
}

// string      = "'" chars "'" | '"' chars '"'      (backslash escapes, Java's unescape)
bool FilterParser::read_string_literal(char quote, Operand& out) {
  int begin = f_.position();
  int close = f_.next_index_of_unescaped(f_.position(), quote);
  if (close == -1) {
    return fail(std::string("String literal does not have matching quotes. Expected ") + quote + " in " + filter_text(),
                begin);
  }
  f_.set_position(close + 1);
  std::string_view literal = f_.slice(begin + 1, close);
  std::string error;
  if (!java_unescape(literal, out.text, error)) return fail("com.jayway.jsonpath.JsonPathException: " + error, begin, true);
  out.kind = Operand::Kind::string;
  return true;
}

// boolean     = 'true' | 'false'
bool FilterParser::read_boolean_literal(Operand& out) {
  int begin = f_.position();
  int end = f_.current_is('t') ? begin + 3 : begin + 4;
  if (!f_.in_bounds(end)) return fail("Expected boolean literal", begin);
  std::string_view text = f_.slice(begin, end + 1);
  if (text != "true" && text != "false") return fail("Expected boolean literal", begin);
  f_.advance(static_cast<int>(text.size()));
  out.kind = Operand::Kind::boolean;
  out.boolean = text == "true";
  return true;
}

// null        = 'null'
bool FilterParser::read_null_literal(Operand& out) {
  int begin = f_.position();
  if (f_.current_is('n') && f_.in_bounds(begin + 3) && f_.slice(begin, begin + 4) == "null") {
    f_.advance(4);
    out.kind = Operand::Kind::null;
    return true;
  }
  return fail("Expected <null> value", begin);
}

// json        = '[' ... ']' | '{' ... '}'       (read later as json-smart's permissive mode would)
bool FilterParser::read_json_literal(Operand& out) {
  int begin = f_.position();
  char open = static_cast<char>(f_.current());
  char close = open == '[' ? ']' : '}';
  std::string error;
  int closing = f_.index_of_matching_close(begin, open, close, true, false, error);
  if (!error.empty()) return fail(error, begin);
  if (closing == -1) return fail("String not closed. Expected ' in " + filter_text(), begin);
  f_.set_position(closing + 1);
  out.kind = Operand::Kind::json;
  out.text = std::string(f_.slice(begin, closing + 1));
  out.json_ok = read_permissive_json(out.text, out.json);
  return true;
}

// regex       = '/' chars '/' { flag }          flag = d | i | x | m | s | u | U
bool FilterParser::read_pattern(Operand& out) {
  int begin = f_.position();
  int closing = f_.next_index_of_unescaped(f_.position(), '/');
  if (closing == -1) return fail("Pattern not closed. Expected / in " + filter_text(), begin);
  int flags_end = closing + 1;
  while (f_.in_bounds(flags_end) && is_flag_char(f_.at(flags_end))) ++flags_end;
  f_.set_position(flags_end);
  std::string_view literal = f_.slice(begin, flags_end);
  std::size_t first = literal.find('/');
  std::size_t last = literal.rfind('/');
  std::string_view pattern = literal.substr(first + 1, last - first - 1);
  std::string_view flags = literal.substr(last + 1);
  std::string error;
  auto regex = Regex::compile(pattern, flags, error);
  if (!regex) return fail("java.util.regex.PatternSyntaxException: " + error, begin, true);
  out.kind = Operand::Kind::pattern;
  out.text = std::string(literal);
  out.regex = std::move(regex);
  return true;
}

// number      = { digit | '-' | '.' | 'e' | 'E' }    (then BigDecimal's own grammar)
bool FilterParser::read_number_literal(Operand& out) {
  int begin = f_.position();
  while (f_.in_bounds() && is_number_char(f_.current())) f_.advance();
  std::string_view text = f_.slice(begin, f_.position());
  auto number = Decimal::parse(text);
  if (!number) return fail("java.lang.NumberFormatException", begin, true);
  out.kind = Operand::Kind::number;
  out.number = *number;
  return true;
}

}  // namespace

std::shared_ptr<const FilterNode> compile_filter(ParseContext& ctx, std::string_view criteria, std::size_t base) {
  NestingGuard guard(ctx, base);
  if (!guard.ok()) return nullptr;
  FilterParser parser(ctx, criteria, base);
  auto node = parser.compile();
  if (!node) return nullptr;
  return std::shared_ptr<const FilterNode>(std::move(node));
}

}  // namespace asl::jsonpath::detail
