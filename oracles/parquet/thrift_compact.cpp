// thrift_compact.cpp — the Thrift compact protocol: varints, zigzag integers, field headers, lists, skipping.
#include "parquet/thrift_compact.h"

namespace asl::parquet::detail {

bool CompactReader::enter() {
  if (++depth_ <= kMaxDepth) return true;
  fail("Thrift values nest deeper than " + std::to_string(kMaxDepth) + " levels");
  --depth_;
  return false;
}

void CompactReader::fail(std::string message) {
  if (error_.empty()) error_ = "at byte " + std::to_string(offset()) + ": " + std::move(message);
  pos_ = bytes_.size();  // nothing more is read after the first problem
}

std::uint8_t CompactReader::read_byte() {
  if (pos_ >= bytes_.size()) {
    fail("the Thrift structure ends early");
    return 0;
  }
  return static_cast<std::uint8_t>(bytes_[pos_++]);
}

// varint = (1xxxxxxx)* 0xxxxxxx, least significant group first, at most 10 bytes.
std::uint64_t CompactReader::read_varint() {
  std::uint64_t value = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    std::uint8_t b = read_byte();
    if (failed()) return 0;
    value |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return value;
  }
  fail("a varint is longer than 10 bytes");
  return 0;
}

std::int64_t CompactReader::read_int(CompactType type) {
  if (type == CompactType::i8) return static_cast<std::int8_t>(read_byte());
  if (type != CompactType::i16 && type != CompactType::i32 && type != CompactType::i64) {
    fail("an integer field has Thrift type " + std::to_string(static_cast<int>(type)));
    return 0;
  }
  std::uint64_t zigzag = read_varint();
  return static_cast<std::int64_t>(zigzag >> 1) ^ -static_cast<std::int64_t>(zigzag & 1);
}

bool CompactReader::read_bool(CompactType type) {
  if (type == CompactType::bool_true) return true;
  if (type == CompactType::bool_false) return false;
  fail("a boolean field has Thrift type " + std::to_string(static_cast<int>(type)));
  return false;
}

std::string CompactReader::read_binary() {
  std::uint64_t length = read_varint();
  if (failed()) return {};
  if (length > bytes_.size() - pos_) {
    fail("a string of " + std::to_string(length) + " bytes runs past the end of the structure");
    return {};
  }
  std::string out(bytes_.substr(pos_, length));
  pos_ += length;
  return out;
}

void CompactReader::read_struct(const std::function<void(std::int16_t, CompactType)>& on_field) {
  if (!enter()) return;
  std::int16_t last_id = 0;
  while (!failed()) {
    std::uint8_t header = read_byte();
    if (failed()) break;
    auto type = static_cast<CompactType>(header & 0x0F);
    if (type == CompactType::stop) break;
    std::uint8_t delta = header >> 4;
    std::int16_t id = delta != 0 ? static_cast<std::int16_t>(last_id + delta)
                                 : static_cast<std::int16_t>(read_int(CompactType::i16));
    if (static_cast<std::uint8_t>(type) > static_cast<std::uint8_t>(CompactType::structure)) {
      fail("unknown Thrift type " + std::to_string(static_cast<int>(type)));
      break;
    }
    last_id = id;
    on_field(id, type);
  }
  --depth_;
}

void CompactReader::read_list(const std::function<void(CompactType)>& on_element) {
  if (!enter()) return;
  read_list_body(on_element);
  --depth_;
}

void CompactReader::read_list_body(const std::function<void(CompactType)>& on_element) {
  std::uint8_t header = read_byte();
  if (failed()) return;
  std::uint64_t size = header >> 4;
  if (size == 15) size = read_varint();
  auto type = static_cast<CompactType>(header & 0x0F);
  // Every element takes at least one byte: a larger count is a lie that would loop for long.
  if (failed() || size > bytes_.size() - pos_) {
    fail("a list of " + std::to_string(size) + " elements runs past the end of the structure");
    return;
  }
  for (std::uint64_t i = 0; i < size && !failed(); ++i) on_element(type);
}

void CompactReader::skip(CompactType type) {
  switch (type) {
    case CompactType::bool_true:
    case CompactType::bool_false:
      return;  // a field's bool is its type
    case CompactType::i8:
      read_byte();
      return;
    case CompactType::i16:
    case CompactType::i32:
    case CompactType::i64:
      read_varint();
      return;
    case CompactType::dbl:
      for (int i = 0; i < 8; ++i) read_byte();
      return;
    case CompactType::binary:
      read_binary();
      return;
    case CompactType::list:
    case CompactType::set:
      read_list([this](CompactType element) {
        if (element == CompactType::bool_true || element == CompactType::bool_false) read_byte();
        else skip(element);
      });
      return;
    case CompactType::map: {
      if (!enter()) return;
      skip_map_body();
      --depth_;
      return;
    }
    case CompactType::structure:
      read_struct([this](std::int16_t, CompactType t) { skip(t); });
      return;
    case CompactType::stop:
      break;
  }
  fail("cannot skip a value of Thrift type " + std::to_string(static_cast<int>(type)));
}

// map = varint-size (key-type:4 value-type:4)? (key value)*
void CompactReader::skip_map_body() {
  std::uint64_t size = read_varint();
  if (size == 0 || failed()) return;
  std::uint8_t types = read_byte();
  if (size > bytes_.size() - pos_) {
    fail("a map of " + std::to_string(size) + " entries runs past the end of the structure");
    return;
  }
  for (std::uint64_t i = 0; i < size && !failed(); ++i) {
    for (auto t : {static_cast<CompactType>(types >> 4), static_cast<CompactType>(types & 0x0F)}) {
      if (t == CompactType::bool_true || t == CompactType::bool_false) read_byte();
      else skip(t);
    }
  }
}

}  // namespace asl::parquet::detail
