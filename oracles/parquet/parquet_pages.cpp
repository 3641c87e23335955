// parquet_pages.cpp — Parquet pages: SNAPPY/GZIP decompression, RLE/bit-packed levels, PLAIN and dictionary values.
#include "parquet/parquet_pages.h"

#include <simdjson.h>
#include <snappy.h>
#include <zlib.h>

#include <cmath>
#include <cstring>
#include <optional>

namespace asl::parquet::detail {
namespace {

// The most bytes one page may decompress to, and how far a codec can expand its input: both
// keep a lying header from making the reader allocate far more than the file could hold.
constexpr std::size_t kMaxPageBytes = std::size_t{1} << 27;
constexpr std::size_t kGzipMaxRatio = 1100;   // deflate's limit is 1032:1
constexpr std::size_t kSnappyMaxRatio = 64;  // a 2-byte copy op yields at most 64 bytes

std::string encoding_name(Encoding e) {
  switch (e) {
    case Encoding::plain: return "PLAIN";
    case Encoding::plain_dictionary: return "PLAIN_DICTIONARY";
    case Encoding::rle: return "RLE";
    case Encoding::bit_packed: return "BIT_PACKED";
    case Encoding::delta_binary_packed: return "DELTA_BINARY_PACKED";
    case Encoding::delta_length_byte_array: return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::delta_byte_array: return "DELTA_BYTE_ARRAY";
    case Encoding::rle_dictionary: return "RLE_DICTIONARY";
    case Encoding::byte_stream_split: return "BYTE_STREAM_SPLIT";
  }
  return "encoding " + std::to_string(static_cast<int>(e));
}

std::uint32_t little_endian_u32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;  // the build targets little-endian machines only (x86-64, aarch64)
}

Expected<std::string> decompress(Codec codec, std::string_view in, std::size_t size, const std::string& where) {
  if (size > kMaxPageBytes) {
    return unsupported(where + ": a page of " + std::to_string(size) + " bytes is over the reader's limit of " +
                       std::to_string(kMaxPageBytes));
  }
  if (codec == Codec::uncompressed) {
    if (in.size() != size) {
      return malformed(where + ": an uncompressed page holds " + std::to_string(in.size()) + " bytes, its header says " +
                       std::to_string(size));
    }
    return std::string(in);
  }
  if (codec == Codec::snappy) {
    std::size_t length = 0;
    if (size > in.size() * kSnappyMaxRatio + 1024 || !snappy::GetUncompressedLength(in.data(), in.size(), &length) ||
        length != size) {
      return malformed(where + ": a SNAPPY page does not decompress to the " + std::to_string(size) +
                       " bytes its header says");
    }
    std::string out(size, '\0');
    if (!snappy::RawUncompress(in.data(), in.size(), out.data())) {
      return malformed(where + ": a SNAPPY page is corrupt");
    }
    return out;
  }
  // GZIP: a gzip member (or a zlib stream: window bits 15 + 32 detects either).
  if (size > in.size() * kGzipMaxRatio + 1024) {
    return malformed(where + ": a GZIP page of " + std::to_string(in.size()) + " bytes cannot hold the " +
                     std::to_string(size) + " its header says");
  }
  std::string out(size, '\0');
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) return malformed(where + ": zlib could not start");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = inflate(&z, Z_FINISH);
  std::size_t produced = out.size() - z.avail_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || produced != size) {
    return malformed(where + ": a GZIP page does not decompress to the " + std::to_string(size) +
                     " bytes its header says");
  }
  return out;
}

// A read position in a decompressed page.
struct Cursor {
  std::string_view bytes;
  std::size_t pos = 0;
  std::size_t left() const { return bytes.size() - pos; }
};

