// machine.h — the validated machine IR: what the loader builds from a definition and the executor runs.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "asl/case.h"
#include "asl/error.h"
#include "asl/intrinsics.h"
#include "asl/jsonpath.h"
#include "asl/payload_template.h"
#include "asl/result.h"
#include "asl/value.h"

namespace asl {

enum class StateType : std::uint8_t { pass, task, choice, wait, succeed, fail, parallel, map };
enum class QueryLanguage : std::uint8_t { jsonpath, jsonata };

std::string_view state_type_name(StateType type);  // "Pass", "Task", ...

// InputPath / OutputPath / ResultPath: absent means `$`; an explicit null is meaningful
// (InputPath null gives {}, ResultPath null discards the result, OutputPath null gives {}).
struct PathField {
  enum class Mode : std::uint8_t { dollar, null, path };
  Mode mode = Mode::dollar;
  jsonpath::Path path;  // when mode == path
};

// A field that holds either a literal or a reference path (TimeoutSeconds / TimeoutSecondsPath,
// MaxConcurrency / MaxConcurrencyPath, ...). At most one of the two is set.
struct JsonataTemplate;  // below: a compiled JSONata-mode field
struct NumberOrPath {
  std::optional<Value> literal;
  std::optional<jsonpath::Path> path;
  std::shared_ptr<const JsonataTemplate> jsonata;  // JSONata states: the literal, compiled
  bool present() const { return literal.has_value() || path.has_value(); }
};

// ErrorPath / CausePath of a Fail state: a reference path or one of the allowed intrinsics.
struct DynamicString {
  std::optional<jsonpath::Path> path;
  std::optional<intrinsics::Call> call;
  std::string text;  // as written, for causes
};

namespace jsonata {
class Expression;
}

struct JsonataMember;

// A JSONata-mode field as the loader compiled it: every "{% expr %}" string parsed once, every
// subtree without an expression kept as one literal.
struct JsonataTemplate {
  enum class Kind : std::uint8_t { literal, expression, object, array };
  Kind kind = Kind::literal;
  Value literal;                                          // literal
  std::shared_ptr<const jsonata::Expression> expression;  // expression
  std::string text;                  // expression: as AWS quotes it (between the delimiters, trimmed)
  std::vector<JsonataMember> members;  // object, in definition order
  std::vector<JsonataTemplate> items;  // array
};
struct JsonataMember {
  std::string key;
  JsonataTemplate value;
};

// A JSONata-mode field (a JSON value whose strings may be "{% expr %}"): as written, and compiled
// by the loader (set whenever the definition is valid).
struct JsonataField {
  std::optional<Value> value;
  std::shared_ptr<const JsonataTemplate> compiled;
  bool present() const { return value.has_value(); }
};

struct Retrier {
  std::vector<std::string> error_equals;
  double interval_seconds = 1;
  std::int64_t max_attempts = 3;
  double backoff_rate = 2.0;
  std::optional<double> max_delay_seconds;
  bool full_jitter = false;
};

struct Catcher {
  std::vector<std::string> error_equals;
  std::string next;
  std::uint32_t next_index = 0;
  PathField result_path;                 // JSONPath: where the Error Output goes (default $)
  std::optional<PayloadTemplate> assign;  // JSONPath Assign
  JsonataField output;                    // JSONata Output
  JsonataField jsonata_assign;            // JSONata Assign
};

enum class Comparison : std::uint8_t {
  string_equals, string_less_than, string_greater_than, string_less_than_equals, string_greater_than_equals,
  numeric_equals, numeric_less_than, numeric_greater_than, numeric_less_than_equals, numeric_greater_than_equals,
  boolean_equals,
  timestamp_equals, timestamp_less_than, timestamp_greater_than, timestamp_less_than_equals,
  timestamp_greater_than_equals,
  string_matches,
  is_null, is_present, is_numeric, is_string, is_boolean, is_timestamp,
};

std::string_view comparison_name(Comparison c);  // "StringEquals", ...

struct ChoiceRule {
  enum class Kind : std::uint8_t { comparison, all_of, any_of, negation, condition };
  Kind kind = Kind::comparison;
  // comparison
  jsonpath::Path variable;
  Comparison comparison = Comparison::string_equals;
  Value operand;                               // the literal operand
  std::optional<jsonpath::Path> operand_path;  // the ...Path form
  // all_of (And) / any_of (Or) / negation (Not: exactly one child)
  std::vector<ChoiceRule> children;
  // condition (JSONata Condition)
  JsonataField condition;
  // top-level rules only
  std::string next;
  std::uint32_t next_index = 0;
  std::optional<PayloadTemplate> assign;
  JsonataField jsonata_assign;
  JsonataField output;
};

struct StateMachine;

// Distributed Map's item source and sinks (absent for inline Map).
struct ItemReader {
  std::string resource;  // arn:aws:states:::s3:getObject | s3:listObjectsV2
  Value parameters;      // Parameters / Arguments as written
  Value reader_config;   // InputType, CSVHeaderLocation, CSVHeaders, MaxItems(Path)
  JsonataField jsonata_arguments;  // JSONata: Arguments, compiled
  JsonataField jsonata_max_items;  // JSONata: ReaderConfig.MaxItems, compiled
};
struct ItemBatcher {
  NumberOrPath max_items_per_batch;
  NumberOrPath max_input_bytes_per_batch;
  std::optional<PayloadTemplate> batch_input;  // JSONPath BatchInput
  JsonataField jsonata_batch_input;            // JSONata BatchInput
};
struct ResultWriter {
  std::string resource;
  Value parameters;
  Value writer_config;
  JsonataField jsonata_arguments;  // JSONata: Arguments, compiled
};

struct State {
  std::string name;
  StateType type = StateType::pass;
  QueryLanguage language = QueryLanguage::jsonpath;
  Value definition;  // the state's JSON as written
  // Whether any expression of the state can read the context object (a "$$" anywhere in its
  // JSON, or a Map whose ItemSelector sees $$.Map.Item): the executor builds `$$` only then.
  bool reads_context = true;

