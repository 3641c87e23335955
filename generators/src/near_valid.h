// near_valid.h — single mutations of valid machines, each labelled with the diagnostics AWS gives.
#pragma once

#include "asl/case.h"
#include "rng.h"

namespace aslgen::detail {

// Mutates a valid case in place into a near-valid one: its definition gets one mutation, `expect`
// gets {"status": "INVALID_DEFINITION", "diagnostics": [{"code", "location"}...]} and the tags
// "near-valid" and "mutation:<name>". Label sources are named in near_valid.cpp. False when no
// mutation applies (the case is left unchanged).
bool mutate_case(Rng& rng, asl::Case& c);

}  // namespace aslgen::detail
