// parser.cpp — tokenizer, Pratt parser and post-parse pass of JSONata 2.0.6, following jsonata-js's parser.js step for step.
#include "jsonata/parser.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "jsonata/function.h"
#include "jsonata/regex.h"

namespace asl::jsonata::detail {

namespace {

// Binding powers of jsonata-js's operator table.
int operator_power(std::string_view op) {
  static const std::pair<std::string_view, int> table[] = {
      {".", 75}, {"[", 80}, {"]", 0},   {"{", 70},  {"}", 0},   {"(", 80},  {")", 0},   {",", 0},  {"@", 80},
      {"#", 80}, {";", 80}, {":", 80},  {"?", 20},  {"+", 50},  {"-", 50},  {"*", 60},  {"/", 60}, {"%", 60},
      {"|", 20}, {"=", 40}, {"<", 40},  {">", 40},  {"^", 40},  {"**", 60}, {"..", 20}, {":=", 10}, {"!=", 40},
      {"<=", 40}, {">=", 40}, {"~>", 40}, {"and", 30}, {"or", 25}, {"in", 40}, {"&", 50}, {"!", 0},  {"~", 0}};
  for (const auto& [k, v] : table)
    if (k == op) return v;
  return -1;
}

bool is_operator_char(char c) { return std::strchr(".[]{}(),@#;:?+-*/%|=<>^&!~", c) != nullptr && c != 0; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'; }

// The left binding power of a symbol as jsonata-js's symbol table ends up with it.
int left_power(std::string_view id) {
  static const std::pair<std::string_view, int> table[] = {
      {".", 75},  {"+", 50},  {"-", 50},  {"*", 60},  {"/", 60},  {"%", 60},   {"=", 40},  {"<", 40},
      {">", 40},  {"!=", 40}, {"<=", 40}, {">=", 40}, {"&", 50},  {"and", 30}, {"or", 25}, {"in", 40},
      {"~>", 40}, {"(", 80},  {"[", 80},  {"^", 40},  {"{", 70},  {":=", 10},  {"@", 80},  {"#", 80},
      {"?", 20}};
  for (const auto& [k, v] : table)
    if (k == id) return v;
  return 0;
}

bool is_known_symbol(std::string_view op) {
  static const std::string_view known[] = {":", ";", ",", ")", "]", "}", "..", ".", "+", "-", "*", "/", "%",
                                           "=", "<", ">", "!=", "<=", ">=", "&", "and", "or", "in", "~>",
                                           "**", "(", "[", "^", "{", ":=", "@", "#", "?", "|"};
  for (auto k : known)
    if (k == op) return true;
  return false;
}

struct Token {
  enum Kind { k_name, k_variable, k_op, k_string, k_number, k_value, k_regex, k_end } kind = k_end;
  std::string text;
  asl::Value literal;
  double number = 0;
  std::shared_ptr<const Regex> regex;
  std::size_t position = 0;
};

class Lexer {
 public:
  explicit Lexer(std::string_view path) : path_(path) {}

  // Next token, or nullopt at the end. `prefix`: an operand cannot start here, so '/' divides.
  std::optional<Token> next(bool prefix) {
    for (;;) {
      if (pos_ >= path_.size()) return std::nullopt;
      while (pos_ < path_.size() && is_space(path_[pos_])) ++pos_;
      if (at(pos_) == '/' && at(pos_ + 1) == '*') {
        std::size_t comment_start = pos_;
        pos_ += 2;
        while (!(at(pos_) == '*' && at(pos_ + 1) == '/')) {
          ++pos_;
          if (pos_ >= path_.size()) throw Failure("S0106").at(comment_start);
        }
        pos_ += 2;
        continue;
      }
      break;
    }
    char c = at(pos_);
    if (!prefix && c == '/') {
      ++pos_;
      return scan_regex();
    }
    static const char* doubles[] = {"..", ":=", "!=", ">=", "<=", "**", "~>"};
    for (const char* d : doubles) {
      if (c == d[0] && at(pos_ + 1) == d[1]) {
        pos_ += 2;
        return make_op(d);
      }
    }
    if (c != 0 && is_operator_char(c)) {
      ++pos_;
      return make_op(std::string(1, c));
    }
    if (c == '"' || c == '\'') return scan_string(c);
    if (auto number = scan_number()) return number;
    if (c == '`') {
      ++pos_;
      auto end = path_.find('`', pos_);
      if (end != std::string_view::npos) {
        Token t;
        t.kind = Token::k_name;
        t.text = std::string(path_.substr(pos_, end - pos_));
        pos_ = end + 1;
        t.position = pos_;
        return t;
      }
      pos_ = path_.size();
      throw Failure("S0105").at(pos_);
    }
    std::size_t i = pos_;
    while (i < path_.size() && !is_space(path_[i]) && !is_operator_char(path_[i])) ++i;
    Token t;
    if (at(pos_) == '$') {
      t.kind = Token::k_variable;
      t.text = std::string(path_.substr(pos_ + 1, i - pos_ - 1));
      pos_ = i;
      t.position = pos_;
      return t;
    }
    std::string name(path_.substr(pos_, i - pos_));
    pos_ = i;
    t.position = pos_;
    if (name == "or" || name == "in" || name == "and") {
      t.kind = Token::k_op;
      t.text = name;
    } else if (name == "true" || name == "false") {
      t.kind = Token::k_value;
      t.literal = asl::Value(name == "true");
    } else if (name == "null") {
      t.kind = Token::k_value;
      t.literal = asl::Value();
    } else {
      if (pos_ == path_.size() && name.empty()) return std::nullopt;
      t.kind = Token::k_name;
      t.text = std::move(name);
    }
    return t;
  }

 private:
  char at(std::size_t i) const { return i < path_.size() ? path_[i] : '\0'; }

  Token make_op(std::string op) {
    Token t;
    t.kind = Token::k_op;
    t.text = std::move(op);
    t.position = pos_;
    return t;
  }

  Token scan_regex() {
    std::size_t start = pos_;
    int depth = 0;
    auto closing_slash = [&](std::size_t p) {
      if (at(p) == '/' && depth == 0) {
        std::size_t backslashes = 0;
        while (p >= backslashes + 1 && at(p - (backslashes + 1)) == '\\') ++backslashes;
        return backslashes % 2 == 0;
      }
      return false;
    };
    while (pos_ < path_.size()) {
      char c = at(pos_);
      if (closing_slash(pos_)) {
        std::string pattern(path_.substr(start, pos_ - start));
        if (pattern.empty()) throw Failure("S0301").at(pos_);
        ++pos_;
        std::size_t flag_start = pos_;
        while (at(pos_) == 'i' || at(pos_) == 'm') ++pos_;
        std::string flags(path_.substr(flag_start, pos_ - flag_start));
        std::string error;
        auto regex = Regex::compile(pattern, flags, error);
        if (!regex) {
          Failure f("S0303");
          f.at(pos_);
          f.message = error;
          throw f;
        }
        Token t;
        t.kind = Token::k_regex;
        t.regex = std::move(regex);
        t.text = pattern;
        t.position = pos_;
        return t;
      }
      bool escaped = pos_ > 0 && at(pos_ - 1) == '\\';
      if ((c == '(' || c == '[' || c == '{') && !escaped) ++depth;
      if ((c == ')' || c == ']' || c == '}') && !escaped) --depth;
      ++pos_;
    }
    throw Failure("S0302").at(pos_);
  }

  static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // The 4 hex digits after \u at pos_+1, or -1.
  long read_hex4(std::size_t p) const {
    if (p + 4 > path_.size()) return -1;
    long v = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      int h = hex_value(path_[p + k]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    return v;
  }

  Token scan_string(char quote) {
    ++pos_;
    std::string out;
    while (pos_ < path_.size()) {
      char c = at(pos_);
      if (c == '\\') {
        ++pos_;
        c = at(pos_);
        switch (c) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            long cp = read_hex4(pos_ + 1);
            if (cp < 0) throw Failure("S0104").at(pos_);
            pos_ += 4;
            // A surrogate pair written as two escapes is one code point.
            if (cp >= 0xD800 && cp <= 0xDBFF && at(pos_ + 1) == '\\' && at(pos_ + 2) == 'u') {
              long low = read_hex4(pos_ + 3);
              if (low >= 0xDC00 && low <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                pos_ += 6;
              }
            }
            append_utf8(out, static_cast<char32_t>(cp));
            break;
          }
          default: throw Failure("S0103").at(pos_).with_token(std::string(1, c));
        }
      } else if (c == quote) {
        ++pos_;
        Token t;
        t.kind = Token::k_string;
        t.literal = asl::Value(out);
        t.text = std::move(out);
        t.position = pos_;
        return t;
      } else {
        out += c;
      }
      ++pos_;
    }
    throw Failure("S0101").at(pos_);
  }

  std::optional<Token> scan_number() {
    std::size_t p = pos_;
    auto digit = [&](std::size_t i) { return i < path_.size() && path_[i] >= '0' && path_[i] <= '9'; };
    if (at(p) == '-') ++p;
    if (at(p) == '0') {
      ++p;
    } else if (digit(p) && at(p) != '0') {
      while (digit(p)) ++p;
    } else {
      return std::nullopt;
    }
    if (at(p) == '.' && digit(p + 1)) {
      ++p;
      while (digit(p)) ++p;
    }
    if (at(p) == 'e' || at(p) == 'E') {
      std::size_t q = p + 1;
      if (at(q) == '+' || at(q) == '-') ++q;
      if (digit(q)) {
        while (digit(q)) ++q;
        p = q;
      }
    }
    std::string lexeme(path_.substr(pos_, p - pos_));
    double value = std::strtod(lexeme.c_str(), nullptr);
    if (!std::isfinite(value)) throw Failure("S0102").at(pos_).with_token(lexeme);
    pos_ = p;
    Token t;
    t.kind = Token::k_number;
    t.number = value;
    t.literal = asl::Value(value);
    t.position = pos_;
    return t;
  }

  std::string_view path_;
  std::size_t pos_ = 0;
};

// The token text jsonata-js would put in an error's `token`.
Val token_value(const Node* n) {
  switch (n->type) {
    case NodeType::string: return Val::string(n->text);
    case NodeType::number: return Val::number(n->number);
    case NodeType::value: return Val(n->literal);
    case NodeType::regex: return Val::string(n->text);
    case NodeType::end: return Val::string("(end)");
    case NodeType::operator_tok:
    case NodeType::binary_op:
    case NodeType::unary_op: return Val::string(n->op);
    default: return Val::string(n->text);
  }
}

class Parser {
 public:
  Parser(std::string_view source, Arena& arena) : source_(source), lexer_(source), arena_(arena) {}

