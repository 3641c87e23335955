// parquet_metadata.h — the parts of Parquet's FileMetaData and PageHeader the reader uses, decoded from Thrift.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asl/error.h"
#include "parquet/parquet_error.h"

namespace asl::parquet::detail {

// Enum values as parquet.thrift numbers them.
enum class PhysicalType : std::int32_t {
  boolean = 0, int32 = 1, int64 = 2, int96 = 3, float32 = 4, float64 = 5, byte_array = 6, fixed_len_byte_array = 7,
};
enum class Repetition : std::int32_t { required = 0, optional = 1, repeated = 2 };
enum class Codec : std::int32_t { uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4_raw = 7 };
enum class Encoding : std::int32_t {
  plain = 0, plain_dictionary = 2, rle = 3, bit_packed = 4, delta_binary_packed = 5, delta_length_byte_array = 6,
  delta_byte_array = 7, rle_dictionary = 8, byte_stream_split = 9,
};
enum class PageType : std::int32_t { data_page = 0, index_page = 1, dictionary_page = 2, data_page_v2 = 3 };

// ConvertedType (the legacy annotation): UTF8=0 ... INTERVAL=21.
inline constexpr std::int32_t kConvertedUtf8 = 0;
inline constexpr std::int32_t kConvertedEnum = 4;
inline constexpr std::int32_t kConvertedUint8 = 11;
inline constexpr std::int32_t kConvertedUint64 = 14;
inline constexpr std::int32_t kConvertedInt8 = 15;
inline constexpr std::int32_t kConvertedInt64 = 18;

// LogicalType, a Thrift union: the member that is set (its field id) and, for INTEGER, its parameters.
struct LogicalType {
  std::int16_t kind = 0;  // 1 STRING, 2 MAP, 3 LIST, 4 ENUM, 5 DECIMAL, 6 DATE, 7 TIME, 8 TIMESTAMP, 10 INTEGER, 11 UNKNOWN, 12 JSON, 13 BSON, 14 UUID, ...
  std::int32_t bit_width = 0;
  bool is_signed = true;
};
inline constexpr std::int16_t kLogicalString = 1;
inline constexpr std::int16_t kLogicalEnum = 4;
inline constexpr std::int16_t kLogicalInteger = 10;

struct SchemaElement {
  std::optional<PhysicalType> type;
  std::optional<Repetition> repetition;
  std::string name;
  std::int32_t num_children = 0;
  std::optional<std::int32_t> converted_type;
  std::optional<LogicalType> logical_type;
};

struct ColumnChunkMeta {
  bool has_file_path = false;  // data in another file
  bool has_meta_data = false;
  PhysicalType type = PhysicalType::boolean;
  std::vector<std::string> path_in_schema;
  Codec codec = Codec::uncompressed;
  std::int64_t num_values = 0;
  std::int64_t total_compressed_size = 0;
  std::int64_t data_page_offset = 0;
  std::optional<std::int64_t> dictionary_page_offset;
};

struct RowGroupMeta {
  std::vector<ColumnChunkMeta> columns;
  std::int64_t num_rows = 0;
};

struct FileMetaData {
  std::vector<SchemaElement> schema;
  std::int64_t num_rows = 0;
  std::vector<RowGroupMeta> row_groups;
  bool encrypted = false;  // encryption_algorithm set (plaintext footer of an encrypted file)
};

struct PageHeader {
  PageType type = PageType::data_page;
  std::int32_t uncompressed_page_size = -1;
  std::int32_t compressed_page_size = -1;
  // DATA_PAGE, DICTIONARY_PAGE and DATA_PAGE_V2 share these.
  std::int32_t num_values = -1;
  Encoding encoding = Encoding::plain;
  Encoding definition_level_encoding = Encoding::rle;
  // DATA_PAGE_V2 only.
  std::int32_t num_nulls = 0;
  std::int32_t definition_levels_byte_length = 0;
  std::int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;
};

// The footer's FileMetaData; `base` is its offset in the file, for messages.
Expected<FileMetaData> decode_file_metadata(std::string_view footer, std::size_t base);
// A page header at the start of `bytes` (at file offset `base`); `header_size` gets its length.
Expected<PageHeader> decode_page_header(std::string_view bytes, std::size_t base, std::size_t& header_size);

}  // namespace asl::parquet::detail
