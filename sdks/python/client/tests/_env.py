"""What the tests share: the package on the path, and the server they run against."""

import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))

from aispine import AispineClient, ReconnectPolicy  # noqa: E402


def server() -> tuple[str, str]:
    """The URL and admin key of the server under test, from AISPINE_URL and AISPINE_TOKEN."""
    url, token = os.environ.get("AISPINE_URL"), os.environ.get("AISPINE_TOKEN")
    if not url or not token:
        raise RuntimeError(
            "these tests run against a real server: set AISPINE_URL and AISPINE_TOKEN (the Maven build "
            "does: ./mvnw verify -pl aispine-sdk runs PolyglotClientsTest), or start one with "
            "'bin/aispine server' and export its URL and admin key"
        )
    return url, token


def client(url: str | None = None) -> AispineClient:
    """A client of the server under test (or of ``url`` with its key), quick to reconnect."""
    base, token = server()
    return AispineClient(url or base, token, reconnect=ReconnectPolicy(0.05, 0.5, 30.0))