  Node* run() {
    advance();
    Node* expr = expression(0);
    if (id_ != "(end)") throw Failure("S0201").at(node_->position).with_token(token_value(node_));
    expr = process(expr);
    if (expr->type == NodeType::parent || expr->has_seeking_parent)
      throw Failure("S0217").at(expr->position).with_token(std::string(type_name(expr)));
    for (Node& n : arena_.nodes) {
      if (n.type == NodeType::path) n.simple_path = is_simple_path(n);
      if (n.type == NodeType::variable && !n.text.empty()) n.builtin = find_builtin(n.text);
      if (n.type == NodeType::block) n.block_binds = binds_within(&n, 0);
    }
    return expr;
  }

 private:
  // Whether a `:=` occurs in `n`'s subtree outside lambdas (whose calls have frames of their own).
  // Deeper than any real expression: assume it does.
  static bool binds_within(const Node* n, int depth) {
    if (n == nullptr) return false;
    if (depth > 200) return true;
    if (n->type == NodeType::bind) return true;
    if (n->type == NodeType::lambda && depth > 0) return false;
    for (const Node* c : {n->lhs, n->rhs, n->expression, n->condition, n->then, n->otherwise, n->pattern, n->update,
                          n->remove, n->procedure, n->body})
      if (binds_within(c, depth + 1)) return true;
    for (const auto* list : {&n->steps, &n->expressions, &n->arguments})
      for (const Node* c : *list)
        if (binds_within(c, depth + 1)) return true;
    for (const auto& [k, v] : n->pairs)
      if (binds_within(k, depth + 1) || binds_within(v, depth + 1)) return true;
    for (const auto& t : n->terms)
      if (binds_within(t.expression, depth + 1)) return true;
    for (const auto* stages : {&n->predicate, &n->stages})
      for (const auto& st : *stages)
        if (binds_within(st.expr, depth + 1)) return true;
    if (n->group)
      for (const auto& [k, v] : n->group->pairs)
        if (binds_within(k, depth + 1) || binds_within(v, depth + 1)) return true;
    return false;
  }

