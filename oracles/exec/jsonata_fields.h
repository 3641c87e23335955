// jsonata_fields.h — JSONata mode: compiled "{% %}" fields evaluated against $states, with AWS's States.QueryEvaluationError causes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "exec/state_scope.h"

namespace asl::exec {

inline constexpr std::string_view kQueryEvaluationError = "States.QueryEvaluationError";

// What a state's JSONata expressions see: `$states` ({input, context, result?, errorOutput?}),
// the workflow variables, the run's entropy ($random, $uuid) and the virtual clock ($now, $millis).
struct JsonataScope {
  Value states;
  const Variables* variables = nullptr;
  Entropy* entropy = nullptr;
  std::int64_t now_millis = 0;
  std::uint64_t* work_budget = nullptr;         // the run's (Execution::jsonata_work_left)
  std::optional<std::string>* case_error = nullptr;  // set when the budget runs out: TARGET_ERROR

  // `result` is offered only to the top-level Output/Assign of Task, Map and Parallel and
  // `error_output` only to a catcher's; the loader rejects reads of them anywhere else.
  static JsonataScope of(Execution& ex, const StateScope& scope, const Value& input, const Value* result = nullptr,
                         const Value* error_output = nullptr);
};

// Evaluates a compiled field. `field` is AWS's name for where it sits ("Output",
// "Choices[0]/Condition", "Catch[1]/Assign", "Items"); nested expressions extend it
// ("Output/a/b[0][1]"). An undefined result, an engine error or a function value is a
// States.QueryEvaluationError whose cause is AWS's sentence and whose `where.pointer` is the
// expression's location.
Expected<Value> evaluate_jsonata(const JsonataTemplate& t, std::string_view field, const JsonataScope& scope);
Expected<Value> evaluate_jsonata(const JsonataField& f, std::string_view field, const JsonataScope& scope);

// "The JSONata expression '<e>' specified for the field '<field>' returned an unexpected result
// type. Expected '<expected>', but was '<kind>' for value: <json>" [recorded for Items].
Error unexpected_result_type(const JsonataTemplate& t, std::string_view field, std::string_view expected,
                             const Value& got);

// JSONata Assign (an object whose values may be expressions) into `assigned`, applied on exit.
Checked evaluate_jsonata_assign(const JsonataField& assign, std::string_view field, const JsonataScope& scope,
                                Object& assigned);

// The Output of a JSONata state: the field when present, otherwise `fallback` (the state input,
// or the result of Task, Map and Parallel, or a catcher's Error Output).
Expected<Value> jsonata_output(const JsonataField& output, std::string_view field, const JsonataScope& scope,
                               const Value& fallback);

// TimeoutSeconds, HeartbeatSeconds, MaxConcurrency, ToleratedFailure*, MaxItemsPerBatch, ...:
// the compiled literal or expression, which must give a number (an integer when `integral`).
Expected<std::optional<double>> jsonata_number(const NumberOrPath& field, std::string_view name, bool integral,
                                               const JsonataScope& scope);

// The state's failure for an error of its JSONata-mode processing. A States.QueryEvaluationError
// is first recorded as an EvaluationFailed event {error, cause, location, state}, which AWS
// writes before the state's own failure events.
Failure evaluation_failure(Execution& ex, Frame& frame, const State& s, const Error& e, std::int64_t entered_id);

// A States.QueryEvaluationError that no expression produced (e.g. a JSONata Map's input that is
// not an array), optionally located.
Error query_evaluation_error(std::string cause, std::string location = {});

}  // namespace asl::exec
