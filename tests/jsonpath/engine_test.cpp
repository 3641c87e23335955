// engine_test.cpp — what data files cannot say: sharing across threads, the nesting guard, no allocation.
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include "asl/json.h"
#include "asl/jsonpath.h"
#include "support/test_support.h"

// Counts allocations made by the current thread while counting is switched on.
namespace {
thread_local bool counting = false;
thread_local std::size_t allocations = 0;
}  // namespace

void* operator new(std::size_t size) {
  if (counting) ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace asl {
namespace {

// One compiled path used by several threads at once gives every thread the same answers.
TEST(JsonPathEngine, CompiledPathIsSharedAcrossThreads) {
  auto path = jsonpath::compile("$..book[?(@.price < 10 && @.tags anyof ['x'])].title");
  ASSERT_TRUE(path.ok()) << path.error().message;
  Value doc = test::parse(
      R"({"store":{"book":[{"title":"A","price":5,"tags":["x"]},{"title":"B","price":50,"tags":["x"]},)"
      R"({"title":"C","price":1,"tags":["y"]},{"title":"D","price":2,"tags":["y","x"]}]}})");
  auto expected = jsonpath::evaluate(*path, doc);
  ASSERT_TRUE(expected.ok());
  ASSERT_TRUE(test::json_equal(test::parse(R"(["A","D"])"), expected.value()));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        auto got = jsonpath::evaluate(*path, doc);
        if (!got.ok() || !(got.value() == expected.value())) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// Deep nesting of filters, parentheses or '!' is a syntax error, not a stack overflow; moderate
// nesting still works. (Function arguments cannot nest: Jayway's argument splitter ends a path
// argument at the first ')' of an inner call that has arguments.)
TEST(JsonPathEngine, NestingIsBounded) {
  auto nested_filters = [](int depth) {
    std::string text = "$";
    for (int i = 0; i < depth; ++i) text += "[?(@";
    text += ".a";
    for (int i = 0; i < depth; ++i) text += ")]";
    return text;
  };
  auto parens = [](int depth) { return "$[?(" + std::string(depth, '(') + "@.a" + std::string(depth, ')') + ")]"; };
  auto nots = [](int depth) { return "$[?(" + std::string(depth, '!') + "(@.a))]"; };
  for (auto make : {+nested_filters, +parens, +nots}) {
    auto shallow = jsonpath::compile(make(5));
    EXPECT_TRUE(shallow.ok()) << make(5) << ": " << shallow.error().message;
    for (int depth : {100, 5000}) {
      auto deep = jsonpath::compile(make(depth));
      ASSERT_FALSE(deep.ok()) << "depth " << depth;
      EXPECT_EQ(deep.error().name, errc::jsonpath_syntax);
      EXPECT_NE(deep.error().message.find("nested too deeply"), std::string::npos) << deep.error().message;
    }
  }
  auto inner_call = jsonpath::compile("$.concat($.concat($.a))");
  ASSERT_FALSE(inner_call.ok());
  EXPECT_EQ(inner_call.error().message, "Arguments to function: 'concat' are not closed properly.");
  auto ok = jsonpath::compile(nested_filters(10));
  ASSERT_TRUE(ok.ok());
  auto result = jsonpath::evaluate(*ok, test::parse(R"([{"a":1},{"b":2}])"));
  ASSERT_TRUE(result.ok()) << result.error().message;
}

// A long path and a deep document are walked without recursion per step.
TEST(JsonPathEngine, LongPathsAndDeepDocuments) {
  const int depth = 450;  // two JSON levels each: within the reader's 1000
  std::string doc_text;
  std::string path_text = "$";
  for (int i = 0; i < depth; ++i) {
    doc_text += "{\"a\":[";
    path_text += ".a[0]";
  }
  doc_text += "7";
  for (int i = 0; i < depth; ++i) doc_text += "]}";
  Value doc = test::parse(doc_text);
  auto path = jsonpath::compile(path_text);
  ASSERT_TRUE(path.ok());
  auto got = jsonpath::evaluate(*path, doc);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got.value(), Value(7));
  auto scan = jsonpath::compile("$..a[0]");
  ASSERT_TRUE(scan.ok());
  auto all = jsonpath::evaluate(*scan, doc);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all.value().size(), static_cast<std::size_t>(depth));
}

// Evaluating a definite chain allocates nothing: the result shares the document's storage.
TEST(JsonPathEngine, DefinitePathsDoNotAllocate) {
  Value doc = test::parse(R"({"a":{"b":[{"c":"x"},{"c":{"deep":[1,2,3]}}]}})");
  auto scalar = jsonpath::compile("$.a.b[0].c");
  auto container = jsonpath::compile("$['a']['b'][1].c");
  ASSERT_TRUE(scalar.ok() && container.ok());
  std::size_t before = 0;
  counting = true;
  allocations = 0;
  for (int i = 0; i < 100; ++i) {
    auto x = jsonpath::evaluate(*scalar, doc);
    auto y = jsonpath::evaluate(*container, doc);
    if (!x.ok() || !y.ok()) ++before;
  }
  counting = false;
  EXPECT_EQ(before, 0u);
  EXPECT_EQ(allocations, 0u);
}

// A Path is a cheap handle: copies share the compiled program and answer alike.
TEST(JsonPathEngine, CopiesShareTheProgram) {
  auto path = jsonpath::compile("$.a[1:]");
  ASSERT_TRUE(path.ok());
  jsonpath::Path copy = *path;
  Value doc = test::parse(R"({"a":[1,2,3]})");
  auto a = jsonpath::evaluate(*path, doc);
  auto b = jsonpath::evaluate(copy, doc);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(test::json_equal(test::parse("[2,3]"), b.value()));
  EXPECT_EQ(copy.text(), "$.a[1:]");
  EXPECT_EQ(copy.normalized(), "$['a'][1:]");
}

// Nested scans inside filters grow as n^depth: the evaluation stops at its step budget with an
// error instead of running for hours. `$` operands are read once per run (Jayway's cache), so
// nesting them stays cheap.
TEST(JsonPathEngine, WorkIsBounded) {
  std::string doc_text = "[";
  for (int i = 0; i < 60; ++i) doc_text += std::string(i == 0 ? "" : ",") + R"({"id":)" + std::to_string(i) + R"(,"a":[1,{"a":2}]})";
  doc_text += "]";
  Value doc = test::parse(doc_text);

  std::string chain = "7";
  for (int i = 0; i < 100; ++i) chain = R"({"a":)" + chain + R"(,"b":1})";
  auto explosive = jsonpath::compile("$..[?(@..[?(@..[?(@..[?(@..[?(@.a)])])])])]");
  ASSERT_TRUE(explosive.ok()) << explosive.error().message;
  auto gave_up = jsonpath::evaluate(*explosive, test::parse(chain));
  ASSERT_FALSE(gave_up.ok());
  EXPECT_EQ(gave_up.error().name, errc::path_not_found);
  EXPECT_NE(gave_up.error().message.find("gave up"), std::string::npos) << gave_up.error().message;

  auto cached = jsonpath::compile("$[?(@.id > $..[?(@.id > $..[?(@.id > $..[?(@.id > 57)].id)].id)].id)].id");
  ASSERT_TRUE(cached.ok()) << cached.error().message;
  auto got = jsonpath::evaluate(*cached, doc);
  ASSERT_TRUE(got.ok()) << got.error().message;
  // The innermost operand is the array [58, 59]: no single number is greater than an array.
  EXPECT_TRUE(test::json_equal(test::parse("[]"), got.value()));
}

// A default-constructed Path is `$`, not a trap.
TEST(JsonPathEngine, DefaultPathIsTheWholeDocument) {
  jsonpath::Path path;
  EXPECT_EQ(path.text(), "$");
  EXPECT_EQ(path.normalized(), "$");
  EXPECT_TRUE(path.definite());
  EXPECT_TRUE(path.is_reference());
  EXPECT_EQ(path.root(), jsonpath::Root::input);
  Value doc = test::parse(R"({"a":1})");
  auto got = jsonpath::evaluate(path, doc);
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(test::json_equal(doc, got.value()));
  auto written = jsonpath::assign(path, doc, Value(2));
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(written.value(), Value(2));
}

}  // namespace
}  // namespace asl
