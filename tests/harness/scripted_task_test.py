# scripted_task_test.py — the scripted-task Lambda (harness/targets/aws/scripted_task.py) without AWS: step sequencing, counter keys, callbacks, its own failures.
#
# Run by ctest (harness.scripted_task_lambda): python3 -m unittest with the source tree as argv[1]
# or ASLCHECK_SOURCE_DIR. boto3 is never imported: the DynamoDB table and the Step Functions client
# are in-memory stand-ins, and the clock is virtual.
import glob
import importlib.util
import json
import os
import re
import sys
import unittest

try:
    import yaml
except ImportError:  # the template test says it is skipped, and why
    yaml = None

SOURCE = os.environ.get("ASLCHECK_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def load_lambda():
    spec = importlib.util.spec_from_file_location(
        "scripted_task", os.path.join(SOURCE, "harness", "targets", "aws", "scripted_task.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Clock:
    def __init__(self):
        self.t = 100.0

    def now(self):
        return self.t

    def sleep(self, seconds):
        assert seconds >= 0
        self.t += seconds


class CounterTable:
    """DynamoDB's UpdateItem with ADD, as the Lambda calls it."""

    def __init__(self):
        self.counts = {}
        self.keys = []

    def update_item(self, Key, UpdateExpression, ExpressionAttributeNames, ExpressionAttributeValues, ReturnValues):
        assert UpdateExpression == "ADD #n :one SET #ttl = :ttl"
        # The table's TimeToLiveSpecification names "expires" (template.yaml).
        assert ExpressionAttributeNames == {"#n": "invocations", "#ttl": "expires"}
        assert ReturnValues == "UPDATED_NEW"
        key = Key["key"]
        self.keys.append(key)
        self.counts[key] = self.counts.get(key, 0) + ExpressionAttributeValues[":one"]
        return {"Attributes": {"invocations": self.counts[key]}}


class ClientError(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.response = {"Error": {"Code": code}}


class StepFunctions:
    """SendTask* calls with the virtual time they were made at; `refuse` makes them fail."""

    def __init__(self, clock):
        self.clock = clock
        self.calls = []
        self.refuse = None

    def _record(self, name, **arguments):
        self.calls.append((round(self.clock.now() - 100.0, 3), name, arguments))
        if self.refuse:
            raise ClientError(self.refuse)

    def send_task_success(self, **arguments):
        self._record("success", **arguments)

    def send_task_failure(self, **arguments):
        self._record("failure", **arguments)

    def send_task_heartbeat(self, **arguments):
        self._record("heartbeat", **arguments)


def event(script, retry=None, execution=None, token=None, state="T", counter=False, args=None):
    job = {"state": state, "script": script}
    if counter:
        job["counter"] = True
    meta = {"job": json.dumps(job)}
    if retry is not None:
        meta["retry"] = retry
    if execution is not None:
        meta["execution"] = execution
    if token is not None:
        meta["token"] = token
    e = {"aslcheck": meta}
    if args is not None:
        e["args"] = args
    return e


class ScriptedTaskTest(unittest.TestCase):
    def setUp(self):
        self.m = load_lambda()
        self.clock = Clock()
        self.table = CounterTable()
        self.sfn = StepFunctions(self.clock)
        self.m._now = self.clock.now
        self.m._sleep = self.clock.sleep
        self.m._clients = {"table": self.table, "sfn": self.sfn}

    def call(self, e):
        self.clock.t = 100.0
        return self.m.handler(e, None)

    def raised(self, e):
        with self.assertRaises(Exception) as caught:
            self.call(e)
        return type(caught.exception).__name__, str(caught.exception)

    # A Lambda function ARN resource: the return value is the task result; a throw is an
    # exception whose class name is the error (Step Functions' errorType).
    def test_retry_count_picks_the_step_and_times_repeat_it(self):
        script = [
            {"throw": {"error": "Lambda.TooManyRequestsException", "cause": "Rate exceeded"}, "times": 2},
            {"return": {"receipt": "r-9"}, "seconds": 1.5},
            {"return": "last"},
        ]
        for n in (0, 1):
            self.assertEqual(self.raised(event(script, retry=n)), ("Lambda.TooManyRequestsException", "Rate exceeded"))
            self.assertEqual(self.clock.t, 100.0, "a throw without seconds answers at once")
        self.assertEqual(self.call(event(script, retry=2)), {"receipt": "r-9"})
        self.assertEqual(self.clock.t, 101.5, "seconds is how long the task runs")
        self.assertEqual(self.call(event(script, retry=3)), "last")
        self.assertEqual(self.table.keys, [], "retry mode keeps no counter")

    def test_a_throw_without_cause_has_an_empty_message(self):
        self.assertEqual(self.raised(event([{"throw": {"error": "Custom.Declined"}}], retry=0)), ("Custom.Declined", ""))

    def test_counter_mode_counts_per_execution_and_state(self):
        script = [{"return": 1}, {"return": 2}, {"return": 3}]
        a = "arn:aws:states:us-east-1:1:execution:m:a"
        b = "arn:aws:states:us-east-1:1:execution:m:b"
        results = [self.call(event(script, execution=a, counter=True)) for _ in range(2)]
        results.append(self.call(event(script, execution=b, counter=True)))
        results.append(self.call(event(script, execution=a, counter=True, state="Other")))
        results.append(self.call(event(script, execution=a, counter=True)))
        self.assertEqual(results, [1, 2, 1, 1, 3])
        self.assertEqual(self.table.keys, [a + "/T", a + "/T", b + "/T", a + "/Other", a + "/T"])

    def test_no_scripted_step_is_the_lambdas_own_error(self):
        self.assertEqual(
            self.raised(event([{"return": 1, "times": 2}], retry=2)),
            ("aslcheck.NoScriptedStep", "no scripted step for invocation 2 of T"),
        )
        self.call(event([{"return": 1}], token="tok", retry=1))
        self.assertEqual(
            self.sfn.calls,
            [(0.0, "failure", {"taskToken": "tok", "error": "aslcheck.NoScriptedStep", "cause": "no scripted step for invocation 1 of T"})],
        )

    def test_an_event_without_a_job_is_the_lambdas_own_error(self):
        name, message = self.raised({"order": 1})
        self.assertEqual(name, "aslcheck.BadEvent")
        self.assertIn('"order": 1', message)

    def test_seconds_are_capped_under_the_function_timeout(self):
        self.call(event([{"return": 1, "seconds": 5000}], retry=0))
        self.assertEqual(self.clock.t, 100.0 + self.m._MAX_SECONDS)

    # A callback (lambda:invoke.waitForTaskToken): heartbeats at their times, then the answer.
    def test_callback_sends_heartbeats_then_success(self):
        script = [{"return": {"approved": True}, "seconds": 25, "heartbeats": [8, 16, 24, 30]}]
        self.assertIsNone(self.call(event(script, retry=0, token="tok", args={"QueueUrl": "q"})))
        self.assertEqual(
            self.sfn.calls,
            [
                (8.0, "heartbeat", {"taskToken": "tok"}),
                (16.0, "heartbeat", {"taskToken": "tok"}),
                (24.0, "heartbeat", {"taskToken": "tok"}),
                (25.0, "success", {"taskToken": "tok", "output": '{"approved": true}'}),
            ],
        )

    def test_callback_failure_carries_error_and_cause_exactly(self):
        script = [{"throw": {"error": "States.TaskFailed", "cause": "{\"errorMessage\":\"boom\"}"}, "seconds": 2}, {"throw": {"error": "E"}}]
        self.call(event(script, retry=0, token="t1"))
        self.call(event(script, retry=1, token="t2"))
        self.assertEqual(
            self.sfn.calls,
            [
                (2.0, "failure", {"taskToken": "t1", "error": "States.TaskFailed", "cause": "{\"errorMessage\":\"boom\"}"}),
                (0.0, "failure", {"taskToken": "t2", "error": "E"}),
            ],
        )

    def test_callback_scalar_results_are_json(self):
        for value, text in (("s", '"s"'), (None, "null"), ([1, 2.5], "[1, 2.5]")):
            self.sfn.calls.clear()
            self.call(event([{"return": value}], retry=0, token="tok"))
            self.assertEqual(self.sfn.calls, [(0.0, "success", {"taskToken": "tok", "output": text})])
            self.assertEqual(json.loads(self.sfn.calls[0][2]["output"]), value)

    def test_an_answer_after_the_task_timed_out_is_moot(self):
        self.sfn.refuse = "TaskTimedOut"
        self.assertIsNone(self.call(event([{"return": 1, "seconds": 13}], retry=0, token="tok")))
        self.assertEqual([c[1] for c in self.sfn.calls], ["success"])

    def test_any_other_send_failure_is_reported_as_the_lambdas_own(self):
        self.sfn.refuse = "ThrottlingException"
        with self.assertRaises(ClientError):
            # The report itself goes through the same refusing client: the async invocation fails
            # visibly (and the task times out) rather than being answered wrongly.
            self.call(event([{"return": 1}], retry=0, token="tok"))
        self.assertEqual([(c[1], c[2].get("error")) for c in self.sfn.calls], [("success", None), ("failure", "aslcheck.LambdaError")])

    # The events the C++ rewrite produces (tests/data/harness/aws_rewrite) are ones this handler
    # reads: every job decodes and its first invocation answers with the script's first step.
    def test_jobs_of_the_rewrite_data_cases(self):
        seen = 0
        for path in sorted(glob.glob(os.path.join(SOURCE, "tests", "data", "harness", "aws_rewrite", "*.json"))):
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
            definition = data["expect"].get("definition")
            if definition is None:
                continue
            for payload in payloads(definition):
                meta = payload["aslcheck"]
                job = json.loads(meta["job"])
                self.assertEqual(set(job) - {"state", "script", "counter"}, set(), path)
                self.assertEqual("counter" in job, any(k.startswith("execution") for k in meta), path)
                self.assertEqual(job["script"], expected_script(data["case"], job["state"], job["script"]), path)
                runnable = {"job": meta["job"], "retry": 0, "execution": "arn:x"}
                if any(k.startswith("token") for k in meta):
                    runnable["token"] = "tok"
                first = job["script"][0]
                self.sfn.calls.clear()
                if "token" in runnable:
                    self.call({"aslcheck": runnable})
                    self.assertEqual(self.sfn.calls[-1][1], "failure" if "throw" in first else "success", path)
                elif "throw" in first:
                    self.assertEqual(self.raised({"aslcheck": runnable})[0], first["throw"]["error"], path)
                else:
                    self.assertEqual(self.call({"aslcheck": runnable}), first["return"], path)
                seen += 1
        self.assertGreaterEqual(seen, 10)


class BotocoreShapesTest(unittest.TestCase):
    """The SendTask* calls the handler makes are valid requests for botocore's service model."""

    def test_calls_match_the_stepfunctions_model(self):
        try:
            import botocore.session
            from botocore.validate import validate_parameters
        except ImportError:
            self.skipTest("botocore is not installed: request shapes are checked where it is")
        model = botocore.session.get_session().get_service_model("stepfunctions")
        m = load_lambda()
        clock = Clock()
        sfn = StepFunctions(clock)
        m._now, m._sleep, m._clients = clock.now, clock.sleep, {"sfn": sfn, "table": CounterTable()}
        m.handler(event([{"return": {"a": 1}, "seconds": 2, "heartbeats": [1]}], retry=0, token="tok"), None)
        m.handler(event([{"throw": {"error": "E", "cause": "c"}}], retry=0, token="tok"), None)
        m.handler(event([], retry=0, token="tok"), None)
        operations = {"success": "SendTaskSuccess", "failure": "SendTaskFailure", "heartbeat": "SendTaskHeartbeat"}
        self.assertEqual(sorted({c[1] for c in sfn.calls}), ["failure", "heartbeat", "success"])
        for _, name, arguments in sfn.calls:
            validate_parameters(arguments, model.operation_model(operations[name]).input_shape)


if yaml is not None:

    class CloudFormationLoader(yaml.SafeLoader):
        """YAML with CloudFormation's short forms (!Ref, !GetAtt, !Sub) as their long forms."""

    def _short_form(loader, tag_suffix, node):
        name = "Ref" if tag_suffix == "Ref" else "Fn::" + tag_suffix
        if isinstance(node, yaml.ScalarNode):
            value = loader.construct_scalar(node)
            return {name: value.split(".", 1) if name == "Fn::GetAtt" else value}
        if isinstance(node, yaml.SequenceNode):
            return {name: loader.construct_sequence(node, deep=True)}
        return {name: loader.construct_mapping(node, deep=True)}

    CloudFormationLoader.add_multi_constructor("!", _short_form)


class TemplateTest(unittest.TestCase):
    """template.yaml's structure (cfn-lint is not a Debian package: this is the offline check)."""

    def setUp(self):
        if yaml is None:
            self.skipTest("python3-yaml is not installed (scripts/install-deps.sh installs it)")
        with open(os.path.join(SOURCE, "harness", "targets", "aws", "template.yaml"), encoding="utf-8") as f:
            self.t = yaml.load(f, Loader=CloudFormationLoader)
        self.resources = self.t["Resources"]

    def references(self, value):
        if isinstance(value, dict):
            for key, v in value.items():
                if key == "Ref":
                    yield v
                elif key == "Fn::GetAtt":
                    yield v[0]
                elif key == "Fn::Sub":
                    yield from re.findall(r"\$\{([A-Za-z0-9:]+)(?:\.[A-Za-z]+)?\}", v)
                else:
                    yield from self.references(v)
        elif isinstance(value, list):
            for v in value:
                yield from self.references(v)

    def test_every_reference_resolves(self):
        known = set(self.resources) | set(self.t["Parameters"])
        for name in self.references(self.t):
            self.assertTrue(name in known or name.startswith("AWS::"), name)

    def test_the_function_matches_the_handler(self):
        f = self.resources["ScriptedTask"]["Properties"]
        self.assertEqual(f["Handler"], "scripted_task.handler")
        self.assertTrue(callable(load_lambda().handler))
        self.assertIn("COUNTER_TABLE", f["Environment"]["Variables"])
        ttl = self.resources["Counters"]["Properties"]["TimeToLiveSpecification"]
        self.assertEqual(ttl, {"AttributeName": "expires", "Enabled": True}, "the attribute the handler sets")
        self.assertGreater(f["Timeout"], load_lambda()._MAX_SECONDS + 30)
        # The rewrite cuts scripted seconds at the same bound (aws_task_rewrite.h).
        with open(os.path.join(SOURCE, "harness", "targets", "aws_task_rewrite.h"), encoding="utf-8") as h:
            bound = re.search(r"kAwsLongestTaskSeconds = (\d+)", h.read()).group(1)
        self.assertEqual(int(bound), load_lambda()._MAX_SECONDS)
        asynchronous = [r["Properties"] for r in self.resources.values() if r["Type"] == "AWS::Lambda::EventInvokeConfig"]
        self.assertEqual([a["MaximumRetryAttempts"] for a in asynchronous], [0])

    def test_roles_allow_what_the_target_and_the_function_call(self):
        def actions(role):
            out = set()
            for policy in self.resources[role]["Properties"]["Policies"]:
                for statement in policy["PolicyDocument"]["Statement"]:
                    a = statement["Action"]
                    out.update(a if isinstance(a, list) else [a])
            return out

        self.assertLessEqual(
            {"dynamodb:UpdateItem", "states:SendTaskSuccess", "states:SendTaskFailure", "states:SendTaskHeartbeat"},
            actions("FunctionRole"),
        )
        self.assertIn("lambda:InvokeFunction", actions("ExecutionRole"))

    def test_everything_is_tagged_and_the_outputs_are_the_target_options(self):
        for name, resource in self.resources.items():
            if resource["Type"] == "AWS::Lambda::EventInvokeConfig":
                continue  # not taggable
            tags = {t["Key"]: t["Value"] for t in resource["Properties"].get("Tags", [])}
            self.assertEqual(tags.get("aslcheck:component"), "scripted-task", name)
        with open(os.path.join(SOURCE, "harness", "targets", "aws", "deploy.sh"), encoding="utf-8") as f:
            deploy = f.read()
        for output, option in (("ExecutionRoleArn", "role-arn"), ("ScriptedTaskArn", "lambda-arn")):
            self.assertIn(output, self.t["Outputs"])
            self.assertIn('$1=="%s"{print "--target-option %s=" $2}' % (output, option), deploy)


def payloads(value):
    """Every {"aslcheck": ...} object inside a rewritten definition."""
    if isinstance(value, dict):
        if "aslcheck" in value:
            yield value
        for v in value.values():
            yield from payloads(v)
    elif isinstance(value, list):
        for v in value:
            yield from payloads(v)


def expected_script(case, state, encoded):
    """The case's steps for the state, with seconds as the rewrite may cut them."""
    out = []
    assert len(case["tasks"][state]) == len(encoded)
    for step, got in zip(case["tasks"][state], encoded):
        want = {k: v for k, v in step.items() if k not in ("seconds", "heartbeats")}
        if "seconds" in got:
            want["seconds"] = got["seconds"]
            assert got["seconds"] <= step.get("seconds", 0)
        if "heartbeats" in got:
            want["heartbeats"] = got["heartbeats"]
            assert set(got["heartbeats"]) <= set(step.get("heartbeats", []))
        out.append(want)
    return out


if __name__ == "__main__":
    if len(sys.argv) > 1 and os.path.isdir(sys.argv[1]):
        SOURCE = sys.argv.pop(1)
    unittest.main()
