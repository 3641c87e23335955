// json_documents_test.cpp — data-driven reading, writing and equality of JSON (tests/data/json/*.jsonl).
#include <string>

#include "support/test_support.h"

namespace asl::test {
namespace {

std::string from_hex(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return bytes;
}

// Each line: {"name", "text" | "text_hex", then "written" (the compact text AWS would print) or
// "error" (the error name) with an optional "at" ("line:column")}.
TEST(JsonDocuments, ReadAndWriteAsAws) {
  auto rows = read_jsonl(source_path("tests/data/json/documents.jsonl"));
  ASSERT_GT(rows.size(), 40u);
  for (const Value& row : rows) {
    std::string name = string_field(row, "name");
    std::string text = row.get("text_hex") ? from_hex(string_field(row, "text_hex")) : string_field(row, "text");
    auto parsed = json::read(text);
    if (const Value* written = row.get("written")) {
      if (!parsed) {
        ADD_FAILURE() << name << ": unexpected error " << format_error(parsed.error());
        continue;
      }
      EXPECT_EQ(written->as_string(), json::write(*parsed)) << name;
      EXPECT_EQ(written->as_string().size(), json::written_size(*parsed)) << name;
      auto again = json::read(json::write(*parsed));
      ASSERT_TRUE(again.ok()) << name;
      EXPECT_TRUE(json_equal(*parsed, *again)) << name;
    } else {
      if (parsed) {
        ADD_FAILURE() << name << ": expected " << string_field(row, "error") << ", read " << json::write(*parsed);
        continue;
      }
      EXPECT_EQ(string_field(row, "error"), parsed.error().name) << name << ": " << parsed.error().message;
      EXPECT_NE(parsed.error().where.line, 0u) << name << ": error has no location";
      if (const Value* at = row.get("at")) {
        EXPECT_EQ(at->as_string(), std::to_string(parsed.error().where.line) + ":" +
                                       std::to_string(parsed.error().where.column))
            << name << ": " << parsed.error().message;
      }
    }
  }
}

// Each line: {"name", "a", "b", "equal"}; equal values must also hash alike.
TEST(JsonDocuments, EqualityAndHash) {
  auto rows = read_jsonl(source_path("tests/data/json/equality.jsonl"));
  ASSERT_GT(rows.size(), 8u);
  for (const Value& row : rows) {
    const Value& a = *row.get("a");
    const Value& b = *row.get("b");
    bool equal = row.get("equal")->as_bool();
    EXPECT_EQ(equal, a == b) << string_field(row, "name");
    EXPECT_EQ(equal, b == a) << string_field(row, "name") << " (symmetry)";
    if (equal) EXPECT_EQ(a.hash(), b.hash()) << string_field(row, "name");
  }
}

TEST(JsonDocuments, NestingLimitIsALocatedError) {
  std::string ok(json::kMaxDepth, '[');
  ok += std::string(json::kMaxDepth, ']');
  EXPECT_TRUE(json::read(ok).ok());
  std::string deep(json::kMaxDepth + 1, '[');
  deep += std::string(json::kMaxDepth + 1, ']');
  auto too_deep = json::read(deep);
  ASSERT_FALSE(too_deep.ok());
  EXPECT_EQ(std::string(errc::json_limit), too_deep.error().name);
  EXPECT_EQ(1u, too_deep.error().where.line);
  // Far deeper than any limit must fail the same way, not overflow the stack.
  std::string very_deep(200000, '{');
  auto huge = json::read(very_deep);
  ASSERT_FALSE(huge.ok());
}

TEST(JsonDocuments, CopyOnWriteLeavesSharedValuesAlone) {
  Value original = parse(R"({"a":{"b":1},"c":[1,2]})");
  Value copy = original;
  copy.mutable_object().set("a", Value(2));
  copy.mutable_object().find_mutable("c")->mutable_array().push_back(Value(3));
  EXPECT_TRUE(json_equal(parse(R"({"a":{"b":1},"c":[1,2]})"), original));
  EXPECT_TRUE(json_equal(parse(R"({"a":2,"c":[1,2,3]})"), copy));
}

TEST(JsonDocuments, LargeObjectsKeepOrderAndFindKeys) {
  Object o;
  for (int i = 0; i < 200; ++i) o.set("k" + std::to_string(199 - i), Value(i));
  o.set("k150", Value("again"));
  ASSERT_EQ(200u, o.size());
  EXPECT_EQ("k199", o[0].key);
  ASSERT_NE(nullptr, o.find("k150"));
  EXPECT_EQ("again", o.find("k150")->as_string());
  EXPECT_TRUE(o.erase("k199"));
  EXPECT_EQ(nullptr, o.find("k199"));
  ASSERT_NE(nullptr, o.find("k0"));
  EXPECT_EQ(199, o.find("k0")->as_int());
}

}  // namespace
}  // namespace asl::test

namespace asl::test {
namespace {

// written_size caches per container; mutation through mutable_*() must never leave a stale size.
TEST(JsonDocuments, WrittenSizeStaysRightAcrossMutation) {
  Value v = parse(R"({"a":{"b":[1,2,3]},"c":"x"})");
  Value shared = v;
  EXPECT_EQ(json::write(v).size(), json::written_size(v));
  Object& o = v.mutable_object();
  o.set("c", Value("a much longer string than before"));
  EXPECT_EQ(json::write(v).size(), json::written_size(v));
  o.find_mutable("a")->mutable_object().set("d", Value(12345));
  EXPECT_EQ(json::write(v).size(), json::written_size(v));
  o.set("e", Value(Array{Value(1.5)}));  // mutated again through the same reference
  EXPECT_EQ(json::write(v).size(), json::written_size(v));
  EXPECT_EQ(json::write(shared).size(), json::written_size(shared));  // the shared original is untouched
  EXPECT_EQ(R"({"a":{"b":[1,2,3]},"c":"x"})", json::write(shared));
}

}  // namespace
}  // namespace asl::test
