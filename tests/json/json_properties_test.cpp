// json_properties_test.cpp — RapidCheck properties of the JSON core: round trips, equality and hashing.
#include "support/test_support.h"  // gtest first: rapidcheck/gtest.h builds on it

#include <rapidcheck/gtest.h>

#include "aslgen/json_values.h"

namespace asl::test {
namespace {

RC_GTEST_PROP(JsonProperties, WriteThenReadGivesAnEqualValue, (const Value& value)) {
  std::string text = json::write(value);
  auto back = json::read(text);
  RC_ASSERT(back.ok());
  RC_ASSERT(*back == value);
  RC_ASSERT(json::write(*back) == text);  // printing is a fixed point
  RC_ASSERT(json::written_size(value) == text.size());
}

RC_GTEST_PROP(JsonProperties, EqualValuesHashAlike, (const Value& value)) {
  auto copy = json::read(json::write(value));
  RC_ASSERT(copy.ok());
  RC_ASSERT(*copy == value);
  RC_ASSERT(copy->hash() == value.hash());
}

RC_GTEST_PROP(JsonProperties, MemberOrderDoesNotChangeEqualityOrHash, (const Value& value)) {
  RC_PRE(value.is_object() && value.size() > 1);
  Object reversed;
  const Object& members = value.as_object();
  for (std::size_t i = members.size(); i-- > 0;) reversed.set(members[i].key, members[i].value);
  Value other(std::move(reversed));
  RC_ASSERT(other == value);
  RC_ASSERT(other.hash() == value.hash());
}

RC_GTEST_PROP(JsonProperties, IntegralDoublesEqualTheirIntegers, (std::int32_t i)) {
  RC_ASSERT(Value(static_cast<double>(i)) == Value(std::int64_t{i}));
  RC_ASSERT(Value(static_cast<double>(i)).hash() == Value(std::int64_t{i}).hash());
  RC_ASSERT(Value::number(static_cast<double>(i)).is_integer());
}

RC_GTEST_PROP(JsonProperties, ArbitraryBytesNeverCrashTheReader, (const std::string& bytes)) {
  auto result = json::read(bytes);
  if (!result) RC_ASSERT(result.error().where.line >= 1);
}

}  // namespace
}  // namespace asl::test
