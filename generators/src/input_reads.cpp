// input_reads.cpp — the paths a machine reads from its execution input, and what each reading field needs there.
#include "input_reads.h"

#include <cctype>
#include <optional>
#include <set>
#include <string_view>

namespace aslgen::detail {
namespace {

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

const std::string* string_at(const asl::Value& v, std::string_view key) {
  const asl::Value* s = v.get(key);
  return s != nullptr && s->is_string() ? &s->as_string() : nullptr;
}

std::vector<Step> joined(const std::vector<Step>& base, const std::vector<Step>& more) {
  std::vector<Step> out = base;
  out.insert(out.end(), more.begin(), more.end());
  return out;
}

// What intrinsic `function` needs as its `index`-th argument (asl-facts.md §3).
Need intrinsic_need(std::string_view function, int index) {
  if (function == "States.Format") return index == 0 ? Need::string : Need::any;  // nulls and objects render
  if (function == "States.StringToJson" || function == "States.Base64Encode" || function == "States.Base64Decode" ||
      function == "States.Hash" || function == "States.StringSplit") {
    return Need::string;
  }
  if (function == "States.ArrayLength" || function == "States.ArrayUnique") return Need::array;
  if (function == "States.ArrayPartition" || function == "States.ArrayGetItem") return index == 0 ? Need::array : Need::integer;
  if (function == "States.ArrayContains") return index == 0 ? Need::array : Need::any;
  if (function == "States.ArrayRange" || function == "States.MathRandom") return Need::integer;
  if (function == "States.MathAdd") return Need::number;
  if (function == "States.JsonMerge") return index < 2 ? Need::object : Need::boolean;
  return Need::any;  // States.Array, States.JsonToString
}

// What a Choice operator compares its Variable (and its ...Path operand) as.
Need choice_need(std::string_view op) {
  if (op.starts_with("String")) return Need::string;
  if (op.starts_with("Numeric")) return Need::number;
  if (op.starts_with("Boolean")) return Need::boolean;
  if (op.starts_with("Timestamp")) return Need::timestamp;
  return Need::any;  // IsNull, IsPresent, IsNumeric, ...
}

// What a JSONata field needs when its whole expression is one `$states.input` path.
std::optional<Need> jsonata_field_need(std::string_view field) {
  if (field == "Items") return Need::array;
  if (field == "Seconds" || field == "MaxConcurrency" || field == "ToleratedFailureCount") return Need::non_negative_integer;
  if (field == "TimeoutSeconds" || field == "HeartbeatSeconds") return Need::positive_integer;
  if (field == "Timestamp") return Need::timestamp;
  if (field == "ToleratedFailurePercentage") return Need::number;
  if (field == "Condition") return Need::boolean;
  return std::nullopt;
}

// How a read fails: a missing value always (except where noted), null and wrong types only
// where the field needs a particular type.
struct Failing {
  bool missing = true;
  bool null = false;
  bool wrong_type = false;
};
constexpr Failing kAnyValue{true, false, false};
constexpr Failing kTyped{true, true, true};

class Collector {
 public:
  explicit Collector(bool jsonata_machine) : jsonata_machine_(jsonata_machine) {}

  // The states of one machine along its main path from StartAt (each is given data holding
  // `root`'s members), then the side states its Choice rules and catchers lead to.
  void machine(const asl::Value& json, const std::vector<Step>& root, int order, bool certain) {
    const asl::Value* states = json.get("States");
    const std::string* start = string_at(json, "StartAt");
    if (states == nullptr || !states->is_object() || start == nullptr) return;
    struct Side {
      std::string name;
      int order;
    };
    std::vector<Side> sides;
    std::set<std::string> seen;
    std::string name = *start;
    while (!name.empty() && seen.insert(name).second) {
      const asl::Value* s = states->get(name);
      if (s == nullptr) break;
      state(*s, root, order, certain);
      name.clear();
      if (const std::string* next = string_at(*s, "Next")) name = *next;
      else if (const std::string* fallback = string_at(*s, "Default")) name = *fallback;
      side_exits(*s, [&](const std::string& target) { sides.push_back({target, order + 1}); });
      if (name.empty()) {  // a Choice without Default: its first rule names the successor
        const asl::Value* rules = s->get("Choices");
        const asl::Value* first = rules != nullptr && rules->is_array() && rules->size() > 0 ? rules->at(0) : nullptr;
        if (const std::string* next = first != nullptr ? string_at(*first, "Next") : nullptr) name = *next;
      }
      ++order;
    }
    for (const Side& side : sides) {
      const asl::Value* s = states->get(side.name);
      if (s != nullptr && seen.insert(side.name).second) state(*s, root, side.order, false);
    }
  }

