// documents.cpp — input documents with JSON's edge cases, and the definite paths into a concrete document.
#include "documents.h"

#include <cctype>

namespace aslgen::detail {
namespace {

const char* const kWords[] = {"alpha", "beta", "gamma", "order", "item", "keyboard", "monitor", "A-1042", "x", ""};
const char* const kPieces[] = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "'", "{", "}", "$", ".",
                               "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", ",", "*", "\x01"};

asl::Value edge_scalar(Rng& rng) {
  switch (rng.below(12)) {
    case 0: return asl::Value(-0.0);
    case 1: return asl::Value(1e21);
    case 2: return asl::Value::big_integer("123456789012345678901234567890");
    case 3: return asl::Value(std::int64_t{9007199254740993});
    case 4: return asl::Value(0.1);
    case 5: return asl::Value(std::int64_t{-9223372036854775807LL - 1});
    case 6: return asl::Value(1e-7);
    case 7: return asl::Value(std::string(rng.between(200, 2000), 'x'));
    case 8: return asl::Value(text_value(rng));
    case 9: return asl::Value(nullptr);
    case 10: return asl::Value(rng.coin());
    default: return asl::Value(static_cast<std::int64_t>(rng.between(-1000, 1000)));
  }
}

}  // namespace

std::string text_value(Rng& rng) {
  std::string s;
  int n = rng.below(8);
  for (int i = 0; i < n; ++i) s += rng.pick(kPieces);
  return s;
}

asl::Value edge_value(Rng& rng, int depth) {
  if (depth <= 0 || rng.below(3) != 0) return edge_scalar(rng);
  switch (rng.below(4)) {
    case 0: return asl::Value(asl::Array{});
    case 1: return asl::Value(asl::Object{});
    case 2: {  // deep nesting
      asl::Value v = edge_scalar(rng);
      int levels = rng.between(5, 30);
      for (int i = 0; i < levels; ++i) v = rng.coin() ? asl::Value(asl::Array{v}) : asl::Value(asl::Object{{"d", v}});
      return v;
    }
    default: {
      asl::Array items;
      int n = rng.below(4);
      for (int i = 0; i < n; ++i) items.push_back(edge_value(rng, depth - 1));
      return asl::Value(std::move(items));
    }
  }
}

asl::Value payload_value(Rng& rng) {
  asl::Object o;
  o.set("ok", asl::Value(rng.coin()));
  if (rng.coin()) o.set("id", asl::Value(static_cast<std::int64_t>(rng.between(1, 9999))));
  if (rng.coin()) o.set("message", asl::Value(rng.pick(kWords)));
  if (rng.below(4) == 0) o.set("data", edge_value(rng, 2));
  return asl::Value(std::move(o));
}

asl::Value item_array(Rng& rng, int max_items) {
  bool has_name = rng.coin(), has_flag = rng.coin();
  int n = rng.between(rng.below(5) == 0 ? 0 : 1, std::max(1, max_items));
  asl::Array items;
  for (int i = 0; i < n; ++i) {
    asl::Object item;
    item.set("id", asl::Value(static_cast<std::int64_t>(i + 1)));
    if (has_name) item.set("name", asl::Value(rng.pick(kWords)));
    item.set("price", rng.coin() ? asl::Value(static_cast<std::int64_t>(rng.between(0, 200)))
                                 : asl::Value(rng.between(0, 20000) / 100.0 + 0.5));
    if (has_flag) item.set("flag", asl::Value(rng.coin()));
    items.emplace_back(std::move(item));
  }
  return asl::Value(std::move(items));
}

asl::Value input_document(Rng& rng, int max_fields) {
  asl::Object d;
  // The typed fields the machine builder relies on are always there; the rest vary.
  d.set("n", asl::Value(static_cast<std::int64_t>(rng.between(-5, 100))));
  d.set("s", asl::Value(rng.coin() ? std::string(rng.pick(kWords)) : text_value(rng)));
  d.set("items", item_array(rng, 4));
  int extra = rng.below(std::max(1, max_fields - 2));
  for (int i = 0; i < extra; ++i) {
    switch (rng.below(9)) {
      case 0: d.set("count", asl::Value(static_cast<std::int64_t>(rng.between(0, 10)))); break;
      case 1: d.set("flag", asl::Value(rng.coin())); break;
      case 2: d.set("ratio", asl::Value(rng.between(-1000, 1000) / 8.0)); break;
      case 3: {
        asl::Array a;
        int n = rng.between(0, 5);
        for (int k = 0; k < n; ++k) a.emplace_back(static_cast<std::int64_t>(rng.between(0, 9)));
        d.set("numbers", asl::Value(std::move(a)));
        break;
      }
      case 4:
        d.set("customer", asl::Value(asl::Object{{"name", asl::Value(rng.pick(kWords))},
                                                 {"tier", asl::Value(static_cast<std::int64_t>(rng.between(1, 3)))},
                                                 {"address", asl::Value(asl::Object{{"city", asl::Value("Z\xc3\xbcrich")}})}}));
        break;
      case 5: {
        static const char* const kStamps[] = {"2026-01-01T00:00:03Z", "2025-12-31T23:59:59.999Z",
                                              "2026-01-01T01:00:02+01:00", "2026-01-01T00:00:00.5Z"};
        d.set("when", asl::Value(rng.pick(kStamps)));
        break;
      }
      case 6: d.set(rng.coin() ? "edge" : "weird key", edge_value(rng, 3)); break;
      case 7: d.set("text", asl::Value(text_value(rng))); break;
      default: d.set("empty", rng.coin() ? asl::Value(asl::Array{}) : asl::Value(asl::Object{})); break;
    }
  }
  return asl::Value(std::move(d));
}

bool plain_key(const std::string& key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

std::string member_path(const std::string& path, const std::string& key) {
  if (plain_key(key)) return path + "." + key;
  return path + "['" + key + "']";
}

namespace {

void collect(const asl::Value& v, const std::string& path, const std::string& brackets, int depth,
             std::vector<Node>& out) {
  out.push_back({path, v, brackets});
  if (depth <= 0) return;
  if (v.is_object()) {
    for (const asl::Member& m : v.as_object()) {
      // Keys with quotes or backslashes would need escaping inside brackets; leave them out.
      if (m.key.find_first_of("'\\\"") != std::string::npos || m.key.empty()) continue;
      collect(m.value, member_path(path, m.key), brackets + "['" + m.key + "']", depth - 1, out);
    }
  } else if (v.is_array()) {
    std::size_t n = std::min<std::size_t>(v.size(), 3);
    for (std::size_t i = 0; i < n; ++i) {
      std::string index = "[" + std::to_string(i) + "]";
      collect(*v.at(i), path + index, brackets + index, depth - 1, out);
    }
  }
}

}  // namespace

std::vector<Node> definite_nodes(const asl::Value& document, const std::string& root, int max_depth) {
  std::vector<Node> out;
  collect(document, root, root, max_depth, out);
  return out;
}

std::vector<const Node*> nodes_where(const std::vector<Node>& nodes, const std::function<bool(const asl::Value&)>& keep) {
  std::vector<const Node*> out;
  for (const Node& n : nodes) {
    if (keep(n.value)) out.push_back(&n);
  }
  return out;
}

bool is_int32(const asl::Value& v) {
  return v.is_integer() && v.as_int() >= -2147483648LL && v.as_int() <= 2147483647LL;
}

bool is_small_string(const asl::Value& v) { return v.is_string() && v.as_string().size() <= 1000; }

}  // namespace aslgen::detail
