// diff.cpp — channel by channel comparison of a target's Result with the oracle's, and divergence signatures.
#include "aslcheck/diff.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "asl/json.h"
#include "asl/jsonpath.h"

namespace aslcheck {
namespace {

using asl::Result;
using asl::Status;
using asl::Value;

constexpr std::string_view kMasked = "<masked>";

bool failed_like(Status s) { return s == Status::failed || s == Status::timed_out || s == Status::aborted; }

Value opt_string(const std::optional<std::string>& s) { return s ? Value(*s) : Value(); }

std::string status_summary(const Result& r) {
  std::string out(asl::status_name(r.status));
  if (r.error) out += ":" + *r.error;
  return out;
}

// --- where two JSON values first differ -------------------------------------------------------

std::string short_json(const Value& v) {
  std::string text = asl::json::write(v);
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

// "at /items/2: 1 vs \"1\"", "at /b: missing on the target side", ... (empty when equal).
std::string first_difference(const Value& expected, const Value& actual, const std::string& at) {
  if (expected == actual) return {};
  if (expected.is_object() && actual.is_object()) {
    for (const asl::Member& m : expected.as_object()) {
      const Value* other = actual.get(m.key);
      std::string here = asl::pointer_child(at, m.key);
      if (other == nullptr) return "at " + here + ": missing on the target side";
      if (std::string d = first_difference(m.value, *other, here); !d.empty()) return d;
    }
    for (const asl::Member& m : actual.as_object()) {
      if (expected.get(m.key) == nullptr) return "at " + asl::pointer_child(at, m.key) + ": only on the target side";
    }
  }
  if (expected.is_array() && actual.is_array()) {
    if (expected.size() != actual.size()) {
      return "at " + (at.empty() ? "/" : at) + ": " + std::to_string(expected.size()) + " vs " +
             std::to_string(actual.size()) + " elements";
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (std::string d = first_difference(*expected.at(i), *actual.at(i), at + "/" + std::to_string(i)); !d.empty()) {
        return d;
      }
    }
  }
  return "at " + (at.empty() ? "/" : at) + ": " + short_json(expected) + " vs " + short_json(actual);
}

// --- masks ------------------------------------------------------------------------------------

// Replaces what `mask` selects by a placeholder. A reference path is written in place; "[*]" in
// the path stands for every index of the array before it.
Value apply_mask(Value document, std::string_view mask) {
  if (auto star = mask.find("[*]"); star != std::string_view::npos) {
    std::string prefix(mask.substr(0, star));
    auto array = asl::jsonpath::compile(prefix);
    if (!array) return document;
    auto items = asl::jsonpath::evaluate(*array, document);
    if (!items || !items->is_array()) return document;
    for (std::size_t i = 0; i < items->size(); ++i) {
      document = apply_mask(std::move(document), prefix + "[" + std::to_string(i) + "]" + std::string(mask.substr(star + 3)));
    }
    return document;
  }
  auto path = asl::jsonpath::compile(mask);
  if (!path || !path->is_reference()) return document;
  if (!asl::jsonpath::evaluate(*path, document)) return document;  // nothing there to mask
  auto written = asl::jsonpath::assign(*path, document, Value(kMasked));
  return written ? std::move(written).value() : document;
}

Value apply_masks(Value document, const std::vector<std::string>& masks) {
  for (const std::string& mask : masks) document = apply_mask(std::move(document), mask);
  return document;
}

// --- channels ---------------------------------------------------------------------------------

struct Sides {
  Value expected;
  Value actual;
};

Value prepared(const Value& v, const DiffOptions& options) { return options.normalise ? normalise_value(v) : v; }

Value objects_json(const Result& r) {
  asl::Object o;
  for (const auto& [uri, content] : r.written_objects) o.append_unique(uri, content);
  return Value(std::move(o));
}

// A cause as JSON when it is JSON text (so masks can reach inside), else as a string.
Value cause_json(const std::optional<std::string>& cause) {
  if (!cause) return Value();
  if (!cause->empty() && (cause->front() == '{' || cause->front() == '[')) {
    if (auto parsed = asl::json::read(*cause); parsed) return std::move(parsed).value();
  }
  return Value(*cause);
}

bool concurrent(const Value& definition) {
  const Value* states = definition.get("States");
  if (states == nullptr || !states->is_object()) return false;
  for (const asl::Member& m : states->as_object()) {
    const Value* type = m.value.get("Type");
    if (type != nullptr && type->is_string() && (type->as_string() == "Parallel" || type->as_string() == "Map")) {
      return true;
    }
  }
  return false;
}

Value strings_json(std::vector<std::string> items, bool as_multiset) {
  if (as_multiset) std::sort(items.begin(), items.end());
  asl::Array out;
  out.reserve(items.size());
  for (std::string& s : items) out.emplace_back(std::move(s));
  return Value(std::move(out));
}

Value history_types(const Result& r, bool as_multiset) {
  std::vector<std::string> types;
  if (r.history && r.history->is_array()) {
    for (const Value& event : r.history->as_array()) {
      const Value* type = event.get("type");
      types.push_back(type != nullptr && type->is_string() ? type->as_string() : "?");
    }
  }
  return strings_json(std::move(types), as_multiset);
}

Value diagnostic_codes(const Result& r) {
  std::vector<std::string> codes;
  for (const asl::Diagnostic& d : r.diagnostics) codes.push_back(d.code);
  return strings_json(std::move(codes), true);
}

Value retries_json(const std::vector<asl::RetryRecord>& retries, double scale) {
  asl::Array out;
  for (const asl::RetryRecord& r : retries) {
    out.emplace_back(asl::Object{{"state", Value(r.state)},
                                 {"attempt", Value(r.attempt)},
                                 {"delaySeconds", Value::number(r.delay_seconds / scale)}});
  }
  return Value(std::move(out));
}

// Every retrier of the state named `state`, anywhere in the definition.
void find_retriers(const Value& definition, std::string_view state, std::vector<const Value*>& out) {
  const Value* states = definition.get("States");
  if (states == nullptr || !states->is_object()) return;
  for (const asl::Member& m : states->as_object()) {
    if (m.key == state) {
      if (const Value* retry = m.value.get("Retry"); retry != nullptr && retry->is_array()) {
        for (const Value& r : retry->as_array()) out.push_back(&r);
      }
    }
    if (const Value* branches = m.value.get("Branches"); branches != nullptr && branches->is_array()) {
      for (const Value& b : branches->as_array()) find_retriers(b, state, out);
    }
    for (const char* key : {"ItemProcessor", "Iterator"}) {
      if (const Value* p = m.value.get(key); p != nullptr) find_retriers(*p, state, out);
    }
  }
}

double number_field(const Value& object, std::string_view key, double fallback) {
  const Value* v = object.get(key);
  return v != nullptr && v->is_number() ? v->as_double() : fallback;
}

// The largest delay a FULL-jitter retrier of this state may draw before retry `attempt`
// (1-based, counting all the state's retries: at least the retrier's own count), or nothing
// when none of its retriers jitters.
std::optional<double> jitter_bound(const asl::Case& c, std::string_view state, std::int64_t attempt) {
  std::vector<const Value*> retriers;
  find_retriers(c.definition, state, retriers);
  std::optional<double> bound;
  for (const Value* r : retriers) {
    const Value* jitter = r->get("JitterStrategy");
    if (jitter == nullptr || !jitter->is_string() || jitter->as_string() != "FULL") continue;
    double delay = number_field(*r, "IntervalSeconds", 1) *
                   std::pow(number_field(*r, "BackoffRate", 2), static_cast<double>(std::max<std::int64_t>(attempt, 1) - 1));
    if (const Value* max = r->get("MaxDelaySeconds"); max != nullptr && max->is_number()) {
      delay = std::min(delay, max->as_double());
    }
    bound = std::max(bound.value_or(0), delay);
  }
  return bound;
}

// Retry delays per state, in the order each state's retries happened; counts must agree, each
// delay must agree within the tolerance (FULL jitter: lie within its bounds).
std::string retries_difference(const asl::Case& c, const Result& oracle, const Result& target, double scale,
                               const DiffOptions& options) {
  std::map<std::string, std::vector<const asl::RetryRecord*>> expected;
  std::map<std::string, std::vector<const asl::RetryRecord*>> actual;
  for (const auto& r : oracle.retries) expected[r.state].push_back(&r);
  for (const auto& r : target.retries) actual[r.state].push_back(&r);
  for (const auto& [state, list] : expected) {
    auto other = actual.find(state);
    std::size_t n = other == actual.end() ? 0 : other->second.size();
    if (n != list.size()) {
      return "state '" + state + "': " + std::to_string(list.size()) + " vs " + std::to_string(n) + " retries";
    }
  }
  for (const auto& [state, list] : actual) {
    if (!expected.contains(state)) return "state '" + state + "': 0 vs " + std::to_string(list.size()) + " retries";
  }
  for (const auto& [state, list] : expected) {
    // Concurrent iterations retry the same state in any order: compare the sorted delays.
    std::vector<double> want, got;
    for (const auto* r : list) want.push_back(r->delay_seconds);
    for (const auto* r : actual[state]) got.push_back(r->delay_seconds / scale);
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    // The attempt numbers of the state's retries, for the jitter bounds (sorted alike).
    std::int64_t last_attempt = list.empty() ? 1 : list.back()->attempt;
    for (std::size_t i = 0; i < want.size(); ++i) {
      double slack = options.retry_tolerance_seconds + options.retry_tolerance_ratio * want[i];
      if (std::fabs(got[i] - want[i]) <= slack) continue;
      // A state with a FULL-jitter retrier: the delay may be any draw within its bounds (a record
      // does not say which retrier scheduled it, so the widest bound of the state's retries).
      if (auto bound = jitter_bound(c, state, last_attempt)) {
        double jitter_slack = options.retry_tolerance_seconds + options.retry_tolerance_ratio * *bound;
        if (got[i] >= -jitter_slack && got[i] <= *bound + jitter_slack) continue;
        return "state '" + state + "': delay " + asl::json::write(Value(got[i])) + " outside FULL jitter bounds [0, " +
               asl::json::write(Value(*bound)) + "] and not " + asl::json::write(Value(want[i]));
      }
      return "state '" + state + "': delay " + asl::json::write(Value(got[i])) + " vs " + asl::json::write(Value(want[i]));
    }
  }
  return {};
}

void add(std::vector<ChannelDiff>& out, Channel channel, Value expected, Value actual, std::string detail) {
  out.push_back(ChannelDiff{std::string(channel_name(channel)), std::move(expected), std::move(actual), std::move(detail)});
}

// The two sides of a value channel (output, cause, objects) as compared: normalised, masked.
Sides value_sides(Channel channel, const Result& oracle, const Result& target, const DiffOptions& options,
                  const std::vector<std::string>& masks) {
  Sides s;
  switch (channel) {
    case Channel::output:
      s.expected = oracle.output.value_or(Value());
      s.actual = target.output.value_or(Value());
      break;
    case Channel::cause:
      s.expected = cause_json(oracle.cause);
      s.actual = cause_json(target.cause);
      break;
    case Channel::objects:
      s.expected = objects_json(oracle);
      s.actual = objects_json(target);
      break;
    default: break;
  }
  if (!masks.empty()) {
    if (channel == Channel::objects) {
      for (Value* side : {&s.expected, &s.actual}) {
        asl::Object masked;
        for (const asl::Member& m : side->as_object()) masked.append_unique(m.key, apply_masks(m.value, masks));
        *side = Value(std::move(masked));
      }
    } else {
      s.expected = apply_masks(std::move(s.expected), masks);
      s.actual = apply_masks(std::move(s.actual), masks);
    }
  }
  s.expected = prepared(s.expected, options);
  s.actual = prepared(s.actual, options);
  return s;
}

bool compared(Channel channel, const Result& oracle, const Result& target) {
  switch (channel) {
    case Channel::output: return oracle.status == Status::succeeded;
    case Channel::error:
    case Channel::cause: return failed_like(oracle.status);
    case Channel::diagnostics: return oracle.status == Status::invalid_definition;
    case Channel::trace:
    case Channel::retries:
    case Channel::objects: return oracle.status != Status::invalid_definition;
    case Channel::history: return oracle.history.has_value() && target.history.has_value();
    case Channel::status: return true;
  }
  return false;
}

}  // namespace

std::vector<ChannelDiff> diff_results(const asl::Case& c, const Result& oracle, const Result& target,
                                      const Capabilities& capabilities, const DiffOptions& options) {
  std::vector<ChannelDiff> out;
  if (oracle.status != target.status) {
    add(out, Channel::status, Value(asl::status_name(oracle.status)), Value(asl::status_name(target.status)),
        status_summary(oracle) + " vs " + status_summary(target));
    return out;
  }
  const double scale = capabilities.time_scale > 0 ? capabilities.time_scale : 1;
  const bool as_multiset = concurrent(c.definition);
  for (Channel channel : kAllChannels) {
    if (channel == Channel::status || !capabilities.reports(channel) || !compared(channel, oracle, target)) continue;
    switch (channel) {
      case Channel::output:
      case Channel::cause:
      case Channel::objects: {
        if (channel == Channel::objects && oracle.written_objects.empty() && target.written_objects.empty()) break;
        if (channel == Channel::cause && oracle.cause == target.cause) break;
        Sides s = value_sides(channel, oracle, target, options, {});
        if (std::string d = first_difference(s.expected, s.actual, ""); !d.empty()) {
          Value expected = channel == Channel::cause ? opt_string(oracle.cause) : s.expected;
          Value actual = channel == Channel::cause ? opt_string(target.cause) : s.actual;
          add(out, channel, std::move(expected), std::move(actual), channel == Channel::cause ? std::string() : d);
        }
        break;
      }
      case Channel::error:
        if (oracle.error != target.error) add(out, channel, opt_string(oracle.error), opt_string(target.error), {});
        break;
      case Channel::trace: {
        Value expected = strings_json(oracle.trace, as_multiset);
        Value actual = strings_json(target.trace, as_multiset);
        if (expected != actual) {
          add(out, channel, strings_json(oracle.trace, false), strings_json(target.trace, false),
              (as_multiset ? "as multisets " : "") + first_difference(expected, actual, ""));
        }
        break;
      }
      case Channel::retries:
        if (std::string d = retries_difference(c, oracle, target, scale, options); !d.empty()) {
          add(out, channel, retries_json(oracle.retries, 1), retries_json(target.retries, scale), d);
        }
        break;
      case Channel::history: {
        Value expected = history_types(oracle, as_multiset);
        Value actual = history_types(target, as_multiset);
        if (expected != actual) add(out, channel, expected, actual, first_difference(expected, actual, ""));
        break;
      }
      case Channel::diagnostics: {
        Value expected = diagnostic_codes(oracle);
        Value actual = diagnostic_codes(target);
        if (expected != actual) add(out, channel, expected, actual, "diagnostic codes differ");
        break;
      }
      case Channel::status: break;
    }
  }
  return out;
}

bool still_differs(const asl::Case& c, const Result& oracle, const Result& target, const Capabilities& capabilities,
                   const DiffOptions& options, std::string_view channel, const std::vector<std::string>& masks) {
  auto parsed = parse_channel(channel);
  if (!parsed || (*parsed != Channel::output && *parsed != Channel::cause && *parsed != Channel::objects)) {
    // Masks mean nothing for the other channels: masking removes no difference.
    for (const ChannelDiff& d : diff_results(c, oracle, target, capabilities, options)) {
      if (d.channel == channel) return true;
    }
    return false;
  }
  Sides s = value_sides(*parsed, oracle, target, options, masks);
  return s.expected != s.actual;
}

std::string main_feature(const asl::Case& c) { return c.tags.empty() ? std::string("general") : c.tags.front(); }

std::string divergence_signature(const asl::Case& c, const std::vector<std::string>& channels, const Result& oracle,
                                 const Result& target) {
  std::string out;
  for (const std::string& ch : channels) out += (out.empty() ? "" : "+") + ch;
  out += "|" + main_feature(c) + "|" + status_summary(oracle) + " -> " + status_summary(target);
  return out;
}

std::string signature_slug(std::string_view signature) {
  std::string slug;
  for (char ch : signature) {
    bool keep = std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '.' || ch == '_';
    if (keep) slug.push_back(ch);
    else if (!slug.empty() && slug.back() != '-') slug.push_back('-');
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.size() > 80) slug.resize(80);
  std::uint64_t hash = 14695981039346656037ULL;
  for (unsigned char ch : signature) hash = (hash ^ ch) * 1099511628211ULL;
  static constexpr char kHex[] = "0123456789abcdef";
  slug.push_back('-');
  for (int i = 0; i < 8; ++i) slug.push_back(kHex[(hash >> (60 - 4 * i)) & 0xF]);
  return slug;
}

}  // namespace aslcheck