  std::vector<InputRead> reads;

 private:
  bool jsonata(const asl::Value& s) const {
    if (const std::string* own = string_at(s, "QueryLanguage")) return *own == "JSONata";
    return jsonata_machine_;
  }

  // Choice rule targets and catchers' targets whose input still holds the state's input members.
  template <typename Visit>
  void side_exits(const asl::Value& s, Visit visit) {
    const bool ja = jsonata(s);
    if (const asl::Value* rules = s.get("Choices"); rules != nullptr && rules->is_array()) {
      const std::string* input_path = string_at(s, "InputPath");
      const std::string* output_path = string_at(s, "OutputPath");
      const bool keeps = (input_path == nullptr || *input_path == "$") && (output_path == nullptr || *output_path == "$") &&
                         s.get("Output") == nullptr;
      for (const asl::Value& rule : rules->as_array()) {
        const std::string* next = string_at(rule, "Next");
        if (next != nullptr && keeps && rule.get("Output") == nullptr) visit(*next);
      }
    }
    if (const asl::Value* catchers = s.get("Catch"); catchers != nullptr && catchers->is_array() && !ja) {
      for (const asl::Value& catcher : catchers->as_array()) {
        const asl::Value* result_path = catcher.get("ResultPath");
        // Absent or "$": the Error Output replaces the data.
        const bool keeps = result_path != nullptr &&
                           (result_path->is_null() || (result_path->is_string() && result_path->as_string().starts_with("$.")));
        const std::string* next = string_at(catcher, "Next");
        if (next != nullptr && keeps) visit(*next);
      }
    }
  }

  void add(const std::string& path, const std::vector<Step>& base, const char* field, Need need, Failing failing,
           bool certain) {
    std::vector<Step> steps;
    if (!reference_steps(path, steps) || steps.empty()) return;  // `$` alone: the whole input, never perturbed
    InputRead r;
    r.steps = joined(base, steps);
    r.field = field;
    r.need = need;
    r.fails_if_missing = failing.missing;
    r.fails_if_null = failing.null;
    r.fails_if_wrong_type = failing.wrong_type;
    r.order = order_;
    r.certain = certain;
    reads.push_back(std::move(r));
  }

  // A `...Path` field holding a reference path that must select a value of type `need`.
  void path_field(const asl::Value& object, std::string_view key, const std::vector<Step>& base, Need need) {
    if (const std::string* path = string_at(object, key)) add(*path, base, key.data(), need, kTyped, certain_);
  }

  // Every path argument of an intrinsic call (nested calls included), typed by its position.
  void call(std::string_view text, const std::vector<Step>& base) {
    struct Frame {
      std::string function;
      int argument = 0;
    };
    std::vector<Frame> frames;
    std::size_t i = 0;
    while (i < text.size()) {
      const char c = text[i];
      if (c == '\'') {  // a literal, with backslash escapes
        for (++i; i < text.size() && text[i] != '\''; ++i) {
          if (text[i] == '\\') ++i;
        }
        ++i;
      } else if (text.compare(i, 7, "States.") == 0) {
        std::size_t open = text.find('(', i);
        if (open == std::string_view::npos) return;
        frames.push_back({std::string(text.substr(i, open - i)), 0});
        i = open + 1;
      } else if (c == ',') {
        if (!frames.empty()) ++frames.back().argument;
        ++i;
      } else if (c == ')') {
        if (!frames.empty()) frames.pop_back();
        ++i;
      } else if (c == '$') {
        std::size_t end = i;
        int depth = 0;
        while (end < text.size() && (depth > 0 || (text[end] != ',' && text[end] != ')' && text[end] != ' '))) {
          if (text[end] == '[') ++depth;
          if (text[end] == ']') --depth;
          if (text[end] == '\'') end = text.find('\'', end + 1);
          if (end == std::string_view::npos) return;
          ++end;
        }
        if (!frames.empty()) {
          const Need need = intrinsic_need(frames.back().function, frames.back().argument);
          add(std::string(text.substr(i, end - i)), base, "intrinsic", need, need == Need::any ? kAnyValue : kTyped, certain_);
        }
        i = end;
      } else {
        ++i;
      }
    }
  }

  // A payload template (Parameters, ItemSelector, Assign, ...): its `.$` paths and calls.
  void payload(const asl::Value& v, const std::vector<Step>& base, const char* field) {
    if (v.is_array()) {
      for (const asl::Value& item : v.as_array()) payload(item, base, field);
      return;
    }
    if (!v.is_object()) return;
    for (const asl::Member& m : v.as_object()) {
      if (m.key.ends_with(".$") && m.value.is_string()) {
        const std::string& text = m.value.as_string();
        if (text.starts_with("States.")) call(text, base);
        else add(text, base, field, Need::any, kAnyValue, certain_);
      } else {
        payload(m.value, base, field);
      }
    }
  }

