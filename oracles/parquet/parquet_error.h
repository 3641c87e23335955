// parquet_error.h — the two error names of the Parquet reader: malformed bytes, and valid Parquet it does not take.
#pragma once

#include <string>
#include <string_view>

#include "asl/error.h"

namespace asl::parquet {

// Errors carry one of these names: bytes that break the Parquet format, or valid Parquet outside
// what the reader takes (nested or repeated columns, codecs other than SNAPPY and GZIP, encodings
// other than PLAIN, RLE and dictionary, types whose JSON form AWS has not shown). Messages name
// the row group, column and byte offset where it applies.
inline constexpr std::string_view kMalformed = "PARQUET_MALFORMED";
inline constexpr std::string_view kUnsupported = "PARQUET_UNSUPPORTED";

namespace detail {
inline Error malformed(std::string message) { return Error{std::string(kMalformed), std::move(message), {}}; }
inline Error unsupported(std::string message) { return Error{std::string(kUnsupported), std::move(message), {}}; }
}  // namespace detail

}  // namespace asl::parquet
