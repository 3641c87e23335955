// csv_reader.cpp — record splitting for CSV ItemReaders and java.util.HashMap's iteration order for their items.
#include "exec/csv_reader.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace asl::exec {

bool CsvRecords::next(std::vector<std::string>& fields) {
  fields.clear();
  for (;;) {
    if (pos_ >= text_.size()) return false;
    // Empty lines carry no record.
    if (text_[pos_] == '\n') {
      ++pos_;
      continue;
    }
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
      pos_ += 2;
      continue;
    }
    break;
  }
  std::string field;
  bool quoted = false;
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (quoted) {
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field.push_back('"');
          pos_ += 2;
          continue;
        }
        quoted = false;
        ++pos_;
        continue;
      }
      if (c == '\\' && pos_ + 1 < text_.size()) {
        field.push_back(text_[pos_ + 1]);
        pos_ += 2;
        continue;
      }
      field.push_back(c);
      ++pos_;
      continue;
    }
    if (c == '"') {
      quoted = true;
      ++pos_;
      continue;
    }
    if (c == '\\' && pos_ + 1 < text_.size()) {
      // Escapes a backslash, a quote or the delimiter; before anything else it is dropped.
      field.push_back(text_[pos_ + 1]);
      pos_ += 2;
      continue;
    }
    if (c == delimiter_) {
      fields.push_back(std::move(field));
      field.clear();
      ++pos_;
      continue;
    }
    if (c == '\n' || (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')) {
      pos_ += c == '\n' ? 1 : 2;
      break;
    }
    field.push_back(c);
    ++pos_;
  }
  fields.push_back(std::move(field));
  return true;
}

bool CsvRecords::skip() {
  std::vector<std::string> ignored;
  return next(ignored);
}

namespace {

// java.lang.String.hashCode over the UTF-16 code units of a UTF-8 string.
std::int32_t java_string_hash(std::string_view text) {
  std::uint32_t h = 0;
  auto unit = [&h](std::uint32_t u) { h = 31 * h + u; };
  for (std::size_t i = 0; i < text.size();) {
    auto b = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = b;
    std::size_t len = 1;
    if (b >= 0xF0 && i + 3 < text.size()) {
      cp = ((b & 0x07u) << 18) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 12) |
           ((static_cast<unsigned char>(text[i + 2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(text[i + 3]) & 0x3Fu);
      len = 4;
    } else if (b >= 0xE0 && i + 2 < text.size()) {
      cp = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
      len = 3;
    } else if (b >= 0xC0 && i + 1 < text.size()) {
      cp = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      len = 2;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3FF));
    } else {
      unit(cp);
    }
    i += len;
  }
  return static_cast<std::int32_t>(h);
}

}  // namespace

std::vector<std::size_t> java_hash_map_order(const std::vector<std::string>& keys) {
  // The table doubles whenever the size passes 3/4 of the capacity; resizing keeps the relative
  // order inside each bucket, so the final order is by bucket of the final capacity, then by
  // insertion. (Buckets turn into trees only from 8 colliding keys at capacity 64: ignored.)
  std::size_t capacity = 16;
  while (keys.size() > capacity * 3 / 4) capacity *= 2;
  std::vector<std::size_t> bucket(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    auto h = static_cast<std::uint32_t>(java_string_hash(keys[i]));
    h ^= h >> 16;  // HashMap.hash spreads the high bits
    bucket[i] = h & (capacity - 1);
  }
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return bucket[a] < bucket[b]; });
  return order;
}

Value csv_item(const std::vector<std::string>& headers, const std::vector<std::size_t>& order,
               const std::vector<std::string>& fields) {
  Object item;
  item.reserve(headers.size());
  for (std::size_t i : order) item.append_unique(headers[i], i < fields.size() ? Value(fields[i]) : Value(""));
  return Value(std::move(item));
}

}  // namespace asl::exec
