// cases_test.cpp — runs every case of tests/data/jsonpath/*.jsonl: compile, evaluate, assign, classify.
#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "asl/json.h"
#include "asl/jsonpath.h"
#include "support/test_support.h"

namespace asl {
namespace {

using test::field;
using test::string_field;


bool same_multiset(const Value& expected, const Value& actual) {
  if (!expected.is_array() || !actual.is_array() || expected.size() != actual.size()) return false;
  std::vector<bool> used(actual.size(), false);
  for (const Value& want : expected.as_array()) {
    bool found = false;
    for (std::size_t i = 0; i < actual.size() && !found; ++i) {
      if (!used[i] && *actual.at(i) == want) used[i] = found = true;
    }
    if (!found) return false;
  }
  return true;
}

std::string_view root_name(jsonpath::Root root) {
  switch (root) {
    case jsonpath::Root::input: return "input";
    case jsonpath::Root::context: return "context";
    case jsonpath::Root::variable: return "variable";
  }
  return "?";
}

// Checks an outcome against the row's "result"/"result_text" or "error"/"message".
void expect_outcome(const Value& row, const Expected<Value>& got, const std::string& where) {
  if (const Value* error = field(row, "error")) {
    ASSERT_FALSE(got.ok()) << where << ": expected " << json::write(*error) << ", got " << json::write(got.value());
    EXPECT_EQ(got.error().name, error->as_string()) << where << ": " << got.error().message;
    if (const Value* message = field(row, "message")) {
      EXPECT_EQ(got.error().message, message->as_string()) << where;
    }
    return;
  }
  const Value* result = field(row, "result");
  if (result == nullptr) return;
  ASSERT_TRUE(got.ok()) << where << ": " << got.error().name << ": " << got.error().message;
  const Value* unordered = field(row, "unordered");
  if (unordered != nullptr && unordered->as_bool()) {
    EXPECT_TRUE(same_multiset(*result, got.value())) << where << ": got " << json::write(got.value());
  } else {
    EXPECT_TRUE(test::json_equal(*result, got.value())) << where;
  }
  if (const Value* text = field(row, "result_text")) {
    EXPECT_EQ(json::write(got.value()), text->as_string()) << where;
  }
}

void run_case(const Value& row, const std::string& where) {
  std::string text = string_field(row, "path");
  auto path = jsonpath::compile(text);

  if (const Value* compile_error = field(row, "compile_error")) {
    ASSERT_FALSE(path.ok()) << where << ": compiled, normalized " << path->normalized();
    EXPECT_EQ(path.error().name, compile_error->as_string()) << where;
    if (const Value* message = field(row, "message")) {
      EXPECT_EQ(path.error().message, message->as_string()) << where;
    }
    if (const Value* column = field(row, "column")) {
      EXPECT_EQ(path.error().where.line, 1u) << where;
      EXPECT_EQ(static_cast<std::int64_t>(path.error().where.column), column->as_int()) << where;
    }
    return;
  }
  ASSERT_TRUE(path.ok()) << where << ": " << path.error().message << " at column " << path.error().where.column;

  if (const Value* v = field(row, "normalized")) {

    EXPECT_EQ(path->normalized(), v->as_string()) << where;

  }
  if (const Value* v = field(row, "definite")) {
    EXPECT_EQ(path->definite(), v->as_bool()) << where;
  }
  if (const Value* v = field(row, "reference")) {
    EXPECT_EQ(path->is_reference(), v->as_bool()) << where;
  }
  if (const Value* v = field(row, "root")) {
    EXPECT_EQ(root_name(path->root()), v->as_string()) << where;
  }
  if (const Value* v = field(row, "variable")) {
    EXPECT_EQ(path->variable(), v->as_string()) << where;
  }

  if (const Value* scope_spec = field(row, "scope")) {
    test::ObjectVariables variables(field(*scope_spec, "variables"));
    Scope scope;
    scope.input = field(*scope_spec, "input");
    scope.context = field(*scope_spec, "context");
    scope.variables = &variables;
    expect_outcome(row, jsonpath::evaluate(*path, scope), where);
    return;
  }
  const Value* document = field(row, "document");
  if (document == nullptr) return;
  if (const Value* value = field(row, "value")) {
    Value before = *document;
    auto written = jsonpath::assign(*path, *document, *value);
    expect_outcome(row, written, where + " (assign)");
    // Member order matters for ResultPath: compare the written text too.
    if (written.ok() && field(row, "result") != nullptr) {
      EXPECT_EQ(json::write(written.value()), json::write(*field(row, "result"))) << where << " (member order)";
      auto read_back = jsonpath::evaluate(*path, written.value());
      ASSERT_TRUE(read_back.ok()) << where << ": " << read_back.error().message;
      EXPECT_TRUE(test::json_equal(*value, read_back.value())) << where << " (read back)";
    }
    EXPECT_EQ(json::write(*document), json::write(before)) << where << ": assign changed its input";
    return;
  }
  expect_outcome(row, jsonpath::evaluate(*path, *document), where);
}

// Every line of every tests/data/jsonpath/*.jsonl is one case; which fields it has says what
// is checked (see tests/data/jsonpath/README.md).
TEST(JsonPathCases, DataFiles) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_path("tests/data/jsonpath"))) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 7u);
  std::size_t count = 0;
  for (const auto& file : files) {
    auto rows = test::read_jsonl(file.string());
    EXPECT_FALSE(rows.empty()) << file;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::string where = file.filename().string() + ":" + std::to_string(i + 1) + " " + string_field(rows[i], "path");
      SCOPED_TRACE(where);
      run_case(rows[i], where);
      ++count;
    }
  }
  std::printf("jsonpath cases: %zu\n", count);
}

}  // namespace
}  // namespace asl
