// parser.cpp — path text to a chain of steps, token by token as Jayway's PathCompiler reads it.
#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "jsonpath/java.h"
#include "jsonpath/lexer.h"
#include "jsonpath/parser.h"
#include "jsonpath/program.h"

namespace asl::jsonpath::detail {

std::string_view java_trim(std::string_view text) {
  std::size_t b = 0;
  std::size_t e = text.size();
  while (b < e && static_cast<unsigned char>(text[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(text[e - 1]) <= ' ') --e;
  return text.substr(b, e - b);
}

bool parse_java_int(std::string_view text, std::int32_t& out) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  if (i >= text.size()) return false;
  std::int64_t v = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
    if (v > static_cast<std::int64_t>(std::numeric_limits<std::int32_t>::max()) + 1) return false;
  }
  if (negative) v = -v;
  if (v > std::numeric_limits<std::int32_t>::max() || v < std::numeric_limits<std::int32_t>::min()) return false;
  out = static_cast<std::int32_t>(v);
  return true;
}

namespace {

bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_whitespace(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
std::string number_format(std::string_view input) {
  return "java.lang.NumberFormatException: For input string: \"" + std::string(input) + "\"";
}

// Java's String.split(":"): trailing empty strings are dropped.
std::vector<std::string_view> split_colon(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ':') {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

class PathParser {
 public:
  PathParser(ParseContext& ctx, std::string_view text, std::size_t base, const CompileOptions& options,
             Program& program)
      : ctx_(ctx), c_(text), base_(base), options_(options), program_(program) {}

  bool parse();

 private:
  enum class Took { no, yes, error };

  // Error at a position of this parser's text; `at` is where the column points.
  bool fail(std::string message, int at, bool generic = false) {
    int clamped = std::clamp(at, 0, static_cast<int>(c_.text().size()));
    return ctx_.fail(std::move(message), base_ + static_cast<std::size_t>(clamped), generic);
  }
  Took fail_took(std::string message, int at, bool generic = false) {
    fail(std::move(message), at, generic);
    return Took::error;
  }
  // Jayway's messages count positions in UTF-16 units of its own text.
  std::string jpos(int at) const {
    return std::to_string(utf16_index(c_.text(), static_cast<std::size_t>(std::max(at, 0))));
  }

  bool read_context_token();
  bool read_next_token();
  bool read_dot_token();
  bool read_property_or_function_token();
  bool read_function_parameters(std::string_view name, std::vector<FunctionArg>& args);
  Took read_bracket_property_token();
  Took read_array_token();
  Took read_wildcard_token();
  Took read_filter_token();
  Took read_placeholder_token();

  ParseContext& ctx_;
  Cursor c_;
  std::size_t base_;
  CompileOptions options_;
  Program& program_;
};

// path        = ( '$' | '@' ) [ ( '.' | '[' ) token { token } ]
bool PathParser::parse() {
  if (!read_context_token()) return false;
  while (!c_.is_tail()) {
    if (!read_next_token()) return false;
  }
  return true;
}

// context     = { whitespace } ( '$' | '@' )
bool PathParser::read_context_token() {
  while (c_.in_bounds() && is_whitespace(c_.current())) c_.advance();
  int root = c_.current();
  if (root != '$' && root != '@') return fail("Path must start with '$' or '@'", c_.position());
  if (root == '@' && !options_.allow_current_root) return fail("Path must start with '$'", c_.position());
  program_.root_char = static_cast<char>(root);
  if (c_.is_tail()) {
    c_.advance();
    return true;
  }
  c_.advance();
  if (!c_.current_is('.') && !c_.current_is('[')) {
    return fail("Illegal character at position " + jpos(c_.position()) + " expected '.' or '['", c_.position());
  }
  return read_next_token();
}

// token       = bracket | dot | '*' | property-or-function
bool PathParser::read_next_token() {
  if (!c_.in_bounds()) return fail("Path must not end with a '.' or '..'", c_.position());
  switch (c_.current()) {
    case '[': {
      Took took = read_bracket_property_token();
      if (took == Took::no) took = read_array_token();
      if (took == Took::no) took = read_wildcard_token();
      if (took == Took::no) took = read_filter_token();
      if (took == Took::no) took = read_placeholder_token();
      if (took == Took::error) return false;
      if (took == Took::no) {
        return fail("Could not parse token starting at position " + jpos(c_.position()) + ". Expected ?, ', 0-9, * ",
                    c_.position());
      }
      return true;
    }
    case '.': return read_dot_token();
    case '*': {
      Took took = read_wildcard_token();
      if (took == Took::error) return false;
      if (took == Took::no) return fail("Could not parse token starting at position " + jpos(c_.position()), c_.position());
      return true;
    }
    default: return read_property_or_function_token();
  }
}

// dot         = '..' token | '.' token
bool PathParser::read_dot_token() {
  if (c_.current_is('.') && c_.next_is('.')) {
    Step scan;
    scan.kind = StepKind::scan;
    program_.steps.push_back(std::move(scan));
    c_.advance(2);
  } else if (!c_.has_more()) {
    return fail("Path must not end with a '.", c_.position());
  } else {
    c_.advance();
  }
  if (c_.current_is('.')) {
    return fail("Character '.' on position " + jpos(c_.position()) + " is not valid.", c_.position());
  }
  return read_next_token();
}

// property    = name-chars           (up to '.', '[' or '(')
// function    = name-chars '(' [ argument { ',' argument } ] ')'
bool PathParser::read_property_or_function_token() {
  if (c_.current_is('[') || c_.current_is('*') || c_.current_is('.') || c_.current_is(' ')) {
    return fail("Could not parse token starting at position " + jpos(c_.position()), c_.position());
  }
  int start = c_.position();
  int read = start;
  int end = 0;
  bool is_function = false;
  while (c_.in_bounds(read)) {
    int ch = c_.at(read);
    if (ch == ' ') {
      return fail("Use bracket notion ['my prop'] if your property contains blank characters. position: " +
                      jpos(c_.position()),
                  read);
    }
    if (ch == '.' || ch == '[') {
      end = read;
      break;
    }
    if (ch == '(') {
      is_function = true;
      end = read;
      break;
    }
    ++read;
  }
  if (end == 0) end = c_.length();

  std::vector<FunctionArg> args;
  bool has_args = false;
  if (is_function) {
    int open = 1;
    for (int i = read + 1; i < c_.length(); ++i) {
      if (c_.at(i) == ')') {
        --open;
      } else if (c_.at(i) == '(') {
        ++open;
      }
      if (open == 0) break;
    }
    std::string_view name = c_.slice(start, end);
    if (open != 0) {
      return fail("Arguments to function: '" + std::string(name) + "' are not closed properly.", read);
    }
    if (c_.in_bounds(read + 1)) {
      if (c_.at(read + 1) != ')') {
        c_.set_position(end + 1);
        NestingGuard guard(ctx_, base_ + static_cast<std::size_t>(read));
        if (!guard.ok()) return false;
        if (!read_function_parameters(name, args)) return false;
        has_args = !args.empty();
      } else {
        c_.set_position(read + 1);  // Jayway stops on the ')' itself
      }
    } else {
      c_.set_position(read);
    }
  } else {
    c_.set_position(end);
  }

  Step step;
  if (is_function) {
    step.kind = StepKind::function;
    step.function = std::string(c_.slice(start, end));
    step.args = std::move(args);
    step.has_args = has_args;
  } else {
    step.kind = StepKind::property;
    step.names.emplace_back(c_.slice(start, end));
    step.quote = '\'';
  }
  program_.steps.push_back(std::move(step));
  return true;
}

// argument    = path | json        (split at top-level commas, as Jayway's own little tokenizer does)
bool PathParser::read_function_parameters(std::string_view name, std::vector<FunctionArg>& args) {
  enum class Type { none, json, path } type = Type::none;
  int paren = 1;
  int bracket = 0;
  int brace = 0;
  int quote = 0;
  bool end_of_stream = false;
  int prior = 0;
  std::string parameter;
  int parameter_start = c_.position();
  auto not_closed = [&] {
    return fail("Arguments to function: '" + std::string(name) + "' are not closed properly.", c_.position());
  };
  while (c_.in_bounds() && !end_of_stream) {
    int ch = c_.current();
    c_.advance();
    if (type == Type::none) {
      if (is_whitespace(ch)) continue;
      if (ch == '{' || is_digit(ch) || ch == '"' || ch == '-') {
        type = Type::json;
        parameter_start = c_.position() - 1;
      } else if (ch == '$' || ch == '@') {
        type = Type::path;
        parameter_start = c_.position() - 1;
      }
    }
    bool skip_append = false;
    switch (ch) {
      case '"':
        if (prior != '\\' && quote > 0) {
          --quote;
        } else {
          ++quote;
        }
        break;
      case '(': ++paren; break;
      case '{': ++brace; break;
      case '[': ++bracket; break;
      case '}':
        if (brace == 0) {
          return fail("Unexpected close brace '}' at character position: " + jpos(c_.position()), c_.position() - 1);
        }
        --brace;
        break;
      case ']':
        if (bracket == 0) {
          return fail("Unexpected close bracket ']' at character position: " + jpos(c_.position()), c_.position() - 1);
        }
        --bracket;
        break;
      case ')':
        --paren;
        if (paren < 0 || prior == '(') parameter.push_back(static_cast<char>(ch));
        [[fallthrough]];
      case ',':
        if (quote == 0 && brace == 0 && bracket == 0 && ((paren == 0 && ch == ')') || paren == 1)) {
          end_of_stream = paren == 0;
          if (type != Type::none) {
            FunctionArg arg;
            if (type == Type::json) {
              arg.is_path = false;
              arg.json_text = parameter;
              arg.json_ok = read_permissive_json(parameter, arg.json);
            } else {
              CompileOptions sub;
              sub.allow_current_root = true;
              sub.jayway_static = false;
              auto path = compile_jayway(ctx_, parameter, base_ + static_cast<std::size_t>(parameter_start), sub);
              if (!path) return false;
              arg.is_path = true;
              arg.path = std::move(path);
            }
            args.push_back(std::move(arg));
            parameter.clear();
            type = Type::none;
          }
        }
        break;
      case '\\': {
        int next = c_.current();
        if (quote == 1 && (next == ',' || next == '"')) {
          parameter.push_back(static_cast<char>(next));
          c_.advance();
          prior = 0;
          skip_append = true;
        }
        break;
      }
      default: break;
    }
    if (skip_append) continue;
    if (type != Type::none && !(ch == ',' && brace == 0 && bracket == 0 && paren == 1)) {
      parameter.push_back(static_cast<char>(ch));
    }
    prior = ch;
  }
  if (brace != 0 || paren != 0 || bracket != 0) return not_closed();
  return true;
}

// placeholder = '[' '?' { ',' '?' } ']'      (filters passed through Jayway's Java API)
PathParser::Took PathParser::read_placeholder_token() {
  if (!c_.current_is('[')) return Took::no;
  int question = c_.index_of_next_significant('?');
  if (question == -1) return Took::no;
  int after = c_.next_significant(question);
  if (after != ']' && after != ',') return Took::no;
  int begin = c_.position() + 1;
  int end = c_.next_index_of(begin, ']');
  if (end == -1) return Took::no;
  return fail_took("Not enough predicates supplied for filter [" + std::string(c_.slice(begin, end)) + "] at position " +
                       jpos(c_.position()),
                   c_.position());
}

// filter      = '[' '?' '(' expression ')' ']'
PathParser::Took PathParser::read_filter_token() {
  if (!c_.current_is('[') && !c_.next_significant_is('?')) return Took::no;
  int open_statement = c_.position();
  int question = c_.index_of_next_significant('?');
  if (question == -1) return Took::no;
  int open_paren = c_.index_of_next_significant(question, '(');
  if (open_paren == -1) return Took::no;
  std::string error;
  int close_paren = c_.index_of_matching_close(open_paren, '(', ')', true, true, error);
  if (!error.empty()) return fail_took(error, open_paren);
  if (close_paren == -1) return Took::no;
  if (!c_.next_significant_is(close_paren, ']')) return Took::no;
  int close_statement = c_.index_of_next_significant(close_paren, ']');
  std::string_view criteria = c_.slice(open_statement, close_statement + 1);
  auto filter = compile_filter(ctx_, criteria, base_ + static_cast<std::size_t>(open_statement));
  if (!filter) return Took::error;
  Step step;
  step.kind = StepKind::filter;
  step.filter = std::move(filter);
  program_.steps.push_back(std::move(step));
  c_.set_position(close_statement + 1);
  return Took::yes;
}

// wildcard    = '*' | '[' '*' ']'
PathParser::Took PathParser::read_wildcard_token() {
  bool in_bracket = c_.current_is('[');
  if (in_bracket && !c_.next_significant_is('*')) return Took::no;
  if (!c_.current_is('*') && !c_.in_bounds(c_.position() + 1)) return Took::no;
  if (in_bracket) {
    int star = c_.index_of_next_significant('*');
    if (!c_.next_significant_is(star, ']')) {
      return fail_took("Expected wildcard token to end with ']' on position " + jpos(star + 1), star + 1);
    }
    int close = c_.index_of_next_significant(star, ']');
    c_.set_position(close + 1);
  } else {
    c_.advance();
  }
  Step step;
  step.kind = StepKind::wildcard;
  program_.steps.push_back(std::move(step));
  return Took::yes;
}

// array       = '[' index { ',' index } ']' | '[' [ int ] ':' [ int ] [ ':' [ int ] ] ']'
PathParser::Took PathParser::read_array_token() {
  if (!c_.current_is('[')) return Took::no;
  int next = c_.next_significant();
  if (!is_digit(next) && next != '-' && next != ':') return Took::no;
  int begin = c_.position() + 1;
  int end = c_.next_index_of(begin, ']');
  if (end == -1) return Took::no;
  std::string_view expression = java_trim(c_.slice(begin, end));
  if (expression == "*") return Took::no;
  for (char ch : expression) {
    if (!is_digit(static_cast<unsigned char>(ch)) && ch != ',' && ch != '-' && ch != ':' && ch != ' ') return Took::no;
  }
  Step step;
  if (expression.find(':') != std::string_view::npos) {
    // ArraySliceOperation.parse: a third part (the step) is read past and ignored.
    for (char ch : expression) {
      if (!is_digit(static_cast<unsigned char>(ch)) && ch != '-' && ch != ':') {
        return fail_took("Failed to parse SliceOperation: " + std::string(expression), begin);
      }
    }
    auto parts = split_colon(expression);
    std::optional<std::int32_t> bound[2];
    for (std::size_t k = 0; k < 2 && k < parts.size(); ++k) {
      if (parts[k].empty()) continue;
      std::int32_t v = 0;
      if (!parse_java_int(parts[k], v)) return fail_took(number_format(parts[k]), begin, true);
      bound[k] = v;
    }
    if (!bound[0] && !bound[1]) return fail_took("Failed to parse SliceOperation: " + std::string(expression), begin);
    step.kind = StepKind::slice;
    step.from = bound[0];
    step.to = bound[1];
  } else {
    for (char ch : expression) {
      if (!is_digit(static_cast<unsigned char>(ch)) && ch != ',' && ch != ' ' && ch != '-') {
        return fail_took("Failed to parse ArrayIndexOperation: " + std::string(expression), begin);
      }
    }
    step.kind = StepKind::index;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= expression.size(); ++i) {
      if (i < expression.size() && expression[i] != ',') continue;
      std::string_view token = expression.substr(start, i - start);
      std::int32_t v = 0;
      if (!parse_java_int(java_trim(token), v)) {
        return fail_took("Failed to parse token in ArrayIndexOperation: " + std::string(java_trim(token)), begin);
      }
      step.indexes.push_back(v);
      start = i + 1;
    }
  }
  program_.steps.push_back(std::move(step));
  c_.set_position(end + 1);
  return Took::yes;
}

// bracket     = '[' quoted { ',' quoted } ']'       quoted = "'" chars "'" | '"' chars '"'
PathParser::Took PathParser::read_bracket_property_token() {
  if (!c_.current_is('[')) return Took::no;
  int delimiter = c_.next_significant();
  if (delimiter != '\'' && delimiter != '"') return Took::no;

  std::vector<std::string> names;
  int start = c_.position() + 1;
  int read = start;
  int end = 0;
  bool in_property = false;
  bool in_escape = false;
  bool last_was_comma = false;
  while (c_.in_bounds(read)) {
    int ch = c_.at(read);
    if (in_escape) {
      in_escape = false;
    } else if (ch == '\\') {
      in_escape = true;
    } else if (ch == ']' && !in_property) {
      if (last_was_comma) return fail_took("Found empty property at index " + jpos(read), read);
      break;
    } else if (ch == delimiter) {
      if (in_property) {
        int after = c_.next_significant(read);
        if (after != ']' && after != ',') {
          return fail_took(
              "Property must be separated by comma or Property must be terminated close square bracket at index " +
                  jpos(read),
              read);
        }
        end = read;
        // Jayway 2.10 would unescape the name here (Utils.unescape), but AWS does not: its
        // `$['Test\\""Name"']` finds the key `Test\""Name"`, backslash included (recorded in
        // executions.jsonl, test_escape_sequence_parsing[ESCAPE_SEQUENCES_JSONPATH]). A backslash
        // only keeps the next character from ending the name.
        names.emplace_back(c_.slice(start, end));
        in_property = false;
      } else {
        start = read + 1;
        in_property = true;
        last_was_comma = false;
      }
    } else if (ch == ',' && !in_property) {
      if (last_was_comma) return fail_took("Found empty property at index " + jpos(read), read);
      last_was_comma = true;
    }
    ++read;
  }
  if (in_property) {
    return fail_took(std::string("Property has not been closed - missing closing ") + static_cast<char>(delimiter), read);
  }
  int close = c_.index_of_next_significant(end, ']');
  if (close == -1) return fail_took("Property has not been closed - missing closing ]", read);
  c_.set_position(close + 1);

  Step step;
  step.kind = StepKind::property;
  step.names = std::move(names);
  step.quote = static_cast<char>(delimiter);
  program_.steps.push_back(std::move(step));
  return Took::yes;
}

// Jayway's CompiledPath constructor turns `$..x.fn()` into `$.fn($..x)`: the function then
// aggregates every match of the scan instead of running once per match.
void invert_scan_function(Program& program) {
  if (program.steps.empty() || program.steps.back().kind != StepKind::function) return;
  if (program.steps.front().kind != StepKind::scan) return;
  std::size_t f = 0;
  while (f < program.steps.size() && program.steps[f].kind != StepKind::function) ++f;
  auto argument = std::make_shared<Program>();
  argument->root_char = program.root_char;
  for (std::size_t k = 0; k < f; ++k) argument->steps.push_back(std::move(program.steps[k]));
  finish_program(*argument);
  argument->text = argument->normalized;

  std::vector<Step> steps;
  Step function = std::move(program.steps[f]);
  function.args.clear();
  FunctionArg arg;
  arg.is_path = true;
  arg.path = std::move(argument);
  function.args.push_back(std::move(arg));
  steps.push_back(std::move(function));
  for (std::size_t k = f + 1; k < program.steps.size(); ++k) steps.push_back(std::move(program.steps[k]));
  program.steps = std::move(steps);
  program.root_char = '$';
}

// length(path) counts the children of what the path selects: Jayway appends a wildcard to it.
void prepare_length_arguments(Program& program) {
  for (Step& step : program.steps) {
    if (step.kind != StepKind::function || (step.function != "length" && step.function != "size")) continue;
    if (step.args.empty() || !step.args.front().is_path) continue;
    FunctionArg& arg = step.args.front();
    if (arg.path->function_path || arg.path->steps.empty()) continue;
    auto widened = std::make_shared<Program>(*arg.path);
    Step wildcard;
    wildcard.kind = StepKind::wildcard;
    widened->steps.push_back(std::move(wildcard));
    finish_program(*widened);
    arg.widened = std::move(widened);
  }
}

}  // namespace

void append_fragment(std::string& out, const Step& step) {
  switch (step.kind) {
    case StepKind::property:
      out.push_back('[');
      for (std::size_t i = 0; i < step.names.size(); ++i) {
        if (i != 0) out.push_back(',');
        out.push_back(step.quote);
        out += step.names[i];
        out.push_back(step.quote);
      }
      out.push_back(']');
      return;
    case StepKind::index:
      out.push_back('[');
      for (std::size_t i = 0; i < step.indexes.size(); ++i) {
        if (i != 0) out.push_back(',');
        out += std::to_string(step.indexes[i]);
      }
      out.push_back(']');
      return;
    case StepKind::slice:
      out.push_back('[');
      if (step.from) out += std::to_string(*step.from);
      out.push_back(':');
      if (step.to) out += std::to_string(*step.to);
      out.push_back(']');
      return;
    case StepKind::wildcard: out += "[*]"; return;
    case StepKind::scan: out += ".."; return;
    case StepKind::filter: out += "[?]"; return;
    case StepKind::function:
      out.push_back('.');
      out += step.function;
      out += step.has_args ? "(...)" : "()";
      return;
  }
}

void finish_program(Program& program) {
  auto& steps = program.steps;
  bool upstream = true;
  program.definite = true;
  program.reference = program.root_char == '$';
  program.simple = program.root_char == '$';
  program.has_scan = false;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    Step& s = steps[i];
    s.leaf = i + 1 == steps.size();
    switch (s.kind) {
      case StepKind::property: s.token_definite = s.names.size() == 1 || s.leaf; break;
      case StepKind::index: s.token_definite = s.indexes.size() == 1; break;
      case StepKind::function: s.token_definite = true; break;
      default: s.token_definite = false; break;
    }
    s.upstream_definite = upstream;
    upstream = upstream && s.token_definite;
    program.definite = program.definite && s.token_definite;
    bool plain_name = s.kind == StepKind::property && s.names.size() == 1;
    bool plain_index = s.kind == StepKind::index && s.indexes.size() == 1;
    program.reference = program.reference && (plain_name || (plain_index && s.indexes[0] >= 0));
    program.simple = program.simple && (plain_name || plain_index);
    if (s.kind == StepKind::scan) program.has_scan = true;
  }
  program.function_path = !steps.empty() && steps.back().kind == StepKind::function;
  program.tail_prev_index.reset();
  if (steps.size() >= 2) {
    const Step& prev = steps[steps.size() - 2];
    if (prev.kind == StepKind::index && prev.indexes.size() == 1) program.tail_prev_index = prev.indexes[0];
  }
  program.normalized.assign(1, program.root_char);
  for (const Step& s : steps) append_fragment(program.normalized, s);
}

std::shared_ptr<Program> compile_jayway(ParseContext& ctx, std::string_view text, std::size_t base,
                                        const CompileOptions& options) {
  auto program = std::make_shared<Program>();
  program->text = std::string(text);
  Cursor probe(text);
  std::string_view body = text;
  std::size_t body_base = base;
  if (options.jayway_static) {
    // PathCompiler.compile trims spaces and refuses a path ending in '.'.
    probe.trim();
    body = text.substr(static_cast<std::size_t>(std::max(probe.position(), 0)),
                       static_cast<std::size_t>(std::max(probe.end() - probe.position() + 1, 0)));
    body_base = base + static_cast<std::size_t>(std::max(probe.position(), 0));
    if (body.empty()) {
      ctx.fail("Path must not be empty", base);
      return nullptr;
    }
    if (body.back() == '.') {
      ctx.fail("Path must not end with a '.' or '..'", body_base + body.size() - 1);
      return nullptr;
    }
  }
  PathParser parser(ctx, body, body_base, options, *program);
  if (!parser.parse()) {
    if (options.jayway_static) ctx.generic = false;  // PathCompiler.compile wraps everything as InvalidPathException
    return nullptr;
  }
  invert_scan_function(*program);
  prepare_length_arguments(*program);
  finish_program(*program);
  return program;
}

bool compiles_as_path(std::string_view text) {
  ParseContext ctx;
  ctx.source = text;
  CompileOptions options;
  options.allow_current_root = true;
  return compile_jayway(ctx, text, 0, options) != nullptr;
}

}  // namespace asl::jsonpath::detail
