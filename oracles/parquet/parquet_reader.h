// parquet_reader.h — a Parquet file of flat columns read as JSON objects, one per row, a row group at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "asl/error.h"
#include "asl/value.h"
#include "parquet/parquet_error.h"

namespace asl::parquet {

// The most values (rows times columns) one file may hold: a bound on the reader's work, since a
// few bytes of run-length encoding can claim millions of rows.
inline constexpr std::uint64_t kMaxValues = std::uint64_t{1} << 22;

struct FileLayout;  // the checked footer: columns and row groups

class ParquetFile {
 public:
  // Checks the magic numbers, the footer and the schema; reads no page yet.
  static Expected<ParquetFile> open(std::shared_ptr<const std::string> bytes);

  std::uint64_t row_count() const;
  std::size_t row_group_count() const;
  // The rows of one row group: objects whose members are the columns in schema order, a null
  // value of an optional column as JSON null.
  Expected<std::vector<Value>> read_row_group(std::size_t index) const;

 private:
  std::shared_ptr<const std::string> bytes_;
  std::shared_ptr<const FileLayout> layout_;
};

}  // namespace asl::parquet
