// expectations.cpp — reading, writing and matching corpus/expectations/<target>.json (known divergences per target).
#include "aslcheck/expectations.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>

#include "asl/json.h"
#include "asl/jsonpath.h"
#include "text.h"

namespace aslcheck {

namespace {

using reports_detail::concat;

constexpr std::pair<Expectation::SelectorKind, std::string_view> kSelectorKinds[] = {
    {Expectation::SelectorKind::id, "id"},
    {Expectation::SelectorKind::tag, "tag"},
    {Expectation::SelectorKind::feature, "feature"},
};

asl::Error bad(std::string pointer, std::string message) {
  return asl::Error{std::string(asl::errc::json_syntax), std::move(message), asl::Location::in(std::move(pointer))};
}

// A required or optional non-empty string member of an entry.
asl::Checked entry_string(const asl::Value& entry, std::string_view key, const std::string& at, bool required,
                          std::string& into) {
  const asl::Value* v = entry.get(key);
  if (v == nullptr) {
    if (required) return bad(at, concat("an expectation needs \"", key, "\""));
    return asl::checked_ok();
  }
  if (!v->is_string() || v->as_string().empty()) {
    return bad(concat(at, "/", key), concat("\"", key, "\" must be a non-empty string"));
  }
  into = v->as_string();
  return asl::checked_ok();
}

// entry := {"selector": {"id" | "tag" | "feature": string}, "channel": string,
//           "mask"?: JSONPath, "reason": string, "link"?: string}
asl::Expected<Expectation> read_entry(const asl::Value& json, const std::string& at) {
  if (!json.is_object()) return bad(at, "an expectation must be an object");
  for (const asl::Member& m : json.as_object()) {
    if (m.key != "selector" && m.key != "channel" && m.key != "mask" && m.key != "reason" && m.key != "link") {
      return bad(concat(at, "/", m.key), concat("unknown member \"", m.key, "\" (selector, channel, mask, reason, link)"));
    }
  }
  Expectation entry;
  const asl::Value* selector = json.get("selector");
  if (selector == nullptr) return bad(at, "an expectation needs a \"selector\"");
  if (!selector->is_object() || selector->size() != 1) {
    return bad(at + "/selector", "a selector is one of {\"id\": ...}, {\"tag\": ...}, {\"feature\": ...}");
  }
  const asl::Member& only = selector->as_object()[0];
  bool known_kind = false;
  for (const auto& [kind, name] : kSelectorKinds) {
    if (only.key == name) {
      entry.selector_kind = kind;
      known_kind = true;
    }
  }
  if (!known_kind) return bad(at + "/selector/" + only.key, "a selector is by \"id\", \"tag\" or \"feature\"");
  if (!only.value.is_string() || only.value.as_string().empty()) {
    return bad(at + "/selector/" + only.key, "the selector's value must be a non-empty string");
  }
  entry.selector = only.value.as_string();
  if (auto ok = entry_string(json, "channel", at, true, entry.channel); !ok) return ok.error();
  if (auto ok = entry_string(json, "reason", at, true, entry.reason); !ok) return ok.error();
  if (auto ok = entry_string(json, "link", at, false, entry.link); !ok) return ok.error();
  if (auto ok = entry_string(json, "mask", at, false, entry.mask); !ok) return ok.error();
  if (!entry.mask.empty()) {
    auto path = asl::jsonpath::compile(entry.mask);
    if (!path) return bad(at + "/mask", "the mask is not a JSONPath: " + asl::format_error(path.error()));
  }
  return entry;
}

std::string read_whole(std::ifstream& in) {
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string_view selector_kind_name(Expectation::SelectorKind kind) {
  for (const auto& [k, name] : kSelectorKinds) {
    if (k == kind) return name;
  }
  return "id";
}

// file := {"target": string, "expectations": [entry...], other members kept}
asl::Expected<ExpectationFile> read_expectations(const asl::Value& json) {
  if (!json.is_object()) return bad("/", "an expectations file must be a JSON object");
  ExpectationFile file;
  const asl::Value* target = json.get("target");
  if (target == nullptr || !target->is_string() || target->as_string().empty()) {
    return bad("/target", "an expectations file needs a non-empty string \"target\"");
  }
  file.target = target->as_string();
  const asl::Value* entries = json.get("expectations");
  if (entries != nullptr && !entries->is_array()) return bad("/expectations", "\"expectations\" must be a list");
  if (entries != nullptr) {
    for (std::size_t i = 0; i < entries->size(); ++i) {
      auto entry = read_entry(*entries->at(i), "/expectations/" + std::to_string(i));
      if (!entry) return entry.error();
      file.entries.push_back(std::move(*entry));
    }
  }
  for (const asl::Member& m : json.as_object()) {
    if (m.key != "target" && m.key != "expectations") file.extra.append_unique(m.key, m.value);
  }
  return file;
}

asl::Expected<ExpectationFile> read_expectations(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return asl::Error{std::string(asl::errc::io), path + ": cannot open the expectations file", {}};
  std::string text = read_whole(in);
  auto json = asl::json::read(text);
  if (!json) return asl::Error{json.error().name, asl::format_error(json.error(), path), {}};
  auto file = read_expectations(*json);
  if (!file) return asl::Error{file.error().name, asl::format_error(file.error(), path), {}};
  return file;
}

asl::Value to_json(const Expectation& entry) {
  asl::Object out;
  out.append_unique("selector",
                    asl::Value(asl::Object{{std::string(selector_kind_name(entry.selector_kind)), asl::Value(entry.selector)}}));
  out.append_unique("channel", asl::Value(entry.channel));
  if (!entry.mask.empty()) out.append_unique("mask", asl::Value(entry.mask));
  out.append_unique("reason", asl::Value(entry.reason));
  if (!entry.link.empty()) out.append_unique("link", asl::Value(entry.link));
  return asl::Value(std::move(out));
}

asl::Value to_json(const ExpectationFile& file) {
  asl::Object out;
  out.append_unique("target", asl::Value(file.target));
  for (const asl::Member& m : file.extra) out.append_unique(m.key, m.value);
  asl::Array entries;
  entries.reserve(file.entries.size());
  for (const Expectation& e : file.entries) entries.push_back(to_json(e));
  out.append_unique("expectations", asl::Value(std::move(entries)));
  return asl::Value(std::move(out));
}

std::string write_expectations(const ExpectationFile& file) {
  std::string out = "{\n  \"target\": ";
  asl::json::write_string(out, file.target);
  for (const asl::Member& m : file.extra) {
    out.append(",\n  ");
    asl::json::write_string(out, m.key);
    out.append(": ");
    asl::json::write_to(out, m.value);
  }
  out.append(",\n  \"expectations\": [");
  for (std::size_t i = 0; i < file.entries.size(); ++i) {
    out.append(i == 0 ? "\n    " : ",\n    ");
    asl::json::write_to(out, to_json(file.entries[i]));
  }
  out.append(file.entries.empty() ? "]\n}\n" : "\n  ]\n}\n");
  return out;
}

asl::Checked save_expectations(const ExpectationFile& file, const std::string& path) {
  return reports_detail::replace_file(path, write_expectations(file));
}

bool selects(const Expectation& entry, const CaseKey& key) {
  auto has_tag = [&](std::string_view tag) {
    if (key.tags == nullptr) return false;
    for (const std::string& t : *key.tags) {
      if (t == tag) return true;
    }
    return false;
  };
  switch (entry.selector_kind) {
    case Expectation::SelectorKind::id: return entry.selector == key.id;
    case Expectation::SelectorKind::tag: return has_tag(entry.selector);
    case Expectation::SelectorKind::feature: return entry.selector == key.feature || has_tag(entry.selector);
  }
  return false;
}

bool covers_channel(const Expectation& entry, std::string_view channel) {
  return entry.channel == "*" || entry.channel == channel;
}

Classification classify(const ExpectationFile& file, const CaseKey& key, const std::vector<std::string>& differing,
                        const MaskedDiffer& still_differs) {
  Classification out;
  std::vector<std::size_t> selecting;
  for (std::size_t i = 0; i < file.entries.size(); ++i) {
    if (selects(file.entries[i], key)) selecting.push_back(i);
  }
  std::vector<bool> used(file.entries.size(), false);
  for (const std::string& channel : differing) {
    bool covered = false;
    std::vector<std::string> masks;
    std::vector<std::size_t> masked_entries;
    for (std::size_t i : selecting) {
      const Expectation& e = file.entries[i];
      if (!covers_channel(e, channel)) continue;
      if (e.mask.empty()) {
        covered = true;
        used[i] = true;
      } else {
        masks.push_back(e.mask);
        masked_entries.push_back(i);
      }
    }
    if (!covered && !masks.empty() && still_differs && !still_differs(channel, masks)) {
      covered = true;
      for (std::size_t i : masked_entries) used[i] = true;
    }
    if (!covered) out.uncovered.push_back(channel);
  }
  auto join_reasons = [&](const std::vector<std::size_t>& entries) {
    std::vector<std::string_view> seen;  // one mention per distinct reason
    std::string reasons;
    for (std::size_t i : entries) {
      const std::string& r = file.entries[i].reason;
      if (std::find(seen.begin(), seen.end(), r) != seen.end()) continue;
      seen.push_back(r);
      if (!reasons.empty()) reasons.append("; ");
      reasons.append(r);
    }
    return reasons;
  };
  if (differing.empty()) {
    // Only an entry naming this very case says it must diverge; a tag or feature entry says the
    // cases it selects may diverge, so one of them matching is no news.
    for (std::size_t i : selecting) {
      if (file.entries[i].selector_kind == Expectation::SelectorKind::id) out.entries.push_back(i);
    }
    if (out.entries.empty()) return out;
    out.verdict = Verdict::xpass;
    out.reason = join_reasons(out.entries);
    return out;
  }
  if (!out.uncovered.empty()) {
    out.verdict = Verdict::diverge;
    return out;
  }
  out.verdict = Verdict::known;
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (used[i]) out.entries.push_back(i);
  }
  out.reason = join_reasons(out.entries);
  return out;
}

}  // namespace aslcheck
