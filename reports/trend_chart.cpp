// trend_chart.cpp — the pass-rate trend across previous runs (their run.json) as a small inline SVG chart.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "summary.h"
#include "text.h"

namespace aslcheck::reports_detail {

namespace {

constexpr double kWidth = 560, kHeight = 160;
constexpr double kLeft = 48, kRight = 16, kTop = 12, kBottom = 28;

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

std::string percent(double rate) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", rate * 100);
  return buffer;
}

TrendPoint point_of(const RunInfo& info) {
  std::int64_t cases = 0;
  for (const auto& [name, n] : info.counts) cases += n;
  return TrendPoint{info.run_id, info.started, pass_rate(info.counts), cases};
}

}  // namespace

asl::Expected<std::vector<TrendPoint>> read_trend(const RunInfo& current, const std::vector<std::string>& history) {
  std::vector<std::pair<TrendPoint, std::string>> previous;
  for (const std::string& dir : history) {
    auto info = read_run_info_file((std::filesystem::path(dir) / "run.json").string());
    if (!info) return info.error();
    previous.emplace_back(point_of(*info), dir);
  }
  std::stable_sort(previous.begin(), previous.end(), [](const auto& a, const auto& b) {
    return a.first.started != b.first.started ? a.first.started < b.first.started : a.second < b.second;
  });
  std::vector<TrendPoint> points;
  for (auto& [point, dir] : previous) points.push_back(std::move(point));
  points.push_back(point_of(current));
  return points;
}

std::string trend_svg(const std::vector<TrendPoint>& points) {
  std::string svg = concat("<svg class=\"trend\" width=\"", number(kWidth),
                           "\" height=\"", number(kHeight), "\" viewBox=\"0 0 ", number(kWidth), " ",
                           number(kHeight), "\" role=\"img\" aria-label=\"pass rate per run\">\n");
  double plot_width = kWidth - kLeft - kRight, plot_height = kHeight - kTop - kBottom;
  for (double level : {0.0, 0.5, 1.0}) {
    std::string y = number(kTop + plot_height * (1 - level));
    svg.append(concat("<line class=\"grid\" x1=\"", number(kLeft), "\" x2=\"", number(kWidth - kRight), "\" y1=\"", y,
                      "\" y2=\"", y, "\"/><text class=\"axis\" x=\"", number(kLeft - 6), "\" y=\"", y,
                      "\" text-anchor=\"end\" dominant-baseline=\"middle\">", std::to_string(static_cast<int>(level * 100)),
                      "%</text>\n"));
  }
  auto x_of = [&](std::size_t i) {
    return points.size() == 1 ? kLeft + plot_width / 2
                              : kLeft + plot_width * static_cast<double>(i) / static_cast<double>(points.size() - 1);
  };
  auto y_of = [&](double rate) { return kTop + plot_height * (1 - rate); };
  std::string line;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (points[i].rate < 0) continue;
    line.append(concat(line.empty() ? "" : " ", number(x_of(i)), ",", number(y_of(points[i].rate))));
  }
  if (!line.empty()) svg.append(concat("<polyline class=\"rate\" points=\"", line, "\"/>\n"));
  for (std::size_t i = 0; i < points.size(); ++i) {
    const TrendPoint& p = points[i];
    if (p.rate < 0) continue;
    svg.append(concat("<circle class=\"", i + 1 == points.size() ? "point current" : "point", "\" cx=\"",
                      number(x_of(i)), "\" cy=\"", number(y_of(p.rate)), "\" r=\"3.5\"><title>"));
    append_html_escaped(svg, concat(p.label, ": ", percent(p.rate), " of ", std::to_string(p.cases), " cases"));
    svg.append("</title></circle>\n");
  }
  // The first and the last run name the ends of the time axis.
  auto axis_label = [&](std::size_t i, std::string_view anchor) {
    svg.append(concat("<text class=\"axis\" x=\"", number(x_of(i)), "\" y=\"", number(kHeight - 8),
                      "\" text-anchor=\"", anchor, "\">"));
    append_html_escaped(svg, points[i].label);
    svg.append("</text>\n");
  };
  if (points.size() == 1) {
    axis_label(0, "middle");
  } else if (!points.empty()) {
    axis_label(0, "start");
    axis_label(points.size() - 1, "end");
  }
  svg.append("</svg>\n");
  return svg;
}

}  // namespace aslcheck::reports_detail
