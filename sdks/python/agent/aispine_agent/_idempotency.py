"""At most one run per idempotency key within a time to live; redeliveries get the stored answer."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from concurrent.futures import Future
from typing import Callable, Tuple


class IdempotencyCache:
    """Final answers per idempotency key, the oldest dropped first beyond ``max_keys``.

    A duplicate that arrives while the first delivery runs waits for it. Only final answers are
    kept: a retryable failure, a crash or a timeout forgets the key, so the next delivery runs again.
    """

    def __init__(self, ttl_s: float = 24 * 3600, max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic):
        if max_keys < 1 or ttl_s <= 0:
            raise ValueError("the idempotency cache needs a size >= 1 and a ttl > 0")
        self._ttl_s = ttl_s
        self._max_keys = max_keys
        self._clock = clock
        self._entries: "OrderedDict[str, Tuple[Future, float]]" = OrderedDict()
        self._lock = threading.Lock()

    def claim(self, key: str) -> Tuple[Future, bool]:
        """The future holding ``key``'s answer, and whether this caller must produce it."""
        now = self._clock()
        with self._lock:
            existing = self._entries.get(key)
            if existing is not None and existing[1] + self._ttl_s < now:
                del self._entries[key]
                existing = None
            if existing is not None:
                return existing[0], False
            mine: Future = Future()
            self._entries[key] = (mine, now)
            while len(self._entries) > self._max_keys:
                self._entries.popitem(last=False)
            return mine, True

    def forget(self, key: str, future: Future) -> None:
        """Drops ``key`` if it still holds ``future``, so that the next delivery runs again."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] is future:
                del self._entries[key]

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