  static bool is_simple_path(const Node& path) {
    if (path.steps.empty() || path.keep_singleton_array || path.keep_array || path.tuple || !path.predicate.empty())
      return false;
    for (std::size_t i = 0; i < path.steps.size(); ++i) {
      const Node* step = path.steps[i];
      bool kind_ok = step->type == NodeType::name || (i == 0 && step->type == NodeType::variable);
      if (!kind_ok || !step->stages.empty() || !step->predicate.empty() || step->group || step->keep_array ||
          step->tuple || step->has_focus || step->has_index || step->consarray || step->ancestor)
        return false;
    }
    return true;
  }

  static std::string_view type_name(const Node* n) {
    switch (n->type) {
      case NodeType::parent: return "parent";
      case NodeType::path: return "path";
      case NodeType::binary: return "binary";
      case NodeType::block: return "block";
      case NodeType::function: return "function";
      case NodeType::condition: return "condition";
      case NodeType::array:
      case NodeType::object:
      case NodeType::negate: return "unary";
      case NodeType::string: return "string";
      case NodeType::number: return "number";
      case NodeType::value: return "value";
      case NodeType::variable: return "variable";
      case NodeType::lambda: return "lambda";
      case NodeType::apply: return "apply";
      case NodeType::bind: return "bind";
      case NodeType::sort: return "sort";
      case NodeType::descendant: return "descendant";
      case NodeType::regex: return "regex";
      case NodeType::transform: return "transform";
      case NodeType::partial: return "partial";
      default: return "name";
    }
  }

