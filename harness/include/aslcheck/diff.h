// diff.h — comparing a target's Result with the oracle's, channel by channel, and naming the bucket a divergence falls in.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "asl/case.h"
#include "asl/result.h"
#include "aslcheck/run_record.h"
#include "aslcheck/target.h"

namespace aslcheck {

struct DiffOptions {
  // Output, cause and written objects are compared after replacing ARNs, UUIDs and ISO 8601
  // timestamps inside strings by placeholders (`<arn>`, `<uuid>`, `<timestamp>`): those carry
  // the target's account, clock and randomness, not the semantics. False: byte-exact strings.
  bool normalise = true;
  // A retry delay matches when |target - oracle| <= absolute + relative * oracle (seconds, at
  // the oracle's scale: the target's delays are divided by its time_scale first).
  double retry_tolerance_seconds = 0.01;
  double retry_tolerance_ratio = 0.01;
};

// The channels that differ, compared only where the target declares the channel. When the
// statuses differ only `status` is reported (its detail names both sides' errors): every other
// channel would differ as a consequence. Output is compared when both succeeded; error and cause
// when both failed, timed out or aborted; diagnostics when both rejected the definition; trace,
// retries and history when both sides have them. Where the machine runs branches or iterations
// concurrently (Parallel, Map), trace and history are compared as multisets: their interleaving
// is the scheduler's, not the language's. FULL-jitter retry delays are checked against their
// bounds [0, min(IntervalSeconds * BackoffRate^(n-1), MaxDelaySeconds)], not against the
// oracle's draw.
std::vector<ChannelDiff> diff_results(const asl::Case& c, const asl::Result& oracle, const asl::Result& target,
                                      const Capabilities& capabilities, const DiffOptions& options = {});

// Whether `channel` still differs once the values at these JSONPath masks are replaced by a
// placeholder on both sides: for output and objects the masks apply to the JSON itself; for
// cause they apply inside causes that are JSON text (Lambda error payloads, Fail causes). The
// masks of an expectation (aslcheck/expectations.h) are answered here.
bool still_differs(const asl::Case& c, const asl::Result& oracle, const asl::Result& target,
                   const Capabilities& capabilities, const DiffOptions& options, std::string_view channel,
                   const std::vector<std::string>& masks);

// The bucket a divergence goes in, so a thousand failures read as a handful of bugs:
// "<channels>|<feature>|<oracle status[:error]> -> <target status[:error]>", for example
// "output|map|SUCCEEDED -> SUCCEEDED" or "status|task|FAILED:States.Timeout -> SUCCEEDED".
std::string divergence_signature(const asl::Case& c, const std::vector<std::string>& channels,
                                 const asl::Result& oracle, const asl::Result& target);
// A file-name-safe form of a signature (regression and shrunk case names), with a short hash so
// two signatures never share a name.
std::string signature_slug(std::string_view signature);

// The case's main feature: its first tag, or "general" (the report's matrix column).
std::string main_feature(const asl::Case& c);

// The normalisers of DiffOptions::normalise, on text and on every string inside a value.
std::string normalise_text(std::string_view text);
asl::Value normalise_value(const asl::Value& value);

}  // namespace aslcheck
