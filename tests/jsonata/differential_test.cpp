// differential_test.cpp — the C++ JSONata engine against jsonata-js 2.0.6 (bench/jsonata-peer/worker.mjs) on generated expressions and documents, shrinking any disagreement.
//
// ASLCHECK_JSONATA_FUZZ_CASES (default 300) sets how many cases run, ASLCHECK_JSONATA_FUZZ_SEED
// (default 1) the seed. A disagreement fails the test unless one of the known differences in
// tests/data/jsonata/differential_known.json applies to the case; it is shrunk first (RapidCheck
// shrinks of the generated case, keeping the first that still disagrees) and printed minimal.
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <sstream>

#include "asl/json.h"
#include "asl/jsonata.h"
#include "aslgen/jsonata_expressions.h"
#include "support/test_support.h"
#include "targets/worker_process.h"

namespace asl::test {
namespace {

namespace fs = std::filesystem;

constexpr double kPeerSeconds = 10;
constexpr const char* kNoAnswer = "(jsonata-js gave no answer in time)";

struct Outcome {
  enum class Kind { undefined, value, error } kind = Kind::undefined;
  Value value;
  std::string code;  // errors: jsonata-js's code ("" for a JavaScript error)
  std::string message;

  std::string describe() const {
    switch (kind) {
      case Kind::undefined: return "undefined";
      case Kind::value: return json::write(value);
      case Kind::error: return "error " + (code.empty() ? std::string("(no code)") : code) + ": " + message;
    }
    return "";
  }
};

// JSON.stringify's view of a number: non-finite numbers are written as null.
Value as_stringified(const Value& v) {
  switch (v.kind()) {
    case Kind::real: return std::isfinite(v.as_double()) ? v : Value();
    case Kind::array: {
      Array out;
      for (const auto& x : v.as_array()) out.push_back(as_stringified(x));
      return Value(std::move(out));
    }
    case Kind::object: {
      Object out;
      for (const auto& m : v.as_object()) out.append_unique(m.key, as_stringified(m.value));
      return Value(std::move(out));
    }
    default: return v;
  }
}

Outcome evaluate_here_unguarded(const aslgen::JsonataCase& c) {
  Outcome out;
  auto compiled = jsonata::compile(c.expression);
  if (!compiled) {
    out.kind = Outcome::Kind::error;
    out.code = compiled.error().name;
    out.message = compiled.error().message;
    return out;
  }
  jsonata::EvalOptions options;
  options.time_limit = std::chrono::milliseconds(5000);
  options.now_millis = 0;
  auto result = jsonata::evaluate(**compiled, &c.document, {}, options);
  if (!result) {
    out.kind = Outcome::Kind::error;
    out.code = result.error().name;
    out.message = result.error().message;
  } else if (*result) {
    out.kind = Outcome::Kind::value;
    out.value = as_stringified(**result);
  }
  return out;
}

// An exception out of the engine is a bug of its own; it disagrees with whatever jsonata-js says.
Outcome evaluate_here(const aslgen::JsonataCase& c) {
  try {
    return evaluate_here_unguarded(c);
  } catch (const std::exception& e) {
    Outcome out;
    out.kind = Outcome::Kind::error;
    out.code = "(C++ exception)";
    out.message = e.what();
    return out;
  }
}

// Deep equality that also compares object member order (ASL output keeps it); numbers by value.
bool same(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) return a.as_double() == b.as_double();
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    if (a.as_array().size() != b.as_array().size()) return false;
    for (std::size_t i = 0; i < a.as_array().size(); ++i)
      if (!same(a.as_array()[i], b.as_array()[i])) return false;
    return true;
  }
  if (a.is_object()) {
    const Object& x = a.as_object();
    const Object& y = b.as_object();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (x[i].key != y[i].key || !same(x[i].value, y[i].value)) return false;
    return true;
  }
  return a == b;
}

bool agree(const Outcome& a, const Outcome& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Outcome::Kind::undefined: return true;
    case Outcome::Kind::value: return same(a.value, b.value);
    case Outcome::Kind::error: return a.code == b.code && a.message == b.message;
  }
  return false;
}

// --- known differences (tests/data/jsonata/differential_known.json) ---------------------------

bool any_string(const Value& v, const std::function<bool(const std::string&)>& test) {
  if (v.is_string()) return test(v.as_string());
  if (v.is_array()) {
    for (const auto& x : v.as_array())
      if (any_string(x, test)) return true;
  } else if (v.is_object()) {
    for (const auto& m : v.as_object())
      if (test(m.key) || any_string(m.value, test)) return true;
  }
  return false;
}

bool integer_like(const std::string& key) {
  static const std::regex pattern("0|[1-9][0-9]{0,8}");
  return std::regex_match(key, pattern);
}

bool has_non_bmp(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0xF0) return true;  // the lead byte of a 4-byte UTF-8 sequence
  return false;
}