// RLE/bit-packed hybrid = run*; run = varint-header (count << 1 | 0) value-in-ceil(width/8)-bytes
//                                 | varint-header (groups << 1 | 1) groups*width bytes of 8 values each.
// Appends `count` values to `out`; fails if the runs end first.
Checked decode_hybrid(Cursor& in, int width, std::size_t count, std::vector<std::uint32_t>& out,
                      const std::string& where) {
  if (width < 0 || width > 32) return malformed(where + ": a bit width of " + std::to_string(width));
  const std::size_t goal = out.size() + count;
  const std::size_t value_bytes = (static_cast<std::size_t>(width) + 7) / 8;
  while (out.size() < goal) {
    std::uint64_t header = 0;
    for (int shift = 0;; shift += 7) {
      if (in.left() == 0 || shift >= 64) return malformed(where + ": the levels or indices end early");
      auto b = static_cast<std::uint8_t>(in.bytes[in.pos++]);
      header |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) break;
    }
    if ((header & 1) == 0) {
      std::uint64_t run = header >> 1;
      if (in.left() < value_bytes) return malformed(where + ": an RLE run ends early");
      std::uint32_t value = 0;
      for (std::size_t i = 0; i < value_bytes; ++i) {
        value |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(in.bytes[in.pos++])) << (8 * i);
      }
      std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(run, goal - out.size()));
      out.insert(out.end(), take, value);
    } else {
      std::uint64_t groups = header >> 1;
      if (width > 0 && groups > in.left() / static_cast<std::size_t>(width)) {
        return malformed(where + ": a bit-packed run ends early");
      }
      // Values are packed least significant bit first; the last group may be padding.
      std::uint64_t bits = 0;
      int held = 0;
      const std::uint64_t wanted_groups = (goal - out.size() + 7) / 8;
      std::size_t values = static_cast<std::size_t>(
          std::min<std::uint64_t>(std::min(groups, wanted_groups) * 8, goal - out.size()));
      std::size_t end = in.pos + static_cast<std::size_t>(groups) * static_cast<std::size_t>(width);
      const std::uint64_t mask = width == 32 ? 0xFFFFFFFFull : ((1ull << width) - 1);
      for (std::size_t i = 0; i < values; ++i) {
        while (held < width) {
          bits |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(in.bytes[in.pos++])) << held;
          held += 8;
        }
        out.push_back(static_cast<std::uint32_t>(bits & mask));
        bits = width == 0 ? bits : bits >> width;
        held -= width;
      }
      in.pos = end;
    }
  }
  return checked_ok();
}

Expected<Value> json_value_of_double(double d, const std::string& where) {
  if (!std::isfinite(d)) {
    return unsupported(where + ": a NaN or infinite value has no JSON form (AWS's answer is unconfirmed)");
  }
  return Value(d);
}

// PLAIN = values back to back: BOOLEAN bit-packed (LSB first), INT32/FLOAT 4 bytes, INT64/DOUBLE
// 8 bytes, little-endian; BYTE_ARRAY a 4-byte length then the bytes.
Checked decode_plain(Cursor& in, const LeafColumn& column, std::size_t count, std::vector<Value>& out,
                     const std::string& where) {
  auto need = [&](std::size_t bytes) -> Checked {
    if (in.left() < bytes) return malformed(where + ": the PLAIN values end early");
    return checked_ok();
  };
  switch (column.type) {
    case PhysicalType::boolean: {
      if (auto ok = need((count + 7) / 8); !ok) return ok;
      for (std::size_t i = 0; i < count; ++i) {
        auto byte = static_cast<std::uint8_t>(in.bytes[in.pos + i / 8]);
        out.emplace_back(((byte >> (i % 8)) & 1) != 0);
      }
      in.pos += (count + 7) / 8;
      return checked_ok();
    }
    case PhysicalType::int32:
    case PhysicalType::float32: {
      if (count > in.left() / 4) return malformed(where + ": the PLAIN values end early");
      for (std::size_t i = 0; i < count; ++i, in.pos += 4) {
        std::uint32_t bits = little_endian_u32(in.bytes.data() + in.pos);
        if (column.type == PhysicalType::float32) {
          float f;
          std::memcpy(&f, &bits, 4);
          auto v = json_value_of_double(f, where);
          if (!v) return std::move(v).error();
          out.push_back(std::move(v).value());
        } else if (column.form == JsonForm::unsigned_integer) {
          out.emplace_back(static_cast<std::int64_t>(bits));
        } else {
          out.emplace_back(static_cast<std::int64_t>(static_cast<std::int32_t>(bits)));
        }
      }
      return checked_ok();
    }
    case PhysicalType::int64:
    case PhysicalType::float64: {
      if (count > in.left() / 8) return malformed(where + ": the PLAIN values end early");
      for (std::size_t i = 0; i < count; ++i, in.pos += 8) {
        std::uint64_t bits;
        std::memcpy(&bits, in.bytes.data() + in.pos, 8);
        if (column.type == PhysicalType::float64) {
          double d;
          std::memcpy(&d, &bits, 8);
          auto v = json_value_of_double(d, where);
          if (!v) return std::move(v).error();
          out.push_back(std::move(v).value());
        } else if (column.form == JsonForm::unsigned_integer && bits > static_cast<std::uint64_t>(INT64_MAX)) {
          out.push_back(Value::big_integer(std::to_string(bits)));
        } else {
          out.emplace_back(static_cast<std::int64_t>(bits));
        }
      }
      return checked_ok();
    }
    case PhysicalType::byte_array: {
      for (std::size_t i = 0; i < count; ++i) {
        if (auto ok = need(4); !ok) return ok;
        std::uint32_t length = little_endian_u32(in.bytes.data() + in.pos);
        in.pos += 4;
        if (auto ok = need(length); !ok) return ok;
        std::string_view text = in.bytes.substr(in.pos, length);
        in.pos += length;
        if (!simdjson::validate_utf8(text.data(), text.size())) {
          return unsupported(where + ": a string that is not UTF-8 (AWS's answer is unconfirmed)");
        }
        out.emplace_back(text);
      }
      return checked_ok();
    }
    default:
      break;
  }
  return unsupported(where + ": values of this physical type");  // the schema check refuses these first
}

