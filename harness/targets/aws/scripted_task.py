# scripted_task.py — the "scripted task" Lambda for the aws target: answers each invocation as a case's task script says.
#
# The aws target rewrites every Task state of a case to call this function
# (harness/targets/aws_task_rewrite.h). Event (the Task's Parameters/Arguments):
#   {"aslcheck": {"job": "<JSON text>", "retry": n | "execution": "<execution ARN>", "token"?: "..."},
#    "args": <the state's own Parameters/Arguments, evaluated by Step Functions and unused here>}
# job: {"state": name, "script": [step, ...], "counter"?: true}
# step: {"return": value | "throw": {"error", "cause"?}, "times"?: n, "seconds"?: s, "heartbeats"?: [s, ...]}
#
# Which invocation this is: $$.State.RetryCount ("retry") when the state runs at most once per
# Map iteration, else ("counter") an atomic counter per execution and state in the DynamoDB
# table COUNTER_TABLE, so retries and loops see the script's next step as on the reference.
# With a task token (lambda:invoke.waitForTaskToken, invoked asynchronously) the answer goes
# through SendTaskSuccess/SendTaskFailure after `seconds`, with SendTaskHeartbeat at each of
# `heartbeats`; without one (a Lambda function ARN resource) the function returns the value.
# Its own failures are errors named aslcheck.*, which the target reports as target errors.
import json
import os
import time
import traceback

_MAX_SECONDS = 840  # stay under the function's 900 s timeout
_clients = {}


def _boto3_client(kind):
    # boto3 is imported on first use so the handler can be tested without it.
    if kind not in _clients:
        import boto3

        if kind == "table":
            _clients[kind] = boto3.resource("dynamodb").Table(os.environ["COUNTER_TABLE"])
        else:
            _clients[kind] = boto3.client("stepfunctions")
    return _clients[kind]


def _sleep(seconds):
    time.sleep(seconds)


def _now():
    return time.monotonic()


class ScriptError(Exception):
    """A failure of this function itself (bad event, no scripted step)."""

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name


def _counted_invocation(key):
    item = _boto3_client("table").update_item(
        Key={"key": key},
        # Attribute names through placeholders: DynamoDB reserves many plain words.
        UpdateExpression="ADD #n :one SET #ttl = :ttl",
        ExpressionAttributeNames={"#n": "invocations", "#ttl": "expires"},
        ExpressionAttributeValues={":one": 1, ":ttl": int(time.time()) + 86400},
        ReturnValues="UPDATED_NEW",
    )
    return int(item["Attributes"]["invocations"]) - 1


def invocation(meta, job):
    """The 0-based invocation number of this state, as the reference counts it."""
    if job.get("counter"):
        return _counted_invocation(meta["execution"] + "/" + job["state"])
    return int(meta["retry"])


def scripted_step(script, n, state):
    left = n
    for step in script:
        times = int(step.get("times", 1))
        if left < times:
            return step
        left -= times
    raise ScriptError("aslcheck.NoScriptedStep", "no scripted step for invocation %d of %s" % (n, state))


def _error_class(name):
    # Step Functions reports a Lambda failure's errorType, which is the exception class name.
    return type(name, (Exception,), {})


def _wait_until(start, at):
    left = min(at, _MAX_SECONDS) - (_now() - start)
    if left > 0:
        _sleep(left)


def _answer_callback(token, step, start):
    sfn = _boto3_client("sfn")
    seconds = float(step.get("seconds", 0))
    for beat in step.get("heartbeats", []):
        if beat >= seconds:
            break
        _wait_until(start, beat)
        _quietly(sfn.send_task_heartbeat, taskToken=token)
    _wait_until(start, seconds)
    if "throw" in step:
        failure = {"taskToken": token, "error": step["throw"]["error"]}
        if "cause" in step["throw"]:
            failure["cause"] = step["throw"]["cause"]
        _quietly(sfn.send_task_failure, **failure)
    else:
        _quietly(sfn.send_task_success, taskToken=token, output=json.dumps(step["return"]))


def _quietly(call, **arguments):
    # Past its deadline the task has timed out (TaskTimedOut, InvalidToken): the answer is moot.
    try:
        call(**arguments)
    except Exception as e:  # noqa: BLE001 - botocore's error classes are generated at run time
        code = getattr(e, "response", {}).get("Error", {}).get("Code", "")
        if code not in ("TaskTimedOut", "InvalidToken", "TaskDoesNotExist"):
            raise


def _step_for(event, meta):
    if not isinstance(meta, dict) or "job" not in meta:
        raise ScriptError("aslcheck.BadEvent", "the event has no aslcheck job: " + json.dumps(event)[:200])
    job = json.loads(meta["job"])
    return scripted_step(job["script"], invocation(meta, job), job["state"])


def _fail(token, error, cause):
    if token:
        _boto3_client("sfn").send_task_failure(taskToken=token, error=error, cause=cause[-32000:])
        return None
    raise _error_class(error)(cause)


def handler(event, context):
    start = _now()
    meta = event.get("aslcheck") if isinstance(event, dict) else None
    token = meta.get("token") if isinstance(meta, dict) else None
    try:
        step = _step_for(event, meta)
        if token:
            _answer_callback(token, step, start)
            return None
    except ScriptError as e:
        return _fail(token, e.name, str(e))
    except Exception:  # noqa: BLE001 - reported to the execution as this function's own failure
        return _fail(token, "aslcheck.LambdaError", traceback.format_exc())
    _wait_until(start, float(step.get("seconds", 0)))
    if "throw" in step:
        raise _error_class(step["throw"]["error"])(step["throw"].get("cause", ""))
    return step["return"]
