// payload_template_test.cpp — data-driven Parameters-style templates (tests/data/template/templates.jsonl).
#include "asl/payload_template.h"
#include "support/test_support.h"

namespace asl::test {
namespace {


// Each line: {"name", "template", "input", "context"?, "variables"?, then one of "expected" (a
// value), "expected_text" (exact compact text), "error" + "cause"/"cause_prefix", or
// "compile_error" + "location"}.
TEST(PayloadTemplate, DataDrivenCases) {
  auto rows = read_jsonl(source_path("tests/data/template/templates.jsonl"));
  ASSERT_GT(rows.size(), 15u);
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    auto compiled = PayloadTemplate::compile(*row.get("template"), "Parameters");
    if (const Value* code = row.get("compile_error")) {
      ASSERT_FALSE(compiled.ok()) << name;
      EXPECT_EQ(code->as_string(), compiled.error().name) << name << ": " << compiled.error().message;
      EXPECT_EQ(string_field(row, "location"), compiled.error().where.pointer) << name;
      continue;
    }
    ASSERT_TRUE(compiled.ok()) << name << ": " << format_error(compiled.error());
    Value input = *row.get("input");
    Value context = row.get("context") ? *row.get("context") : Value(Object{});
    ObjectVariables variables(row.get("variables") ? *row.get("variables") : Value(Object{}));
    Entropy entropy(7);
    Scope scope{&input, &context, &variables, &entropy};
    auto result = compiled->evaluate(scope);
    if (const Value* error = row.get("error")) {
      ASSERT_FALSE(result.ok()) << name << ": got " << json::write(*result);
      EXPECT_EQ(error->as_string(), result.error().name) << name;
      if (row.get("cause")) EXPECT_EQ(string_field(row, "cause"), result.error().message) << name;
      if (row.get("cause_prefix")) {
        EXPECT_EQ(0u, result.error().message.rfind(string_field(row, "cause_prefix"), 0))
            << name << ": " << result.error().message;
      }
      continue;
    }
    ASSERT_TRUE(result.ok()) << name << ": " << result.error().message;
    if (row.get("expected_text")) {
      EXPECT_EQ(string_field(row, "expected_text"), json::write(*result)) << name;
    } else {
      EXPECT_TRUE(json_equal(*row.get("expected"), *result)) << name;
    }
  }
}

TEST(PayloadTemplate, CompiledTemplateIsReusableAcrossInputs) {
  auto compiled = PayloadTemplate::compile(parse(R"({"id.$":"$.id","fixed":{"k":[1,2]}})"), "Parameters");
  ASSERT_TRUE(compiled.ok());
  for (int i = 0; i < 3; ++i) {
    Value input(Object{{"id", Value(i)}});
    Scope scope{&input, nullptr, nullptr, nullptr};
    auto result = compiled->evaluate(scope);
    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(json_equal(Value(Object{{"id", Value(i)}, {"fixed", parse(R"({"k":[1,2]})")}}), *result));
  }
}

}  // namespace
}  // namespace asl::test
