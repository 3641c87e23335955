// oracle_properties_test.cpp — properties of the oracle on generated cases: determinism, validator/executor agreement, no target errors.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "asl/machine.h"
#include "metamorphic.h"

namespace asl::test::props {
namespace {

void same_case_and_seed_give_the_same_result_and_history(const aslgen::GenOptions& o) {
  const Case c = *aslgen::gen_case(o);
  const auto seed = *rc::gen::arbitrary<std::uint64_t>();
  ExecOptions options;
  options.history = true;
  options.seed = seed;
  RC_ASSERT(show(to_json(execute(c, options))) == show(to_json(execute(c, options))));
}

void generated_cases_run_without_target_errors(const aslgen::GenOptions& o) {
  const Case c = *aslgen::gen_case(o);
  const Result r = execute(c);
  RC_TAG(std::string(status_name(r.status)));
  RC_ASSERT(r.status != Status::target_error);
  RC_ASSERT(r.status != Status::invalid_definition);
}

// The executor refuses exactly what the validator rejects, with the same diagnostics.
void validator_and_executor_agree(const aslgen::GenOptions& o) {
  const Case c = *aslgen::gen_near_valid_case(o);
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
void near_valid_labels_match_the_validator(const aslgen::GenOptions& o) {
  const Case c = *aslgen::gen_near_valid_case(o);
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

RC_GTEST_PROP(OracleProperties, SameCaseAndSeedGiveTheSameResultAndHistory, ()) {
  same_case_and_seed_give_the_same_result_and_history(property_options());
}
RC_GTEST_PROP(OracleProperties, GeneratedCasesRunWithoutTargetErrors, ()) {
  generated_cases_run_without_target_errors(property_options());
}
RC_GTEST_PROP(OracleProperties, ValidatorAndExecutorAgree, ()) { validator_and_executor_agree(property_options()); }
RC_GTEST_PROP(OracleProperties, NearValidLabelsMatchTheValidator, ()) {
  near_valid_labels_match_the_validator(property_options());
}

// The same four on JSONata machines (the "jsonata" profile).
RC_GTEST_PROP(OracleProperties, JsonataCasesGiveTheSameResultAndHistoryForASeed, ()) {
  same_case_and_seed_give_the_same_result_and_history(jsonata_property_options());
}
RC_GTEST_PROP(OracleProperties, JsonataCasesRunWithoutTargetErrors, ()) {
  generated_cases_run_without_target_errors(jsonata_property_options());
}
RC_GTEST_PROP(OracleProperties, JsonataValidatorAndExecutorAgree, ()) {
  validator_and_executor_agree(jsonata_property_options());
}
RC_GTEST_PROP(OracleProperties, JsonataNearValidLabelsMatchTheValidator, ()) {
  near_valid_labels_match_the_validator(jsonata_property_options());
}

}  // namespace
}  // namespace asl::test::props