// The page's values (after its levels) in `encoding`: `count` non-null values appended to `out`.
Checked decode_values(Cursor& in, Encoding encoding, const LeafColumn& column, std::size_t count,
                      const std::optional<std::vector<Value>>& dictionary, std::vector<Value>& out,
                      const std::string& where) {
  if (encoding == Encoding::plain) return decode_plain(in, column, count, out, where);
  if (encoding == Encoding::plain_dictionary || encoding == Encoding::rle_dictionary) {
    if (!dictionary) return malformed(where + ": a dictionary-encoded page without a dictionary page");
    if (count == 0) return checked_ok();
    if (in.left() == 0) return malformed(where + ": the dictionary indices end early");
    int width = static_cast<std::uint8_t>(in.bytes[in.pos++]);
    std::vector<std::uint32_t> indices;
    indices.reserve(count);
    if (auto ok = decode_hybrid(in, width, count, indices, where); !ok) return ok;
    for (std::uint32_t index : indices) {
      if (index >= dictionary->size()) {
        return malformed(where + ": dictionary index " + std::to_string(index) + " of a dictionary of " +
                         std::to_string(dictionary->size()));
      }
      out.push_back((*dictionary)[index]);
    }
    return checked_ok();
  }
  if (encoding == Encoding::rle && column.type == PhysicalType::boolean) {
    // RLE booleans: a 4-byte length, then the hybrid runs of 1-bit values.
    if (in.left() < 4) return malformed(where + ": the RLE values end early");
    std::uint32_t length = little_endian_u32(in.bytes.data() + in.pos);
    in.pos += 4;
    if (length > in.left()) return malformed(where + ": the RLE values end early");
    Cursor runs{in.bytes.substr(in.pos, length)};
    in.pos += length;
    std::vector<std::uint32_t> bits;
    if (auto ok = decode_hybrid(runs, 1, count, bits, where); !ok) return ok;
    for (std::uint32_t b : bits) out.emplace_back(b != 0);
    return checked_ok();
  }
  return unsupported(where + ": the " + encoding_name(encoding) + " encoding is not read by the oracle");
}

// Definition levels of an optional flat column: 1 = a value, 0 = null.
Expected<std::vector<std::uint32_t>> decode_levels(Cursor& in, std::size_t count, const std::string& where) {
  std::vector<std::uint32_t> levels;
  levels.reserve(count);
  if (auto ok = decode_hybrid(in, 1, count, levels, where); !ok) return std::move(ok).error();
  for (std::uint32_t level : levels) {
    if (level > 1) return malformed(where + ": definition level " + std::to_string(level) + " in a flat column");
  }
  return levels;
}

