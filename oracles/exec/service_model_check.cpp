// service_model_check.cpp — TestState's STRICT/PRESENT check of a mocked Task result against its output shape.
#include <algorithm>
#include <string>

#include "exec/service_models.h"

namespace asl::exec {

namespace {

constexpr std::string_view kPrefix = "Mock result schema validation error: ";

// Step Functions passes SDK results on with each member name's first letter upper-cased
// (startExecution's executionArn is ExecutionArn [recorded: a mock with executionArn misses
// 'ExecutionArn']).
std::string sfn_cased(std::string_view member) {
  std::string out(member);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// Length in code points, as the models' min/max count characters.
std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::optional<double> number(const Value& shape, std::string_view key) {
  const Value* v = shape.get(key);
  return v != nullptr && v->is_number() ? std::optional<double>(v->as_double()) : std::nullopt;
}

// Walks a result and its shape together and stops at the first violation, depth first, in the
// result's member order. The wording of each message is AWS's [recorded] unless marked.
class ShapeCheck {
 public:
  ShapeCheck(const ServiceModel& model, MockValidationMode mode) : model_(model), mode_(mode) {}

  // The top level is the output structure; `json_members` are any JSON.
  std::optional<std::string> output(const Value& result, const Value& shape,
                                    const std::vector<std::string>& json_members) {
    if (!result.is_object()) return std::string(kPrefix) + "Mock result must be a JSON object";  // UNCONFIRMED wording
    return structure(result, shape, json_members);
  }

 private:
  static std::string field(std::string_view name, std::string_view what) {
    return std::string(kPrefix) + "Field '" + std::string(name) + "' " + std::string(what);
  }

  const Value* target(const Value& reference) const {
    const Value* name = reference.get("shape");
    return name != nullptr && name->is_string() ? model_.shape(name->as_string()) : nullptr;
  }

  // STRICT: every required member present (checked first, in the model's order); both modes:
  // every present member that the model knows conforms. Members the model does not know are
  // accepted [recorded: {"random": "json"} passes STRICT for events:putEvents], and names match
  // exactly [recorded: executionArn is not ExecutionArn].
  std::optional<std::string> structure(const Value& value, const Value& shape,
                                       const std::vector<std::string>& json_members = {}) {
    const Value* members = shape.get("members");
    if (mode_ == MockValidationMode::strict) {
      if (const Value* required = shape.get("required"); required != nullptr && required->is_array()) {
        for (const Value& name : required->as_array()) {
          if (!name.is_string()) continue;
          std::string key = sfn_cased(name.as_string());
          if (value.get(key) == nullptr) return std::string(kPrefix) + "Required field '" + key + "' is missing";
        }
      }
    }
    if (members == nullptr || !members->is_object()) return std::nullopt;
    for (const Member& m : value.as_object()) {
      if (std::find(json_members.begin(), json_members.end(), m.key) != json_members.end()) continue;
      for (const Member& declared : members->as_object()) {
        if (sfn_cased(declared.key) != m.key) continue;
        if (const Value* member_shape = target(declared.value)) {
          if (auto problem = check(m.value, *member_shape, m.key)) return problem;
        }
        break;
      }
    }
    return std::nullopt;
  }

  // min/max of a string's, blob's, list's or map's length [recorded for a blob's minimum;
  // the maximum's wording is UNCONFIRMED].
  static std::optional<std::string> length(std::size_t n, const Value& shape, std::string_view name) {
    if (auto min = number(shape, "min"); min && static_cast<double>(n) < *min) {
      return field(name, "is smaller than the minimum length");
    }
    if (auto max = number(shape, "max"); max && static_cast<double>(n) > *max) {
      return field(name, "exceeds the maximum length");
    }
    return std::nullopt;
  }

  std::optional<std::string> check(const Value& value, const Value& shape, std::string_view name) {
    const Value* type_value = shape.get("type");
    std::string_view type = type_value != nullptr && type_value->is_string() ? type_value->as_string() : "";
    const Value* is_document = shape.get("document");
    if (is_document != nullptr && is_document->is_bool() && is_document->as_bool()) return std::nullopt;

    if (type == "structure") {
      if (!value.is_object()) return field(name, "must be an object");  // UNCONFIRMED wording
      return structure(value, shape);
    }
    if (type == "list") {
      if (!value.is_array()) return field(name, "must be an array");
      if (auto problem = length(value.size(), shape, name)) return problem;
      const Value* member = shape.get("member");
      const Value* element_shape = member != nullptr ? target(*member) : nullptr;
      if (element_shape == nullptr) return std::nullopt;
      // An element's problem names the list's field [recorded: a bad EventId in Entries' second
      // element names 'EventId', the element's own field; a scalar element has only the list's].
      for (const Value& element : value.as_array()) {
        if (auto problem = check(element, *element_shape, name)) return problem;
      }
      return std::nullopt;
    }
    if (type == "map") {
      if (!value.is_object()) return field(name, "must be an object");  // UNCONFIRMED wording
      if (auto problem = length(value.size(), shape, name)) return problem;
      const Value* entry = shape.get("value");
      const Value* value_shape = entry != nullptr ? target(*entry) : nullptr;
      if (value_shape == nullptr) return std::nullopt;
      for (const Member& m : value.as_object()) {
        if (auto problem = check(m.value, *value_shape, name)) return problem;
      }
      return std::nullopt;
    }
    if (type == "string" || type == "blob" || type == "timestamp") {
      // A blob is its text, a timestamp any text [recorded: a number or a boolean StartDate
      // must be a string; the format of a string one is not checked, UNCONFIRMED].
      if (!value.is_string()) return field(name, "must be a string");
      if (const Value* values = shape.get("enum"); values != nullptr && values->is_array()) {
        bool listed = false;
        for (const Value& v : values->as_array())
          listed = listed || (v.is_string() && v.as_string() == value.as_string());
        if (!listed) return field(name, "is not an expected value");
      }
      return type == "timestamp" ? std::nullopt : length(code_points(value.as_string()), shape, name);
    }
    if (type == "integer" || type == "long" || type == "float" || type == "double" || type == "bigdecimal" ||
        type == "biginteger") {
      // Any JSON number [recorded: "200" for an integer, "123.45" for a double must be a number].
      if (!value.is_number()) return field(name, "must be a number");
      if (auto min = number(shape, "min"); min && value.as_double() < *min) {
        return field(name, "is less than the minimum value");
      }
      if (auto max = number(shape, "max"); max && value.as_double() > *max) {
        return field(name, "exceeds the maximum value");
      }
      return std::nullopt;
    }
    if (type == "boolean") {
      if (!value.is_bool()) return field(name, "must be a boolean");  // UNCONFIRMED wording
      return std::nullopt;
    }
    return std::nullopt;  // a type the checks do not know: accepted
  }

  const ServiceModel& model_;
  MockValidationMode mode_;
};

}  // namespace

Expected<std::optional<std::string>> mock_result_violation(std::string_view resource, const Value& result,
                                                           MockValidationMode mode) {
  if (mode == MockValidationMode::none) return std::optional<std::string>();
  ResultModelRef ref = result_model_of(resource);
  if (!ref.unchecked_because.empty()) return std::optional<std::string>();
  auto cannot_check = [&](const std::string& why) {
    return Error{std::string(errc::io),
                 "TestState cannot check the mocked result of " + std::string(resource) +
                     " against its AWS API model (" + (mode == MockValidationMode::strict ? "STRICT" : "PRESENT") +
                     " fieldValidationMode): " + why + "; fieldValidationMode NONE skips the check",
                 {}};
  };
  auto model = load_service_model(ref.service);
  if (!model) return cannot_check(model.error().message);
  const Value* operation = (*model)->operation(ref.operation);
  if (operation == nullptr) return cannot_check("'" + (*model)->path + "' has no operation " + ref.operation);
  const Value* output = operation->get("output");
  const Value* output_name = output != nullptr ? output->get("shape") : nullptr;
  const Value* output_shape =
      output_name != nullptr && output_name->is_string() ? (*model)->shape(output_name->as_string()) : nullptr;
  if (output_shape == nullptr) return std::optional<std::string>();  // an operation with no output: nothing to check
  return ShapeCheck(**model, mode).output(result, *output_shape, ref.json_members);
}

}  // namespace asl::exec
