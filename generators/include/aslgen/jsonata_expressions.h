// jsonata_expressions.h — RapidCheck generators of JSONata expressions and of the documents they read, for differential testing against jsonata-js.
#pragma once

#include <rapidcheck.h>

#include <string>

#include "asl/value.h"

namespace aslgen {

// Documents are objects over a small vocabulary of field names (a, b, name, price, items, tags,
// nested, ...) that the expressions read, so paths mostly find something: numbers (integers,
// fractions, negatives, zero), strings (ASCII, 2- and 3-byte UTF-8, now and then a 4-byte
// character), booleans, null, arrays of scalars and of objects, nested objects. Now and then a key
// is integer-like ("1", "10"), which JavaScript objects order differently.
rc::Gen<asl::Value> jsonata_document();

// Expressions of JSONata 2.0.6 as AWS runs it, typed loosely so that most evaluate to something:
// paths with predicates, indexes, wildcards, descendants, sorting, grouping, focus and index
// bindings and the parent operator; arithmetic, comparison, boolean, string-concatenation, range
// and `in` operators; conditionals; `:=` bindings in blocks; lambdas and their application
// (`~>`, partial application); array and object constructors; regex literals; transforms; and
// calls of the standard library (string, numeric, aggregation, boolean, array, object,
// higher-order, date/time) with plausible argument types. Never the non-deterministic functions
// ($now, $millis, $random, $shuffle, $uuid) nor $eval, nor AWS's additions that jsonata-js lacks.
// `depth` bounds the nesting. Choices shrink toward the simplest alternative (a literal or a
// field name), so a shrunk counterexample is short.
rc::Gen<std::string> jsonata_expression(int depth = 3);

struct JsonataCase {
  std::string expression;
  asl::Value document;
};

rc::Gen<JsonataCase> jsonata_case(int depth = 3);

}  // namespace aslgen
