// text.cpp — escaping arbitrary (possibly invalid) UTF-8 for XML and HTML output.
#include "text.h"

#include <cstdint>
#include <cstdio>
#include <fstream>

namespace aslcheck::reports_detail {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

void append_visible_control(std::string& out, std::uint32_t code) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.append("\\u");
  for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(code >> shift) & 0xF]);
}

// The length of the well-formed UTF-8 sequence starting at text[i] and its code point, or 0 when
// the bytes there are not one (overlong forms, surrogates and truncated sequences included).
std::size_t utf8_sequence(std::string_view text, std::size_t i, std::uint32_t& code) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  code = length == 1 ? lead : length == 2 ? (lead & 0x1F) : length == 3 ? (lead & 0x0F) : (lead & 0x07);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

void append_xml_escaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t code = 0;
    std::size_t length = utf8_sequence(text, i, code);
    if (length == 0) {
      out.append(kReplacement);
      ++i;
      continue;
    }
    switch (code) {
      case '&': out.append("&amp;"); break;
      case '<': out.append("&lt;"); break;
      case '>': out.append("&gt;"); break;
      case '"': out.append("&quot;"); break;
      case '\'': out.append("&#39;"); break;
      case '\t': case '\n': case '\r': out.push_back(static_cast<char>(code)); break;
      default:
        if (code < 0x20 || code == 0x7F || code == 0xFFFE || code == 0xFFFF || (code >= 0x80 && code < 0xA0)) {
          append_visible_control(out, code);
        } else {
          out.append(text.substr(i, length));
        }
    }
    i += length;
  }
}

std::string xml_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_xml_escaped(out, text);
  return out;
}

asl::Checked commit_file(const std::string& temporary, const std::string& path) {
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return asl::Error{std::string(asl::errc::io), concat(path, ": cannot replace"), {}};
  }
  return asl::checked_ok();
}

asl::Checked replace_file(const std::string& path, std::string_view content) {
  std::string temporary = concat(path, ".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return asl::Error{std::string(asl::errc::io), concat(temporary, ": cannot write"), {}};
    out << content;
    out.flush();
    if (!out) return asl::Error{std::string(asl::errc::io), concat(temporary, ": write failed"), {}};
  }
  return commit_file(temporary, path);
}

}  // namespace aslcheck::reports_detail
