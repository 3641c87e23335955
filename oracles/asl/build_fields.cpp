// build_fields.cpp — field-level builders shared by every state: paths, templates, number-or-path pairs.
#include <string>

#include "asl/build_detail.h"

namespace asl::detail {
namespace {

std::string_view last_token(std::string_view location) {
  auto slash = location.rfind('/');
  return slash == std::string_view::npos ? location : location.substr(slash + 1);
}

}  // namespace

bool is_jsonata_expression(std::string_view text) {
  return text.size() >= 4 && text.starts_with("{%") && text.ends_with("%}");
}

std::optional<jsonpath::Path> compile_path(const Value& text, const std::string& location, PathRule rule,
                                           BuildContext& ctx) {
  if (!text.is_string()) return std::nullopt;  // the schema pass reports the type
  auto path = jsonpath::compile(text.as_string());
  if (rule == PathRule::any) {
    if (path) return std::move(path).value();
    ctx.sink.error(kSchemaValidationFailed,
                   "The value for the field '" + std::string(last_token(location)) + "' must be a valid JSONPath",
                   location);  // UNCONFIRMED wording
    return std::nullopt;
  }
  // Only ItemsPath and the Wait/Task/Fail paths may read the context object [ISS floci#3733];
  // ResultPath writes into the input, so it cannot name `$$` or a variable [SPEC].
  bool root_allowed = false;
  if (path) {
    switch (rule) {
      case PathRule::reference: root_allowed = true; break;
      case PathRule::reference_no_context: root_allowed = path->root() != jsonpath::Root::context; break;
      default: root_allowed = path->root() == jsonpath::Root::input; break;
    }
  }
  if (path && path->is_reference() && root_allowed) return std::move(path).value();
  ctx.sink.error(kSchemaValidationFailed, "Value is not a Reference Path", location);
  return std::nullopt;
}

PathField build_path_field(const Value* json, const std::string& location, PathRule rule, BuildContext& ctx) {
  PathField field;
  if (json == nullptr) return field;
  if (json->is_null()) {
    field.mode = PathField::Mode::null;
    return field;
  }
  if (auto path = compile_path(*json, location, rule, ctx)) {
    field.mode = PathField::Mode::path;
    field.path = std::move(*path);
  }
  return field;
}

std::optional<PayloadTemplate> build_template(const Value& spec, std::string_view field, const std::string& location,
                                              BuildContext& ctx) {
  auto compiled = PayloadTemplate::compile(spec, field);
  if (compiled) return std::move(compiled).value();
  // AWS names the offending key but locates the whole field, and adds no parser detail.
  std::string message = compiled.error().message;
  static constexpr std::string_view kInvalidValueEnd = "a valid intrinsic function call";
  if (auto end = message.find(kInvalidValueEnd); end != std::string::npos) {
    message.resize(end + kInvalidValueEnd.size());
  }
  ctx.sink.error(kSchemaValidationFailed, std::move(message), child(location, field));
  return std::nullopt;
}

NumberOrPath build_number_or_path(const Object& json, std::string_view field, std::string_view path_field,
                                  const std::string& location, PathRule rule, BuildContext& ctx) {
  NumberOrPath out;
  if (const Value* literal = json.find(field)) out.literal = *literal;
  if (const Value* path = json.find(path_field)) {
    out.path = compile_path(*path, child(location, path_field), rule, ctx);
  }
  return out;
}

}  // namespace asl::detail
