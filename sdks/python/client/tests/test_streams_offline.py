"""The parts of event streams that need no server: SSE parsing, CloudEvent reading, backoff."""

import json
import unittest

import _env  # noqa: F401  (puts the package on the path)

from aispine import ExecutionStatus, ReconnectPolicy, StreamEvent
from aispine.sse import SseParser


class SseParserTest(unittest.TestCase):
    def test_parses_multiline_data_comments_retry_and_every_line_ending(self) -> None:
        parser = SseParser()
        lines = [b"\xef\xbb\xbf: hello\n", b"retry: 1500\r\n", b"id: 7\r", b"event: node.completed\n",
                 b"data: {\"a\":\n", b"data: 1}\n", b"\n", b"data: no id of its own\n", b"\r\n"]
        messages = [m for line in lines for m in parser.feed(line)]
        self.assertEqual(1500, parser.retry_ms)
        self.assertEqual(["7", "7"], [m.id for m in messages])
        self.assertEqual(["node.completed", "message"], [m.event for m in messages])
        self.assertEqual('{"a":\n1}', messages[0].data)

    def test_a_blank_line_without_data_dispatches_nothing(self) -> None:
        parser = SseParser("3")
        self.assertEqual([], parser.feed("event: x\n") + parser.feed("\n"))
        self.assertEqual("3", parser.last_event_id)


class StreamEventTest(unittest.TestCase):
    def test_reads_a_cloud_event(self) -> None:
        cloud = {"specversion": "1.0", "id": "ex_1:5", "source": "/executions/ex_1",
                 "type": "io.aispine.execution.failed", "time": "2026-11-22T05:05:46.123Z",
                 "data": {"seq": 5, "attempt": 0}}
        event = StreamEvent.parse("5", "message", json.dumps(cloud))
        self.assertEqual(("execution.failed", "ex_1", 5), (event.type, event.execution_id, event.seq))
        self.assertTrue(event.terminal)
        self.assertEqual(ExecutionStatus.FAILED, event.execution_status)

    def test_a_message_that_is_not_json_is_still_delivered(self) -> None:
        event = StreamEvent.parse("9", "note", "plain text")
        self.assertEqual(("note", "plain text", False), (event.type, event.json, event.terminal))


class ReconnectPolicyTest(unittest.TestCase):
    def test_doubles_from_the_first_delay_up_to_the_maximum(self) -> None:
        policy = ReconnectPolicy(0.25, 5.0, 300.0)
        self.assertEqual([0.25, 0.5, 1.0, 2.0, 4.0, 5.0, 5.0], [policy.delay(n) for n in range(1, 8)])
        self.assertEqual(1.5, policy.delay(1, first=1.5))

    def test_refuses_a_first_delay_over_the_maximum(self) -> None:
        with self.assertRaisesRegex(ValueError, "initial_delay <= max_delay"):
            ReconnectPolicy(10.0, 5.0, 300.0)


if __name__ == "__main__":
    unittest.main()