  // Transition: exactly one of next / end for Pass, Task, Wait, Parallel, Map.
  std::string next;
  std::uint32_t next_index = 0;
  bool end = false;

  // JSONPath I/O.
  PathField input_path;
  PathField output_path;
  PathField result_path;
  std::optional<PayloadTemplate> parameters;       // Pass, Task, Parallel (Map's old spelling too)
  std::optional<PayloadTemplate> result_selector;  // Task, Parallel, Map
  std::optional<PayloadTemplate> assign;           // JSONPath Assign
  std::optional<Value> result;                     // Pass Result

  // JSONata I/O.
  JsonataField arguments;  // Task, Parallel
  JsonataField output;     // every state but Fail
  JsonataField jsonata_assign;

  std::vector<Retrier> retry;
  std::vector<Catcher> catchers;

  // Task.
  std::string resource;
  NumberOrPath timeout_seconds;
  NumberOrPath heartbeat_seconds;
  Value credentials;

  // Choice.
  std::vector<ChoiceRule> choices;
  std::optional<std::string> default_next;
  std::uint32_t default_index = 0;

  // Wait: exactly one of the four (JSONata: seconds or timestamp, possibly expressions).
  std::optional<Value> seconds;
  std::optional<jsonpath::Path> seconds_path;
  std::optional<Value> timestamp;
  std::optional<jsonpath::Path> timestamp_path;
  JsonataField jsonata_seconds;    // JSONata: Seconds (a number or an expression)
  JsonataField jsonata_timestamp;  // JSONata: Timestamp (a string or an expression)

  // Fail.
  std::optional<Value> error;  // a string, or a JSONata expression string
  std::optional<Value> cause;
  std::optional<DynamicString> error_path;
  std::optional<DynamicString> cause_path;
  JsonataField jsonata_error;  // JSONata: Error / Cause (strings or expressions)
  JsonataField jsonata_cause;

  // Parallel.
  std::vector<std::shared_ptr<const StateMachine>> branches;

  // Map.
  std::shared_ptr<const StateMachine> processor;  // ItemProcessor (or Iterator)
  bool distributed = false;
  MachineType processor_execution_type = MachineType::standard;  // DISTRIBUTED's ExecutionType
  std::optional<jsonpath::Path> items_path;       // default $
  JsonataField items;                             // JSONata Items
  std::optional<PayloadTemplate> item_selector;   // ItemSelector (or Map Parameters)
  JsonataField jsonata_item_selector;
  NumberOrPath max_concurrency;
  NumberOrPath tolerated_failure_count;
  NumberOrPath tolerated_failure_percentage;
  std::optional<ItemReader> item_reader;
  std::optional<ItemBatcher> item_batcher;
  std::optional<ResultWriter> result_writer;
  std::string label;
};

// A machine or a nested one (a Parallel branch, a Map's ItemProcessor): states in definition
// order, with transitions resolved to indexes.
struct StateMachine {
  std::string start_at;
  std::uint32_t start_index = 0;
  std::vector<State> states;
  std::unordered_map<std::string, std::uint32_t> index;
  QueryLanguage language = QueryLanguage::jsonpath;
  std::optional<std::int64_t> timeout_seconds;  // top level only
  std::string comment;

  const State* find(std::string_view name) const {
    auto it = index.find(std::string(name));
    return it == index.end() ? nullptr : &states[it->second];
  }
};

struct ValidationOptions {
  MachineType type = MachineType::standard;
};

// Static validation as AWS's ValidateStateMachineDefinition does it: every diagnostic, errors and
// warnings, with AWS's codes, messages and locations. Empty (of errors) means valid.
std::vector<Diagnostic> validate(const Value& definition, const ValidationOptions& options = {});

// Validates and builds the IR. A definition with any ERROR diagnostic is rejected with all of
// them; the returned machine is immutable and shareable across threads.
struct LoadResult {
  std::shared_ptr<const StateMachine> machine;  // null when invalid
  std::vector<Diagnostic> diagnostics;          // errors (when invalid) and warnings
};
LoadResult load(const Value& definition, const ValidationOptions& options = {});

// Validation of a definition as the text AWS receives: "" is SCHEMA_VALIDATION_FAILED
// ("Definition must be a valid JSON object"), text that is not JSON is INVALID_JSON_DESCRIPTION
// with Jackson's message and location, anything else is validate() of the parsed document.
std::vector<Diagnostic> validate_text(std::string_view definition_text, const ValidationOptions& options = {});

// CreateStateMachine / UpdateStateMachine's InvalidDefinition message for the ERROR diagnostics:
// "Invalid State Machine Definition: '<CODE>: <message> at <location>[, <CODE>: ...]'", where a
// diagnostic without a location reads "at null".
std::string invalid_definition_message(const std::vector<Diagnostic>& diagnostics);

}  // namespace asl