// What each "when" of the known-differences file means: a test of the case and of both outcomes.
using Condition = std::function<bool(const aslgen::JsonataCase&, const Outcome& ours, const Outcome& peer)>;
const std::map<std::string, Condition>& conditions() {
  static const std::map<std::string, Condition> table = {
      {"integer_like_key",
       [](const aslgen::JsonataCase& c, const Outcome&, const Outcome&) {
         static const std::regex literal("[\"'`](0|[1-9][0-9]{0,8})[\"'`]");
         bool in_document = false;
         std::function<void(const Value&)> walk = [&](const Value& v) {
           if (v.is_object()) {
             for (const auto& m : v.as_object()) {
               if (integer_like(m.key)) in_document = true;
               walk(m.value);
             }
           } else if (v.is_array()) {
             for (const auto& x : v.as_array()) walk(x);
           }
         };
         walk(c.document);
         return in_document || std::regex_search(c.expression, literal);
       }},
      {"non_bmp_text",
       [](const aslgen::JsonataCase& c, const Outcome&, const Outcome&) {
         return has_non_bmp(c.expression) || any_string(c.document, has_non_bmp);
       }},
      {"errors_in_constructor",
       [](const aslgen::JsonataCase& c, const Outcome& ours, const Outcome& peer) {
         // Both fail, and the expression has an array or object constructor with several items.
         static const std::regex several("[\\[{][^\\]}]*,");
         return ours.kind == Outcome::Kind::error && peer.kind == Outcome::Kind::error && !peer.code.empty() &&
                std::regex_search(c.expression, several);
       }},
      {"empty_array_grouped",
       [](const aslgen::JsonataCase& c, const Outcome&, const Outcome&) {
         // The document holds an empty array and the expression groups (`path{...}`).
         static const std::regex group("[\\w\\]\\)*`]\\s*\\{");
         std::function<bool(const Value&)> has_empty_array = [&](const Value& v) {
           if (v.is_array()) {
             if (v.as_array().empty()) return true;
             for (const auto& x : v.as_array())
               if (has_empty_array(x)) return true;
           } else if (v.is_object()) {
             for (const auto& m : v.as_object())
               if (has_empty_array(m.value)) return true;
           }
           return false;
         };
         return has_empty_array(c.document) && std::regex_search(c.expression, group);
       }},
      {"peer_hangs",
       [](const aslgen::JsonataCase&, const Outcome& ours, const Outcome& peer) {
         return peer.kind == Outcome::Kind::error && peer.message == kNoAnswer && ours.code == "U1001";
       }},
      {"peer_javascript_error",
       [](const aslgen::JsonataCase&, const Outcome&, const Outcome& peer) {
         static const std::regex javascript_error(
             "Cannot (read|set) properties of (undefined|null)[\\s\\S]*|Cannot create property [\\s\\S]*|"
             "Invalid array length|Converting circular structure to JSON[\\s\\S]*");
         return peer.kind == Outcome::Kind::error && peer.code.empty() && std::regex_match(peer.message, javascript_error);
       }},
  };
  return table;
}

struct Known {
  std::string id;
  std::string when;
  std::string reason;
};

std::vector<Known> read_known() {
  std::vector<Known> known;
  auto data = json::read(read_text(source_path("tests/data/jsonata/differential_known.json")));
  if (!data || !data->is_array()) {
    ADD_FAILURE() << "tests/data/jsonata/differential_known.json is not a JSON array";
    return known;
  }
  for (const Value& entry : data->as_array()) {
    Known k{string_field(entry, "id"), string_field(entry, "when"), string_field(entry, "reason")};
    EXPECT_FALSE(k.reason.empty()) << k.id << ": every known difference carries a reason";
    EXPECT_TRUE(conditions().count(k.when)) << k.id << ": unknown condition '" << k.when << "'";
    known.push_back(std::move(k));
  }
  return known;
}

// --- the peer ---------------------------------------------------------------------------------

class Peer {
 public:
  explicit Peer(const std::string& dir) : worker_(aslcheck::WorkerCommand{{"node", dir + "/worker.mjs"}, dir, "", 60}) {}

  // The peer's outcome, or an infrastructure error (which fails the test: never a pass).
  Expected<Outcome> evaluate(const aslgen::JsonataCase& c) {
    Object request;
    request.set("id", Value(static_cast<std::int64_t>(++next_id_)));
    request.set("expression", Value(c.expression));
    request.set("input", c.document);
    auto answer = worker_.exchange(Value(std::move(request)), kPeerSeconds);
    Outcome out;
    if (!answer && answer.error().message.find("did not answer within") != std::string::npos) {
      // jsonata-js hangs on some inputs (a loop in a built-in that never ends); the worker is
      // killed and the next case starts a new one.
      out.kind = Outcome::Kind::error;
      out.message = kNoAnswer;
      return out;
    }
    if (!answer) return answer.error();
    if (const Value* error = answer->get("error")) {
      out.kind = Outcome::Kind::error;
      if (const Value* code = error->get("code"); code && code->is_string()) out.code = code->as_string();
      if (const Value* message = error->get("message"); message && message->is_string()) out.message = message->as_string();
    } else if (const Value* result = answer->get("result")) {
      out.kind = Outcome::Kind::value;
      out.value = *result;
    }
    return out;
  }

