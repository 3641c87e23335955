// input_reads.h — the paths a machine reads from its execution input, and what each reading field needs there.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "asl/value.h"
#include "definition_walk.h"

namespace aslgen::detail {

// The JSON a reading field accepts at the path it reads.
enum class Need : std::uint8_t { any, number, integer, non_negative_integer, positive_integer, string, timestamp, boolean, array, object };

// One read of the execution input.
struct InputRead {
  std::vector<Step> steps;  // from the execution input's root; never empty
  std::string field;        // what reads it: "InputPath", "Parameters", "intrinsic", "ItemsPath", "SecondsPath", "Choice", ...
  Need need = Need::any;
  // Whether the read fails (States.Runtime, or States.QueryEvaluationError in JSONata) when the
  // value is missing, null, or of a type `need` excludes. All false for JSONata reads whose
  // outcome depends on the expression around them.
  bool fails_if_missing = true;
  bool fails_if_null = false;
  bool fails_if_wrong_type = false;
  int order = 0;         // states on the main path that run before the reading state (0: StartAt)
  bool certain = true;   // read whenever its state runs: not behind an earlier Choice rule, a
                         // short-circuiting And/Or, a Choice or Catch side exit
};

// The reads of the execution input by states whose input still holds the execution input's
// members unchanged. That is every state of the top-level main path: generated machines keep the
// input's members at every state boundary (builder.h), so a path read by the fourth state reads
// what the execution was given, as long as the first three let execution reach it. Parallel
// branches are included when the Parallel hands them its effective input unchanged, and side
// states (Choice rule and Catch targets) when their input keeps the members. Not collected: reads
// inside Map iterations (they read items), ResultSelector (it reads the result), paths under an
// indefinite InputPath, `$$` and variables. Reads come in execution order.
std::vector<InputRead> input_reads(const asl::Value& definition);

// A definite reference path in the generator's notations ("$", ".name", "['name']", "[0]") as
// steps; false for anything else (wildcards, slices, filters, deep scans, `$$`, variables).
bool reference_steps(std::string_view path, std::vector<Step>& out);

}  // namespace aslgen::detail
