// functions_collection.cpp — aggregation, boolean, array, object and higher-order built-ins ($sum... $map/$filter/$reduce, $sort, $keys, $merge, $error, $type, $clone).
#include <cmath>
#include <limits>

#include "jsonata/functions.h"

namespace asl::jsonata::detail {

namespace {

// hofFuncArgs: pass the index and the array only when the function takes them.
std::vector<Val> hof_args(const Val& func, const Val& value, const Val& index, const Val& whole) {
  std::vector<Val> a{value};
  int arity = function_arity(func);
  if (arity >= 2) a.push_back(index);
  if (arity >= 3) a.push_back(whole);
  return a;
}

// hof_args into a vector reused from item to item (the call may have moved from it).
std::vector<Val>& hof_args(std::vector<Val>& a, int arity, Val value, double index, const Val& whole) {
  a.clear();
  a.push_back(std::move(value));
  if (arity >= 2) a.push_back(num(index));
  if (arity >= 3) a.push_back(whole);
  return a;
}

Val fn_sum(Ctx&, std::vector<Val>& a) {
  const Val& arr = arg(a, 0);
  if (arr.undefined()) return Val();
  double total = 0;
  for (std::size_t i = 0; i < arr.size(); ++i) total += arr.at(i).num();
  return num(total);
}

Val fn_count(Ctx&, std::vector<Val>& a) {
  const Val& arr = arg(a, 0);
  if (arr.undefined()) return num(0);
  return num(static_cast<double>(arr.is_array() ? arr.size() : 1));
}

Val extreme(const Val& arr, bool max) {
  if (arr.undefined() || arr.size() == 0) return Val();
  double best = max ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    double d = arr.at(i).num();
    if (std::isnan(d)) return num(d);
    best = max ? std::max(best, d) : std::min(best, d);
  }
  return num(best);
}
Val fn_max(Ctx&, std::vector<Val>& a) { return extreme(arg(a, 0), true); }
Val fn_min(Ctx&, std::vector<Val>& a) { return extreme(arg(a, 0), false); }

Val fn_average(Ctx&, std::vector<Val>& a) {
  const Val& arr = arg(a, 0);
  if (arr.undefined() || arr.size() == 0) return Val();
  double total = 0;
  for (std::size_t i = 0; i < arr.size(); ++i) total += arr.at(i).num();
  return num(total / static_cast<double>(arr.size()));
}

Val fn_boolean(Ctx&, std::vector<Val>& a) {
  auto b = boolean_of(arg(a, 0));
  return b ? Val::boolean(*b) : Val();
}

Val fn_not(Ctx&, std::vector<Val>& a) {
  if (arg(a, 0).undefined()) return Val();
  return Val::boolean(!boolean_of(arg(a, 0)).value_or(false));
}

Val fn_exists(Ctx&, std::vector<Val>& a) { return Val::boolean(arg(a, 0).defined()); }

Val fn_map(Ctx& ctx, std::vector<Val>& a) {
  const Val& arr = arg(a, 0);
  const Val& func = arg(a, 1);
  if (arr.undefined()) return Val();
  auto result = make_sequence();
  const int arity = function_arity(func);
  std::vector<Val> args;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    Val res = ctx.call(func, hof_args(args, arity, arr.at(i), static_cast<double>(i), arr));
    if (res.defined()) result->items.push_back(std::move(res));
  }
  return Val(result);
}

Val fn_filter(Ctx& ctx, std::vector<Val>& a) {
  const Val& arr = arg(a, 0);
  const Val& func = arg(a, 1);
  if (arr.undefined()) return Val();
  auto result = make_sequence();
  const int arity = function_arity(func);
  std::vector<Val> args;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    Val entry = arr.at(i);
    Val res = ctx.call(func, hof_args(args, arity, entry, static_cast<double>(i), arr));
    if (boolean_of(res).value_or(false)) result->items.push_back(entry);
  }
  return Val(result);
}

