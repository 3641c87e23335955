// expectations.h — known divergences per target (corpus/expectations/<target>.json): one reader/writer shared by runner and `expectations update`.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/error.h"
#include "asl/value.h"
#include "aslcheck/run_record.h"

namespace aslcheck {

// File format (every entry carries a reason):
// {"target": "alsf",
//  "expectations": [
//    {"selector": {"id": "case-id"} | {"tag": "map"} | {"feature": "choice"},
//     "channel": "output",            // a channel_name(), or "*" for any channel
//     "mask": "$.timestamp",          // optional: a JSONPath whose matches are ignored in the output
//     "reason": "alsf drops ...",     // required
//     "link": "https://..."}]}        // optional
struct Expectation {
  enum class SelectorKind : std::uint8_t { id, tag, feature };
  SelectorKind selector_kind = SelectorKind::id;
  std::string selector;  // the id, tag or feature
  std::string channel;   // channel name or "*"
  std::string mask;      // optional JSONPath
  std::string reason;
  std::string link;
};

struct ExpectationFile {
  std::string target;
  std::vector<Expectation> entries;
  asl::Object extra;  // other top-level members ("source", "comment"), kept as they are on rewrite
};

// Errors are located ("corpus/expectations/alsf.json: at /expectations/3/reason: required").
asl::Expected<ExpectationFile> read_expectations(const std::string& path);
asl::Expected<ExpectationFile> read_expectations(const asl::Value& json);
asl::Value to_json(const ExpectationFile& file);

// --- Additions (reports helper): writing, matching, classifying. ---

std::string_view selector_kind_name(Expectation::SelectorKind kind);  // "id", "tag", "feature"
asl::Value to_json(const Expectation& entry);
// The file's text: one entry per line, so reviews and merges see one line per change; ends with a
// newline. read_expectations(json::read(write_expectations(f))) gives f back.
std::string write_expectations(const ExpectationFile& file);
// Writes through a temporary file and a rename: an interrupted write never leaves half a file.
asl::Checked save_expectations(const ExpectationFile& file, const std::string& path);

// What an expectation is matched on: the case id, its main feature and all its tags.
struct CaseKey {
  std::string_view id;
  std::string_view feature;
  const std::vector<std::string>* tags = nullptr;
};
// id: equal to the case id; tag: one of the case's tags; feature: the case's main feature or one
// of its tags (the main feature is the first tag).
bool selects(const Expectation& entry, const CaseKey& key);
// Whether the entry is about this channel ("*" is about every channel).
bool covers_channel(const Expectation& entry, std::string_view channel);

// The outcome of one case against the file.
struct Classification {
  Verdict verdict = Verdict::match;    // match, diverge, known or xpass
  std::string reason;                  // known / xpass: the entries' reasons, "; "-joined, in file order
  std::vector<std::size_t> entries;    // known: the entries that covered a channel; xpass: the stale id entries
  std::vector<std::string> uncovered;  // diverge: the differing channels no entry covers
};

// Asked for a differing channel that only masked entries cover: does it still differ once the
// values at these JSONPath masks are taken out of both sides? (The diff owns that question.)
using MaskedDiffer = std::function<bool(std::string_view channel, const std::vector<std::string>& masks)>;

// `differing`: the channels that differ, unmasked. A differing channel is covered by a selecting
// entry for that channel without a mask, or by the selecting masked entries for it when
// `still_differs` says masking removes the difference (without `still_differs`, masks never
// cover). Every differing channel covered: known. Some not: diverge (`uncovered` lists them).
// Nothing differs but an id entry names the case: xpass (the entry is stale). Tag and feature
// entries say the cases they select *may* diverge, so a matching case they select is a match.
Classification classify(const ExpectationFile& file, const CaseKey& key, const std::vector<std::string>& differing,
                        const MaskedDiffer& still_differs = {});

}  // namespace aslcheck