  // Moves to the next token; with `expected`, the current one must be that symbol.
  Node* advance(std::string_view expected = {}, bool infix = false) {
    if (!expected.empty() && id_ != expected) {
      Failure f(id_ == "(end)" ? "S0203" : "S0202");
      f.at(node_->position).with_token(token_value(node_));
      f.value = Val::string(std::string(expected));
      throw f;
    }
    auto token = lexer_.next(infix);
    if (!token) {
      node_ = arena_.make(NodeType::end, source_.size());
      node_->op = "(end)";
      id_ = "(end)";
      return node_;
    }
    Node* n = nullptr;
    switch (token->kind) {
      case Token::k_name:
        n = arena_.make(NodeType::name, token->position);
        n->text = token->text;
        id_ = "(name)";
        break;
      case Token::k_variable:
        n = arena_.make(NodeType::variable, token->position);
        n->text = token->text;
        id_ = "(name)";
        break;
      case Token::k_op:
        if (!is_known_symbol(token->text))
          throw Failure("S0204").at(token->position).with_token(token->text);
        n = arena_.make(NodeType::operator_tok, token->position);
        n->op = token->text;
        id_ = token->text;
        break;
      case Token::k_string:
        n = arena_.make(NodeType::string, token->position);
        n->text = token->text;
        n->literal = token->literal;
        id_ = "(literal)";
        break;
      case Token::k_number:
        n = arena_.make(NodeType::number, token->position);
        n->number = token->number;
        n->literal = token->literal;
        id_ = "(literal)";
        break;
      case Token::k_value:
        n = arena_.make(NodeType::value, token->position);
        n->literal = token->literal;
        id_ = "(literal)";
        break;
      case Token::k_regex:
        n = arena_.make(NodeType::regex, token->position);
        n->regex = token->regex;
        n->text = token->text;
        id_ = "(regex)";
        break;
      case Token::k_end: break;
    }
    node_ = n;
    return n;
  }

  Node* expression(int rbp) {
    Node* t = node_;
    std::string t_id = id_;
    advance({}, true);
    Node* left = nud(t, t_id);
    while (rbp < left_power(id_)) {
      t = node_;
      t_id = id_;
      advance();
      left = led(t, t_id, left);
    }
    return left;
  }

  Node* nud(Node* self, const std::string& id) {
    if (id == "(name)" || id == "(literal)" || id == "(regex)" || id == "(end)" || id == "and" || id == "or" ||
        id == "in")
      return self;
    if (id == "-") {
      self->type = NodeType::unary_op;
      self->expression = expression(70);
      return self;
    }
    if (id == "*") {
      self->type = NodeType::wildcard;
      return self;
    }
    if (id == "**") {
      self->type = NodeType::descendant;
      return self;
    }
    if (id == "%") {
      self->type = NodeType::parent;
      return self;
    }
    if (id == "(") {
      std::vector<Node*> expressions;
      while (id_ != ")") {
        expressions.push_back(expression(0));
        if (id_ != ";") break;
        advance(";");
      }
      advance(")", true);
      self->type = NodeType::block;
      self->expressions = std::move(expressions);
      return self;
    }
    if (id == "[") {
      std::vector<Node*> items;
      if (id_ != "]") {
        for (;;) {
          Node* item = expression(0);
          if (id_ == "..") {
            Node* range = arena_.make(NodeType::binary_op, node_->position);
            range->op = "..";
            range->lhs = item;
            advance("..");
            range->rhs = expression(0);
            item = range;
          }
          items.push_back(item);
          if (id_ != ",") break;
          advance(",");
        }
      }
      advance("]", true);
      self->type = NodeType::unary_op;
      self->expressions = std::move(items);
      return self;
    }
    if (id == "{") return object_parser(self, nullptr);
    if (id == "|") {
      self->type = NodeType::transform;
      self->pattern = expression(0);
      advance("|");
      self->update = expression(0);
      if (id_ == ",") {
        advance(",");
        self->remove = expression(0);
      }
      advance("|");
      return self;
    }
    throw Failure("S0211").at(self->position).with_token(token_value(self));
  }

