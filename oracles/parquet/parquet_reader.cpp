// parquet_reader.cpp — opens a Parquet file (magic, footer, flat schema, column chunks) and assembles its rows as JSON objects.
#include "parquet/parquet_reader.h"

#include <cstring>
#include <set>

#include "parquet/parquet_metadata.h"
#include "parquet/parquet_pages.h"

namespace asl::parquet {

using namespace detail;

struct FileLayout {
  std::vector<LeafColumn> columns;
  std::vector<RowGroupMeta> row_groups;
  std::uint64_t rows = 0;
  std::size_t data_end = 0;  // where the footer starts
};

namespace {

std::string type_name(PhysicalType t) {
  static constexpr const char* kNames[] = {"BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE",
                                           "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
  auto i = static_cast<std::size_t>(t);
  return i < std::size(kNames) ? kNames[i] : "type " + std::to_string(static_cast<int>(t));
}

std::string annotation_name(const SchemaElement& e) {
  static constexpr const char* kConverted[] = {
      "UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS", "TIME_MICROS",
      "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8", "INT_16",
      "INT_32", "INT_64", "JSON", "BSON", "INTERVAL"};
  static constexpr const char* kLogical[] = {"", "STRING", "MAP", "LIST", "ENUM", "DECIMAL", "DATE", "TIME",
                                             "TIMESTAMP", "", "INTEGER", "UNKNOWN", "JSON", "BSON", "UUID",
                                             "FLOAT16", "VARIANT", "GEOMETRY", "GEOGRAPHY"};
  if (e.logical_type) {
    auto k = static_cast<std::size_t>(e.logical_type->kind);
    return k < std::size(kLogical) && kLogical[k][0] != '\0' ? kLogical[k] : "logical type " + std::to_string(k);
  }
  if (e.converted_type) {
    auto c = static_cast<std::size_t>(*e.converted_type);
    return c < std::size(kConverted) ? kConverted[c] : "converted type " + std::to_string(c);
  }
  return "";
}

// The JSON form of a leaf: plain numbers and booleans, signed or unsigned integers (INT_8 ...
// UINT_64, INTEGER), UTF-8 strings (UTF8/STRING, ENUM). Anything else (DATE, TIMESTAMP, DECIMAL,
// JSON, raw binary, INT96 ...) has a JSON form on AWS that no recording or document shows, so the
// reader refuses it rather than guess.
Expected<JsonForm> json_form(const SchemaElement& e) {
  const PhysicalType type = *e.type;
  const bool annotated = e.logical_type.has_value() || e.converted_type.has_value();
  auto refuse = [&]() {
    std::string what = type_name(type);
    if (annotated) what += " annotated " + annotation_name(e);
    return unsupported("column '" + e.name + "' is " + what +
                       ", whose JSON form on AWS is unconfirmed; the oracle reads BOOLEAN, INT32, INT64 (signed or "
                       "unsigned), FLOAT, DOUBLE and UTF-8 string columns");
  };
  // Integer annotations: the legacy INT_8 ... UINT_64 and the INTEGER logical type.
  std::optional<bool> integer_signed;
  if (e.logical_type && e.logical_type->kind == kLogicalInteger) integer_signed = e.logical_type->is_signed;
  if (!e.logical_type && e.converted_type && *e.converted_type >= kConvertedUint8 && *e.converted_type <= kConvertedInt64) {
    integer_signed = *e.converted_type >= kConvertedInt8;
  }
  const bool string_annotation =
      (e.logical_type && (e.logical_type->kind == kLogicalString || e.logical_type->kind == kLogicalEnum)) ||
      (!e.logical_type && e.converted_type && (*e.converted_type == kConvertedUtf8 || *e.converted_type == kConvertedEnum));
  switch (type) {
    case PhysicalType::boolean:
      if (annotated) return refuse();
      return JsonForm::boolean;
    case PhysicalType::int32:
    case PhysicalType::int64:
      if (!annotated || (integer_signed && *integer_signed)) return JsonForm::signed_integer;
      if (integer_signed) return JsonForm::unsigned_integer;
      return refuse();
    case PhysicalType::float32:
    case PhysicalType::float64:
      if (annotated) return refuse();
      return JsonForm::real;
    case PhysicalType::byte_array:
      if (string_annotation) return JsonForm::string;
      return refuse();
    default:
      return refuse();
  }
}

std::string codec_name(Codec c) {
  static constexpr const char* kNames[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"};
  auto i = static_cast<std::size_t>(c);
  return i < std::size(kNames) ? kNames[i] : "codec " + std::to_string(static_cast<int>(c));
}

// schema = root (num_children = n) leaf{n}: a flat message of required or optional primitives.
Expected<std::vector<LeafColumn>> flat_columns(const std::vector<SchemaElement>& schema) {
  if (schema.empty()) return malformed("the schema is empty");
  const SchemaElement& root = schema[0];
  if (root.num_children < 0 || static_cast<std::size_t>(root.num_children) > schema.size() - 1) {
    return malformed("the schema root has " + std::to_string(root.num_children) + " children but " +
                     std::to_string(schema.size() - 1) + " elements follow");
  }
  std::vector<LeafColumn> columns;
  std::set<std::string> names;
  for (std::size_t i = 1; i < schema.size(); ++i) {
    const SchemaElement& e = schema[i];
    if (e.num_children > 0 || !e.type) {
      return unsupported("column '" + e.name + "' is a group (a nested struct, list or map); the oracle reads flat "
                         "schemas only");
    }
    if (e.repetition == Repetition::repeated) {
      return unsupported("column '" + e.name + "' is repeated; the oracle reads flat schemas only");
    }
    if (e.repetition && *e.repetition != Repetition::required && *e.repetition != Repetition::optional) {
      return malformed("column '" + e.name + "' has repetition type " + std::to_string(static_cast<int>(*e.repetition)));
    }
    if (static_cast<int>(*e.type) < 0 || static_cast<int>(*e.type) > 7) {
      return malformed("column '" + e.name + "' has physical type " + std::to_string(static_cast<int>(*e.type)));
    }
    auto form = json_form(e);
    if (!form) return std::move(form).error();
    if (!names.insert(e.name).second) return unsupported("two columns are named '" + e.name + "'");
    columns.push_back(LeafColumn{e.name, *e.type, *form, e.repetition == Repetition::optional});
  }
  if (columns.size() != static_cast<std::size_t>(root.num_children)) {
    return malformed("the schema root has " + std::to_string(root.num_children) + " children but " +
                     std::to_string(columns.size()) + " columns follow");
  }
  return columns;
}

// Each row group has one chunk per column, in schema order, in this file, in a codec the reader has.
Checked check_row_groups(const FileMetaData& meta, const std::vector<LeafColumn>& columns) {
  std::uint64_t rows = 0;
  std::uint64_t values = 0;
  const std::uint64_t width = std::max<std::uint64_t>(columns.size(), 1);
  for (std::size_t g = 0; g < meta.row_groups.size(); ++g) {
    const RowGroupMeta& group = meta.row_groups[g];
    const std::string where = "row group " + std::to_string(g);
    if (group.num_rows < 0) return malformed(where + " has " + std::to_string(group.num_rows) + " rows");
    if (group.columns.size() != columns.size()) {
      return malformed(where + " has " + std::to_string(group.columns.size()) + " column chunks for " +
                       std::to_string(columns.size()) + " columns");
    }
    rows += static_cast<std::uint64_t>(group.num_rows);
    if (static_cast<std::uint64_t>(group.num_rows) > kMaxValues || (values += static_cast<std::uint64_t>(group.num_rows) * width) > kMaxValues) {
      return unsupported("the file holds more than " + std::to_string(kMaxValues) +
                         " values (rows times columns), the reader's limit");
    }
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const ColumnChunkMeta& chunk = group.columns[c];
      const std::string at = where + ", column '" + columns[c].name + "'";
      if (chunk.has_file_path) return unsupported(at + ": its data is in another file");
      if (!chunk.has_meta_data) return malformed(at + ": the column chunk has no metadata");
      if (chunk.path_in_schema.size() != 1 || chunk.path_in_schema[0] != columns[c].name) {
        return malformed(at + ": the column chunk belongs to another column");
      }
      if (chunk.type != columns[c].type) return malformed(at + ": the column chunk's type is not the schema's");
      if (chunk.codec != Codec::uncompressed && chunk.codec != Codec::snappy && chunk.codec != Codec::gzip) {
        return unsupported(at + ": the " + codec_name(chunk.codec) +
                           " codec is not read by the oracle (it reads UNCOMPRESSED, SNAPPY and GZIP)");
      }
    }
  }
  if (meta.num_rows < 0 || static_cast<std::uint64_t>(meta.num_rows) != rows) {
    return malformed("the footer says " + std::to_string(meta.num_rows) + " rows, its row groups hold " +
                     std::to_string(rows));
  }
  return checked_ok();
}

}  // namespace

// file = "PAR1" column-chunk* footer footer-length:u32le "PAR1"
Expected<ParquetFile> ParquetFile::open(std::shared_ptr<const std::string> bytes) {
  const std::string_view file = *bytes;
  if (file.size() < 12 || file.substr(0, 4) != "PAR1") {
    return malformed("the file does not start with the Parquet magic number PAR1");
  }
  if (file.substr(file.size() - 4) == "PARE") {
    return unsupported("the file's footer is encrypted (magic number PARE)");
  }
  if (file.substr(file.size() - 4) != "PAR1") return malformed("the file does not end with the Parquet magic number PAR1");
  std::uint32_t footer_length;
  std::memcpy(&footer_length, file.data() + file.size() - 8, 4);
  if (footer_length > file.size() - 12) {
    return malformed("the footer length " + std::to_string(footer_length) + " is more than the file holds");
  }
  const std::size_t footer_start = file.size() - 8 - footer_length;
  auto meta = decode_file_metadata(file.substr(footer_start, footer_length), footer_start);
  if (!meta) return std::move(meta).error();
  if (meta->encrypted) return unsupported("the file's columns are encrypted");
  auto columns = flat_columns(meta->schema);
  if (!columns) return std::move(columns).error();
  if (auto ok = check_row_groups(*meta, *columns); !ok) return std::move(ok).error();

  auto layout = std::make_shared<FileLayout>();
  layout->columns = std::move(columns).value();
  layout->row_groups = std::move(meta->row_groups);
  layout->rows = static_cast<std::uint64_t>(meta->num_rows);
  layout->data_end = footer_start;
  ParquetFile opened;
  opened.bytes_ = std::move(bytes);
  opened.layout_ = std::move(layout);
  return opened;
}

std::uint64_t ParquetFile::row_count() const { return layout_->rows; }

std::size_t ParquetFile::row_group_count() const { return layout_->row_groups.size(); }

Expected<std::vector<Value>> ParquetFile::read_row_group(std::size_t index) const {
  const RowGroupMeta& group = layout_->row_groups.at(index);
  const std::vector<LeafColumn>& columns = layout_->columns;
  std::vector<std::vector<Value>> values;
  values.reserve(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string where = "row group " + std::to_string(index) + ", column '" + columns[c].name + "'";
    auto read = read_column_chunk(*bytes_, layout_->data_end, group.columns[c], columns[c], group.num_rows, where);
    if (!read) return std::move(read).error();
    values.push_back(std::move(read).value());
  }
  std::vector<Value> rows;
  rows.reserve(static_cast<std::size_t>(group.num_rows));
  for (std::size_t r = 0; r < static_cast<std::size_t>(group.num_rows); ++r) {
    Object row;
    row.reserve(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) row.append_unique(columns[c].name, std::move(values[c][r]));
    rows.emplace_back(std::move(row));
  }
  return rows;
}

}  // namespace asl::parquet
