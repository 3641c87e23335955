// generate.h — the generators' public API: options and profiles, the i-th case of a run, RapidCheck generators.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/case.h"

namespace aslgen {

// Relative weights of the features a machine is built from. A weight of 0 turns a feature off;
// weights of state kinds are relative to each other, the others are per-mille chances of the
// feature where it can occur.
struct FeatureWeights {
  // State kinds (relative).
  int pass = 4, task = 5, choice = 3, wait = 1, parallel = 1, map = 1;
  // Per-mille chances.
  int succeed_end = 300;      // the main path ends in a Succeed state rather than End:true
  int fail_exit = 250;        // a Choice rule or Catch leads to a Fail state
  int io_fields = 500;        // InputPath / OutputPath / ResultPath / Parameters / ResultSelector on a state
  int intrinsics = 400;       // a Parameters/ResultSelector/Assign value is an intrinsic call
  int indefinite_paths = 150; // a Parameters value is an indefinite JSONPath (wildcard, slice, filter, ..)
  int variables = 300;        // the machine assigns and reads variables
  int retry = 500;            // a Task/Parallel/Map has Retry
  int catch_ = 400;           // ... has Catch
  int task_failures = 500;    // a task's script throws before it returns
  int timeouts = 300;         // a Task has TimeoutSeconds / HeartbeatSeconds (or the ...Path forms)
  int callback = 80;          // a Task is .waitForTaskToken (STANDARD only)
  int distributed_map = 300;  // a Map is DISTRIBUTED (ItemReader, ItemBatcher, ResultWriter)
  int loop = 150;             // a bounded counter loop through a Choice
  int express = 150;          // the machine is EXPRESS
  int machine_timeout = 50;   // top-level TimeoutSeconds
  // JSONata. Drawn from a stream of their own, so a case that does not use JSONata is the same
  // case it was before JSONata existed (and the same as with jsonata = 0).
  int jsonata = 150;          // the case uses JSONata
  int jsonata_machine = 600;  // ... for the whole machine (QueryLanguage at the top); else states mixed into JSONPath
  int jsonata_errors = 40;    // a JSONata field is built to fail with States.QueryEvaluationError
};

// What the generators produce: sizes, feature weights and how often cases are near-valid.
struct GenOptions {
  std::string profile = "full";
  int max_states = 6;        // states on the main path of one (top-level or nested) machine
  int max_depth = 2;         // nesting of Parallel branches and Map processors
  int max_input_fields = 8;  // top-level fields of a generated input document
  int max_items = 4;         // elements of arrays a Map iterates over
  // Fraction of generate_case() results that are near-valid machines (one labelled mutation).
  double near_valid_ratio = 0.0;
  // Fraction of valid cases whose input is perturbed (a path the machine reads is missing, null
  // or of the wrong type), so States.Runtime paths get exercised.
  double near_valid_input_ratio = 0.1;
  FeatureWeights weights;
};

// Named profiles: full (everything, 15% of cases with JSONata), jsonpath (I/O fields and paths,
// no JSONata), intrinsics (no JSONata), choice, errors (Retry/Catch/timeouts), map (inline and
// distributed Map), jsonata (every case uses JSONata: mostly JSONata machines, some JSONata states
// in JSONPath machines). Unknown names give nullopt.
std::optional<GenOptions> profile_options(std::string_view name);
std::vector<std::string> profile_names();

// A profile with settings changed by name: "full,variables=0,jsonata=0,max_states=3" (the
// FeatureWeights members, `catch` for catch_, and the sizes max_states, max_depth,
// max_input_fields, max_items). GenOptions::profile keeps the whole spec, so a resumed run or a
// replayed seed regenerates the same cases. A located usage error for an unknown name or a value
// out of range.
asl::Expected<GenOptions> parse_profile(std::string_view spec);
std::vector<std::string> setting_names();

// The seed of case `index` of a run with seed `seed` (so shards and replays agree).
std::uint64_t case_seed(std::uint64_t run_seed, std::uint64_t index);

// The index-th case of a run, deterministically from (seed, index, options): the same three
// arguments give the same case on every platform. Near-valid with probability
// options.near_valid_ratio. Its id is "gen-<seed>-<index>"; its first tag is its main feature.
asl::Case generate_case(std::uint64_t seed, std::uint64_t index, const GenOptions& options = {});
// Always a valid machine (the validator accepts it; every task invocation is scripted).
asl::Case generate_valid_case(std::uint64_t seed, std::uint64_t index, const GenOptions& options = {});
// Always a near-valid machine: a valid one with one mutation, labelled with the diagnostics AWS
// gives in `expect` ({"status": "INVALID_DEFINITION", "diagnostics": [{"code", "location"}]}).
asl::Case generate_near_valid_case(std::uint64_t seed, std::uint64_t index, const GenOptions& options = {});

// RapidCheck generators for properties. Cases shrink through shrink_candidates() (shrink.h), so
// a failing property reports a small, still valid (or same-diagnostic) case.
rc::Gen<asl::Case> gen_case(const GenOptions& options = {});
rc::Gen<asl::Case> gen_near_valid_case(const GenOptions& options = {});

// The diagnostics a near-valid case is labelled with: (code, location) pairs from its expect.
struct ExpectedDiagnostic {
  std::string code;
  std::string location;
};
std::vector<ExpectedDiagnostic> expected_diagnostics(const asl::Case& c);

}  // namespace aslgen

namespace asl {
// How RapidCheck prints a counterexample: the case file's JSON on one line.
void showValue(const Case& c, std::ostream& os);
}  // namespace asl
