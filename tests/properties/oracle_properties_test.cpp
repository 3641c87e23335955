// oracle_properties_test.cpp — properties of the oracle on generated cases: determinism, validator/executor agreement, no target errors.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "asl/machine.h"
#include "metamorphic.h"

namespace asl::test::props {
namespace {

RC_GTEST_PROP(OracleProperties, SameCaseAndSeedGiveTheSameResultAndHistory, ()) {
  const Case c = *aslgen::gen_case(property_options());
  const auto seed = *rc::gen::arbitrary<std::uint64_t>();
  ExecOptions options;
  options.history = true;
  options.seed = seed;
  RC_ASSERT(show(to_json(execute(c, options))) == show(to_json(execute(c, options))));
}

RC_GTEST_PROP(OracleProperties, GeneratedCasesRunWithoutTargetErrors, ()) {
  const Case c = *aslgen::gen_case(property_options());
  const Result r = execute(c);
  RC_ASSERT(r.status != Status::target_error);
  RC_ASSERT(r.status != Status::invalid_definition);
}

// The executor refuses exactly what the validator rejects, with the same diagnostics.
RC_GTEST_PROP(OracleProperties, ValidatorAndExecutorAgree, ()) {
  const Case c = *aslgen::gen_near_valid_case(property_options());
  ValidationOptions v;
  v.type = c.type;
  std::multiset<std::pair<std::string, std::string>> validated, executed;
  for (const Diagnostic& d : validate(c.definition, v)) {
    if (d.severity == "ERROR") validated.emplace(d.code, d.location);
  }
  const Result r = execute(c);
  RC_ASSERT(r.status == Status::invalid_definition);
  for (const Diagnostic& d : r.diagnostics) {
    if (d.severity == "ERROR") executed.emplace(d.code, d.location);
  }
  RC_ASSERT(validated == executed);
}

// Every generated near-valid case is labelled with exactly the diagnostics the validator gives.
RC_GTEST_PROP(OracleProperties, NearValidLabelsMatchTheValidator, ()) {
  const Case c = *aslgen::gen_near_valid_case(property_options());
  std::multiset<std::pair<std::string, std::string>> expected, actual;
  for (const auto& d : aslgen::expected_diagnostics(c)) expected.emplace(d.code, d.location);
  ValidationOptions v;
  v.type = c.type;
  for (const Diagnostic& d : validate(c.definition, v)) {
    if (d.severity == "ERROR") actual.emplace(d.code, d.location);
  }
  RC_TAG(c.tags[1]);
  RC_ASSERT(expected == actual);
}

}  // namespace
}  // namespace asl::test::props
