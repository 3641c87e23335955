// aws_task_rewrite.h — the aws target's Task rewrite: every Task state calls the scripted-task Lambda, and the rewrite's visible artefacts are taken back out of a Result.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "asl/case.h"
#include "asl/result.h"
#include "asl/value.h"

namespace aslcheck {

// The deployed scripted-task Lambda (harness/targets/aws/deploy.sh's ScriptedTaskArn output).
struct AwsTaskRewriteOptions {
  std::string lambda_arn;
};

// A case's definition as the aws target sends it. Each Task state keeps every field the diff can
// see (InputPath, ResultSelector, ResultPath, OutputPath, Output, Assign, Retry, Catch,
// TimeoutSeconds) and only its Resource and Parameters/Arguments change:
//   - a Lambda function ARN becomes the scripted-task Lambda's ARN (same LambdaFunction* events,
//     the Lambda's return value is the task result);
//   - anything else (lambda:invoke, sns:publish, sqs:sendMessage.waitForTaskToken, *.sync, ...)
//     becomes arn:aws:states:::lambda:invoke.waitForTaskToken with InvocationType Event: the
//     Lambda answers with SendTaskSuccess/SendTaskFailure, so the task result, error and cause
//     are the scripted ones exactly.
// The payload is {"aslcheck": {"job": "<JSON text: state, script, counter>", "execution",
// "retry", "token"?}, "args": <the state's own Parameters/Arguments>}: the own template is still
// evaluated where it was, with the same errors.
struct AwsTaskRewrite {
  std::optional<std::string> skip;  // why the case cannot run faithfully on AWS: nothing else is set
  asl::Value definition;            // what CreateStateMachine receives
  std::size_t tasks = 0;            // Task states rewritten
  // Task states whose resource had no TaskSubmitted event but whose rewrite (a callback) has one.
  std::vector<std::string> added_submitted;
  // Task states in JSONata mode whose Arguments moved under Arguments/Payload/args (or
  // Arguments/args for a Lambda function ARN): evaluation errors name that location on AWS.
  bool moved_jsonata_arguments = false;
};

// How close (seconds) a scripted duration may come to a literal TimeoutSeconds or heartbeat
// deadline before the outcome is a race on a real clock (Lambda start-up is up to about a
// second): such a case is skipped.
inline constexpr double kAwsClockMargin = 1.5;
// The longest a Lambda waits (its function timeout is 900 s).
inline constexpr double kAwsLongestTaskSeconds = 840;

// Pure (it runs the case on the oracle to learn which Parallel/Map states it retries): the
// rewrite of `c`, or the reason it cannot be made. A definition the oracle rejects is sent
// unchanged (its diagnostics are what is compared).
AwsTaskRewrite rewrite_tasks_for_aws(const asl::Case& c, const AwsTaskRewriteOptions& options);

// Takes the rewrite's artefacts back out of what AWS reported, so the Result reads as the case's
// own definition would: TaskSubmitted events of `added_submitted` states are dropped from the
// history, and in the cause and the output (where a Catch puts an Error Output) "entered at the
// event id #N" counts without them and JSONata error locations under the moved Arguments name
// Arguments again. A failure the scripted-task Lambda raised about itself ("aslcheck.*": no
// scripted step, a broken payload) turns the Result into a target error.
void undo_rewrite_artefacts(const AwsTaskRewrite& rewrite, asl::Result& result);

}  // namespace aslcheck