  // A Choice rule: its Variable and ...Path operand. Only the first comparison of the first rule
  // always runs; rules after it and And/Or children after the first may be skipped.
  void rule(const asl::Value& r, const std::vector<Step>& base, bool certain) {
    if (!r.is_object()) return;
    for (const char* combinator : {"And", "Or"}) {
      if (const asl::Value* children = r.get(combinator); children != nullptr && children->is_array()) {
        for (std::size_t i = 0; i < children->size(); ++i) rule(*children->at(i), base, certain && i == 0);
      }
    }
    if (const asl::Value* negated = r.get("Not")) rule(*negated, base, certain);
    const std::string* variable = string_at(r, "Variable");
    if (variable == nullptr) return;
    for (const asl::Member& m : r.as_object()) {
      static const std::string_view kNotOperators[] = {"Variable", "Next", "Assign", "Output", "Comment"};
      bool op = true;
      for (std::string_view k : kNotOperators) op = op && m.key != k;
      if (!op) continue;
      const bool path_operand = m.key.ends_with("Path");
      const Need need = choice_need(m.key);
      // A type mismatch makes the comparison false, never an error; a missing Variable fails
      // every operator but IsPresent (asl-facts.md §2, §4).
      add(*variable, base, "Choice", need, Failing{m.key != "IsPresent", false, false}, certain);
      if (path_operand && m.value.is_string()) add(m.value.as_string(), base, "Choice", need, kAnyValue, certain);
      break;
    }
  }

  void state(const asl::Value& s, const std::vector<Step>& root, int order, bool certain) {
    const std::string* type = string_at(s, "Type");
    if (type == nullptr) return;
    const int saved_order = order_;
    const bool saved_certain = certain_;
    order_ = order;
    certain_ = certain;
    if (jsonata(s)) {
      jsonata_state(s, *type, root);
    } else {
      jsonpath_state(s, *type, root);
    }
    order_ = saved_order;
    certain_ = saved_certain;
  }

  void jsonpath_state(const asl::Value& s, const std::string& type, const std::vector<Step>& root) {
    if (type == "Fail") {
      for (const char* field : {"ErrorPath", "CausePath"}) {
        const std::string* text = string_at(s, field);
        if (text == nullptr) continue;
        if (text->starts_with("States.")) call(*text, root);
        else add(*text, root, field, Need::string, kTyped, certain_);
      }
      return;
    }
    // InputPath narrows what the state's other fields read.
    std::optional<std::vector<Step>> effective = root;
    bool narrowed = false;
    if (const asl::Value* input_path = s.get("InputPath")) {
      std::vector<Step> steps;
      if (input_path->is_string() && reference_steps(input_path->as_string(), steps)) {
        narrowed = !steps.empty();
        effective = joined(root, steps);
      } else {
        effective.reset();  // null ({}) or an indefinite path: nothing below it is the input's
      }
    }
    const std::size_t first = reads.size();
    if (effective) {
      const std::vector<Step>& e = *effective;
      if (const asl::Value* p = s.get("Parameters")) payload(*p, e, "Parameters");
      if (type == "Map") map_reads(s, e);
      if (type == "Task" && !narrowed) {
        path_field(s, "TimeoutSecondsPath", e, Need::positive_integer);
        path_field(s, "HeartbeatSecondsPath", e, Need::positive_integer);
      }
      if (type == "Wait") {
        path_field(s, "SecondsPath", e, Need::non_negative_integer);
        path_field(s, "TimestampPath", e, Need::timestamp);
      }
      if (type == "Choice") {
        if (const asl::Value* rules = s.get("Choices"); rules != nullptr && rules->is_array()) {
          for (std::size_t i = 0; i < rules->size(); ++i) rule(*rules->at(i), e, certain_ && i == 0);
        }
      }
      // Assign reads the effective input in Choice and Wait, and a Pass's result, which is its
      // effective input when it has neither Result nor Parameters.
      const bool assign_sees_input =
          type == "Choice" || type == "Wait" || (type == "Pass" && s.get("Result") == nullptr && s.get("Parameters") == nullptr);
      if (const asl::Value* assign = s.get("Assign"); assign != nullptr && assign_sees_input) payload(*assign, e, "Assign");
      if (type == "Parallel" && s.get("Parameters") == nullptr) {
        if (const asl::Value* branches = s.get("Branches"); branches != nullptr && branches->is_array()) {
          for (const asl::Value& branch : branches->as_array()) machine(branch, e, order_, certain_);
        }
      }
    }
    if (narrowed) {
      InputRead r;
      r.steps = *effective;
      r.field = "InputPath";
      r.need = Need::object;
      // A null or a scalar fails only the paths read below it.
      r.fails_if_null = r.fails_if_wrong_type = reads.size() > first;
      r.order = order_;
      r.certain = certain_;
      reads.insert(reads.begin() + static_cast<std::ptrdiff_t>(first), std::move(r));
    }
    output_path(s, type, root, effective);
  }

