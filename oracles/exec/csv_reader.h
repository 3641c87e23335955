// csv_reader.h — text-delimited records as a distributed Map's ItemReader splits them, and items keyed in AWS's member order.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "asl/value.h"

namespace asl::exec {

// Splits text into records of fields by the rules AWS documents for ItemReader (ItemReader (Map),
// "CSV file in an Amazon S3 bucket"): the delimiter separates fields, a newline ends a record,
// double quotes enclose fields that hold delimiters or newlines, "" inside quotes is one quote,
// and a backslash escapes a backslash, a quote or the delimiter.
// UNCONFIRMED (no recording): a backslash before any other character is dropped and the
// character kept; "\r\n" ends a record like "\n"; empty lines are skipped.
class CsvRecords {
 public:
  CsvRecords(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}

  // The next record's fields; false at the end of the text.
  bool next(std::vector<std::string>& fields);
  // Skips the next record without keeping its fields (counting); false at the end.
  bool skip();

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  char delimiter_;
};

// The order in which a java.util.HashMap holding these keys (inserted in this order, default
// capacity 16, load factor 0.75) iterates them: bucket by bucket, insertion order within one.
// AWS builds a CSV item as such a map: both examples in the ItemReader documentation (a CSV row
// and an S3 inventory row) list their members in exactly this order.
std::vector<std::size_t> java_hash_map_order(const std::vector<std::string>& keys);

// One item: every header mapped to its field (missing fields are "", extra fields are dropped,
// as documented), members in `order` (from java_hash_map_order).
Value csv_item(const std::vector<std::string>& headers, const std::vector<std::size_t>& order,
               const std::vector<std::string>& fields);

}  // namespace asl::exec