  Node* object_parser(Node* self, Node* left) {
    std::vector<std::pair<Node*, Node*>> pairs;
    if (id_ != "}") {
      for (;;) {
        Node* n = expression(0);
        advance(":");
        Node* v = expression(0);
        pairs.emplace_back(n, v);
        if (id_ != ",") break;
        advance(",");
      }
    }
    advance("}", true);
    self->pairs = std::move(pairs);
    if (!left) {
      self->type = NodeType::unary_op;
    } else {
      self->type = NodeType::binary_op;
      self->lhs = left;
    }
    return self;
  }

  Node* led(Node* self, const std::string& id, Node* left) {
    if (id == "(") {
      self->procedure = left;
      self->type = NodeType::function;
      if (id_ != ")") {
        for (;;) {
          if (node_->type == NodeType::operator_tok && id_ == "?") {
            self->type = NodeType::partial;
            self->arguments.push_back(node_);
            advance("?");
          } else {
            self->arguments.push_back(expression(0));
          }
          if (id_ != ",") break;
          advance(",");
        }
      }
      advance(")", true);
      if (left->type == NodeType::name && (left->text == "function" || left->text == "\u03BB")) {
        for (std::size_t i = 0; i < self->arguments.size(); ++i) {
          Node* arg = self->arguments[i];
          if (arg->type != NodeType::variable) {
            Failure f("S0208");
            f.at(arg->position).with_token(token_value(arg));
            f.value = Val::number(static_cast<double>(i + 1));
            throw f;
          }
        }
        self->type = NodeType::lambda;
        if (id_ == "<") {
          std::size_t sig_pos = node_->position;
          int depth = 1;
          std::string sig = "<";
          while (depth > 0 && id_ != "{" && id_ != "(end)") {
            Node* tok = advance();
            if (id_ == ">") --depth;
            else if (id_ == "<") ++depth;
            sig += tok->type == NodeType::operator_tok ? tok->op : tok->text;
          }
          advance(">");
          std::string code, value;
          std::size_t offset = 0;
          auto parsed = parse_signature(sig, code, value, offset);
          if (!parsed) {
            Failure f(code);
            f.at(sig_pos + offset);
            f.value = Val::string(value);
            throw f;
          }
          self->signature = std::move(parsed);
        }
        advance("{");
        self->body = expression(0);
        advance("}");
      }
      return self;
    }
    if (id == "[") {
      if (id_ == "]") {
        Node* step = left;
        while (step && step->type == NodeType::binary_op && step->op == "[") step = step->lhs;
        step->keep_array = true;
        advance("]");
        return left;
      }
      self->type = NodeType::binary_op;
      self->op = "[";
      self->lhs = left;
      self->rhs = expression(0);
      advance("]", true);
      return self;
    }
    if (id == "^") {
      advance("(");
      std::vector<SortTerm> terms;
      for (;;) {
        SortTerm term;
        if (id_ == "<") {
          advance("<");
        } else if (id_ == ">") {
          term.descending = true;
          advance(">");
        }
        term.expression = expression(0);
        terms.push_back(term);
        if (id_ != ",") break;
        advance(",");
      }
      advance(")");
      self->type = NodeType::binary_op;
      self->op = "^";
      self->lhs = left;
      self->terms = std::move(terms);
      return self;
    }
    if (id == "{") {
      self->op = "{";
      return object_parser(self, left);
    }
    if (id == ":=") {
      if (left->type != NodeType::variable)
        throw Failure("S0212").at(left->position).with_token(token_value(left));
      self->type = NodeType::binary_op;
      self->op = ":=";
      self->lhs = left;
      self->rhs = expression(operator_power(":=") - 1);
      return self;
    }
    if (id == "@" || id == "#") {
      self->type = NodeType::binary_op;
      self->op = id;
      self->lhs = left;
      self->rhs = expression(operator_power(id));
      if (self->rhs->type != NodeType::variable) throw Failure("S0214").at(self->rhs->position).with_token(id);
      return self;
    }
    if (id == "?") {
      self->type = NodeType::condition;
      self->condition = left;
      self->then = expression(0);
      if (id_ == ":") {
        advance(":");
        self->otherwise = expression(0);
      }
      return self;
    }
    // plain infix operators
    self->type = NodeType::binary_op;
    self->op = id;
    self->lhs = left;
    self->rhs = expression(operator_power(id));
    return self;
  }

  // --- post-parse pass (jsonata-js processAST) -----------------------------------------------

