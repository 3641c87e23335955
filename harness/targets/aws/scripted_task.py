# scripted_task.py — the "scripted task" Lambda for the aws target: answers each invocation as a case's task script says.
#
# Event: {"script": [{"return": ..., "times": n, "seconds": s} | {"throw": {"error", "cause"}, ...}],
#         "key": "<execution ARN>/<state>[/<map index>]"}
# The invocation number per key is an atomic counter in the DynamoDB table named by
# COUNTER_TABLE, so retries see the script's next step, as on the reference interpreter.
import os
import time

import boto3

_table = boto3.resource("dynamodb").Table(os.environ["COUNTER_TABLE"])
_MAX_SECONDS = 840  # stay under the function's 900 s timeout


def _invocation(key):
    item = _table.update_item(
        Key={"key": key},
        UpdateExpression="ADD invocations :one SET expires = :ttl",
        ExpressionAttributeValues={":one": 1, ":ttl": int(time.time()) + 86400},
        ReturnValues="UPDATED_NEW",
    )
    return int(item["Attributes"]["invocations"]) - 1


def _error_class(name):
    # Step Functions reports a Lambda failure's errorType, which is the exception class name.
    return type(name, (Exception,), {})


def handler(event, context):
    n = _invocation(event["key"])
    for step in event["script"]:
        times = int(step.get("times", 1))
        if n < times:
            seconds = min(float(step.get("seconds", 0)), _MAX_SECONDS)
            if seconds:
                time.sleep(seconds)
            if "throw" in step:
                raise _error_class(step["throw"]["error"])(step["throw"].get("cause", ""))
            return step["return"]
        n -= times
    raise _error_class("aslcheck.NoScriptedStep")("no scripted step for invocation of " + event["key"])
