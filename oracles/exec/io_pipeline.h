// io_pipeline.h — JSONPath-mode input and output processing: InputPath, Parameters, ResultSelector, ResultPath, OutputPath, Assign.
#pragma once

#include <optional>
#include <string>

#include "exec/execution.h"

namespace asl::exec {

// Everything an expression of one state may read.
struct StateScope {
  const Value* context = nullptr;  // $$
  const Variables* variables = nullptr;
  Entropy* entropy = nullptr;
  Scope with_input(const Value& input) const { return Scope{&input, context, variables, entropy}; }
};

// The outcome of a pipeline step: a value, or a failure that is already AWS-shaped.
using Step = Expected<Value>;

// InputPath / OutputPath: `$` passes through, null gives {}, a path selects (a miss is
// States.Runtime "Invalid path '$.x' : No results for path: $['x']").
Expected<Value> apply_filter_path(const PathField& field, const Value& document, const StateScope& scope);

// ResultPath: `$` replaces the input, null keeps the input, a path writes the result into it.
Expected<Value> apply_result_path(const PathField& field, const Value& raw_input, const Value& result);

// Evaluates a template; its failures are already States.Runtime with AWS's cause.
Expected<Value> apply_template(const PayloadTemplate& t, const Value& input, const StateScope& scope);

// Evaluates a JSONPath Assign block against `input` into `assigned` (applied on exit).
Checked evaluate_assign(const PayloadTemplate& assign, const Value& input, const StateScope& scope, Object& assigned);

// Turns a pipeline error into the state's failure: States.Runtime (and QueryEvaluationError)
// causes get AWS's "An error occurred while executing the state ..." prefix.
Failure state_failure(const Error& error, const State& s, std::int64_t entered_id);

// A number read through a `...Path` field (MaxConcurrencyPath, ToleratedFailureCountPath,
// MaxItemsPath, MaxItemsPerBatchPath, ...). A string holding a number is accepted (recorded: "1"
// from a variable runs a Map). A path that finds nothing is States.Runtime "Invalid path '…' :
// <Jayway message>"; any other value is `bad_value_error` with AWS's recorded wording "The
// <field> field refers to value \"<value>\" which is not a valid integer|float: <path>".
Expected<Value> read_number_at_path(const jsonpath::Path& path, std::string_view field, bool integral,
                                    std::string_view bad_value_error, const Value& input, const StateScope& scope);

// States.DataLimitExceeded when `output` is over 256 KiB.
std::optional<Failure> check_payload_size(const Value& output, const State& s);

}  // namespace asl::exec
