// functions_string.cpp — States.Format (with Java-style rendering of its arguments) and States.StringSplit.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "asl/json.h"
#include "intrinsics/call_node.h"

namespace asl::intrinsics::detail {

namespace {

// AWS renders Format arguments with Java's toString of the decoded value: strings without
// quotes, objects as a Map ("{Arg1=1, Arg2=[]}"), arrays as a List ("[1, x, null]") [LS].
void render_java(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Kind::string: out += value.as_string(); return;
    case Kind::object: {
      out.push_back('{');
      bool first = true;
      for (const Member& m : value.as_object()) {
        if (!first) out += ", ";
        first = false;
        out += m.key;
        out.push_back('=');
        render_java(out, m.value);
      }
      out.push_back('}');
      return;
    }
    case Kind::array: {
      out.push_back('[');
      bool first = true;
      for (const Value& item : value.as_array()) {
        if (!first) out += ", ";
        first = false;
        render_java(out, item);
      }
      out.push_back(']');
      return;
    }
    default: json::write_to(out, value); return;  // null, booleans, numbers (Double.toString for reals)
  }
}

std::string plural(std::size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

// Length in bytes of the UTF-8 sequence starting with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::vector<std::string> split_format_template(std::string_view text) {
  std::vector<std::string> pieces;
  std::size_t from = 0;
  for (std::size_t at = text.find("{}"); at != std::string_view::npos; at = text.find("{}", from)) {
    pieces.emplace_back(text.substr(from, at - from));
    from = at + 2;
  }
  pieces.emplace_back(text.substr(from));
  return pieces;
}

// States.Format(template, values...): each `{}` in the template replaced by the next value.
Expected<Value> eval_format(const CallNode& node, std::span<const Value> args, const Scope&) {
  std::vector<std::string> runtime_pieces;
  const std::vector<std::string>* pieces = nullptr;
  if (node.format_pieces) {
    pieces = &*node.format_pieces;
  } else {
    runtime_pieces = split_format_template(args[0].as_string());
    pieces = &runtime_pieces;
  }
  const std::size_t placeholders = pieces->size() - 1;
  const std::size_t values = args.size() - 1;
  if (placeholders != values) {
    // Wording UNCONFIRMED against AWS.
    return function_error(node, "the format string has " + plural(placeholders, "'{}' placeholder") + " but " +
                                    plural(values, "value") + " to format");
  }
  std::size_t expected = 16 * values;  // one allocation for the usual short values
  for (const std::string& piece : *pieces) expected += piece.size();
  std::string out;
  out.reserve(expected);
  out += (*pieces)[0];
  for (std::size_t i = 0; i < values; ++i) {
    render_java(out, args[i + 1]);
    out += (*pieces)[i + 1];
  }
  return Value(std::move(out));
}

// States.StringSplit(text, delimiters): every character of `delimiters` separates tokens and
// empty tokens are dropped (",,,," gives []) [LS] — Java's StringTokenizer behaviour.
Expected<Value> eval_string_split(const CallNode&, std::span<const Value> args, const Scope&) {
  const std::string& text = args[0].as_string();
  const std::string& delimiters = args[1].as_string();
  // A table for ASCII and a sorted list for longer characters keep the split linear however
  // many delimiters there are.
  std::array<bool, 128> ascii{};
  std::vector<std::string_view> wide;
  for (std::size_t i = 0; i < delimiters.size();) {
    const std::size_t n = std::min(sequence_length(static_cast<unsigned char>(delimiters[i])), delimiters.size() - i);
    const auto lead = static_cast<unsigned char>(delimiters[i]);
    if (n == 1 && lead < 128) ascii[lead] = true;
    else wide.push_back(std::string_view(delimiters).substr(i, n));
    i += n;
  }
  std::sort(wide.begin(), wide.end());
  auto is_delimiter = [&](std::string_view ch) {
    const auto lead = static_cast<unsigned char>(ch[0]);
    if (ch.size() == 1 && lead < 128) return ascii[lead];
    return std::binary_search(wide.begin(), wide.end(), ch);
  };
  Array tokens;
  std::size_t token_start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t n = std::min(sequence_length(static_cast<unsigned char>(text[i])), text.size() - i);
    if (is_delimiter(std::string_view(text).substr(i, n))) {
      if (i > token_start) tokens.emplace_back(std::string_view(text).substr(token_start, i - token_start));
      token_start = i + n;
    }
    i += n;
  }
  if (text.size() > token_start) tokens.emplace_back(std::string_view(text).substr(token_start));
  return Value(std::move(tokens));
}

}  // namespace asl::intrinsics::detail
