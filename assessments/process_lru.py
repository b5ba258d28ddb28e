"""A small least-recently-used map kept in one process and safe across its threads.

Used for renderings that never change once made (a report's sections, a PDF), in front of the
shared cache. Callers look the assessment up in the database before asking, so nothing kept
here is served after the assessment is deleted."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Generic, TypeVar

V = TypeVar("V")


class ProcessLRU(Generic[V]):
    def __init__(self, limit: int):
        self.limit = limit
        self._items: OrderedDict[str, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)

    def discard(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __contains__(self, key: str) -> bool:
        with self._lock:
            return key in self._items
