"""The client against a real AI Spine server (AISPINE_URL, AISPINE_TOKEN)."""

import os
import pathlib
import subprocess
import sys
import time
import unittest
import urllib.parse

import _env
from _proxy import CuttingProxy

from aispine import (
    AispineClient,
    ApprovalStatus,
    ConflictError,
    ExecutionStatus,
    NotFoundError,
    UnauthorizedError,
    UnprocessableError,
)

GREET = """
id: py-greet
version: 1.0.0
inputs:
  name: {type: string, required: true}
nodes:
  - id: greet
    agent: echo
    with: {message: "Hello, ${inputs.name}!"}
  - id: shout
    agent: echo
    needs: [greet]
    with: {message: "${nodes.greet.output.message}!!"}
outputs:
  message: "${nodes.shout.output.message}"
"""

REVIEW = """
id: py-review
version: 1.0.0
nodes:
  - id: quote
    agent: echo
    with: {amount: 120}
  - id: review
    type: approval
    needs: quote
    message: "Refund ${nodes.quote.output.amount} EUR?"
  - id: pay
    agent: echo
    needs: review
    with: {approved: "${nodes.review.output.approved}"}
"""


class ClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = _env.client()
        cls.client.deploy_flow(GREET, approve=True)
        cls.client.deploy_flow(REVIEW, approve=True)

    def follow(self, stream, until=None):
        """The events of ``stream`` up to its end, or up to the first of type ``until``."""
        events = []
        for event in stream:
            events.append(event)
            if event.type == until:
                break
        return events

    def assert_contiguous(self, events) -> None:
        self.assertEqual(list(range(1, len(events) + 1)), [e.seq for e in events], "a gap or a duplicate")
        self.assertEqual("execution.completed", events[-1].type)

    def test_deploys_starts_and_follows_an_execution_to_its_end(self) -> None:
        again = self.client.deploy_flow(GREET, approve=True)
        self.assertFalse(again.created)
        self.assertEqual(["greet", "shout"], [n.id for n in again.flow.nodes])
        self.assertIn("py-greet", [f.id for f in self.client.list_flows()])
        self.assertEqual(["1.0.0"], [f.version for f in self.client.list_flow_versions("py-greet")])
        self.assertEqual("string", self.client.get_flow_version("py-greet", "1.0.0").inputs["name"].type)

        started = self.client.start_execution("py-greet", {"name": "Ada"})
        events = self.follow(self.client.stream(started.id))

        self.assert_contiguous(events)
        self.assertEqual({started.id}, {e.execution_id for e in events})
        done = self.client.get_execution(started.id)
        self.assertEqual(ExecutionStatus.SUCCEEDED, done.status)
        self.assertEqual("Hello, Ada!!!", done.outputs["message"])
        self.assertEqual(["greet", "shout"], [n.path for n in done.nodes])
        self.assertEqual([e.seq for e in events], [e.seq for e in self.client.history(started.id)])

    def test_a_stream_closed_midway_resumes_after_its_last_event_id(self) -> None:
        started = self.client.start_execution("py-review")
        first = self.client.stream(started.id)
        before = self.follow(first, until="approval.requested")
        first.close()
        approval_id = before[-1].data["approval_id"]
        self.client.approve(approval_id)

        after = self.follow(self.client.stream(started.id, last_event_id=first.last_event_id))

        self.assert_contiguous(before + after)

    def test_a_dropped_connection_reconnects_and_loses_no_event(self) -> None:
        port = urllib.parse.urlsplit(self.client.base_url).port
        proxy = CuttingProxy(port)
        self.addCleanup(proxy.close)
        started = self.client.start_execution("py-review")
        stream = _env.client(proxy.url).stream(started.id)
        events = self.follow(stream, until="approval.requested")

        proxy.cut()  # the network drops the stream's connection under it
        self.client.approve(events[-1].data["approval_id"])
        events += self.follow(stream)

        self.assert_contiguous(events)
        self.assertEqual(1, stream.reconnects)
        self.assertEqual(2, proxy.accepted)

    def test_an_approval_is_listed_and_answered_once(self) -> None:
        started = self.client.start_execution("py-review")
        self.follow(self.client.stream(started.id), until="approval.requested")

        pending = self.client.list_approvals(execution=started.id, statuses=[ApprovalStatus.PENDING])
        self.assertEqual(1, len(pending.items))
        approval = pending.items[0]
        self.assertEqual(("review", "Refund 120 EUR?"), (approval.node, approval.message))

        answered = self.client.reject(approval.id, "no receipt")
        self.assertEqual((ApprovalStatus.REJECTED, "no receipt"), (answered.status, answered.comment))
        with self.assertRaises(ConflictError) as again:
            self.client.approve(approval.id)
        self.assertEqual((409, "conflict"), (again.exception.status, again.exception.kind))
        done = self.follow(self.client.stream(started.id))
        self.assertEqual("execution.completed", done[-1].type)
        self.assertFalse(self.client.get_execution(started.id).nodes[1].output["approved"])

    def test_bad_input_is_a_typed_problem_with_its_fields(self) -> None:
        typo = GREET.replace("needs: [greet]", "needs: [gret]")
        with self.assertRaises(UnprocessableError) as invalid:
            self.client.deploy_flow(typo)
        problem = invalid.exception
        self.assertEqual((422, "invalid-flow"), (problem.status, problem.kind))
        error = next((e for e in problem.errors if "did you mean 'greet'" in (e.detail or "")), None)
        self.assertIsNotNone(error, str(problem))
        self.assertEqual(next(i for i, l in enumerate(typo.split("\n"), 1) if "[gret]" in l), error.line)
        self.assertIsNotNone(error.column)

        with self.assertRaises(UnprocessableError) as inputs:
            self.client.start_execution("py-greet", {"name": 42})
        self.assertEqual("invalid-inputs", inputs.exception.kind)
        self.assertEqual("/inputs/name", inputs.exception.errors[0].pointer)

        with self.assertRaises(NotFoundError) as missing:
            self.client.get_execution("ex_00000000000000000000000000")
        self.assertEqual("/api/v1/executions/ex_00000000000000000000000000", missing.exception.path)
        with self.assertRaises(UnauthorizedError):
            AispineClient(self.client.base_url, "not-a-key").list_flows()

    def test_pages_through_executions_with_the_next_cursor(self) -> None:
        flow = f"py-paging-{time.time_ns()}"  # a flow of its own: the server may outlive one run
        self.client.deploy_flow(GREET.replace("py-greet", flow), approve=True)
        started = {self.client.start_execution(flow, {"name": str(i)}).id for i in range(5)}

        sizes, seen, cursor = [], [], None
        while True:
            page = self.client.list_executions(flow=flow, limit=2, cursor=cursor)
            sizes.append(len(page.items))
            seen += [e.id for e in page.items]
            if not page.has_more:
                break
            cursor = page.next_cursor

        self.assertEqual([2, 2, 1], sizes)
        self.assertEqual(started, set(seen))
        self.assertEqual(seen, [e.id for e in self.client.iter_executions(flow=flow, limit=2)])

    def test_cancels_retries_and_replays(self) -> None:
        self.client.deploy_flow(
            "id: py-nap\nversion: 1.0.0\nnodes:\n  - id: nap\n    agent: sleep\n    with: {ms: 60000}\n", approve=True)
        napping = self.client.start_execution("py-nap")
        self.client.cancel_execution(napping.id)
        self.assertEqual(ExecutionStatus.CANCELLED, self.follow(self.client.stream(napping.id))[-1].execution_status)
        with self.assertRaises(ConflictError):
            self.client.cancel_execution(napping.id)

        self.client.deploy_flow(
            "id: py-flaky\nversion: 1.0.0\nnodes:\n  - id: flaky\n    agent: fail\n    with: {times: 1}\n", approve=True)
        flaky = self.client.start_execution("py-flaky")
        first_run = self.client.stream(flaky.id)
        self.assertEqual("execution.failed", self.follow(first_run)[-1].type)
        self.client.retry_execution(flaky.id)
        # from the start, the stream would end again at the first run's terminal event
        self.assertEqual("execution.completed", self.follow(self.client.stream(flaky.id, first_run.last_event_id))[-1].type)
        self.assertEqual(ExecutionStatus.SUCCEEDED, self.client.get_execution(flaky.id).status)

        origin = self.client.start_execution("py-greet", {"name": "Ada"})
        self.follow(self.client.stream(origin.id))
        replay = self.client.replay_execution(origin.id, "shout", inputs={"name": "Bob"})
        self.follow(self.client.stream(replay.id))
        done = self.client.get_execution(replay.id)
        self.assertEqual((origin.id, "shout"), (done.replay_of.execution, done.replay_of.from_))
        self.assertEqual([True, False], [n.reused for n in done.nodes])
        self.assertEqual("Hello, Ada!!!", done.outputs["message"])  # greet was reused, not re-run

    def test_registers_lists_and_checks_agents(self) -> None:
        agent = self.client.register_agent(
            "http://127.0.0.1:9", name="py-reviewer", version="1.0.0", description="reviews")
        self.assertEqual(("http", "1.0.0"), (agent.kind, agent.latest))
        self.assertIn("py-reviewer", [a.name for a in self.client.list_agents()])
        self.assertEqual("reviews", self.client.get_agent("py-reviewer").description)
        version = self.client.get_agent_version("py-reviewer", "1.0.0")
        self.assertEqual(("http://127.0.0.1:9", False), (version.url, version.signed))
        self.assertEqual("down", self.client.check_agent_health("py-reviewer").status)  # nothing listens
        self.assertEqual("ok", self.client.check_agent_health("echo").status)
        self.assertTrue(self.client.healthy() and self.client.ready())

    def test_the_quickstart_example_runs_as_documented(self) -> None:
        url, token = _env.server()
        example = pathlib.Path(__file__).resolve().parents[1] / "examples" / "quickstart.py"
        env = dict(os.environ, AISPINE_URL=url, AISPINE_TOKEN=token,
                   PYTHONPATH=str(example.parents[1] / "src"))
        run = subprocess.run([sys.executable, str(example)], env=env, capture_output=True, text=True,
                             timeout=120)
        self.assertEqual(0, run.returncode, run.stderr)
        self.assertIn("succeeded Hello, Ada!", run.stdout)
        self.assertIn("invalid-inputs /inputs/name", run.stdout)


if __name__ == "__main__":
    unittest.main()
