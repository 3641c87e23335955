// item_reader.h — a distributed Map's ItemReader: the items behind an S3 resource, streamed one at a time from the run's objects.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exec/io_pipeline.h"

namespace asl::exec {

inline constexpr std::string_view kStatesItemReaderFailed = "States.ItemReaderFailed";
// The error name of a reader the case cannot express (PARQUET, Athena manifests, content of the
// wrong JSON type): the run ends as TARGET_ERROR instead of guessing.
inline constexpr std::string_view kReaderUnsupported = "ASLCHECK_UNSUPPORTED";
// AWS reads at most this many items (ItemReader (Map): "a limit of up to 100,000,000").
inline constexpr std::int64_t kMaxItemsLimit = 100000000;

// "s3://bucket/key", the form of the keys of a case's `objects`.
std::string s3_uri(std::string_view bucket, std::string_view key);

// The S3 objects one run sees: what its ResultWriters wrote so far, then the case's `objects`.
// Content follows the case convention: a string is the object's bytes, any other value its JSON.
class ObjectStore {
 public:
  ObjectStore(const std::map<std::string, Value>& case_objects, const std::map<std::string, Value>& written)
      : case_objects_(case_objects), written_(written) {}
  const Value* find(const std::string& uri) const;
  // The objects of `bucket` whose key starts with `prefix`, in S3's order (UTF-8 bytes).
  std::vector<std::pair<std::string, const Value*>> list(std::string_view bucket, std::string_view prefix) const;

 private:
  const std::map<std::string, Value>& case_objects_;
  const std::map<std::string, Value>& written_;
};

// The object's bytes as S3 counts them: a string's length, or the size of the JSON as written.
std::size_t object_size(const Value& content);
// S3's ETag of a single-part object: the quoted MD5 of its bytes.
std::string object_etag(const Value& content);

// Items, one at a time, so a Map over millions of them never holds them all.
class ItemSource {
 public:
  virtual ~ItemSource() = default;
  // The next item, or nullopt after the last one. A failure (a line that is not JSON) is a
  // States.ItemReaderFailed error.
  virtual Expected<std::optional<Value>> next() = 0;
  // How many items next() yields in all, from a scan that builds none of them.
  virtual std::size_t count() const = 0;
};

// An array already in memory (ItemsPath's selection) as a source.
std::unique_ptr<ItemSource> array_source(Value array);

// Evaluates a Parameters-style template kept raw in the IR (ItemReader and ResultWriter
// Parameters) against `input`; failures are States.Runtime with the template's causes.
Expected<Value> evaluate_raw_template(const Value& spec, std::string_view field, const Value& input,
                                      const StateScope& scope);

// ReaderConfig's MaxItems or MaxItemsPath (against `input`): nullopt when there is no limit.
Expected<std::optional<std::int64_t>> reader_max_items(const Value& reader_config, const Value& input,
                                                       const StateScope& scope);

// What an ItemReader needs at run time besides its IR.
struct ReaderRequest {
  const ItemReader* reader = nullptr;
  Value parameters;                        // evaluated Parameters: Bucket, Key / Prefix
  std::optional<std::int64_t> max_items;   // from reader_max_items
  std::int64_t last_modified_seconds = 0;  // LastModified of listed objects (they carry no time)
};

// Opens the reader: fetches the object and checks what can be checked before any item is read
// (CSV headers, the manifest), so those failures come before the first child starts. Errors are
// States.ItemReaderFailed, or kReaderUnsupported for what the oracle does not model.
Expected<std::unique_ptr<ItemSource>> open_item_reader(const ReaderRequest& request, const ObjectStore& store);

}  // namespace asl::exec
