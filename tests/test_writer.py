"""The ordered writer: one job at a time, in order, and nothing left behind at close."""

from __future__ import annotations

import threading
import time

from reader.library.writer import OrderedWriter


def test_jobs_run_in_order_in_one_thread_and_close_finishes_the_queue() -> None:
    writer = OrderedWriter()
    done: list[int] = []
    threads: set[str] = set()

    def job(n: int) -> int:
        time.sleep(0.01 if n % 2 else 0)  # a slow one never lets a later one pass it
        threads.add(threading.current_thread().name)
        done.append(n)
        return n

    for n in range(20):
        writer.submit(lambda n=n: job(n))
    writer.close()  # what the app does as it quits
    assert done == list(range(20))
    assert threads == {"store-writer"}


def test_a_failed_job_is_reported_and_later_jobs_still_run() -> None:
    writer = OrderedWriter()
    reports: list[tuple[object, BaseException | None]] = []

    def fail() -> None:
        raise OSError("No space left on device")

    writer.submit(fail, lambda result, error: reports.append((result, error)))
    writer.submit(lambda: 42, lambda result, error: reports.append((result, error)))
    writer.close()
    assert isinstance(reports[0][1], OSError) and reports[1] == (42, None)
