// parquet_pages.h — one column chunk of a flat column, decompressed and decoded page by page into JSON values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "asl/error.h"
#include "asl/value.h"
#include "parquet/parquet_metadata.h"

namespace asl::parquet::detail {

// The JSON form of a column's values, fixed by its physical type and annotation.
enum class JsonForm { boolean, signed_integer, unsigned_integer, real, string };

struct LeafColumn {
  std::string name;
  PhysicalType type = PhysicalType::boolean;
  JsonForm form = JsonForm::boolean;
  bool optional = false;  // definition levels present; a null is JSON null
};

// The `num_rows` values of `column` in the chunk `chunk` of `file` (the whole file's bytes,
// `data_end` where its footer starts). `where` prefixes messages ("row group 2, column 'x'").
Expected<std::vector<Value>> read_column_chunk(std::string_view file, std::size_t data_end, const ColumnChunkMeta& chunk,
                                               const LeafColumn& column, std::int64_t num_rows,
                                               const std::string& where);

}  // namespace asl::parquet::detail