 private:
  aslcheck::WorkerProcess worker_;
  std::int64_t next_id_ = 0;
};

std::int64_t env_int(const char* name, std::int64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  return std::strtoll(text, nullptr, 10);
}

TEST(JsonataDifferential, AgreesWithJsonataJs) {
  const std::string peer_dir = source_path("bench/jsonata-peer");
  if (!fs::exists(fs::path(peer_dir) / "node_modules" / "jsonata" / "package.json")) {
    FAIL() << peer_dir << "/node_modules is missing: `make jsonata-peer-deps` (part of `make test`) installs it";
  }
  const std::vector<Known> known = read_known();
  Peer peer(peer_dir);
  const std::int64_t cases = env_int("ASLCHECK_JSONATA_FUZZ_CASES", 300);
  const std::int64_t seed = env_int("ASLCHECK_JSONATA_FUZZ_SEED", 1);
  const auto gen = aslgen::jsonata_case();

  enum class Verdict { agree, known, differ, broken };
  std::string known_id;
  std::string infrastructure;
  auto judge = [&](const aslgen::JsonataCase& c, Outcome* mine, Outcome* theirs) {
    Outcome here = evaluate_here(c);
    auto there = peer.evaluate(c);
    if (!there) {
      infrastructure = there.error().message;
      return Verdict::broken;
    }
    if (mine) *mine = here;
    if (theirs) *theirs = *there;
    if (agree(here, *there)) return Verdict::agree;
    for (const Known& k : known) {
      if (conditions().at(k.when)(c, here, *there)) {
        known_id = k.id;
        return Verdict::known;
      }
    }
    return Verdict::differ;
  };

  rc::Random random(static_cast<std::uint64_t>(seed));
  std::map<std::string, int> counts;
  std::ostringstream examples;
  int failures = 0;
  for (std::int64_t i = 0; i < cases && failures < 3; ++i) {
    rc::Shrinkable<aslgen::JsonataCase> shrinkable = gen(random.split(), static_cast<int>(i % 100));
    Outcome mine, theirs;
    Verdict verdict = judge(shrinkable.value(), &mine, &theirs);
    if (verdict == Verdict::broken) FAIL() << "jsonata-js worker failed (case " << i << "): " << infrastructure;
    if (verdict == Verdict::agree) {
      ++counts[mine.kind == Outcome::Kind::error ? "agree: error" : mine.kind == Outcome::Kind::value ? "agree: value" : "agree: undefined"];
      continue;
    }
    if (verdict == Verdict::known) {
      // The first case of each known difference is shown, so its classification can be checked.
      if (++counts["known: " + known_id] == 1)
        examples << "  e.g. " << known_id << ": " << shrinkable.value().expression << "\n    C++:        "
                 << mine.describe() << "\n    jsonata-js: " << theirs.describe() << "\n";
      continue;
    }
    // Shrink: take the first smaller case that still disagrees (and is not a known difference).
    int attempts = 0;
    for (bool smaller = true; smaller && attempts < 3000;) {
      smaller = false;
      auto shrinks = shrinkable.shrinks();
      while (auto next = shrinks.next()) {
        if (++attempts >= 3000) break;
        Outcome m, t;
        Verdict v = judge(next->value(), &m, &t);
        if (v == Verdict::broken) FAIL() << "jsonata-js worker failed while shrinking: " << infrastructure;
        if (v == Verdict::differ) {
          shrinkable = std::move(*next);
          mine = m;
          theirs = t;
          smaller = true;
          break;
        }
      }
    }
    ++failures;
    const aslgen::JsonataCase& minimal = shrinkable.value();
    ADD_FAILURE() << "C++ engine and jsonata-js disagree (seed " << seed << ", case " << i << ", " << attempts
                  << " shrink attempts)\n  expression: " << minimal.expression
                  << "\n  document:   " << json::write(minimal.document) << "\n  C++:        " << mine.describe()
                  << "\n  jsonata-js: " << theirs.describe();
  }
  std::ostringstream summary;
  for (const auto& [what, n] : counts) summary << "  " << what << ": " << n << "\n";
  std::printf("JSONata differential (seed %lld, %lld cases):\n%s%s", static_cast<long long>(seed),
              static_cast<long long>(cases), summary.str().c_str(), examples.str().c_str());
}

}  // namespace
}  // namespace asl::test