  void map_reads(const asl::Value& s, const std::vector<Step>& e) {
    path_field(s, "ItemsPath", e, Need::array);
    if (const asl::Value* selector = s.get("ItemSelector")) payload(*selector, e, "ItemSelector");
    path_field(s, "MaxConcurrencyPath", e, Need::non_negative_integer);
    path_field(s, "ToleratedFailureCountPath", e, Need::non_negative_integer);
    path_field(s, "ToleratedFailurePercentagePath", e, Need::number);
    if (const asl::Value* reader = s.get("ItemReader"); reader != nullptr && reader->is_object()) {
      if (const asl::Value* p = reader->get("Parameters")) payload(*p, e, "ItemReader");
      if (const asl::Value* config = reader->get("ReaderConfig"); config != nullptr && config->is_object()) {
        path_field(*config, "MaxItemsPath", e, Need::non_negative_integer);
      }
    }
    if (const asl::Value* batcher = s.get("ItemBatcher"); batcher != nullptr && batcher->is_object()) {
      path_field(*batcher, "MaxItemsPerBatchPath", e, Need::positive_integer);
      path_field(*batcher, "MaxInputBytesPerBatchPath", e, Need::positive_integer);
      if (const asl::Value* input = batcher->get("BatchInput")) payload(*input, e, "ItemBatcher");
    }
    if (const asl::Value* writer = s.get("ResultWriter"); writer != nullptr && writer->is_object()) {
      if (const asl::Value* p = writer->get("Parameters")) payload(*p, e, "ResultWriter");
    }
  }

  // OutputPath reads the state's output; it holds the input's members where ResultPath adds the
  // result beside them (null or "$.x", applied to the raw input) or where the output is the
  // effective input (Wait, Choice, Succeed, a Pass without Result, Parameters or ResultPath).
  void output_path(const asl::Value& s, const std::string& type, const std::vector<Step>& root,
                   const std::optional<std::vector<Step>>& effective) {
    const std::string* path = string_at(s, "OutputPath");
    if (path == nullptr || *path == "$") return;
    const asl::Value* result_path = s.get("ResultPath");
    const bool beside = result_path != nullptr &&
                        (result_path->is_null() || (result_path->is_string() && result_path->as_string().starts_with("$.")));
    if (beside) {
      add(*path, root, "OutputPath", Need::any, kAnyValue, certain_);
    } else if (effective && (type == "Wait" || type == "Choice" || type == "Succeed" ||
                             (type == "Pass" && result_path == nullptr && s.get("Result") == nullptr &&
                              s.get("Parameters") == nullptr))) {
      add(*path, *effective, "OutputPath", Need::any, kAnyValue, certain_);
    }
  }

  // A JSONata state reads `$states.input` (its raw input: JSONata has no InputPath).
  void jsonata_state(const asl::Value& s, const std::string& type, const std::vector<Step>& root) {
    for (const asl::Member& m : s.as_object()) {
      if (m.key == "Branches" || m.key == "ItemProcessor" || m.key == "Catch" || m.key == "Retry") continue;
      if (m.key == "Choices" && m.value.is_array()) {
        for (std::size_t i = 0; i < m.value.size(); ++i) {
          const asl::Value& r = *m.value.at(i);
          if (const asl::Value* condition = r.get("Condition")) expressions(*condition, root, "Condition", certain_ && i == 0);
        }
        continue;
      }
      expressions(m.value, root, m.key, certain_);
    }
    if (type == "Parallel") {
      const std::string* arguments = string_at(s, "Arguments");
      const bool whole_input = s.get("Arguments") == nullptr || (arguments != nullptr && *arguments == "{% $states.input %}");
      const asl::Value* branches = s.get("Branches");
      if (whole_input && branches != nullptr && branches->is_array()) {
        for (const asl::Value& branch : branches->as_array()) machine(branch, root, order_, certain_);
      }
    }
  }