  Node* tail_call_optimize(Node* expr) {
    if (expr->type == NodeType::function && expr->predicate.empty()) {
      Node* thunk = arena_.make(NodeType::lambda, expr->position);
      thunk->thunk = true;
      thunk->body = expr;
      return thunk;
    }
    if (expr->type == NodeType::condition) {
      expr->then = tail_call_optimize(expr->then);
      if (expr->otherwise) expr->otherwise = tail_call_optimize(expr->otherwise);
      return expr;
    }
    if (expr->type == NodeType::block) {
      if (!expr->expressions.empty()) expr->expressions.back() = tail_call_optimize(expr->expressions.back());
      return expr;
    }
    return expr;
  }

  Slot* seek_parent(Node* node, Slot* slot) {
    switch (node->type) {
      case NodeType::name:
      case NodeType::wildcard:
        slot->level--;
        if (slot->level == 0) {
          if (node->ancestor == nullptr) {
            node->ancestor = slot;
          } else {
            ancestry_[static_cast<std::size_t>(slot->index)]->slot->label = node->ancestor->label;
            node->ancestor = slot;
          }
          node->tuple = true;
        }
        break;
      case NodeType::parent: slot->level++; break;
      case NodeType::block:
        if (!node->expressions.empty()) {
          node->tuple = true;
          slot = seek_parent(node->expressions.back(), slot);
        }
        break;
      case NodeType::path: {
        node->tuple = true;
        auto index = static_cast<std::ptrdiff_t>(node->steps.size()) - 1;
        slot = seek_parent(node->steps[static_cast<std::size_t>(index--)], slot);
        while (slot->level > 0 && index >= 0) slot = seek_parent(node->steps[static_cast<std::size_t>(index--)], slot);
        break;
      }
      default: throw Failure("S0217").at(node->position).with_token(std::string(type_name(node)));
    }
    return slot;
  }

  void push_ancestry(Node* result, Node* value) {
    if (value->has_seeking_parent || value->type == NodeType::parent) {
      std::vector<Slot*> slots = value->seeking_parent;
      if (value->type == NodeType::parent) slots.push_back(value->slot);
      if (!result->has_seeking_parent) {
        result->seeking_parent = slots;
        result->has_seeking_parent = true;
      } else {
        result->seeking_parent.insert(result->seeking_parent.end(), slots.begin(), slots.end());
      }
    }
  }

  void resolve_ancestry(Node* path) {
    auto index = static_cast<std::ptrdiff_t>(path->steps.size()) - 1;
    Node* laststep = path->steps[static_cast<std::size_t>(index)];
    std::vector<Slot*> slots = laststep->seeking_parent;
    if (laststep->type == NodeType::parent) slots.push_back(laststep->slot);
    for (Slot* slot : slots) {
      index = static_cast<std::ptrdiff_t>(path->steps.size()) - 2;
      while (slot->level > 0) {
        if (index < 0) {
          path->seeking_parent.push_back(slot);
          path->has_seeking_parent = true;
          break;
        }
        Node* step = path->steps[static_cast<std::size_t>(index--)];
        while (index >= 0 && step->has_focus && path->steps[static_cast<std::size_t>(index)]->has_focus)
          step = path->steps[static_cast<std::size_t>(index--)];
        slot = seek_parent(step, slot);
      }
    }
  }

  Node* make_path(Node* first) {
    Node* p = arena_.make(NodeType::path, first->position);
    p->steps.push_back(first);
    return p;
  }

