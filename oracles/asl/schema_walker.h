// schema_walker.h — the schema pass: walks a definition and reports shape, type, range and placement errors as AWS words them.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "asl/build_detail.h"
#include "asl/field_rules.h"

namespace asl::detail {

// Message texts. Those marked [AWS] are quoted from AWS responses (recordings, asl-facts.md, or
// issue threads that quote AWS verbatim); the others follow AWS's patterns where no response is
// on record (UNCONFIRMED) and are listed in tests/data/asl/README.md.
namespace message {
std::string required(std::initializer_list<std::string_view> fields);             // [AWS]
std::string required_field(std::string_view field);                               // [AWS]
std::string not_supported(std::string_view field);                                // [AWS]
std::string one_of_values(std::string_view field, std::initializer_list<std::string_view> values);  // [AWS]
std::string only_one_of(std::initializer_list<std::string_view> fields);          // [AWS]
std::string one_required(std::initializer_list<std::string_view> fields);         // UNCONFIRMED
std::string wrong_language(QueryLanguage language, std::string_view field);       // [AWS]
std::string must_be(std::string_view field, std::string_view what);               // UNCONFIRMED
inline constexpr std::string_view kEmpty = "Value cannot be empty";                // [AWS]
inline constexpr std::string_view kNotReferencePath = "Value is not a Reference Path";  // [AWS]
inline constexpr std::string_view kNotTimestamp = "String does not match RFC3339 timestamp";  // [AWS]
std::string minimum(std::string_view bound);                                      // [AWS]
std::string maximum(std::string_view bound);                                      // [AWS]
}  // namespace message

// RFC 3339 date-time with an uppercase T and Z (or a numeric offset), as ASL timestamps require.
bool is_rfc3339_timestamp(std::string_view text);

// Task Resource recognition: optimized integrations, AWS SDK integrations, Lambda functions and
// activities. An empty code means the resource is valid; otherwise the code and AWS's message.
struct ResourceCheck {
  std::string_view code;  // SCHEMA_VALIDATION_FAILED or INVALID_RESOURCE; empty when valid
  std::string message;
};
ResourceCheck check_resource(std::string_view resource);
// Express machines (and Distributed Map children run as EXPRESS) reject callbacks, .sync and
// activities; empty when allowed.
std::string express_restriction(std::string_view resource);

class SchemaWalker {
 public:
  explicit SchemaWalker(BuildContext& ctx) : ctx_(ctx) {}
  void definition(const Value& json);

 private:
  enum class MachineKind : std::uint8_t { top, branch, processor };

  struct StateScope {
    std::string name;
    std::string location;
    const Object& json;
    StateType type;
    QueryLanguage language;
    MachineType machine_type;  // the type this state runs under (Distributed Map children may differ)
    int depth;
  };

  void machine(const Value& json, const std::string& location, int depth, MachineKind kind, MachineType type);
  void state(const std::string& name, const Value& json, const std::string& location, int depth, MachineType type);
  void state_fields(const StateScope& s);
  void transition(const StateScope& s);

  void task(const StateScope& s);
  void wait(const StateScope& s);
  void fail(const StateScope& s);
  void choice(const StateScope& s);
  void choice_rule(const StateScope& s, const Value& rule, const std::string& location, bool top_level, int depth);
  void parallel(const StateScope& s);
  void map(const StateScope& s);
  void map_processor(const StateScope& s, const Value& json, const std::string& location);
  void item_reader(const StateScope& s, const Value& json, const std::string& location);
  void item_batcher(const StateScope& s, const Value& json, const std::string& location);
  void result_writer(const StateScope& s, const Value& json, const std::string& location);
  void label(const std::string& text, const std::string& location);
  void retry(const StateScope& s, const Value& json);
  void catchers(const StateScope& s, const Value& json);
  void error_equals(const Object& json, const std::string& location, bool last, bool is_catch);
  void templates(const StateScope& s);
  void jsonata_strings(const Value& json, const std::string& location, int depth);

  // Field checks. Each returns false (after reporting) when the value is unusable.
  bool expect_string(const Value& v, std::string_view field, const std::string& location);
  bool expect_object(const Value& v, std::string_view field, const std::string& location);
  bool expect_array(const Value& v, std::string_view field, const std::string& location);
  bool expect_bool(const Value& v, std::string_view field, const std::string& location);
  // An integer in [min, max] (or, under JSONata, an expression string).
  void integer_field(const Value& v, std::string_view field, const std::string& location, std::int64_t min,
                     std::int64_t max, QueryLanguage language);
  void number_field(const Value& v, std::string_view field, const std::string& location, double min, double max,
                    QueryLanguage language);
  void only_one(const Object& json, std::initializer_list<std::string_view> fields, const std::string& location);
  void enum_field(const Value& v, std::string_view field, const std::string& location,
                  std::initializer_list<std::string_view> values);
  void unknown_fields(const Object& json, std::initializer_list<std::string_view> known, const std::string& location);

  void error(std::string message, const std::string& location) {
    ctx_.sink.error(kSchemaValidationFailed, std::move(message), location);
  }

  BuildContext& ctx_;
};

}  // namespace asl::detail