// Appends a page's values, nulls where the definition level is 0.
Checked append_page(Cursor& in, const PageHeader& page, const std::vector<std::uint32_t>* levels,
                    const LeafColumn& column, const std::optional<std::vector<Value>>& dictionary,
                    std::vector<Value>& out, const std::string& where) {
  const auto count = static_cast<std::size_t>(page.num_values);
  if (levels == nullptr) return decode_values(in, page.encoding, column, count, dictionary, out, where);
  std::size_t present = 0;
  for (std::uint32_t level : *levels) present += level;
  std::vector<Value> values;
  values.reserve(present);
  if (auto ok = decode_values(in, page.encoding, column, present, dictionary, values, where); !ok) return ok;
  std::size_t next = 0;
  for (std::uint32_t level : *levels) out.push_back(level != 0 ? std::move(values[next++]) : Value());
  return checked_ok();
}

}  // namespace

// column chunk = dictionary-page? (data-page | data-page-v2 | index-page)*, each a Thrift PageHeader
// followed by compressed_page_size bytes.
Expected<std::vector<Value>> read_column_chunk(std::string_view file, std::size_t data_end, const ColumnChunkMeta& chunk,
                                               const LeafColumn& column, std::int64_t num_rows,
                                               const std::string& where) {
  std::int64_t start = chunk.data_page_offset;
  if (chunk.dictionary_page_offset && *chunk.dictionary_page_offset > 0 && *chunk.dictionary_page_offset < start) {
    start = *chunk.dictionary_page_offset;
  }
  if (start < 4 || chunk.total_compressed_size < 0 || static_cast<std::uint64_t>(start) > data_end ||
      static_cast<std::uint64_t>(chunk.total_compressed_size) > data_end - static_cast<std::uint64_t>(start)) {
    return malformed(where + ": the column chunk at byte " + std::to_string(start) + " (" +
                     std::to_string(chunk.total_compressed_size) + " bytes) lies outside the data");
  }
  const auto rows = static_cast<std::size_t>(num_rows);
  const std::size_t end = static_cast<std::size_t>(start + chunk.total_compressed_size);
  std::size_t pos = static_cast<std::size_t>(start);
  std::optional<std::vector<Value>> dictionary;
  std::vector<Value> out;
  out.reserve(rows);
  while (out.size() < rows) {
    if (pos >= end) {
      return malformed(where + ": the column chunk ends after " + std::to_string(out.size()) + " of " +
                       std::to_string(rows) + " values");
    }
    std::size_t header_size = 0;
    auto header = decode_page_header(file.substr(pos, end - pos), pos, header_size);
    if (!header) return malformed(where + ": " + header.error().message);
    const PageHeader& page = *header;
    const std::string at = where + ", page at byte " + std::to_string(pos);
    const std::size_t body = pos + header_size;
    if (page.compressed_page_size < 0 || page.uncompressed_page_size < 0 ||
        static_cast<std::size_t>(page.compressed_page_size) > end - body) {
      return malformed(at + ": the page's " + std::to_string(page.compressed_page_size) +
                       " bytes run past the column chunk");
    }
    std::string_view compressed = file.substr(body, static_cast<std::size_t>(page.compressed_page_size));
    pos = body + compressed.size();
    const auto uncompressed = static_cast<std::size_t>(page.uncompressed_page_size);

    if (page.type == PageType::index_page) continue;
    if (page.num_values < 0) return malformed(at + ": a negative value count");
    if (page.type == PageType::dictionary_page) {
      if (dictionary || !out.empty()) return malformed(at + ": a dictionary page after the first page");
      if (page.encoding != Encoding::plain && page.encoding != Encoding::plain_dictionary) {
        return unsupported(at + ": a dictionary page in the " + encoding_name(page.encoding) + " encoding");
      }
      auto bytes = decompress(chunk.codec, compressed, uncompressed, at);
      if (!bytes) return std::move(bytes).error();
      // Each dictionary entry takes at least one byte (a boolean, one bit).
      if (static_cast<std::size_t>(page.num_values) > bytes->size() * 8) {
        return malformed(at + ": a dictionary of " + std::to_string(page.num_values) + " values in " +
                         std::to_string(bytes->size()) + " bytes");
      }
      Cursor in{*bytes};
      std::vector<Value> entries;
      entries.reserve(static_cast<std::size_t>(page.num_values));
      if (auto ok = decode_plain(in, column, static_cast<std::size_t>(page.num_values), entries, at); !ok) {
        return std::move(ok).error();
      }
      dictionary = std::move(entries);
      continue;
    }
    if (page.type != PageType::data_page && page.type != PageType::data_page_v2) {
      return malformed(at + ": page type " + std::to_string(static_cast<int>(page.type)));
    }
    // A flat column has one value (or null) per row.
    if (static_cast<std::size_t>(page.num_values) > rows - out.size()) {
      return malformed(at + ": the page holds " + std::to_string(page.num_values) + " values, more than the " +
                       std::to_string(rows - out.size()) + " rows left in the row group");
    }
    const auto count = static_cast<std::size_t>(page.num_values);
    std::optional<std::vector<std::uint32_t>> levels;
    if (page.type == PageType::data_page) {
      // v1: levels and values are compressed together; levels carry a 4-byte length.
      auto bytes = decompress(chunk.codec, compressed, uncompressed, at);
      if (!bytes) return std::move(bytes).error();
      Cursor in{*bytes};
      if (column.optional) {
        if (page.definition_level_encoding != Encoding::rle) {
          return unsupported(at + ": definition levels in the " + encoding_name(page.definition_level_encoding) +
                             " encoding");
        }
        if (in.left() < 4) return malformed(at + ": the definition levels end early");
        std::uint32_t length = little_endian_u32(in.bytes.data());
        if (length > in.left() - 4) return malformed(at + ": the definition levels run past the page");
        Cursor level_bytes{in.bytes.substr(4, length)};
        in.pos = 4 + length;
        auto decoded = decode_levels(level_bytes, count, at);
        if (!decoded) return std::move(decoded).error();
        levels = std::move(decoded).value();
      }
      if (auto ok = append_page(in, page, levels ? &*levels : nullptr, column, dictionary, out, at); !ok) {
        return std::move(ok).error();
      }
      continue;
    }
    // v2: uncompressed levels (no length prefix), then the values, compressed when is_compressed.
    if (page.repetition_levels_byte_length != 0) return malformed(at + ": repetition levels in a flat column");
    if (page.definition_levels_byte_length < 0 ||
        static_cast<std::size_t>(page.definition_levels_byte_length) > compressed.size() ||
        static_cast<std::size_t>(page.definition_levels_byte_length) > uncompressed) {
      return malformed(at + ": the definition levels run past the page");
    }
    const auto level_length = static_cast<std::size_t>(page.definition_levels_byte_length);
    if (!column.optional && level_length != 0) return malformed(at + ": definition levels in a required column");
    if (column.optional) {
      Cursor level_bytes{compressed.substr(0, level_length)};
      auto decoded = decode_levels(level_bytes, count, at);
      if (!decoded) return std::move(decoded).error();
      levels = std::move(decoded).value();
      std::size_t nulls = 0;
      for (std::uint32_t level : *levels) nulls += level == 0;
      if (nulls != static_cast<std::size_t>(page.num_nulls)) {
        return malformed(at + ": " + std::to_string(nulls) + " nulls where the header says " +
                         std::to_string(page.num_nulls));
      }
    }
    std::string_view value_bytes = compressed.substr(level_length);
    const std::size_t value_size = uncompressed - level_length;
    auto bytes = page.is_compressed ? decompress(chunk.codec, value_bytes, value_size, at)
                                    : decompress(Codec::uncompressed, value_bytes, value_size, at);
    if (!bytes) return std::move(bytes).error();
    Cursor in{*bytes};
    if (auto ok = append_page(in, page, levels ? &*levels : nullptr, column, dictionary, out, at); !ok) {
      return std::move(ok).error();
    }
  }
  return out;
}

}  // namespace asl::parquet::detail
