// signature.cpp — function signatures (<s-nn?:s>): parsing, argument validation and fix-up as jsonata-js's signature.js, without building a RegExp per call.
#include <functional>

#include "jsonata/function.h"

namespace asl::jsonata::detail {

namespace {

std::size_t find_closing(std::string_view s, std::size_t start, char open, char close) {
  int depth = 1;
  std::size_t p = start;
  while (p < s.size()) {
    ++p;
    if (p >= s.size()) break;
    if (s[p] == close) {
      if (--depth == 0) break;
    } else if (s[p] == open) {
      ++depth;
    }
  }
  return p;
}

char symbol_of(const Val& v) {
  if (v.is_function()) return 'f';
  switch (v.tag()) {
    case Tag::undefined: return 'm';
    case Tag::array: return 'a';
    case Tag::object: return 'o';
    case Tag::function: return 'f';
    case Tag::json: break;
  }
  const auto& j = v.json();
  if (j.is_string()) return 's';
  if (j.is_number()) return 'n';
  if (j.is_bool()) return 'b';
  if (j.is_null()) return 'l';
  if (j.is_array()) return 'a';
  return 'o';
}

bool accepts(const SigParam& p, char c) { return p.symbols.find(c) != std::string::npos; }

// Matches symbols[pos..] against params[pi..] like the anchored RegExp jsonata-js builds
// (greedy quantifiers, backtracking); `spans` receives each parameter's matched length.
bool match_from(const std::vector<SigParam>& params, std::size_t pi, std::string_view symbols, std::size_t pos,
                std::vector<std::size_t>& spans, bool anchored, std::size_t& end) {
  if (pi == params.size()) {
    if (anchored && pos != symbols.size()) return false;
    end = pos;
    return true;
  }
  const SigParam& p = params[pi];
  bool optional = p.modifier == '?' || p.context;
  std::size_t max_take = 0;
  while (pos + max_take < symbols.size() && accepts(p, symbols[pos + max_take])) {
    ++max_take;
    if (p.modifier != '+') break;
  }
  std::size_t min_take = optional ? 0 : 1;
  for (std::size_t take = max_take + 1; take-- > min_take;) {
    spans[pi] = take;
    if (match_from(params, pi + 1, symbols, pos + take, spans, anchored, end)) return true;
    if (take == 0) break;
  }
  return false;
}

const char* plural(const std::string& subtype) {
  if (subtype == "a") return "arrays";
  if (subtype == "b") return "booleans";
  if (subtype == "f") return "functions";
  if (subtype == "n") return "numbers";
  if (subtype == "o") return "objects";
  if (subtype == "s") return "strings";
  return "";
}

}  // namespace

std::shared_ptr<const Signature> parse_signature(std::string_view signature, std::string& code, std::string& value,
                                                 std::size_t& offset) {
  auto sig = std::make_shared<Signature>();
  sig->definition = std::string(signature);
  SigParam param;
  SigParam* prev = nullptr;
  auto next = [&]() {
    sig->params.push_back(param);
    prev = &sig->params.back();
    param = SigParam();
  };
  std::size_t position = 1;
  while (position < signature.size()) {
    char symbol = signature[position];
    if (symbol == ':') break;
    switch (symbol) {
      case 's':
      case 'n':
      case 'b':
      case 'l':
      case 'o':
        param.symbols = std::string(1, symbol) + "m";
        param.type = symbol;
        next();
        break;
      case 'a':
        param.symbols = "asnblfom";
        param.type = 'a';
        param.array = true;
        next();
        break;
      case 'f':
        param.symbols = "f";
        param.type = 'f';
        next();
        break;
      case 'j':
        param.symbols = "asnblom";
        param.type = 'j';
        next();
        break;
      case 'x':
        param.symbols = "asnblfom";
        param.type = 'x';
        next();
        break;
      case '-':
        if (prev) {
          prev->context = true;
          prev->context_symbols = prev->symbols;
        }
        break;
      case '?':
      case '+':
        if (prev) prev->modifier = symbol;
        break;
      case '(': {
        std::size_t end = find_closing(signature, position, '(', ')');
        std::string choice(signature.substr(position + 1, end - position - 1));
        if (choice.find('<') != std::string::npos) {
          code = "S0402";
          value = choice;
          offset = position;
          return nullptr;
        }
        param.symbols = choice + "m";
        param.type = '(';
        position = end;
        next();
        break;
      }
      case '<': {
        if (prev && (prev->type == 'a' || prev->type == 'f')) {
          std::size_t end = find_closing(signature, position, '<', '>');
          prev->subtype = std::string(signature.substr(position + 1, end - position - 1));
          position = end;
        } else {
          code = "S0401";
          value = prev ? std::string(1, prev->type) : std::string();
          offset = position;
          return nullptr;
        }
        break;
      }
      default: break;
    }
    ++position;
  }
  return sig;
}

std::vector<Val> validate_arguments(const Signature& sig, std::vector<Val>& args, const Val& context) {
  std::string supplied;
  supplied.reserve(args.size());
  for (const auto& a : args) supplied.push_back(symbol_of(a));
  const auto& params = sig.params;
  std::vector<std::size_t> spans(params.size(), 0);
  std::size_t end = 0;
  if (!match_from(params, 0, supplied, 0, spans, true, end)) {
    // Find the first parameter whose prefix pattern stops matching, as throwValidationError does.
    std::size_t good_to = 0;
    for (std::size_t i = 0; i < params.size(); ++i) {
      std::vector<SigParam> prefix(params.begin(), params.begin() + static_cast<std::ptrdiff_t>(i) + 1);
      std::vector<std::size_t> prefix_spans(prefix.size(), 0);
      std::size_t matched = 0;
      if (!match_from(prefix, 0, supplied, 0, prefix_spans, false, matched)) break;
      good_to = matched;
      if (i + 1 == params.size()) break;
    }
    Failure f("T0410");
    f.value = good_to < args.size() ? args[good_to] : Val();
    f.index = static_cast<int>(good_to) + 1;
    throw f;
  }
  std::vector<Val> validated;
  validated.reserve(params.size());
  std::size_t arg_index = 0;
  for (std::size_t pi = 0; pi < params.size(); ++pi) {
    const SigParam& param = params[pi];
    std::size_t span = spans[pi];
    if (span == 0) {
      if (param.context) {
        char ctype = symbol_of(context);
        if (param.context_symbols.find(ctype) != std::string::npos) {
          validated.push_back(context);
        } else {
          Failure f("T0411");
          f.value = context;
          f.index = static_cast<int>(arg_index) + 1;
          throw f;
        }
      } else {
        validated.push_back(arg_index < args.size() ? args[arg_index] : Val());
        ++arg_index;
      }
      continue;
    }
    for (std::size_t k = 0; k < span; ++k) {
      char single = supplied[arg_index];
      Val arg = args[arg_index];
      if (param.type == 'a') {
        if (single == 'm') {
          arg = Val();
        } else {
          bool ok = true;
          if (!param.subtype.empty()) {
            if (single != 'a' && std::string(1, single) != param.subtype) {
              ok = false;
            } else if (single == 'a' && arg.size() > 0) {
              char item_type = symbol_of(arg.at(0));
              if (item_type != param.subtype[0]) {
                ok = false;
              } else {
                for (std::size_t i = 0; i < arg.size() && ok; ++i) ok = symbol_of(arg.at(i)) == item_type;
              }
            }
          }
          if (!ok) {
            Failure f("T0412");
            f.value = arg;
            f.index = static_cast<int>(arg_index) + 1;
            f.type = plural(param.subtype);
            throw f;
          }
          if (single != 'a') {
            auto wrapped = std::make_shared<Arr>();
            wrapped->items.push_back(arg);
            arg = Val(wrapped);
          }
        }
      }
      validated.push_back(arg);
      ++arg_index;
    }
  }
  return validated;
}

}  // namespace asl::jsonata::detail
