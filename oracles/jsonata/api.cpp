// api.cpp — the public face of the JSONata engine: compile(), evaluate(), and the conversions at that boundary.
#include <string>

#include "asl/json.h"
#include "asl/jsonata.h"
#include "jsonata/function.h"
#include "jsonata/parser.h"
#include "jsonata/program.h"

namespace asl::jsonata {

namespace {
Error to_error(const detail::Failure& f, std::string_view text) {
  Error e;
  e.name = f.code;
  e.message = detail::failure_message(f);
  if (f.position) {
    std::size_t p = std::min(*f.position, text.size());
    e.where = json::locate(text, p);
    if (e.where.line == 0) e.where = Location::at(1, static_cast<std::uint32_t>(p));
  }
  return e;
}

bool holds_function(const detail::Val& v) {
  if (v.is_function()) return true;
  if (v.is_runtime_array()) {
    for (const detail::Val& item : v.arr().items)
      if (holds_function(item)) return true;
  } else if (v.tag() == detail::Tag::object) {
    for (const auto& [k, m] : v.obj().members)
      if (holds_function(m)) return true;
  }
  return false;  // JSON values never hold functions
}
}  // namespace

const std::string& Expression::text() const { return program_->text; }

const Value* Bindings::find(std::string_view name) const {
  for (const auto& [k, v] : names)
    if (k == name) return &v;
  return variables ? variables->find(name) : nullptr;
}

Expected<std::shared_ptr<const Expression>> compile(std::string_view text) {
  auto program = std::make_shared<detail::Program>();
  program->text = std::string(text);
  try {
    program->root = detail::parse(program->text, program->arena);
  } catch (const detail::Failure& f) {
    return to_error(f, text);
  }
  return std::make_shared<const Expression>(std::move(program));
}

Expected<std::optional<Value>> evaluate(const Expression& expression, const Value* input, const Bindings& bindings,
                                        const EvalOptions& options) {
  try {
    // Borrowed: the caller's document outlives the evaluation and any failure it throws.
    detail::Val in = input ? detail::Val::borrow(*input) : detail::Val();
    detail::Val result = detail::run(expression.program(), in, bindings, options);
    if (result.undefined()) return std::optional<Value>();
    if (options.reject_function_results && holds_function(result)) {
      return Error{std::string(kUnsupportedResult), "the result holds a function", {}};
    }
    return std::optional<Value>(detail::to_value(result));
  } catch (const detail::Failure& f) {
    return to_error(f, expression.text());
  }
}

std::string format_number(double value) { return detail::js_number_to_string(detail::to_precision_15(value)); }

}  // namespace asl::jsonata