  // Every `$states.input.a.b[0]` in the expressions of a JSONata field.
  void expressions(const asl::Value& v, const std::vector<Step>& root, const std::string& field, bool certain) {
    if (v.is_array() || v.is_object()) {
      if (v.is_array()) {
        for (const asl::Value& item : v.as_array()) expressions(item, root, field, certain);
      } else {
        for (const asl::Member& m : v.as_object()) expressions(m.value, root, field, certain);
      }
      return;
    }
    if (!v.is_string()) return;
    std::string_view text = v.as_string();
    if (!text.starts_with("{%") || !text.ends_with("%}") || text.size() < 4) return;
    std::string_view body = text.substr(2, text.size() - 4);
    while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
    while (!body.empty() && body.back() == ' ') body.remove_suffix(1);
    static constexpr std::string_view kInput = "$states.input";
    for (std::size_t at = body.find(kInput); at != std::string_view::npos; at = body.find(kInput, at + 1)) {
      std::size_t i = at + kInput.size();
      std::vector<Step> steps;
      while (i < body.size()) {
        if (body[i] == '.' && i + 1 < body.size() && body[i + 1] == '`') {
          std::size_t end = body.find('`', i + 2);
          if (end == std::string_view::npos) break;
          steps.emplace_back(std::string(body.substr(i + 2, end - i - 2)));
          i = end + 1;
        } else if (body[i] == '.' && i + 1 < body.size() && identifier_char(body[i + 1])) {
          std::size_t start = ++i;
          while (i < body.size() && identifier_char(body[i])) ++i;
          steps.emplace_back(std::string(body.substr(start, i - start)));
        } else if (body[i] == '[' && i + 1 < body.size() && std::isdigit(static_cast<unsigned char>(body[i + 1]))) {
          std::size_t start = ++i;
          while (i < body.size() && std::isdigit(static_cast<unsigned char>(body[i]))) ++i;
          if (i >= body.size() || body[i] != ']') break;
          steps.emplace_back(static_cast<std::size_t>(std::stoull(std::string(body.substr(start, i - start)))));
          ++i;
        } else {
          break;
        }
      }
      if (steps.empty() || (i < body.size() && (identifier_char(body[i]) || body[i] == '`'))) continue;
      InputRead r;
      r.steps = joined(root, steps);
      r.field = "jsonata";
      // The whole expression one path, in a field that needs a type: undefined, null and wrong
      // types all fail with States.QueryEvaluationError. Elsewhere it depends on the expression.
      const std::optional<Need> need = at == 0 && i == body.size() ? jsonata_field_need(field) : std::nullopt;
      r.need = need.value_or(Need::any);
      r.fails_if_missing = r.fails_if_null = r.fails_if_wrong_type = need.has_value();
      r.order = order_;
      r.certain = certain;
      reads.push_back(std::move(r));
    }
  }

  bool jsonata_machine_;
  int order_ = 0;
  bool certain_ = true;
};

}  // namespace

bool reference_steps(std::string_view path, std::vector<Step>& out) {
  out.clear();
  if (path.empty() || path[0] != '$') return false;
  std::size_t i = 1;
  while (i < path.size()) {
    if (path[i] == '.') {
      const std::size_t start = ++i;
      while (i < path.size() && identifier_char(path[i])) ++i;
      if (i == start) return false;  // "$..x", "$.*"
      out.emplace_back(std::string(path.substr(start, i - start)));
    } else if (path[i] == '[' && i + 1 < path.size() && (path[i + 1] == '\'' || path[i + 1] == '"')) {
      const char quote = path[i + 1];
      const std::size_t end = path.find(quote, i + 2);
      if (end == std::string_view::npos || end + 1 >= path.size() || path[end + 1] != ']') return false;
      out.emplace_back(std::string(path.substr(i + 2, end - i - 2)));
      i = end + 2;
    } else if (path[i] == '[') {
      const std::size_t start = ++i;
      while (i < path.size() && std::isdigit(static_cast<unsigned char>(path[i]))) ++i;
      if (i == start || i >= path.size() || path[i] != ']' || i - start > 9) return false;
      out.emplace_back(static_cast<std::size_t>(std::stoull(std::string(path.substr(start, i - start)))));
      ++i;
    } else {
      return false;  // "$$...", "$name", filters, ...
    }
  }
  return true;
}

std::vector<InputRead> input_reads(const asl::Value& definition) {
  const std::string* language = string_at(definition, "QueryLanguage");
  Collector collector(language != nullptr && *language == "JSONata");
  collector.machine(definition, {}, 0, true);
  return std::move(collector.reads);
}

}  // namespace aslgen::detail
