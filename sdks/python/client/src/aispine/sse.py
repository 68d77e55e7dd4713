"""A ``text/event-stream`` parser, as the WHATWG HTML standard's "event stream interpretation" says."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SseMessage", "SseParser"]


@dataclass(frozen=True)
class SseMessage:
    """One dispatched message: its id (the last one seen), event type and data."""

    id: str | None
    event: str
    data: str


class SseParser:
    """Turns lines of an event stream into messages.

    Fields ``id``, ``event``, ``data`` and ``retry``; comment lines (``: keep-alive``) are skipped; a
    blank line dispatches; multi-line data joins with ``\\n``; unknown fields are ignored. A message
    without its own ``id`` carries the last one seen, even across reconnections, as in a browser.
    """

    def __init__(self, last_event_id: str | None = None) -> None:
        self.last_event_id = last_event_id
        self.retry_ms: int | None = None
        self._data: list[str] = []
        self._event = ""
        self._first = True

    def feed(self, raw: bytes | str) -> list[SseMessage]:
        """Feeds one line as read from the stream (with its line ending); returns the messages it
        completes."""
        text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
        if text.endswith("\r\n"):
            text = text[:-2]
        elif text.endswith("\n") or text.endswith("\r"):
            text = text[:-1]
        out: list[SseMessage] = []
        for line in text.split("\r"):  # a lone CR ends a line too
            message = self.line(line)
            if message is not None:
                out.append(message)
        return out

    def line(self, line: str) -> SseMessage | None:
        """Feeds one line without its ending; returns a message when it was a blank line."""
        if self._first:
            self._first = False
            line = line.removeprefix("\ufeff")
        if line == "":
            return self._dispatch()
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        elif name == "id":
            if "\0" not in value:
                self.last_event_id = value
        elif name == "retry":
            if value.isascii() and value.isdigit():
                self.retry_ms = int(value)
        return None

    def _dispatch(self) -> SseMessage | None:
        if not self._data:
            self._event = ""
            return None
        message = SseMessage(self.last_event_id, self._event or "message", "\n".join(self._data))
        self._data = []
        self._event = ""
        return message
