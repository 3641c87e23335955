// registry.cpp — the table of built-in functions, built and signature-checked once.
#include <memory>
#include <unordered_map>

#include "jsonata/functions.h"

namespace asl::jsonata::detail {

namespace {
struct Table {
  std::vector<Builtin> builtins;
  std::unordered_map<std::string_view, const Builtin*> by_name;
  Table() {
    register_string_functions(builtins);
    register_numeric_functions(builtins);
    register_collection_functions(builtins);
    register_datetime_functions(builtins);
    register_aws_functions(builtins);
    for (auto& b : builtins) {
      std::string code, value;
      std::size_t offset = 0;
      if (!b.signature_text.empty()) b.signature = parse_signature(b.signature_text, code, value, offset);
      auto fn = std::make_shared<Fn>();
      fn->kind = FnKind::native;
      fn->builtin = &b;
      fn->signature = b.signature.get();
      b.value = std::move(fn);
    }
    for (const auto& b : builtins) by_name.emplace(b.name, &b);
  }
};
}  // namespace

const Builtin* find_builtin(std::string_view name) {
  static const Table table;
  auto it = table.by_name.find(name);
  return it == table.by_name.end() ? nullptr : it->second;
}

bool js_truthy(const Val& v) {
  switch (v.tag()) {
    case Tag::undefined: return false;
    case Tag::json: {
      const auto& j = v.json();
      if (j.is_null()) return false;
      if (j.is_bool()) return j.as_bool();
      if (j.is_number()) {
        double d = j.as_double();
        return d != 0 && d == d;
      }
      if (j.is_string()) return !j.as_string().empty();
      return true;
    }
    default: return true;
  }
}

}  // namespace asl::jsonata::detail
