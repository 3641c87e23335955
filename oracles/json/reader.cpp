// reader.cpp — JSON text to asl::Value through simdjson's On-Demand API, with located errors.
#include <simdjson.h>

#include <cerrno>
#include <cmath>
#include <optional>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "asl/json.h"

namespace asl::json {

namespace od = simdjson::ondemand;

Location locate(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count code points, not UTF-8 continuation bytes
      ++column;
    }
  }
  return Location::at(line, column);
}

namespace {

// number = [ "-" ] int [ frac ] [ exp ] ; int = "0" / digit1-9 *digit ; frac = "." 1*digit ;
// exp = ("e" / "E") [ "+" / "-" ] 1*digit          (RFC 8259 section 6)
// Returns whether the whole token is one number and whether it is integral (no frac, no exp).
bool scan_number(std::string_view t, bool& integral) {
  std::size_t i = 0;
  auto digit = [&](std::size_t k) { return k < t.size() && t[k] >= '0' && t[k] <= '9'; };
  if (i < t.size() && t[i] == '-') ++i;
  if (!digit(i)) return false;
  if (t[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  integral = true;
  if (i < t.size() && t[i] == '.') {
    integral = false;
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    integral = false;
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == t.size();
}

class Reader {
 public:
  Reader(std::string_view text, const ReadOptions& options) : text_(text), options_(options) {}

  Expected<Value> run() {
    padded_ = simdjson::padded_string(text_);
    // One parser per thread, grown as needed: allocating simdjson's buffers per document cost
    // more than parsing a small one.
    thread_local od::parser parser;
    thread_local std::size_t parser_depth = 0;
    if (parser.capacity() < padded_.size() || parser_depth != options_.max_depth + 1) {
      if (auto e = parser.allocate(std::max<std::size_t>(padded_.size(), 4096), options_.max_depth + 1);
          e != simdjson::SUCCESS) {
        return fail(e, nullptr);
      }
      parser_depth = options_.max_depth + 1;
    }
    od::document doc;
    if (auto e = parser.iterate(padded_).get(doc); e != simdjson::SUCCESS) return fail(e, nullptr);
    doc_ = &doc;
    Value result;
    od::json_type type;
    if (auto e = doc.type().get(type); e != simdjson::SUCCESS) return fail(e, nullptr);
    switch (type) {
      case od::json_type::object:
      case od::json_type::array: {
        od::value root;
        if (auto e = doc.get_value().get(root); e != simdjson::SUCCESS) return fail(e, nullptr);
        if (!read_value(root, 1, result)) return std::move(*error_);
        break;
      }
      default: {
        // A scalar document is one token; anything but spaces after it is trailing content.
        std::string_view token;
        if (auto e = doc.raw_json_token().get(token); e != simdjson::SUCCESS) return fail(e, nullptr);
        while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.remove_suffix(1);
        if (!read_scalar_document(doc, type, result)) return std::move(*error_);
        std::size_t end = static_cast<std::size_t>(token.data() - padded_.data()) + token.size();
        std::size_t next = text_.find_first_not_of(" \t\r\n", end);
        if (next != std::string_view::npos) {
          return located(errc::json_syntax, "unexpected content after the JSON document", next);
        }
        return result;
      }
    }
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS && rest != nullptr) {
      return located(errc::json_syntax, "unexpected content after the JSON document", trailing_offset());
    }
    return result;
  }

 private:
  std::size_t trailing_offset() const {
    // The first non-space byte after the document's last token.
    std::size_t end = text_.size();
    while (end > 0 && std::isspace(static_cast<unsigned char>(text_[end - 1]))) --end;
    std::size_t i = 0;
    int depth = 0;
    bool in_string = false;
    // A cheap forward scan: skip one complete value, then report what follows it.
    for (; i < end; ++i) {
      char c = text_[i];
      if (in_string) {
        if (c == '\\') ++i;
        else if (c == '"') {
          in_string = false;
          if (depth == 0) { ++i; break; }
        }
        continue;
      }
      if (c == '"') in_string = true;
      else if (c == '{' || c == '[') ++depth;
      else if (c == '}' || c == ']') {
        if (--depth == 0) { ++i; break; }
      } else if (depth == 0 && !std::isspace(static_cast<unsigned char>(c))) {
        while (i < end && !std::isspace(static_cast<unsigned char>(text_[i])) && text_[i] != '{' && text_[i] != '[' &&
               text_[i] != '"')
          ++i;
        break;
      }
    }
    while (i < end && std::isspace(static_cast<unsigned char>(text_[i]))) ++i;
    return i;
  }

  Error located(std::string_view name, std::string message, std::size_t offset) {
    return Error{std::string(name), std::move(message), locate(text_, offset)};
  }

  std::string describe(simdjson::error_code e) {
    switch (e) {
      case simdjson::UTF8_ERROR: return "invalid UTF-8";
      case simdjson::DEPTH_ERROR: return "nesting deeper than " + std::to_string(options_.max_depth) + " levels";
      case simdjson::STRING_ERROR: return "invalid string (bad escape or control character)";
      case simdjson::UNCLOSED_STRING: return "unclosed string";
      case simdjson::EMPTY: return "no JSON document (empty input)";
      case simdjson::TAPE_ERROR:
      case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "malformed or unclosed array or object";
      case simdjson::T_ATOM_ERROR:
      case simdjson::F_ATOM_ERROR:
      case simdjson::N_ATOM_ERROR: return "invalid literal (expected true, false or null)";
      case simdjson::NUMBER_ERROR: return "invalid number";
      case simdjson::CAPACITY: return "document too large";
      case simdjson::INCORRECT_TYPE: return "invalid value";
      default: return std::string("invalid JSON (") + simdjson::error_message(e) + ")";
    }
  }

  Error fail(simdjson::error_code e, const char* where) {
    std::size_t offset = text_.size();
    if (where != nullptr) {
      offset = static_cast<std::size_t>(where - padded_.data());
    } else if (doc_ != nullptr) {
      const char* loc = nullptr;
      if (doc_->current_location().get(loc) == simdjson::SUCCESS && loc != nullptr) {
        offset = static_cast<std::size_t>(loc - padded_.data());
      }
    } else if (e == simdjson::UTF8_ERROR) {
      offset = first_invalid_utf8();
    }
    std::string_view name = e == simdjson::DEPTH_ERROR ? errc::json_limit : errc::json_syntax;
    return located(name, describe(e), offset);
  }

  std::size_t first_invalid_utf8() const {
    std::size_t i = 0;
    while (i < text_.size()) {
      auto c = static_cast<unsigned char>(text_[i]);
      std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
      if (n == 0 || i + n > text_.size()) return i;
      for (std::size_t k = 1; k < n; ++k) {
        if ((static_cast<unsigned char>(text_[i + k]) & 0xC0) != 0x80) return i;
      }
      i += n;
    }
    return i;
  }

  bool set_error(Error e) {
    error_ = std::move(e);
    return false;
  }

  bool read_number_token(std::string_view token, const char* where, Value& out) {
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.remove_suffix(1);
    std::size_t offset = static_cast<std::size_t>(where - padded_.data());
    bool integral = false;
    if (!scan_number(token, integral)) return set_error(located(errc::json_syntax, "invalid number", offset));
    if (integral) {
      std::int64_t i = 0;
      auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), i);
      if (ec == std::errc() && end == token.data() + token.size()) {
        out = Value(i);
        return true;
      }
      out = Value::big_integer(token);  // beyond int64: kept digit for digit
      return true;
    }
    std::string copy(token);
    errno = 0;
    char* end = nullptr;
    double d = std::strtod(copy.c_str(), &end);
    if (errno == ERANGE && (d == HUGE_VAL || d == -HUGE_VAL)) {
      return set_error(located(errc::json_limit, "number out of range: " + copy, offset));
    }
    out = Value(d);  // an underflow reads as (signed) zero, as in Java
    return true;
  }

  const char* token_start(std::string_view token) const { return token.data(); }

  bool read_scalar_document(od::document& doc, od::json_type type, Value& out) {
    switch (type) {
      case od::json_type::string: {
        std::string_view s;
        if (auto e = doc.get_string().get(s); e != simdjson::SUCCESS) return set_error(fail(e, nullptr));
        out = Value(s);
        return true;
      }
      case od::json_type::number: {
        std::string_view token;
        if (auto e = doc.raw_json_token().get(token); e != simdjson::SUCCESS) return set_error(fail(e, nullptr));
        return read_number_token(token, token.data(), out);
      }
      case od::json_type::boolean: {
        bool b = false;
        if (auto e = doc.get_bool().get(b); e != simdjson::SUCCESS) return set_error(fail(e, nullptr));
        out = Value(b);
        return true;
      }
      case od::json_type::null: {
        bool is_null = false;
        if (auto e = doc.is_null().get(is_null); e != simdjson::SUCCESS || !is_null) {
          return set_error(fail(e == simdjson::SUCCESS ? simdjson::N_ATOM_ERROR : e, nullptr));
        }
        out = Value();
        return true;
      }
      default: return set_error(fail(simdjson::TAPE_ERROR, nullptr));
    }
  }

  bool read_value(od::value v, std::size_t depth, Value& out) {
    od::json_type type;
    if (auto e = v.type().get(type); e != simdjson::SUCCESS) return set_error(fail(e, nullptr));
    switch (type) {
      case od::json_type::object: {
        if (depth > options_.max_depth) return set_error(fail(simdjson::DEPTH_ERROR, nullptr));
        od::object obj;
        if (auto e = v.get_object().get(obj); e != simdjson::SUCCESS) return set_error(fail(e, nullptr));
        Object members;
        for (auto field : obj) {
          std::string_view key;
          if (auto e = field.unescaped_key().get(key); e != simdjson::SUCCESS) return set_error(fail(e, nullptr));
          std::string key_copy(key);
          Value item;
          if (!read_value(field.value(), depth + 1, item)) return false;
          members.set(std::move(key_copy), std::move(item));
        }
        out = Value(std::move(members));
        return true;
      }
      case od::json_type::array: {
        if (depth > options_.max_depth) return set_error(fail(simdjson::DEPTH_ERROR, nullptr));
        od::array arr;
        if (auto e = v.get_array().get(arr); e != simdjson::SUCCESS) return set_error(fail(e, nullptr));
        Array items;
        for (auto element : arr) {
          od::value item_value;
          if (auto e = element.get(item_value); e != simdjson::SUCCESS) return set_error(fail(e, nullptr));
          Value item;
          if (!read_value(item_value, depth + 1, item)) return false;
          items.push_back(std::move(item));
        }
        out = Value(std::move(items));
        return true;
      }
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s); e != simdjson::SUCCESS) return set_error(fail(e, nullptr));
        out = Value(s);
        return true;
      }
      case od::json_type::number: {
        std::string_view token = v.raw_json_token();
        return read_number_token(token, token.data(), out);
      }
      case od::json_type::boolean: {
        bool b = false;
        if (auto e = v.get_bool().get(b); e != simdjson::SUCCESS) return set_error(fail(e, nullptr));
        out = Value(b);
        return true;
      }
      case od::json_type::null: {
        bool is_null = false;
        if (auto e = v.is_null().get(is_null); e != simdjson::SUCCESS || !is_null) {
          return set_error(fail(e == simdjson::SUCCESS ? simdjson::N_ATOM_ERROR : e, nullptr));
        }
        out = Value();
        return true;
      }
    }
    return set_error(fail(simdjson::TAPE_ERROR, nullptr));
  }

  std::string_view text_;
  const ReadOptions& options_;
  simdjson::padded_string padded_;
  od::document* doc_ = nullptr;
  std::optional<Error> error_;
};

}  // namespace

Expected<Value> read(std::string_view text, const ReadOptions& options) {
  Reader reader(text, options);
  return reader.run();
}

Expected<Value> read_file(const std::string& path, const ReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{std::string(errc::io), "cannot open file", {}};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Error{std::string(errc::io), "cannot read file", {}};
  return read(buffer.str(), options);
}

}  // namespace asl::json
