// thrift_compact.h — a bounds-checked reader of the Thrift compact protocol, the encoding of Parquet's footer and page headers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace asl::parquet::detail {

// The compact protocol's element types (the low nibble of a field header).
enum class CompactType : std::uint8_t {
  stop = 0, bool_true = 1, bool_false = 2, i8 = 3, i16 = 4, i32 = 5, i64 = 6, dbl = 7,
  binary = 8, list = 9, set = 10, map = 11, structure = 12,
};

// Reads one Thrift value at a time from `bytes`. The first problem (a read past the end, a bad
// type, nesting deeper than kMaxDepth) is kept with its byte offset and every later read returns
// a zero value, so decoders read straight through and check failed() once at the end.
class CompactReader {
 public:
  static constexpr int kMaxDepth = 32;

  // `base` is the offset of `bytes` in the file, so messages name file offsets.
  CompactReader(std::string_view bytes, std::size_t base) : bytes_(bytes), base_(base) {}

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  std::size_t offset() const { return base_ + pos_; }  // the file offset of the next byte
  std::size_t consumed() const { return pos_; }

  // struct = field* STOP; field = header (delta:4 type:4 | 0 type:4 zigzag-i16) value.
  // Calls on_field(id, type) for each field; on_field reads the value or calls skip(type).
  void read_struct(const std::function<void(std::int16_t id, CompactType type)>& on_field);
  // list = header (size:4 type:4 | 15 type:4 varint-size) element*. Calls on_element(type) size times.
  void read_list(const std::function<void(CompactType element)>& on_element);

  std::int64_t read_int(CompactType type);  // i8, i16, i32 or i64 (zigzag varints; i8 a byte)
  bool read_bool(CompactType type);         // a field's bool is in its type; a list's, in a byte
  std::string read_binary();
  void skip(CompactType type);
  void fail(std::string message);

 private:
  bool enter();  // one nesting level deeper, or fail past kMaxDepth
  void read_list_body(const std::function<void(CompactType)>& on_element);
  void skip_map_body();
  std::uint64_t read_varint();
  std::uint8_t read_byte();

  std::string_view bytes_;
  std::size_t base_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::string error_;
};

}  // namespace asl::parquet::detail
