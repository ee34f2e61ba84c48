"""One ordered writer: the store's writes, off the UI thread, in the order asked.

A write takes the store's file lock (up to 30 s when another process holds it),
writes a temporary file and fsyncs it twice: too slow for the thread that draws
the screen. The writer runs every job in one thread of its own, so a later write
never overtakes an earlier one, and ``close`` finishes the queue before the app
quits, so nothing asked for is lost.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from typing import Any

Done = Callable[[Any, BaseException | None], None]


class OrderedWriter:
    """Runs jobs one at a time, in order, in a thread; tells ``done`` how each went."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[tuple[Callable[[], Any], Done | None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, job: Callable[[], Any], done: Done | None = None) -> None:
        """Queue ``job``; ``done(result, error)`` is called in the writer's thread after it."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="store-writer", daemon=True)
                self._thread.start()
        self._jobs.put((job, done))

    def _run(self) -> None:
        while (entry := self._jobs.get()) is not None:
            job, done = entry
            result: Any = None
            error: BaseException | None = None
            try:
                result = job()
            except Exception as caught:  # reported to ``done``; the writer goes on
                error = caught
            finally:
                self._jobs.task_done()  # even on a BaseException: drain() must not hang
            if done is not None:
                with contextlib.suppress(Exception):  # a failed report must not stop later writes
                    done(result, error)
        self._jobs.task_done()

    def drain(self) -> None:
        """Wait until every job asked for so far is done."""
        if self._thread is not None:
            self._jobs.join()

    def close(self) -> None:
        """Finish the queue, then stop the thread."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._jobs.put(None)
            thread.join()
