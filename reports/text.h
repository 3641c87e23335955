// text.h — small text helpers the report writers share: concatenation and escaping for XML and HTML.
#pragma once

#include <string>
#include <string_view>

#include "asl/error.h"

namespace aslcheck::reports_detail {

// Appends every part (strings, string_views, literals) into one string.
template <class... Parts>
std::string concat(const Parts&... parts) {
  std::string out;
  (out.append(parts), ...);
  return out;
}

// Text made safe for XML 1.0 attribute values and character data: & < > " ' escaped; control
// characters XML 1.0 cannot carry at all (anything below 0x20 but tab, newline and CR, plus
// U+FFFE/U+FFFF) written visibly as \u00XX; invalid UTF-8 bytes replaced by U+FFFD.
void append_xml_escaped(std::string& out, std::string_view text);
std::string xml_escaped(std::string_view text);

// The same for HTML text and attribute values (the report puts data only there, never inside
// <script> or <style>).
inline void append_html_escaped(std::string& out, std::string_view text) { append_xml_escaped(out, text); }
inline std::string html_escaped(std::string_view text) { return xml_escaped(text); }

// Writes `content` to path + ".tmp" and renames it over `path`, so a reader never sees half a
// file (run.json, reports, expectations files).
asl::Checked replace_file(const std::string& path, std::string_view content);
// The rename half, for writers that stream into `temporary` themselves.
asl::Checked commit_file(const std::string& temporary, const std::string& path);

}  // namespace aslcheck::reports_detail