  Node* process(Node* expr) {
    Node* result = nullptr;
    switch (expr->type) {
      case NodeType::binary_op: result = process_binary(expr); break;
      case NodeType::unary_op: {
        if (expr->op == "[") {
          result = arena_.make(NodeType::array, expr->position);
          result->op = "[";
          for (Node* item : expr->expressions) {
            Node* value = process(item);
            push_ancestry(result, value);
            result->expressions.push_back(value);
          }
        } else if (expr->op == "{") {
          result = arena_.make(NodeType::object, expr->position);
          result->op = "{";
          for (auto& [k, v] : expr->pairs) {
            Node* key = process(k);
            push_ancestry(result, key);
            Node* value = process(v);
            push_ancestry(result, value);
            result->pairs.emplace_back(key, value);
          }
        } else {
          Node* operand = process(expr->expression);
          if (expr->op == "-" && operand->type == NodeType::number) {
            result = operand;
            result->number = -result->number;
            result->literal = asl::Value(result->number);
          } else {
            result = arena_.make(NodeType::negate, expr->position);
            result->op = "-";
            result->expression = operand;
            push_ancestry(result, operand);
          }
        }
        break;
      }
      case NodeType::function:
      case NodeType::partial: {
        result = arena_.make(expr->type, expr->position);
        for (Node* arg : expr->arguments) {
          Node* a = process(arg);
          push_ancestry(result, a);
          result->arguments.push_back(a);
        }
        result->procedure = process(expr->procedure);
        break;
      }
      case NodeType::lambda: {
        result = arena_.make(NodeType::lambda, expr->position);
        for (Node* arg : expr->arguments) result->params.push_back(arg->text);
        result->arguments = expr->arguments;
        result->signature = expr->signature;
        result->body = tail_call_optimize(process(expr->body));
        break;
      }
      case NodeType::condition: {
        result = arena_.make(NodeType::condition, expr->position);
        result->condition = process(expr->condition);
        push_ancestry(result, result->condition);
        result->then = process(expr->then);
        push_ancestry(result, result->then);
        if (expr->otherwise) {
          result->otherwise = process(expr->otherwise);
          push_ancestry(result, result->otherwise);
        }
        break;
      }
      case NodeType::transform: {
        result = arena_.make(NodeType::transform, expr->position);
        result->pattern = process(expr->pattern);
        result->update = process(expr->update);
        if (expr->remove) result->remove = process(expr->remove);
        break;
      }
      case NodeType::block: {
        result = arena_.make(NodeType::block, expr->position);
        for (Node* item : expr->expressions) {
          Node* part = process(item);
          push_ancestry(result, part);
          if (part->consarray || (part->type == NodeType::path && part->steps[0]->consarray)) result->consarray = true;
          result->expressions.push_back(part);
        }
        break;
      }
      case NodeType::name: {
        result = make_path(expr);
        if (expr->keep_array) result->keep_singleton_array = true;
        break;
      }
      case NodeType::parent: {
        result = arena_.make(NodeType::parent, expr->position);
        arena_.slots.emplace_back();
        Slot* slot = &arena_.slots.back();
        slot->label = "!" + std::to_string(ancestor_label_++);
        slot->level = 1;
        slot->index = ancestor_index_++;
        result->slot = slot;
        ancestry_.push_back(result);
        break;
      }
      case NodeType::string:
      case NodeType::number:
      case NodeType::value:
      case NodeType::wildcard:
      case NodeType::descendant:
      case NodeType::variable:
      case NodeType::regex: result = expr; break;
      case NodeType::operator_tok: {
        if (expr->op == "and" || expr->op == "or" || expr->op == "in") {
          expr->type = NodeType::name;
          expr->text = expr->op;
          result = process(expr);
        } else if (expr->op == "?") {
          expr->type = NodeType::placeholder;
          result = expr;
        } else {
          throw Failure("S0201").at(expr->position).with_token(expr->op);
        }
        break;
      }
      case NodeType::end: throw Failure("S0207").at(expr->position).with_token("(end)");
      default: throw Failure("S0206").at(expr->position).with_token(token_value(expr));
    }
    if (expr->keep_array) result->keep_array = true;
    return result;
  }

