"""The Python agent SDK over real HTTP on loopback, per docs/agent-contract.md."""

import http.client
import json
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from aispine_agent import Agent, InvalidInput, PermanentError, Result, RetryableError, SignatureVerifier, sign  # noqa: E402
from aispine_agent import InvalidSignature  # noqa: E402

SECRET = "s3cr3t-shared-with-the-agent"
WORKED_BODY = (
    b'{"execution_id":"ex_01J9Z8","node":"ocr","attempt":1,"idempotency_key":"ex_01J9Z8/ocr/1",'
    b'"action":null,"input":{"name":"Ada"},"context":{}}'
)


def call_body(key="ex_1/greet/1", **input):
    execution, node, attempt = key.split("/")
    return json.dumps(
        {"execution_id": execution, "node": node, "attempt": int(attempt), "idempotency_key": key, "input": input}
    ).encode()


class Client:
    def __init__(self, server, secret=SECRET):
        self.server = server
        self.secret = secret

    def send(self, method, path, body=b"", headers=None, sign_with=None, timestamp=None):
        headers = dict(headers or {})
        secret = sign_with if sign_with is not None else self.secret
        if method == "POST" and secret:
            key = headers.get("Idempotency-Key", "ex_1/greet/1")
            ts = timestamp if timestamp is not None else int(time.time())
            headers.update({"AISpine-Id": key, "AISpine-Timestamp": str(ts), "AISpine-Signature": sign(secret, key, ts, body)})
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            return response.status, response.getheader("Content-Type"), json.loads(data) if data else None
        finally:
            connection.close()

    def execute(self, body, **kwargs):
        return self.send("POST", "/execute", body, **kwargs)


