// result_writer.h — a Map's result from its children's outcomes: AWS's array, or a ResultWriter's entries, files and manifest.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "exec/item_reader.h"

namespace asl::exec {

inline constexpr std::string_view kStatesResultWriterFailed = "States.ResultWriterFailed";

// ResultWriter, resolved: where the results go (Resource and Parameters) and how they look
// (WriterConfig). Without a Resource the results are only transformed, and returned.
struct WriterSettings {
  enum class Transformation : std::uint8_t { none, compact, flatten };
  bool export_to_s3 = false;
  std::string bucket;
  std::string prefix;
  bool jsonl = false;
  Transformation transformation = Transformation::none;
};

// Evaluates the ResultWriter's Parameters (Bucket, Prefix) against `input` and reads its
// WriterConfig. Defaults as the ResultWriter documentation gives them: NONE when exporting
// without a WriterConfig, JSON output.
Expected<WriterSettings> resolve_result_writer(const ResultWriter& writer, const Value& input, const StateScope& scope);

// Names of one Map Run, as AWS shapes them.
struct MapRunIdentity {
  std::string map_run_arn;        // arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<run id>
  std::string run_id;             // the UUID ending the Map Run ARN, also the results' folder
  std::string execution_prefix;   // arn:aws:states:<region>:<account>:execution:<machine>/<label>:
  std::string state_machine_arn;  // arn:aws:states:<region>:<account>:stateMachine:<machine>/<label>
};

// One finished child execution of the Map.
struct ChildRecord {
  std::size_t index = 0;
  const Value* input = nullptr;
  bool ok = true;
  const Value* output = nullptr;  // ok
  const std::optional<std::string>* error = nullptr;  // !ok
  const std::optional<std::string>* cause = nullptr;  // !ok
  Instant start;
  Instant stop;
};

// Collects the children's outcomes, in index order, into what the Map returns and writes. Only
// what the result needs is kept: with a JSONL export, one line of text per child.
class MapResults {
 public:
  MapResults(std::optional<WriterSettings> writer, MapRunIdentity identity)
      : writer_(std::move(writer)), identity_(std::move(identity)) {}

  void add(const ChildRecord& child);
  // The Map's raw result (before ResultSelector). With an export to S3 the files and the
  // manifest are stored into `objects` under "s3://bucket/key", and the result points at them.
  Value finish(std::map<std::string, Value>& objects);

 private:
  Value metadata_entry(const ChildRecord& child) const;  // Transformation NONE's entry
  void append(bool succeeded, const Value& entry);

  std::optional<WriterSettings> writer_;
  MapRunIdentity identity_;
  Array results_;                   // returned array (no export)
  Array succeeded_, failed_;        // JSON export
  std::string succeeded_lines_, failed_lines_;  // JSONL export
  std::size_t succeeded_count_ = 0, failed_count_ = 0;
};

}  // namespace asl::exec