  Node* process_binary(Node* expr) {
    const std::string& op = expr->op;
    Node* result = nullptr;
    if (op == ".") {
      Node* lstep = process(expr->lhs);
      if (lstep->type == NodeType::path) {
        result = lstep;
      } else {
        result = make_path(lstep);
      }
      if (lstep->type == NodeType::parent) {
        result->seeking_parent = {lstep->slot};
        result->has_seeking_parent = true;
      }
      Node* rest = process(expr->rhs);
      if (rest->type == NodeType::function && rest->procedure->type == NodeType::path &&
          rest->procedure->steps.size() == 1 && rest->procedure->steps[0]->type == NodeType::name &&
          result->steps.back()->type == NodeType::function) {
        result->steps.back()->next_function = rest->procedure->steps[0]->text;
      }
      if (rest->type == NodeType::path) {
        result->steps.insert(result->steps.end(), rest->steps.begin(), rest->steps.end());
      } else {
        if (!rest->predicate.empty()) {
          rest->stages = std::move(rest->predicate);
          rest->predicate.clear();
        }
        result->steps.push_back(rest);
      }
      for (Node* step : result->steps) {
        if (step->type == NodeType::number || step->type == NodeType::value) {
          Failure f("S0213");
          f.at(step->position);
          f.value = step->type == NodeType::number ? Val::number(step->number) : Val(step->literal);
          throw f;
        }
        if (step->type == NodeType::string) {
          step->type = NodeType::name;
        }
      }
      for (Node* step : result->steps)
        if (step->keep_array) result->keep_singleton_array = true;
      Node* first = result->steps.front();
      if (first->type == NodeType::array) first->consarray = true;
      Node* last = result->steps.back();
      if (last->type == NodeType::array) last->consarray = true;
      resolve_ancestry(result);
      return result;
    }
    if (op == "[") {
      result = process(expr->lhs);
      Node* step = result;
      bool stages = false;
      if (result->type == NodeType::path) {
        step = result->steps.back();
        stages = true;
      }
      if (step->group) throw Failure("S0209").at(expr->position);
      Node* predicate = process(expr->rhs);
      if (predicate->has_seeking_parent) {
        for (Slot* slot : predicate->seeking_parent) {
          if (slot->level == 1) seek_parent(step, slot);
          else slot->level--;
        }
        push_ancestry(step, predicate);
      }
      Stage stage;
      stage.expr = predicate;
      stage.position = expr->position;
      (stages ? step->stages : step->predicate).push_back(stage);
      return result;
    }
    if (op == "{") {
      result = process(expr->lhs);
      if (result->group) throw Failure("S0210").at(expr->position);
      arena_.groups.emplace_back();
      Group* group = &arena_.groups.back();
      group->position = expr->position;
      for (auto& [k, v] : expr->pairs) group->pairs.emplace_back(process(k), process(v));
      result->group = group;
      return result;
    }
    if (op == "^") {
      result = process(expr->lhs);
      if (result->type != NodeType::path) result = make_path(result);
      Node* sort = arena_.make(NodeType::sort, expr->position);
      for (auto& term : expr->terms) {
        Node* e = process(term.expression);
        push_ancestry(sort, e);
        sort->terms.push_back({term.descending, e});
      }
      result->steps.push_back(sort);
      resolve_ancestry(result);
      return result;
    }
    if (op == ":=") {
      result = arena_.make(NodeType::bind, expr->position);
      result->lhs = process(expr->lhs);
      result->rhs = process(expr->rhs);
      push_ancestry(result, result->rhs);
      return result;
    }
    if (op == "@") {
      result = process(expr->lhs);
      Node* step = result;
      if (result->type == NodeType::path) step = result->steps.back();
      if (!step->stages.empty() || !step->predicate.empty()) throw Failure("S0215").at(expr->position);
      if (step->type == NodeType::sort) throw Failure("S0216").at(expr->position);
      if (expr->keep_array) step->keep_array = true;
      step->focus = expr->rhs->text;
      step->has_focus = true;
      step->tuple = true;
      return result;
    }
    if (op == "#") {
      result = process(expr->lhs);
      Node* step = result;
      if (result->type == NodeType::path) {
        step = result->steps.back();
      } else {
        result = make_path(result);
        if (!step->predicate.empty()) {
          step->stages = std::move(step->predicate);
          step->predicate.clear();
        }
      }
      if (step->stages.empty()) {
        step->index = expr->rhs->text;
        step->has_index = true;
      } else {
        Stage stage;
        stage.is_index = true;
        stage.variable = expr->rhs->text;
        stage.position = expr->position;
        step->stages.push_back(stage);
      }
      step->tuple = true;
      return result;
    }
    if (op == "~>") {
      result = arena_.make(NodeType::apply, expr->position);
      result->op = "~>";
      result->lhs = process(expr->lhs);
      result->rhs = process(expr->rhs);
      result->keep_array = result->lhs->keep_array || result->rhs->keep_array;
      return result;
    }
    result = arena_.make(NodeType::binary, expr->position);
    result->op = op;
    static const std::pair<std::string_view, BinaryOp> opcodes[] = {
        {"+", op_add}, {"-", op_sub}, {"*", op_mul}, {"/", op_div}, {"%", op_mod}, {"=", op_eq},
        {"!=", op_ne}, {"<", op_lt}, {"<=", op_le}, {">", op_gt}, {">=", op_ge}, {"&", op_concat},
        {"..", op_range}, {"in", op_in}, {"and", op_and}, {"or", op_or}};
    for (const auto& [text, code] : opcodes)
      if (text == op) result->opcode = code;
    result->lhs = process(expr->lhs);
    result->rhs = process(expr->rhs);
    push_ancestry(result, result->lhs);
    push_ancestry(result, result->rhs);
    return result;
  }

  std::string_view source_;
  Lexer lexer_;
  Arena& arena_;
  Node* node_ = nullptr;
  std::string id_;
  int ancestor_label_ = 0;
  int ancestor_index_ = 0;
  std::vector<Node*> ancestry_;
};

}  // namespace

Node* parse(std::string_view text, Arena& arena) { return Parser(text, arena).run(); }

}  // namespace asl::jsonata::detail
