// side_by_side.cpp — two texts side by side as an HTML table, lines aligned by a longest-common-subsequence diff.
#include <algorithm>
#include <string_view>
#include <vector>

#include "summary.h"
#include "text.h"

namespace aslcheck::reports_detail {

namespace {

// Past this many lines on a side the quadratic alignment is skipped and the sides are shown
// as they are, unaligned (a minimal case is far below it).
constexpr std::size_t kMaxAlignedLines = 1000;

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

enum class Op : std::uint8_t { same, removed, added, changed };
struct Row {
  Op op;
  std::size_t left;   // index into left lines (npos: none)
  std::size_t right;  // index into right lines (npos: none)
};
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::vector<Row> align(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  std::vector<Row> rows;
  if (a.size() > kMaxAlignedLines || b.size() > kMaxAlignedLines) {
    for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
      bool both = i < a.size() && i < b.size();
      Op op = both ? (a[i] == b[i] ? Op::same : Op::changed) : i < a.size() ? Op::removed : Op::added;
      rows.push_back({op, i < a.size() ? i : kNone, i < b.size() ? i : kNone});
    }
    return rows;
  }
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<std::uint32_t>> lcs(a.size() + 1, std::vector<std::uint32_t>(b.size() + 1, 0));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::size_t i = 0, j = 0;
  std::vector<std::size_t> removed, added;
  // Runs of removed and added lines between two common lines are paired up as changed rows.
  auto flush = [&] {
    std::size_t pairs = std::min(removed.size(), added.size());
    for (std::size_t k = 0; k < pairs; ++k) rows.push_back({Op::changed, removed[k], added[k]});
    for (std::size_t k = pairs; k < removed.size(); ++k) rows.push_back({Op::removed, removed[k], kNone});
    for (std::size_t k = pairs; k < added.size(); ++k) rows.push_back({Op::added, kNone, added[k]});
    removed.clear();
    added.clear();
  };
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      flush();
      rows.push_back({Op::same, i++, j++});
    } else if (j == b.size() || (i < a.size() && lcs[i + 1][j] >= lcs[i][j + 1])) {
      removed.push_back(i++);
    } else {
      added.push_back(j++);
    }
  }
  flush();
  return rows;
}

void cell(std::string& out, const std::vector<std::string_view>& lines, std::size_t index, std::string_view css) {
  if (index == kNone) {
    out.append("<td class=\"ln\"></td><td class=\"blank\"></td>");
    return;
  }
  out.append("<td class=\"ln\">").append(std::to_string(index + 1)).append("</td><td class=\"");
  out.append(css).append("\">");
  append_html_escaped(out, lines[index]);
  out.append("</td>");
}

}  // namespace

std::string side_by_side_html(const std::string& left, const std::string& right) {
  auto a = split_lines(left);
  auto b = split_lines(right);
  std::string out = "<table class=\"sbs\"><colgroup><col class=\"ln\"><col><col class=\"ln\"><col></colgroup>"
                    "<thead><tr><th colspan=\"2\">oracle (expected)</th>"
                    "<th colspan=\"2\">target (actual)</th></tr></thead><tbody>\n";
  for (const Row& row : align(a, b)) {
    out.append("<tr>");
    switch (row.op) {
      case Op::same:
        cell(out, a, row.left, "same");
        cell(out, b, row.right, "same");
        break;
      case Op::removed: cell(out, a, row.left, "del"); cell(out, b, kNone, ""); break;
      case Op::added: cell(out, a, kNone, ""); cell(out, b, row.right, "add"); break;
      case Op::changed:
        cell(out, a, row.left, "del");
        cell(out, b, row.right, "add");
        break;
    }
    out.append("</tr>\n");
  }
  out.append("</tbody></table>\n");
  return out;
}

}  // namespace aslcheck::reports_detail
