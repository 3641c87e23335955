// functions.cpp — Jayway 2.10's path functions: length/size, keys, sum, avg, min, max, stddev, concat, append, first, last, index.
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "jsonpath/eval.h"
#include "jsonpath/java.h"

namespace asl::jsonpath::detail {

namespace {

enum class Function : std::uint8_t { length, keys, sum, avg, min, max, stddev, concat, append, first, last, index };

bool lookup(const std::string& name, Function& out) {
  static constexpr std::pair<std::string_view, Function> kFunctions[] = {
      {"length", Function::length}, {"size", Function::length}, {"keys", Function::keys},
      {"sum", Function::sum},       {"avg", Function::avg},      {"min", Function::min},
      {"max", Function::max},       {"stddev", Function::stddev}, {"concat", Function::concat},
      {"append", Function::append}, {"first", Function::first},  {"last", Function::last},
      {"index", Function::index},
  };
  for (const auto& [key, value] : kFunctions) {
    if (name == key) {
      out = value;
      return true;
    }
  }
  return false;
}

// Parameter.toList(Number.class, ...): numbers among the arguments, arrays contributing theirs.
void collect_numbers(const Value& v, std::vector<double>& out) {
  if (v.is_array()) {
    for (const Value& item : v.as_array()) {
      if (item.is_number()) out.push_back(item.as_double());
    }
  } else if (v.is_number()) {
    out.push_back(v.as_double());
  }
}

// Number.intValue() of a json-smart number.
std::int32_t int_value(const Value& v) {
  if (v.kind() == Kind::integer) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v.as_int()));
  if (v.kind() == Kind::big_integer) return Decimal::of(v).int_value();
  double d = v.as_double();
  if (std::isnan(d)) return 0;
  if (d >= 2147483647.0) return 2147483647;
  if (d <= -2147483648.0) return -2147483647 - 1;
  return static_cast<std::int32_t>(d);
}

}  // namespace

bool invoke_function(const Step& step, const Value& model, const Value& root, RunOptions options, Value& out,
                     Failure& failure) {
  Function fn;
  if (!lookup(step.function, fn)) {
    // Jayway looks functions up only when the path runs.
    return failure.set(Fault::invalid_path, "Function with name: " + step.function + " does not exist.");
  }
  // Arguments are evaluated first, path arguments against the root document.
  std::vector<Value> args;
  args.reserve(step.args.size());
  for (const FunctionArg& arg : step.args) {
    if (arg.is_path) {
      Value v;
      if (!run_value(*arg.path, root, root, options, v, failure)) return false;
      args.push_back(std::move(v));
    } else if (arg.json_ok) {
      args.push_back(arg.json);
    } else {
      return failure.set(Fault::other, "com.jayway.jsonpath.InvalidJsonException: " + arg.json_text);
    }
  }

  switch (fn) {
    case Function::length: {
      if (!step.args.empty()) {
        const FunctionArg& first = step.args.front();
        if (!first.is_path) return failure.set(Fault::other, "java.lang.NullPointerException");
        const Program& counted = first.widened ? *first.widened : *first.path;
        Value inner;
        if (!run_value(counted, model, model, options, inner, failure)) return false;
        if (inner.is_array()) {
          out = Value(static_cast<std::int64_t>(inner.size()));
          return true;
        }
      }
      out = model.is_container() ? Value(static_cast<std::int64_t>(model.size())) : Value();
      return true;
    }
    case Function::keys: {
      if (!model.is_object()) {
        out = Value();
        return true;
      }
      Array keys;
      keys.reserve(model.size());
      for (const Member& m : model.as_object()) keys.emplace_back(m.key);
      out = Value(std::move(keys));
      return true;
    }
    case Function::sum:
    case Function::avg:
    case Function::min:
    case Function::max:
    case Function::stddev: {
      std::vector<double> numbers;
      if (model.is_array()) collect_numbers(model, numbers);
      for (const Value& a : args) collect_numbers(a, numbers);
      if (numbers.empty()) {
        return failure.set(Fault::other, "Aggregation function attempted to calculate value using empty array");
      }
      double sum = 0;
      double sum_sq = 0;
      double lo = DBL_MAX;
      double hi = -DBL_MAX;
      for (double d : numbers) {
        sum += d;
        sum_sq += d * d;
        if (lo > d) lo = d;
        if (hi < d) hi = d;
      }
      auto count = static_cast<double>(numbers.size());
      double result = fn == Function::sum   ? sum
                      : fn == Function::avg ? sum / count
                      : fn == Function::min ? lo
                      : fn == Function::max ? hi
                                            : std::sqrt(sum_sq / count - sum * sum / count / count);
      out = Value(result);  // Jayway answers a Double, so 10 sums to 10.0
      return true;
    }
    case Function::concat: {
      std::string text;
      if (model.is_array()) {
        for (const Value& item : model.as_array()) {
          if (item.is_string()) text += item.as_string();
        }
      }
      for (const Value& a : args) {
        if (!a.is_null()) append_java_string(text, a);
      }
      out = Value(std::move(text));
      return true;
    }
    case Function::append: {
      if (!model.is_array()) {
        out = model;
        return true;
      }
      Array items = model.as_array();
      for (const Value& a : args) items.push_back(a);
      out = Value(std::move(items));
      return true;
    }
    case Function::first:
    case Function::last:
    case Function::index: {
      if (!model.is_array()) {
        return failure.set(Fault::other, "Aggregation function attempted to calculate value using empty array");
      }
      auto size = static_cast<std::int64_t>(model.size());
      std::int64_t target = 0;
      if (fn == Function::last) {
        target = -1;
      } else if (fn == Function::index) {
        const Value* number = nullptr;
        for (const Value& a : args) {
          if (a.is_array()) {
            for (const Value& item : a.as_array()) {
              if (item.is_number() && number == nullptr) number = &item;
            }
          } else if (a.is_number() && number == nullptr) {
            number = &a;
          }
        }
        if (number == nullptr) return failure.set(Fault::other, "Index 0 out of bounds for length 0");
        target = int_value(*number);
      }
      if (target >= 0) {
        if (target >= size) {
          return failure.set(Fault::other,
                             "Index " + std::to_string(target) + " out of bounds for length " + std::to_string(size));
        }
        out = *model.at(static_cast<std::size_t>(target));
        return true;
      }
      std::int64_t real = size + target;
      // Jayway's test is `> 0`, so last() of a one-element array fails.
      if (real > 0) {
        out = *model.at(static_cast<std::size_t>(real));
        return true;
      }
      return failure.set(Fault::other,
                         "Target index:" + std::to_string(target) + " larger than object count:" + std::to_string(size));
    }
  }
  return true;
}

}  // namespace asl::jsonpath::detail