class AgentSdkTest(unittest.TestCase):
    def setUp(self):
        self.calls = []
        self.cancelled = threading.Event()
        agent = Agent(
            "greeter",
            "1.2.0",
            description="Greets people.",
            input_schema={"type": "object", "required": ["name"]},
            sample_input={"name": "Ada"},
            unknown_field="dropped",
        )

        @agent.handler
        def handle(request):
            self.calls.append(request)
            name = request.input.get("name")
            if name == "slow":
                request.cancelled.wait(10)
                self.cancelled.set()
                return {"greeting": "too late"}
            if name == "throttled":
                raise RetryableError("THROTTLED", "the upstream said 429")
            if name == "nobody":
                raise PermanentError("NO_SUCH_PERSON", "nobody is called that")
            if name == "bug":
                raise KeyError("oops")
            if name == "tokens":
                return Result({"greeting": "counted"}, model="m", input_tokens=3, output_tokens=4, cost_usd=0.5)
            if not isinstance(name, str):
                raise InvalidInput("input 'name' must be a string")
            if not name:
                raise ValueError("input 'name' must not be empty")
            return {"greeting": f"Hello {name}", "call": len(self.calls)}

        self.server = agent.start(port=0, secret=SECRET)
        self.addCleanup(self.server.close)
        self.client = Client(self.server)

    # ---- signatures

    def test_signs_the_worked_example_of_the_contract_exactly(self):
        self.assertEqual(sign(SECRET, "ex_01J9Z8/ocr/1", 1767225600, WORKED_BODY), "v1,H+VgDZw58/woKmevg7exEg+FpVd33sMCSYQ8ZOjN6jI=")
        verifier = SignatureVerifier([SECRET], clock=lambda: 1767225600 + 299)
        verifier.verify("ex_01J9Z8/ocr/1", "1767225600", "v0,junk v1,H+VgDZw58/woKmevg7exEg+FpVd33sMCSYQ8ZOjN6jI=", WORKED_BODY)

    def test_refuses_stale_timestamps_and_other_secrets_naming_the_check(self):
        late = SignatureVerifier([SECRET], clock=lambda: 1767225600 + 301)
        with self.assertRaisesRegex(InvalidSignature, "is 301 s away from now, more than the 300 s allowed"):
            late.verify("ex_01J9Z8/ocr/1", "1767225600", "v1,H+VgDZw58/woKmevg7exEg+FpVd33sMCSYQ8ZOjN6jI=", WORKED_BODY)
        rotated = SignatureVerifier(["new-secret", SECRET], clock=lambda: 1767225600)
        rotated.verify("ex_01J9Z8/ocr/1", "1767225600", "v1,H+VgDZw58/woKmevg7exEg+FpVd33sMCSYQ8ZOjN6jI=", WORKED_BODY)
        with self.assertRaisesRegex(InvalidSignature, "no v1 signature in AISpine-Signature matches the body"):
            SignatureVerifier(["other"], clock=lambda: 1767225600).verify(
                "ex_01J9Z8/ocr/1", "1767225600", "v1,H+VgDZw58/woKmevg7exEg+FpVd33sMCSYQ8ZOjN6jI=", WORKED_BODY
            )

    def test_unsigned_stale_and_wrongly_signed_calls_get_401_problems(self):
        status, media, body = self.client.execute(call_body(name="Ada"), sign_with="")
        self.assertEqual((status, media), (401, "application/problem+json"))
        self.assertEqual(body["type"], "urn:aispine:problem:invalid-signature")
        self.assertEqual(body["detail"], "missing header AISpine-Id")
        status, _, body = self.client.execute(call_body(name="Ada"), timestamp=int(time.time()) - 3600)
        self.assertEqual(status, 401)
        self.assertIn("s away from now", body["detail"])
        status, _, body = self.client.execute(call_body(name="Ada"), sign_with="not-the-secret")
        self.assertEqual(status, 401)
        self.assertNotIn(SECRET, json.dumps(body))
        self.assertEqual(self.calls, [])

    # ---- health, manifest, routes

    def test_health_and_manifest_answer_with_the_manifests_name_and_version(self):
        self.assertEqual(self.client.send("GET", "/health"), (200, "application/json", {"status": "ok", "name": "greeter", "version": "1.2.0"}))
        status, _, manifest = self.client.send("GET", "/manifest")
        self.assertEqual(status, 200)
        self.assertEqual(manifest["sample_input"], {"name": "Ada"})
        self.assertEqual(manifest["category"], "general")
        self.assertNotIn("unknown_field", manifest)

    def test_other_paths_and_methods_are_404_and_405_problems(self):
        status, _, body = self.client.send("GET", "/nope")
        self.assertEqual((status, body["type"]), (404, "urn:aispine:problem:not-found"))
        self.assertEqual(body["detail"], "no such endpoint: GET /nope; an agent serves GET /health and POST /execute")
        status, _, body = self.client.send("GET", "/execute")
        self.assertEqual((status, body["type"]), (405, "urn:aispine:problem:method-not-allowed"))

    def test_listens_on_loopback_unless_told_otherwise(self):
        self.assertEqual(self.server.host, "127.0.0.1")
        self.assertEqual(self.server.url, f"http://127.0.0.1:{self.server.port}")

    # ---- calls

    def test_a_call_succeeds_with_output_and_usage(self):
        status, _, body = self.client.execute(call_body(name="Ada"))
        self.assertEqual(status, 200)
        self.assertEqual(body["status"], "success")
        self.assertEqual(body["output"], {"greeting": "Hello Ada", "call": 1})
        status, _, body = self.client.execute(call_body("ex_2/greet/1", name="tokens"), headers={"Idempotency-Key": "ex_2/greet/1"})
        self.assertEqual(body["usage"], {"model": "m", "input_tokens": 3, "output_tokens": 4, "cost_usd": 0.5})

    def test_typed_errors_are_answered_with_their_code_and_retryability(self):
        cases = {
            "throttled": ("THROTTLED", True),
            "nobody": ("NO_SUCH_PERSON", False),
            "": ("INVALID_INPUT", False),
        }
        for i, (name, (code, retryable)) in enumerate(cases.items()):
            status, _, body = self.client.execute(call_body(f"ex_{i}/greet/1", name=name), headers={"Idempotency-Key": f"ex_{i}/greet/1"})
            self.assertEqual(status, 200)
            self.assertEqual(body["status"], "error")
            self.assertEqual((body["error"]["code"], body["error"]["retryable"]), (code, retryable))
        status, _, body = self.client.execute(call_body("ex_9/greet/1", name=5), headers={"Idempotency-Key": "ex_9/greet/1"})
        self.assertEqual(body["error"], {"code": "INVALID_INPUT", "message": "input 'name' must be a string", "retryable": False})

    def test_a_crash_is_a_500_problem_naming_the_exception_class_only(self):
        status, media, body = self.client.execute(call_body(name="bug"))
        self.assertEqual((status, media), (500, "application/problem+json"))
        self.assertEqual(body["detail"], "greeter failed unexpectedly (KeyError); see the agent server's log")

    def test_a_redelivery_gets_the_stored_answer_and_a_retryable_failure_runs_again(self):
        first = self.client.execute(call_body(name="Ada"))
        again = self.client.execute(call_body(name="Ada"))
        self.assertEqual(first, again)
        self.assertEqual(len(self.calls), 1)
        self.client.execute(call_body("ex_3/greet/1", name="throttled"), headers={"Idempotency-Key": "ex_3/greet/1"})
        self.client.execute(call_body("ex_3/greet/1", name="throttled"), headers={"Idempotency-Key": "ex_3/greet/1"})
        self.assertEqual(len(self.calls), 3)

    def test_a_call_past_its_deadline_is_answered_timeout_and_the_handler_is_told(self):
        status, _, body = self.client.execute(call_body(name="slow"), headers={"AISpine-Timeout-Ms": "200"})
        self.assertEqual(status, 200)
        self.assertEqual(body["error"], {"code": "TIMEOUT", "message": "greeter did not finish within 200 ms", "retryable": True})
        self.assertTrue(self.cancelled.wait(10), "request.cancelled was set for the handler")
        self.assertEqual(self.calls[0].timeout_ms, 200)

    def test_traceparent_header_reaches_the_context_unless_the_body_has_one(self):
        trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        self.client.execute(call_body(name="Ada"), headers={"traceparent": trace})
        self.assertEqual(self.calls[0].context, {"traceparent": trace})

    # ---- refusals

    def test_malformed_calls_get_400_problems_naming_the_field(self):
        cases = [
            (b"", "the body is empty; send the call as a JSON object", None),
            (b"{not json", None, None),
            (b"[]", "the body must be a JSON object, got an array", "/"),
            (b'{"execution_id":"e","node":"n","attempt":1,"attempt":2}', None, None),
            (b'{"execution_id":"e","node":"n","attempt":"two","idempotency_key":"k","input":{}}', "'attempt' must be an integer >= 1, got \"two\"", "/attempt"),
            (b'{"execution_id":"e","node":"n","attempt":1,"idempotency_key":"k"}', "missing required field 'input' (a JSON object)", "/input"),
            (b'{"execution_id":"e","node":"n","attempt":1,"idempotency_key":"k","input":{}} junk', None, None),
        ]
        for body, detail, pointer in cases:
            with self.subTest(body=body):
                status, media, problem = self.client.execute(body)
                self.assertEqual((status, media), (400, "application/problem+json"))
                self.assertEqual(problem["type"], "urn:aispine:problem:invalid-request")
                if detail:
                    self.assertEqual(problem["detail"], detail)
                self.assertEqual(problem.get("pointer"), pointer)
        status, _, problem = self.client.execute(call_body(name="Ada"), headers={"AISpine-Timeout-Ms": "soon"})
        self.assertEqual((status, problem["detail"]), (400, "header AISpine-Timeout-Ms must be a whole number of milliseconds > 0"))
        self.assertEqual(self.calls, [])

    def test_a_body_over_one_mebibyte_is_a_413_problem(self):
        status, _, problem = self.client.execute(b"{" + b" " * (1 << 20) + b"}")
        self.assertEqual((status, problem["type"]), (413, "urn:aispine:problem:body-too-large"))


if __name__ == "__main__":
    unittest.main()
