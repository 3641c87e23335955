// build_detail.h — what the loader's files share: the diagnostic sink, the build context, and each part's entry point.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "asl/machine.h"
#include "asl/result.h"
#include "asl/value.h"

namespace asl::detail {

inline constexpr std::string_view kSchemaValidationFailed = "SCHEMA_VALIDATION_FAILED";
inline constexpr std::string_view kMissingTransitionTarget = "MISSING_TRANSITION_TARGET";
inline constexpr std::string_view kMissingEndState = "MISSING_END_STATE";
inline constexpr std::string_view kDuplicateStateName = "DUPLICATE_STATE_NAME";
inline constexpr std::string_view kInvalidStateName = "INVALID_STATE_NAME";
inline constexpr std::string_view kInvalidJsonDescription = "INVALID_JSON_DESCRIPTION";
inline constexpr std::string_view kMissingDescription = "MISSING_DESCRIPTION";
inline constexpr std::string_view kInvalidResource = "INVALID_RESOURCE";
inline constexpr std::string_view kTooDeeplyNested = "TOO_DEEPLY_NESTED";
inline constexpr std::string_view kDuplicateLabelName = "DUPLICATE_LABEL_NAME";
inline constexpr std::string_view kInvalidLabelName = "INVALID_LABEL_NAME";
inline constexpr std::string_view kNoDollar = "NO_DOLLAR";
inline constexpr std::string_view kNoPath = "NO_PATH";
inline constexpr std::string_view kPassResultIsStatic = "PASS_RESULT_IS_STATIC";

// Nesting of Parallel branches / Map processors past which we stop descending. AWS's own limit
// is not documented; the definition-size quota (1 MB) bounds real machines long before this.
inline constexpr int kMaxMachineNesting = 64;
// And/Or/Not nesting of Choice rules past which we stop descending (same reasoning).
inline constexpr int kMaxRuleNesting = 128;

class DiagnosticSink {
 public:
  void error(std::string_view code, std::string message, std::string location);
  void warning(std::string_view code, std::string message, std::string location);
  bool has_errors() const { return errors_ > 0; }
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic> take() { return std::move(items_); }

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
};

// One definition's build: options, the sink, and what must be unique across nesting levels.
struct BuildContext {
  const ValidationOptions& options;
  DiagnosticSink& sink;
  QueryLanguage top_language = QueryLanguage::jsonpath;
  // AWS checks transitions only in a definition that passed the schema: a missing StartAt
  // does not also make every state unreachable [recorded].
  bool check_graph = true;
  // Every state name seen so far (names are unique across the whole machine, nested included).
  std::unordered_map<std::string, std::string> state_locations;
  std::unordered_map<std::string, std::string> label_locations;
};

// "/States/X" + "Next" -> "/States/X/Next". AWS writes state names as they are (no JSON Pointer
// escaping of '/' or '~' in the recordings we have).
std::string child(std::string_view location, std::string_view token);
// "/States/P/Branches" + 0 -> "/States/P/Branches[0]": AWS indexes arrays in brackets [ISS floci#2786].
std::string indexed(std::string_view location, std::size_t index);

// A machine or a nested one (Parallel branch, Map processor) at `location` ("" for the top
// level, "/States/P/Branches[0]" for a branch). Never null: an invalid definition still yields
// the parts that could be built, so every diagnostic can be collected.
std::shared_ptr<StateMachine> build_machine(const Value& json, const std::string& location, int depth,
                                            BuildContext& ctx);

// One state; `machine_language` is what the state inherits when it has no QueryLanguage.
State build_state(const std::string& name, const Value& json, const std::string& location,
                  QueryLanguage machine_language, int depth, BuildContext& ctx);

// Type-specific parts, filled into `state` (common fields are already set).
void build_task(State& state, const Object& json, const std::string& location, BuildContext& ctx);
void build_wait(State& state, const Object& json, const std::string& location, BuildContext& ctx);
void build_fail(State& state, const Object& json, const std::string& location, BuildContext& ctx);
void build_choice(State& state, const Object& json, const std::string& location, BuildContext& ctx);
void build_parallel(State& state, const Object& json, const std::string& location, int depth, BuildContext& ctx);
void build_map(State& state, const Object& json, const std::string& location, int depth, BuildContext& ctx);
void build_retry(State& state, const Value& json);  // ranges are the schema pass's
void build_catch(State& state, const Value& json, const std::string& location, BuildContext& ctx);

// What a path field accepts: any JSONPath (InputPath, OutputPath, Choice Variable), a reference
// path (ItemsPath and the Wait/Task/Fail paths: `$$` and `$var` roots allowed), a reference path
// that is not into the context object (Map's number paths), or one into the input only
// (ResultPath).
enum class PathRule : std::uint8_t { any, reference, reference_no_context, input_reference };

// Field-level helpers shared by the state builders.
std::optional<jsonpath::Path> compile_path(const Value& text, const std::string& location, PathRule rule,
                                           BuildContext& ctx);
PathField build_path_field(const Value* json, const std::string& location, PathRule rule, BuildContext& ctx);
std::optional<PayloadTemplate> build_template(const Value& spec, std::string_view field, const std::string& location,
                                              BuildContext& ctx);
NumberOrPath build_number_or_path(const Object& json, std::string_view field, std::string_view path_field,
                                  const std::string& location, PathRule rule, BuildContext& ctx);
bool is_jsonata_expression(std::string_view text);

// Which members of `$states` a JSONata field may read besides input and context: `result` in
// the top-level Output/Assign of Task, Map and Parallel, `errorOutput` in a catcher's [SPEC].
enum class StatesAccess : std::uint8_t { input_only, result, error_output };
// Compiles a JSONata-mode field (build_jsonata.cpp): every "{% %}" string is parsed once, and one
// that does not parse, reads `$states` members the field does not offer, or reads a bare name
// at the top level is reported at its own location (".../Output/a[0]"). Null when it is invalid.
std::shared_ptr<const JsonataTemplate> compile_jsonata(const Value& json, const std::string& location,
                                                       StatesAccess access, BuildContext& ctx);
JsonataField build_jsonata_field(const Value* json, const std::string& location, StatesAccess access,
                                 BuildContext& ctx);

// Resolves Next / Default / Catch Next to indexes and reports targets that name no state,
// unreachable states and machines without a terminal state.
// `check_start`: StartAt is a string (the schema pass reports it otherwise).
void resolve_transitions(StateMachine& machine, const std::string& location, bool check_start, BuildContext& ctx);

}  // namespace asl::detail
