// path.cpp — the public face: compile ($, $$ and $name roots), Path accessors, evaluate.
#include <string>
#include <vector>

#include "asl/jsonpath.h"
#include "jsonpath/eval.h"
#include "jsonpath/parser.h"
#include "jsonpath/program.h"

namespace asl::jsonpath {

using detail::Program;

namespace {

// A default-constructed Path behaves as `$`.
const Program& whole_document() {
  static const Program program = [] {
    Program p;
    p.text = "$";
    detail::finish_program(p);
    return p;
  }();
  return program;
}

}  // namespace

const std::string& Path::text() const { return (program_ ? *program_ : whole_document()).text; }
Root Path::root() const { return (program_ ? *program_ : whole_document()).root; }
const std::string& Path::variable() const { return (program_ ? *program_ : whole_document()).variable; }
bool Path::definite() const { return (program_ ? *program_ : whole_document()).definite; }
bool Path::is_reference() const { return (program_ ? *program_ : whole_document()).reference; }
std::string Path::normalized() const { return (program_ ? *program_ : whole_document()).normalized; }

namespace {

Error syntax_error(std::string_view text, std::string message, std::size_t offset) {
  // Columns count code points, as every other located error of the oracle does.
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return Error{std::string(errc::jsonpath_syntax), std::move(message), Location::at(1, column)};
}

bool is_name_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

Error to_error(const detail::Failure& failure) {
  std::string_view name = failure.fault == detail::Fault::invalid_path ? errc::jsonpath_syntax : errc::path_not_found;
  return Error{std::string(name), failure.message, {}};
}

// A plain chain of names and indexes, walked without the general machinery; anything unusual
// (a miss, a wrong type) goes back to the walker, which words the error as Jayway does.
const Value* walk_simple(const Program& p, const Value& root) {
  const Value* model = &root;
  for (const detail::Step& s : p.steps) {
    if (s.kind == detail::StepKind::property) {
      std::uint32_t hint = s.hint.at.load(std::memory_order_relaxed);
      model = model->get_at_hint(s.names[0], hint);
      s.hint.at.store(hint, std::memory_order_relaxed);
    } else {
      if (!model->is_array()) return nullptr;
      std::int64_t len = static_cast<std::int64_t>(model->size());
      std::int64_t at = s.indexes[0] < 0 ? len + s.indexes[0] : s.indexes[0];
      model = at >= 0 && at < len ? model->at(static_cast<std::size_t>(at)) : nullptr;
    }
    if (model == nullptr) return nullptr;
  }
  return model;
}

}  // namespace

Expected<Path> compile(std::string_view text) {
  if (text.empty()) return syntax_error(text, "path can not be null or empty", 0);
  if (text[0] != '$') return syntax_error(text, "Path must start with '$'", 0);

  // AWS reads `$$` (the context object) and `$name` (a variable) itself and hands the rest to
  // Jayway as an ordinary `$` path.
  Root root = Root::input;
  std::string variable;
  std::string jayway;
  std::size_t base = 0;
  if (text.size() > 1 && text[1] == '$') {
    root = Root::context;
    jayway = std::string(text.substr(1));
    base = 1;
  } else if (text.size() > 1 && is_name_char(static_cast<unsigned char>(text[1])) && !(text[1] >= '0' && text[1] <= '9')) {
    std::size_t end = 1;
    while (end < text.size() && text[end] != '.' && text[end] != '[') {
      if (!is_name_char(static_cast<unsigned char>(text[end]))) {
        return syntax_error(text, "Illegal character in variable name at position " + std::to_string(end), end);
      }
      ++end;
    }
    root = Root::variable;
    variable = std::string(text.substr(1, end - 1));
    jayway.push_back('$');
    for (std::size_t k = end; k < text.size(); ++k) jayway.push_back(text[k]);
    base = end - 1;
  } else {
    jayway = std::string(text);
  }

  detail::ParseContext ctx;
  ctx.source = text;
  detail::CompileOptions options;
  auto program = detail::compile_jayway(ctx, jayway, base, options);
  if (!program) return syntax_error(text, ctx.message, ctx.offset);
  program->text = std::string(text);
  program->root = root;
  program->variable = std::move(variable);
  Path path;
  path.program_ = std::move(program);
  return path;
}

Expected<Value> evaluate(const Path& path, const Value& root) {
  const Program& p = path.program_ ? *path.program_ : whole_document();
  if (p.simple) {
    if (const Value* hit = walk_simple(p, root)) return *hit;
  }
  std::vector<Value> results;
  detail::Failure failure;
  detail::Budget budget{detail::kStepBudget};
  detail::RunOptions options;
  options.budget = &budget;
  if (!detail::run(p, root, root, options, results, failure)) {
    // AWS answers [] where Jayway throws PathNotFoundException for an indefinite path: `$.items[*]`
    // on {} gives [] (recorded: test_json_path_array_wildcard_or_slice_with_no_input).
    if (!p.definite && failure.fault == detail::Fault::not_found) return Value(Array{});
    return to_error(failure);
  }
  if (p.definite) {
    if (results.empty()) return Error{std::string(errc::path_not_found), "No results for path: " + p.normalized, {}};
    return std::move(results.back());
  }
  return Value(Array(std::move(results)));
}

const Value* find_simple(const Path& path, const Scope& scope) {
  if (!path.program_ || !path.program_->simple) return nullptr;
  const Value* root = nullptr;
  switch (path.root()) {
    case Root::input: root = scope.input; break;
    case Root::context: root = scope.context; break;
    case Root::variable: root = scope.variables != nullptr ? scope.variables->find(path.variable()) : nullptr; break;
  }
  return root != nullptr ? walk_simple(*path.program_, *root) : nullptr;
}

Expected<Value> evaluate(const Path& path, const Scope& scope) {
  static const Value kNull;
  switch (path.root()) {
    case Root::input: return evaluate(path, scope.input != nullptr ? *scope.input : kNull);
    case Root::context: return evaluate(path, scope.context != nullptr ? *scope.context : kNull);
    case Root::variable: {
      const Value* value = scope.variables != nullptr ? scope.variables->find(path.variable()) : nullptr;
      if (value == nullptr) {
        return Error{std::string(errc::path_not_found), "The variable '$" + path.variable() + "' is not defined", {}};
      }
      return evaluate(path, *value);
    }
  }
  return evaluate(path, kNull);
}

}  // namespace asl::jsonpath