Val fn_single(Ctx& ctx, std::vector<Val>& a) {
  const Val& arr = arg(a, 0);
  const Val& func = arg(a, 1);
  if (arr.undefined()) return Val();
  bool found = false;
  Val result;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    Val entry = arr.at(i);
    bool positive = true;
    if (func.defined()) positive = boolean_of(ctx.call(func, hof_args(func, entry, num(static_cast<double>(i)), arr))).value_or(false);
    if (positive) {
      if (found) throw Failure("D3138").with_index(static_cast<int>(i));
      result = entry;
      found = true;
    }
  }
  if (!found) throw Failure("D3139");
  return result;
}

Val fn_zip(Ctx&, std::vector<Val>& a) {
  auto result = std::make_shared<Arr>();
  if (a.empty()) return Val(result);
  std::size_t length = std::numeric_limits<std::size_t>::max();
  for (const auto& x : a) length = std::min(length, x.is_array() ? x.size() : 0);
  for (std::size_t i = 0; i < length; ++i) {
    auto tuple = std::make_shared<Arr>();
    for (const auto& x : a) tuple->items.push_back(x.at(i));
    result->items.push_back(Val(tuple));
  }
  return Val(result);
}

Val fn_reduce(Ctx& ctx, std::vector<Val>& a) {
  const Val& seq = arg(a, 0);
  const Val& func = arg(a, 1);
  const Val& init = arg(a, 2);
  if (seq.undefined()) return Val();
  int arity = function_arity(func);
  if (arity < 2) throw Failure("D3050").with_index(1);
  Val result;
  std::size_t index;
  if (init.undefined() && seq.size() > 0) {
    result = seq.at(0);
    index = 1;
  } else {
    result = init;
    index = 0;
  }
  std::vector<Val> args;
  while (index < seq.size()) {
    args.clear();
    args.push_back(std::move(result));
    args.push_back(seq.at(index));
    if (arity >= 3) args.push_back(num(static_cast<double>(index)));
    if (arity >= 4) args.push_back(seq);
    result = ctx.call(func, args);
    ++index;
  }
  return result;
}

void collect_keys(const Val& v, std::vector<std::string>& keys) {
  if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) collect_keys(v.at(i), keys);
  } else if (v.is_object()) {
    v.for_each_member([&](const std::string& k, const Val&) {
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    });
  }
}

Val fn_keys(Ctx&, std::vector<Val>& a) {
  std::vector<std::string> keys;
  collect_keys(arg(a, 0), keys);
  auto result = make_sequence();
  for (auto& k : keys) result->items.push_back(Val::string(k));
  return Val(result);
}

Val fn_lookup(Ctx&, std::vector<Val>& a) { return lookup_value(arg(a, 0), arg(a, 1).is_string() ? arg(a, 1).str() : "undefined"); }

Val fn_append(Ctx& ctx, std::vector<Val>& a) {
  ctx.charge(arg(a, 0).size() + arg(a, 1).size());
  return append_values(arg(a, 0), arg(a, 1));
}

Val spread(const Val& v) {
  if (v.is_array()) {
    Val result = Val(make_sequence());
    for (std::size_t i = 0; i < v.size(); ++i) result = append_values(result, spread(v.at(i)));
    return result;
  }
  if (v.is_object()) {
    auto result = make_sequence();
    v.for_each_member([&](const std::string& k, const Val& m) {
      auto o = make_object();
      o->set(k, m);
      result->items.push_back(Val(o));
    });
    return Val(result);
  }
  return v;
}
Val fn_spread(Ctx&, std::vector<Val>& a) { return spread(arg(a, 0)); }

Val fn_merge(Ctx&, std::vector<Val>& a) {
  const Val& arr = arg(a, 0);
  if (arr.undefined()) return Val();
  auto result = make_object();
  for (std::size_t i = 0; i < arr.size(); ++i) arr.at(i).for_each_member([&](const std::string& k, const Val& v) { result->set(k, v); });
  return Val(result);
}

