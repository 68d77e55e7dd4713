"""Standard Webhooks signatures with AISpine- headers: HMAC-SHA256 of ``id.timestamp.body``."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from typing import Callable, Iterable, Optional

SIGNATURE_ID = "AISpine-Id"
SIGNATURE_TIMESTAMP = "AISpine-Timestamp"
SIGNATURE = "AISpine-Signature"
VERSION = "v1"
DEFAULT_TOLERANCE_S = 300


class InvalidSignature(Exception):
    """A request whose signature is missing, stale or does not match; the message says which."""


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``AISpine-Signature`` value for this id, timestamp (unix seconds) and body."""
    if not secret or not secret.strip():
        raise ValueError("the signing secret must not be blank")
    return VERSION + "," + base64.b64encode(_mac(secret, msg_id, timestamp, body)).decode("ascii")


def _mac(secret: str, msg_id: str, timestamp: int, body: bytes) -> bytes:
    message = f"{msg_id}.{timestamp}.".encode("utf-8") + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()


class SignatureVerifier:
    """Accepts a request signed with any of ``secrets`` (several while one is being rotated)."""

    def __init__(
        self,
        secrets: Iterable[str],
        tolerance_s: int = DEFAULT_TOLERANCE_S,
        clock: Callable[[], float] = time.time,
    ):
        self._secrets = [s for s in secrets]
        if not self._secrets or any(not s or not s.strip() for s in self._secrets):
            raise ValueError("a signature verifier needs at least one non-blank secret")
        self._tolerance_s = tolerance_s
        self._clock = clock

    def verify(
        self,
        msg_id: Optional[str],
        timestamp: Optional[str],
        signatures: Optional[str],
        body: bytes,
    ) -> None:
        """Returns when one signature matches; raises :class:`InvalidSignature` otherwise."""
        for header, value in (
            (SIGNATURE_ID, msg_id),
            (SIGNATURE_TIMESTAMP, timestamp),
            (SIGNATURE, signatures),
        ):
            if value is None or not value.strip():
                raise InvalidSignature("missing header " + header)
        signed_at = self._check_fresh(timestamp.strip())
        for candidate in signatures.strip().split():
            received = _decode(candidate)
            if received is None:
                continue
            for secret in self._secrets:
                # Constant time: how much of a guess matches must not show in how long it takes.
                if hmac.compare_digest(_mac(secret, msg_id, signed_at, body), received):
                    return
        raise InvalidSignature(
            f"no {VERSION} signature in {SIGNATURE} matches the body; check that caller and agent"
            " share the same secret and that the body is passed on byte for byte"
        )

    def _check_fresh(self, timestamp: str) -> int:
        try:
            if not timestamp.lstrip("-").isdigit():
                raise ValueError(timestamp)
            signed_at = int(timestamp)
        except ValueError:
            raise InvalidSignature(
                f"{SIGNATURE_TIMESTAMP} must be unix seconds, got '{timestamp}'"
            ) from None
        skew = abs(int(self._clock()) - signed_at)
        if skew > self._tolerance_s:
            raise InvalidSignature(
                f"{SIGNATURE_TIMESTAMP} is {skew} s away from now, more than the"
                f" {self._tolerance_s} s allowed; a replayed request, or a clock that needs"
                " synchronising"
            )
        return signed_at

    def __repr__(self) -> str:
        return f"SignatureVerifier[{len(self._secrets)} secret(s) hidden, tolerance {self._tolerance_s} s]"


def _decode(candidate: str) -> Optional[bytes]:
    prefix = VERSION + ","
    if not candidate.startswith(prefix):
        return None
    try:
        return base64.b64decode(candidate[len(prefix):], validate=True)
    except ValueError:
        return None
