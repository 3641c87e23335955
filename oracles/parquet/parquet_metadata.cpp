// parquet_metadata.cpp — decodes FileMetaData (schema, row groups, column chunks) and page headers from the compact protocol.
#include "parquet/parquet_metadata.h"

#include "parquet/thrift_compact.h"

namespace asl::parquet::detail {
namespace {

using T = CompactType;

std::int32_t as_i32(CompactReader& in, CompactType type) {
  std::int64_t v = in.read_int(type);
  if (v < INT32_MIN || v > INT32_MAX) in.fail("an i32 field holds " + std::to_string(v));
  return static_cast<std::int32_t>(v);
}

// LogicalType = union { 1: StringType, ..., 10: IntType { 1: i8 bitWidth, 2: bool isSigned }, ... }
LogicalType read_logical_type(CompactReader& in) {
  LogicalType logical;
  in.read_struct([&](std::int16_t id, T type) {
    logical.kind = id;
    if (id == kLogicalInteger && type == T::structure) {
      in.read_struct([&](std::int16_t field, T t) {
        if (field == 1) logical.bit_width = static_cast<std::int32_t>(in.read_int(t));
        else if (field == 2) logical.is_signed = in.read_bool(t);
        else in.skip(t);
      });
    } else {
      in.skip(type);
    }
  });
  return logical;
}

// SchemaElement = { 1: type, 2: type_length, 3: repetition_type, 4: name, 5: num_children,
//                   6: converted_type, 7: scale, 8: precision, 9: field_id, 10: logicalType }
SchemaElement read_schema_element(CompactReader& in) {
  SchemaElement e;
  in.read_struct([&](std::int16_t id, T type) {
    switch (id) {
      case 1: e.type = static_cast<PhysicalType>(as_i32(in, type)); break;
      case 3: e.repetition = static_cast<Repetition>(as_i32(in, type)); break;
      case 4: e.name = in.read_binary(); break;
      case 5: e.num_children = as_i32(in, type); break;
      case 6: e.converted_type = as_i32(in, type); break;
      case 10:
        if (type == T::structure) e.logical_type = read_logical_type(in);
        else in.skip(type);
        break;
      default: in.skip(type);
    }
  });
  return e;
}

// ColumnMetaData = { 1: type, 2: encodings, 3: path_in_schema, 4: codec, 5: num_values,
//                    6: total_uncompressed_size, 7: total_compressed_size, 8: key_value_metadata,
//                    9: data_page_offset, 10: index_page_offset, 11: dictionary_page_offset, ... }
void read_column_meta(CompactReader& in, ColumnChunkMeta& c) {
  c.has_meta_data = true;
  in.read_struct([&](std::int16_t id, T type) {
    switch (id) {
      case 1: c.type = static_cast<PhysicalType>(as_i32(in, type)); break;
      case 3:
        if (type != T::list) { in.skip(type); break; }
        in.read_list([&](T element) {
          if (element == T::binary) c.path_in_schema.push_back(in.read_binary());
          else in.skip(element);
        });
        break;
      case 4: c.codec = static_cast<Codec>(as_i32(in, type)); break;
      case 5: c.num_values = in.read_int(type); break;
      case 7: c.total_compressed_size = in.read_int(type); break;
      case 9: c.data_page_offset = in.read_int(type); break;
      case 11: c.dictionary_page_offset = in.read_int(type); break;
      default: in.skip(type);
    }
  });
}

// ColumnChunk = { 1: file_path, 2: file_offset, 3: meta_data, ... }
ColumnChunkMeta read_column_chunk(CompactReader& in) {
  ColumnChunkMeta c;
  in.read_struct([&](std::int16_t id, T type) {
    if (id == 1) {
      c.has_file_path = true;
      in.skip(type);
    } else if (id == 3 && type == T::structure) {
      read_column_meta(in, c);
    } else {
      in.skip(type);
    }
  });
  return c;
}

// RowGroup = { 1: columns, 2: total_byte_size, 3: num_rows, ... }
RowGroupMeta read_row_group(CompactReader& in) {
  RowGroupMeta g;
  in.read_struct([&](std::int16_t id, T type) {
    if (id == 1 && type == T::list) {
      in.read_list([&](T element) {
        if (element == T::structure) g.columns.push_back(read_column_chunk(in));
        else in.skip(element);
      });
    } else if (id == 3) {
      g.num_rows = in.read_int(type);
    } else {
      in.skip(type);
    }
  });
  return g;
}

}  // namespace

// FileMetaData = { 1: version, 2: schema, 3: num_rows, 4: row_groups, 5: key_value_metadata,
//                  6: created_by, 7: column_orders, 8: encryption_algorithm, 9: footer_signing_key_metadata }
Expected<FileMetaData> decode_file_metadata(std::string_view footer, std::size_t base) {
  CompactReader in(footer, base);
  FileMetaData meta;
  in.read_struct([&](std::int16_t id, T type) {
    switch (id) {
      case 2:
        if (type != T::list) { in.skip(type); break; }
        in.read_list([&](T element) {
          if (element == T::structure) meta.schema.push_back(read_schema_element(in));
          else in.skip(element);
        });
        break;
      case 3: meta.num_rows = in.read_int(type); break;
      case 4:
        if (type != T::list) { in.skip(type); break; }
        in.read_list([&](T element) {
          if (element == T::structure) meta.row_groups.push_back(read_row_group(in));
          else in.skip(element);
        });
        break;
      case 8:
        meta.encrypted = true;
        in.skip(type);
        break;
      default: in.skip(type);
    }
  });
  if (in.failed()) return malformed("the file metadata (footer) is malformed " + in.error());
  return meta;
}

// PageHeader = { 1: type, 2: uncompressed_page_size, 3: compressed_page_size, 4: crc,
//                5: data_page_header, 6: index_page_header, 7: dictionary_page_header, 8: data_page_header_v2 }
// DataPageHeader = { 1: num_values, 2: encoding, 3: definition_level_encoding, 4: repetition_level_encoding, ... }
// DictionaryPageHeader = { 1: num_values, 2: encoding, 3: is_sorted }
// DataPageHeaderV2 = { 1: num_values, 2: num_nulls, 3: num_rows, 4: encoding,
//                      5: definition_levels_byte_length, 6: repetition_levels_byte_length, 7: is_compressed, ... }
Expected<PageHeader> decode_page_header(std::string_view bytes, std::size_t base, std::size_t& header_size) {
  CompactReader in(bytes, base);
  PageHeader h;
  in.read_struct([&](std::int16_t id, T type) {
    switch (id) {
      case 1: h.type = static_cast<PageType>(as_i32(in, type)); break;
      case 2: h.uncompressed_page_size = as_i32(in, type); break;
      case 3: h.compressed_page_size = as_i32(in, type); break;
      case 5:
      case 7:
        if (type != T::structure) { in.skip(type); break; }
        in.read_struct([&](std::int16_t field, T t) {
          if (field == 1) h.num_values = as_i32(in, t);
          else if (field == 2) h.encoding = static_cast<Encoding>(as_i32(in, t));
          else if (field == 3 && id == 5) h.definition_level_encoding = static_cast<Encoding>(as_i32(in, t));
          else in.skip(t);
        });
        break;
      case 8:
        if (type != T::structure) { in.skip(type); break; }
        in.read_struct([&](std::int16_t field, T t) {
          switch (field) {
            case 1: h.num_values = as_i32(in, t); break;
            case 2: h.num_nulls = as_i32(in, t); break;
            case 4: h.encoding = static_cast<Encoding>(as_i32(in, t)); break;
            case 5: h.definition_levels_byte_length = as_i32(in, t); break;
            case 6: h.repetition_levels_byte_length = as_i32(in, t); break;
            case 7: h.is_compressed = in.read_bool(t); break;
            default: in.skip(t);
          }
        });
        break;
      default: in.skip(type);
    }
  });
  if (in.failed()) return malformed("a page header is malformed " + in.error());
  header_size = in.consumed();
  return h;
}

}  // namespace asl::parquet::detail