Val fn_reverse(Ctx&, std::vector<Val>& a) {
  const Val& arr = arg(a, 0);
  if (arr.undefined()) return Val();
  if (arr.size() <= 1) return arr;
  auto result = std::make_shared<Arr>();
  for (std::size_t i = arr.size(); i-- > 0;) result->items.push_back(arr.at(i));
  return Val(result);
}

Val fn_each(Ctx& ctx, std::vector<Val>& a) {
  const Val& obj = arg(a, 0);
  const Val& func = arg(a, 1);
  auto result = make_sequence();
  obj.for_each_member([&](const std::string& k, const Val& v) {
    Val res = ctx.call(func, hof_args(func, v, Val::string(k), obj));
    if (res.defined()) result->items.push_back(std::move(res));
  });
  return Val(result);
}

Val fn_sift(Ctx& ctx, std::vector<Val>& a) {
  const Val& obj = arg(a, 0);
  const Val& func = arg(a, 1);
  auto result = make_object();
  obj.for_each_member([&](const std::string& k, const Val& v) {
    if (boolean_of(ctx.call(func, hof_args(func, v, Val::string(k), obj))).value_or(false)) result->set(k, v);
  });
  if (result->members.empty()) return Val();
  return Val(result);
}

Val fn_error(Ctx&, std::vector<Val>& a) {
  Failure f("D3137");
  f.message = arg(a, 0).is_string() && !arg(a, 0).str().empty() ? arg(a, 0).str() : "$error() function evaluated";
  throw f;
}

Val fn_assert(Ctx&, std::vector<Val>& a) {
  const Val& condition = arg(a, 0);
  if (!js_truthy(condition)) {
    Failure f("D3141");
    f.message = arg(a, 1).is_string() && !arg(a, 1).str().empty() ? arg(a, 1).str() : "$assert() statement failed";
    throw f;
  }
  return Val();
}

Val fn_type(Ctx&, std::vector<Val>& a) {
  const Val& v = arg(a, 0);
  if (v.undefined()) return Val();
  if (v.is_null()) return Val::string("null");
  if (numeric_value(v)) return Val::string("number");
  if (v.is_string()) return Val::string("string");
  if (v.is_bool()) return Val::string("boolean");
  if (v.is_array()) return Val::string("array");
  if (v.is_function()) return Val::string("function");
  if (v.is_number()) return Val::string("object");  // NaN, as typeof-based jsonata-js reports it
  return Val::string("object");
}

Val fn_sort(Ctx& ctx, std::vector<Val>& a) {
  const Val& arr = arg(a, 0);
  const Val& comparator = arg(a, 1);
  if (arr.undefined()) return Val();
  if (arr.size() <= 1) return arr;
  ctx.charge(arr.size());
  std::vector<Val> items;
  items.reserve(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) items.push_back(arr.at(i));
  if (comparator.undefined()) {
    bool numbers = true, strings = true;
    for (const auto& v : items) {
      numbers = numbers && numeric_value(v);
      strings = strings && v.is_string();
    }
    if (!numbers && !strings) throw Failure("D3070").with_index(1);
    sort_values(items, [&](const Val& x, const Val& y) {
      if (numbers) return x.num() > y.num();
      return x.str() > y.str();
    });
  } else {
    sort_values(items, [&](const Val& x, const Val& y) { return js_truthy(ctx.call(comparator, {x, y})); });
  }
  auto result = std::make_shared<Arr>();
  result->items = std::move(items);
  return Val(result);
}

Val fn_shuffle(Ctx& ctx, std::vector<Val>& a) {
  const Val& arr = arg(a, 0);
  if (arr.undefined()) return Val();
  if (arr.size() <= 1) return arr;
  std::vector<Val> result(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    auto j = static_cast<std::size_t>(std::floor(ctx.entropy().next_double() * static_cast<double>(i + 1)));
    if (i != j) result[i] = result[j];
    result[j] = arr.at(i);
  }
  auto out = std::make_shared<Arr>();
  out->items = std::move(result);
  return Val(out);
}

