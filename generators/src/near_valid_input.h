// near_valid_input.h — near-valid inputs: a path the machine reads made missing, null or of a type its reader refuses.
#pragma once

#include "asl/case.h"
#include "rng.h"

namespace aslgen::detail {

// Perturbs the input of a valid case so that a path its machine reads (input_reads.h) is missing,
// null or of the wrong type, preferring reads that make the execution fail (States.Runtime, or
// States.QueryEvaluationError in JSONata) and reads of the earliest state. Tags the case
// "input-perturbed", "input:missing-path" / "input:null-path" / "input:wrong-type" and
// "input-read:<field>". A machine that reads no path of its input gets a random top-level field
// changed instead ("input:unread-field").
void perturb_input(Rng& rng, asl::Case& c);

}  // namespace aslgen::detail
