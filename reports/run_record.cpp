// run_record.cpp — the JSON form of one results.jsonl line (CaseRecord) and of run.json (RunInfo).
#include "aslcheck/run_record.h"

#include <charconv>
#include <cstdint>
#include <utility>
#include "text.h"

namespace aslcheck {

namespace {

using reports_detail::concat;

constexpr std::pair<Verdict, std::string_view> kVerdictNames[] = {
    {Verdict::match, "match"},   {Verdict::diverge, "diverge"},           {Verdict::known, "known"},
    {Verdict::xpass, "xpass"},   {Verdict::target_error, "target-error"}, {Verdict::skipped, "skipped"},
};

asl::Error bad(const std::string& pointer, std::string message) {
  return asl::Error{std::string(asl::errc::json_syntax), std::move(message), asl::Location::in(pointer)};
}

// Reads an optional string member into `into`; a present non-string member is an error.
asl::Checked read_string(const asl::Value& object, std::string_view key, std::string& into) {
  const asl::Value* v = object.get(key);
  if (v == nullptr || v->is_null()) return asl::checked_ok();
  if (!v->is_string()) return bad(concat("/", key), concat("\"", key, "\" must be a string"));
  into = v->as_string();
  return asl::checked_ok();
}

asl::Checked read_strings(const asl::Value& object, std::string_view key, std::vector<std::string>& into) {
  const asl::Value* v = object.get(key);
  if (v == nullptr || v->is_null()) return asl::checked_ok();
  std::string at = concat("/", key);
  if (!v->is_array()) return bad(at, concat("\"", key, "\" must be a list of strings"));
  for (std::size_t i = 0; i < v->size(); ++i) {
    const asl::Value& item = *v->at(i);
    if (!item.is_string()) return bad(concat(at, "/", std::to_string(i)), "must be a string");
    into.push_back(item.as_string());
  }
  return asl::checked_ok();
}

asl::Checked read_int(const asl::Value& object, std::string_view key, std::int64_t& into) {
  const asl::Value* v = object.get(key);
  if (v == nullptr || v->is_null()) return asl::checked_ok();
  if (!v->is_integer()) return bad(concat("/", key), concat("\"", key, "\" must be an integer"));
  into = v->as_int();
  return asl::checked_ok();
}

asl::Value strings_json(const std::vector<std::string>& items) {
  asl::Array out;
  out.reserve(items.size());
  for (const auto& s : items) out.emplace_back(s);
  return asl::Value(std::move(out));
}

// Prefixes a nested reader's location with where the nested value sits.
asl::Error nested(std::string prefix, asl::Error error) {
  error.where.pointer = prefix + error.where.pointer;
  return error;
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  for (const auto& [v, name] : kVerdictNames) {
    if (v == verdict) return name;
  }
  return "unknown";
}

std::optional<Verdict> parse_verdict(std::string_view name) {
  for (const auto& [v, n] : kVerdictNames) {
    if (n == name) return v;
  }
  return std::nullopt;
}

// {"id", "target", "feature", "tags", "verdict", "diffs": [{"channel", "expected", "actual",
// "detail"}], "signature", "reason", "case", "shrunk", "expected", "actual", "seconds"}: empty
// strings, empty lists and absent Results are omitted so a match line stays short.
asl::Value to_json(const CaseRecord& record) {
  asl::Object out;
  out.append_unique("id", asl::Value(record.id));
  out.append_unique("target", asl::Value(record.target));
  out.append_unique("feature", asl::Value(record.feature));
  if (!record.tags.empty()) out.append_unique("tags", strings_json(record.tags));
  out.append_unique("verdict", asl::Value(verdict_name(record.verdict)));
  if (!record.diffs.empty()) {
    asl::Array diffs;
    diffs.reserve(record.diffs.size());
    for (const ChannelDiff& d : record.diffs) {
      asl::Object o;
      o.append_unique("channel", asl::Value(d.channel));
      o.append_unique("expected", d.expected);
      o.append_unique("actual", d.actual);
      if (!d.detail.empty()) o.append_unique("detail", asl::Value(d.detail));
      diffs.emplace_back(std::move(o));
    }
    out.append_unique("diffs", asl::Value(std::move(diffs)));
  }
  if (!record.signature.empty()) out.append_unique("signature", asl::Value(record.signature));
  if (!record.reason.empty()) out.append_unique("reason", asl::Value(record.reason));
  if (!record.case_path.empty()) out.append_unique("case", asl::Value(record.case_path));
  if (!record.shrunk_path.empty()) out.append_unique("shrunk", asl::Value(record.shrunk_path));
  if (record.expected) out.append_unique("expected", asl::to_json(*record.expected));
  if (record.actual) out.append_unique("actual", asl::to_json(*record.actual));
  out.append_unique("seconds", asl::Value(record.seconds));
  return asl::Value(std::move(out));
}

asl::Expected<CaseRecord> read_case_record(const asl::Value& json) {
  if (!json.is_object()) return bad("/", "a results.jsonl line must be a JSON object");
  CaseRecord record;
  const asl::Value* id = json.get("id");
  if (id == nullptr || !id->is_string() || id->as_string().empty()) return bad("/id", "a result needs a non-empty string \"id\"");
  record.id = id->as_string();
  const asl::Value* verdict = json.get("verdict");
  if (verdict == nullptr || !verdict->is_string()) return bad("/verdict", "a result needs a string \"verdict\"");
  auto parsed = parse_verdict(verdict->as_string());
  if (!parsed) {
    return bad("/verdict", "unknown verdict '" + verdict->as_string() +
                               "' (match, diverge, known, xpass, target-error, skipped)");
  }
  record.verdict = *parsed;
  for (auto [key, into] : {std::pair<std::string_view, std::string*>{"target", &record.target},
                           {"feature", &record.feature},
                           {"signature", &record.signature},
                           {"reason", &record.reason},
                           {"case", &record.case_path},
                           {"shrunk", &record.shrunk_path}}) {
    if (auto ok = read_string(json, key, *into); !ok) return ok.error();
  }
  if (auto ok = read_strings(json, "tags", record.tags); !ok) return ok.error();
  if (const asl::Value* diffs = json.get("diffs"); diffs != nullptr && !diffs->is_null()) {
    if (!diffs->is_array()) return bad("/diffs", "\"diffs\" must be a list");
    for (std::size_t i = 0; i < diffs->size(); ++i) {
      const asl::Value& d = *diffs->at(i);
      std::string at = "/diffs/" + std::to_string(i);
      if (!d.is_object()) return bad(at, "a diff must be an object");
      ChannelDiff diff;
      const asl::Value* channel = d.get("channel");
      if (channel == nullptr || !channel->is_string()) return bad(at + "/channel", "a diff needs a string \"channel\"");
      diff.channel = channel->as_string();
      if (const asl::Value* e = d.get("expected")) diff.expected = *e;
      if (const asl::Value* a = d.get("actual")) diff.actual = *a;
      if (auto ok = read_string(d, "detail", diff.detail); !ok) return nested(at, ok.error());
      record.diffs.push_back(std::move(diff));
    }
  }
  for (auto [key, into] : {std::pair<std::string_view, std::optional<asl::Result>*>{"expected", &record.expected},
                           {"actual", &record.actual}}) {
    const asl::Value* r = json.get(key);
    if (r == nullptr || r->is_null()) continue;
    auto result = asl::read_result(*r);
    if (!result) return nested(concat("/", key), result.error());
    *into = std::move(*result);
  }
  if (const asl::Value* s = json.get("seconds"); s != nullptr && !s->is_null()) {
    if (!s->is_number()) return bad("/seconds", "\"seconds\" must be a number");
    record.seconds = s->as_double();
  }
  return record;
}

// {"runId", "target", "seed", "profile", "shard": {"index", "count"}, "started", "finished",
// "counts": {verdict: n}, "arguments": [...]}
asl::Value to_json(const RunInfo& info) {
  asl::Object out;
  out.append_unique("runId", asl::Value(info.run_id));
  out.append_unique("target", asl::Value(info.target));
  // Seeds are full 64-bit; beyond int64 they are kept exactly as a big integer.
  out.append_unique("seed", info.seed <= static_cast<std::uint64_t>(INT64_MAX)
                                ? asl::Value(static_cast<std::int64_t>(info.seed))
                                : asl::Value::big_integer(std::to_string(info.seed)));
  out.append_unique("profile", asl::Value(info.profile));
  out.append_unique("shard", asl::Value(asl::Object{{"index", asl::Value(info.shard_index)},
                                                    {"count", asl::Value(info.shard_count)}}));
  out.append_unique("started", asl::Value(info.started));
  out.append_unique("finished", asl::Value(info.finished));
  asl::Object counts;
  for (const auto& [verdict, n] : info.counts) counts.append_unique(verdict, asl::Value(n));
  out.append_unique("counts", asl::Value(std::move(counts)));
  out.append_unique("arguments", strings_json(info.arguments));
  return asl::Value(std::move(out));
}

asl::Expected<RunInfo> read_run_info(const asl::Value& json) {
  if (!json.is_object()) return bad("/", "run.json must be a JSON object");
  RunInfo info;
  for (auto [key, into] : {std::pair<std::string_view, std::string*>{"runId", &info.run_id},
                           {"target", &info.target},
                           {"profile", &info.profile},
                           {"started", &info.started},
                           {"finished", &info.finished}}) {
    if (auto ok = read_string(json, key, *into); !ok) return ok.error();
  }
  if (const asl::Value* seed = json.get("seed"); seed != nullptr && !seed->is_null()) {
    if (seed->is_integer() && seed->as_int() >= 0) {
      info.seed = static_cast<std::uint64_t>(seed->as_int());
    } else if (seed->kind() == asl::Kind::big_integer) {
      const std::string& digits = seed->big_digits();
      std::uint64_t value = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec != std::errc() || end != digits.data() + digits.size()) {
        return bad("/seed", "\"seed\" must be an unsigned 64-bit integer");
      }
      info.seed = value;
    } else {
      return bad("/seed", "\"seed\" must be an unsigned 64-bit integer");
    }
  }
  if (const asl::Value* shard = json.get("shard"); shard != nullptr && !shard->is_null()) {
    if (!shard->is_object()) return bad("/shard", "\"shard\" must be {\"index\", \"count\"}");
    if (auto ok = read_int(*shard, "index", info.shard_index); !ok) return nested("/shard", ok.error());
    if (auto ok = read_int(*shard, "count", info.shard_count); !ok) return nested("/shard", ok.error());
    if (info.shard_count < 1 || info.shard_index < 0 || info.shard_index >= info.shard_count) {
      return bad("/shard", "shard index must be in [0, count) and count at least 1");
    }
  }
  if (const asl::Value* counts = json.get("counts"); counts != nullptr && !counts->is_null()) {
    if (!counts->is_object()) return bad("/counts", "\"counts\" must be an object of verdict: number");
    for (const asl::Member& m : counts->as_object()) {
      if (!m.value.is_integer() || m.value.as_int() < 0) {
        return bad("/counts/" + m.key, "a count must be a non-negative integer");
      }
      info.counts[m.key] = m.value.as_int();
    }
  }
  if (auto ok = read_strings(json, "arguments", info.arguments); !ok) return ok.error();
  return info;
}

}  // namespace aslcheck
