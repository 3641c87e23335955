// java.h — the Java runtime behaviour Jayway's answers inherit: class names, toString, equals, compareTo.
#pragma once

#include <string>
#include <string_view>

#include "asl/value.h"

namespace asl::jsonpath::detail {

// Jayway's default JSON provider (json-smart); its name appears in PathNotFoundException texts.
// Which provider AWS configures is not recorded anywhere we can see: this is Jayway's default.
inline constexpr std::string_view kJsonProviderClass = "com.jayway.jsonpath.spi.json.JsonSmartJsonProvider";

// The Java class json-smart reads a JSON value into ("java.util.LinkedHashMap",
// "net.minidev.json.JSONArray", "java.lang.Integer", ...); "null" for null.
std::string_view java_class_name(const Value& value);

// Object.toString() of that Java object: maps as {a=1, b=x}, arrays as compact JSON, strings
// bare, doubles as Double.toString.
std::string java_to_string(const Value& value);
void append_java_string(std::string& out, const Value& value);

// Object.equals() of two json-smart objects: numbers equal only with the same Java type (an
// Integer 1 never equals a Double 1.0), maps ignore member order.
bool java_equals(const Value& a, const Value& b);

// String.compareTo: UTF-16 code unit order.
int java_compare(std::string_view a, std::string_view b);

// Reads a literal as json-smart's MODE_PERMISSIVE does: single quotes, unquoted words, leading
// zeros and stray commas are accepted.
bool read_permissive_json(std::string_view text, Value& out);

}  // namespace asl::jsonpath::detail