Val fn_distinct(Ctx& ctx, std::vector<Val>& a) {
  const Val& arr = arg(a, 0);
  if (arr.undefined()) return Val();
  if (!arr.is_array() || arr.size() <= 1) return arr;
  auto results = std::make_shared<Arr>();
  results->sequence = arr.is_sequence();
  for (std::size_t i = 0; i < arr.size(); ++i) {
    Val value = arr.at(i);
    ctx.charge(results->items.size() + 1);  // the comparisons below
    bool includes = false;
    for (const auto& r : results->items)
      if (deep_equal(value, r)) {
        includes = true;
        break;
      }
    if (!includes) results->items.push_back(value);
  }
  return Val(results);
}

Val fn_clone(Ctx&, std::vector<Val>& a) {
  if (arg(a, 0).undefined()) return Val();
  return deep_clone(arg(a, 0));
}

}  // namespace

void register_collection_functions(Registrar& r) {
  r.push_back({"sum", "<a<n>:n>", 1, fn_sum, nullptr, nullptr});
  r.push_back({"count", "<a:n>", 1, fn_count, nullptr, nullptr});
  r.push_back({"max", "<a<n>:n>", 1, fn_max, nullptr, nullptr});
  r.push_back({"min", "<a<n>:n>", 1, fn_min, nullptr, nullptr});
  r.push_back({"average", "<a<n>:n>", 1, fn_average, nullptr, nullptr});
  r.push_back({"boolean", "<x-:b>", 1, fn_boolean, nullptr, nullptr});
  r.push_back({"not", "<x-:b>", 1, fn_not, nullptr, nullptr});
  r.push_back({"map", "<af>", 2, fn_map, nullptr, nullptr});
  r.push_back({"zip", "<a+>", 0, fn_zip, nullptr, nullptr});
  r.push_back({"filter", "<af>", 2, fn_filter, nullptr, nullptr});
  r.push_back({"single", "<af?>", 2, fn_single, nullptr, nullptr});
  r.push_back({"reduce", "<afj?:j>", 3, fn_reduce, nullptr, nullptr});
  r.push_back({"sift", "<o-f?:o>", 2, fn_sift, nullptr, nullptr});
  r.push_back({"keys", "<x-:a<s>>", 1, fn_keys, nullptr, nullptr});
  r.push_back({"lookup", "<x-s:x>", 2, fn_lookup, nullptr, nullptr});
  r.push_back({"append", "<xx:a>", 2, fn_append, nullptr, nullptr});
  r.push_back({"exists", "<x:b>", 1, fn_exists, nullptr, nullptr});
  r.push_back({"spread", "<x-:a<o>>", 1, fn_spread, nullptr, nullptr});
  r.push_back({"merge", "<a<o>:o>", 1, fn_merge, nullptr, nullptr});
  r.push_back({"reverse", "<a:a>", 1, fn_reverse, nullptr, nullptr});
  r.push_back({"each", "<o-f:a>", 2, fn_each, nullptr, nullptr});
  r.push_back({"error", "<s?:x>", 1, fn_error, nullptr, nullptr});
  r.push_back({"assert", "<bs?:x>", 2, fn_assert, nullptr, nullptr});
  r.push_back({"type", "<x:s>", 1, fn_type, nullptr, nullptr});
  r.push_back({"sort", "<af?:a>", 2, fn_sort, nullptr, nullptr});
  r.push_back({"shuffle", "<a:a>", 1, fn_shuffle, nullptr, nullptr});
  r.push_back({"distinct", "<x:x>", 1, fn_distinct, nullptr, nullptr});
  r.push_back({"clone", "<(oa)-:o>", 1, fn_clone, nullptr, nullptr});
}

}  // namespace asl::jsonata::detail
