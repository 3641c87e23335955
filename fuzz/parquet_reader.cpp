// parquet_reader.cpp — libFuzzer target: any bytes as a Parquet file, opened and read row group by row group.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "parquet/parquet_reader.h"

namespace {

// Every failure is one of the reader's two errors, with a message that says where.
void check_error(const asl::Error& e) {
  if (e.name != asl::parquet::kMalformed && e.name != asl::parquet::kUnsupported) std::abort();
  if (e.message.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto bytes = std::make_shared<const std::string>(reinterpret_cast<const char*>(data), size);
  auto file = asl::parquet::ParquetFile::open(bytes);
  if (!file) {
    check_error(file.error());
    return 0;
  }
  std::uint64_t rows = 0;
  for (std::size_t g = 0; g < file->row_group_count(); ++g) {
    auto group = file->read_row_group(g);
    if (!group) {
      check_error(group.error());
      return 0;
    }
    rows += group->size();
    for (const asl::Value& row : *group) {
      if (!row.is_object()) std::abort();
    }
  }
  // A file that reads cleanly holds exactly the rows its footer counts.
  if (rows != file->row_count()) std::abort();
  return 0;
}
