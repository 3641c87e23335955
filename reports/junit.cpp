// junit.cpp — DIR/junit.xml: one testsuite per target, one testcase per case (classname = feature), written streaming.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "asl/json.h"
#include "summary.h"
#include "text.h"

namespace aslcheck::reports_detail {

namespace {

// Mapping (README "junit.xml"): match -> passed; diverge -> <failure type="diverge"> with every
// channel's diff; known -> <skipped> with the expectation's reason; xpass -> <failure
// type="xpass">; target-error -> <error>; skipped -> <skipped> with the target's reason.

void attribute(std::string& out, std::string_view name, std::string_view value) {
  out.append(" ").append(name).append("=\"");
  append_xml_escaped(out, value);
  out.push_back('"');
}

std::string seconds_text(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", seconds);
  return buffer;
}

void suite_counts(std::string& out, const VerdictCounts& c) {
  attribute(out, "tests", std::to_string(c.total()));
  attribute(out, "failures", std::to_string(c[Verdict::diverge] + c[Verdict::xpass]));
  attribute(out, "errors", std::to_string(c[Verdict::target_error]));
  attribute(out, "skipped", std::to_string(c[Verdict::known] + c[Verdict::skipped]));
  attribute(out, "time", seconds_text(c.seconds));
}

std::string channel_list(const CaseRecord& record) {
  std::string channels;
  for (const ChannelDiff& d : record.diffs) {
    if (!channels.empty()) channels.append(", ");
    channels.append(d.channel);
  }
  return channels.empty() ? std::string("(no channel recorded)") : channels;
}

// The failure body: every channel's detail and both sides, then where the cases are.
std::string diff_text(const CaseRecord& record) {
  std::string text;
  for (const ChannelDiff& d : record.diffs) {
    text.append("channel ").append(d.channel);
    if (!d.detail.empty()) text.append(": ").append(d.detail);
    text.append("\n  oracle: ").append(asl::json::write(d.expected));
    text.append("\n  target: ").append(asl::json::write(d.actual)).append("\n");
  }
  if (!record.signature.empty()) text.append("signature: ").append(record.signature).append("\n");
  if (!record.case_path.empty()) text.append("case: ").append(record.case_path).append("\n");
  if (!record.shrunk_path.empty()) text.append("shrunk: ").append(record.shrunk_path).append("\n");
  return text;
}

void testcase(std::string& out, const CaseRecord& record) {
  out.append("    <testcase");
  attribute(out, "name", record.id);
  attribute(out, "classname", record.feature.empty() ? "general" : record.feature);
  attribute(out, "time", seconds_text(record.seconds));
  auto child = [&](std::string_view element, std::string_view type, std::string_view message, std::string_view body) {
    out.append(">\n      <").append(element);
    if (!type.empty()) attribute(out, "type", type);
    attribute(out, "message", message);
    if (body.empty()) {
      out.append("/>\n    </testcase>\n");
      return;
    }
    out.append(">");
    append_xml_escaped(out, body);
    out.append("</").append(element).append(">\n    </testcase>\n");
  };
  switch (record.verdict) {
    case Verdict::match: out.append("/>\n"); return;
    case Verdict::diverge:
      child("failure", "diverge", concat("diverges from the oracle on ", channel_list(record)), diff_text(record));
      return;
    case Verdict::known: child("skipped", "", concat("known divergence: ", record.reason), diff_text(record)); return;
    case Verdict::xpass:
      child("failure", "xpass", concat("expected divergence no longer happens: ", record.reason), "");
      return;
    case Verdict::target_error: child("error", "target-error", record.reason, ""); return;
    case Verdict::skipped: child("skipped", "", record.reason, ""); return;
  }
}

}  // namespace

asl::Checked write_junit(const std::string& run_dir, const RunInfo& info, const RunSummary& summary) {
  std::filesystem::path dir(run_dir);
  std::string path = (dir / "junit.xml").string();
  std::string temporary = path + ".tmp";
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  if (!out) return asl::Error{std::string(asl::errc::io), concat(temporary, ": cannot write"), {}};
  std::string text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites";
  attribute(text, "name", concat("aslcheck ", info.run_id));
  suite_counts(text, summary.totals);
  text.append(">\n");
  out << text;
  std::string results = (dir / "results.jsonl").string();
  // One suite per target, each a streaming pass in results.jsonl order: memory stays flat.
  for (const auto& [target, counts] : summary.by_target) {
    text = "  <testsuite";
    attribute(text, "name", target.empty() ? info.target : target);
    suite_counts(text, counts);
    text.append(">\n    <properties>\n");
    auto property = [&](std::string_view name, std::string_view value) {
      text.append("      <property");
      attribute(text, "name", name);
      attribute(text, "value", value);
      text.append("/>\n");
    };
    property("run_id", info.run_id);
    property("seed", std::to_string(info.seed));
    if (!info.profile.empty()) property("profile", info.profile);
    property("shard", concat(std::to_string(info.shard_index), "/", std::to_string(info.shard_count)));
    text.append("    </properties>\n");
    out << text;
    auto walked = for_each_record(results, [&](CaseRecord&& record, const RecordPlace&) -> asl::Checked {
      if (record.target != target) return asl::checked_ok();
      text.clear();
      testcase(text, record);
      out << text;
      return asl::checked_ok();
    });
    if (!walked) return walked;
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
  out.flush();
  if (!out) return asl::Error{std::string(asl::errc::io), concat(temporary, ": write failed"), {}};
  out.close();
  return commit_file(temporary, path);
}

}  // namespace aslcheck::reports_detail
