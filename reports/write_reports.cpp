// write_reports.cpp — the runner's last step: from DIR/run.json and DIR/results.jsonl to DIR/junit.xml and DIR/report.html.
#include <filesystem>

#include "summary.h"

namespace aslcheck {

asl::Checked write_reports(const std::string& run_dir, const ReportOptions& options) {
  std::filesystem::path dir(run_dir);
  auto info = read_run_info_file((dir / "run.json").string());
  if (!info) return info.error();
  auto summary = reports_detail::summarize_run(run_dir);
  if (!summary) return summary.error();
  auto trend = reports_detail::read_trend(*info, options.history);
  if (!trend) return trend.error();
  if (auto ok = reports_detail::write_junit(run_dir, *info, *summary); !ok) return ok;
  return reports_detail::write_html(run_dir, *info, *summary, *trend);
}

}  // namespace aslcheck
