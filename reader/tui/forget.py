"""Forgetting a kiosk visitor: what Textual and Rich keep of words once drawn or searched."""

from __future__ import annotations

import functools
import gc

from textual.worker import active_worker

from reader.library import stemming


def let_go_of_worker() -> None:
    """Call last in a thread worker: Textual leaves the worker in its pool thread's context.

    That keeps the worker, its screen and whatever they hold (a visitor's query)
    alive until the thread runs another worker.
    """
    active_worker.set(None)  # type: ignore[arg-type]


def forget_cached_text() -> None:
    """Empty Textual's and Rich's caches, then collect what closed screens left.

    Their ``lru_cache``s keep rendered text (Rich's cell widths of every string
    drawn) and even whole widgets' rendered lines (Textual's StylesCache, kept by
    a cache keyed on it): the last visitor's words, until something pushes them out.
    """
    stemming.forget()
    gc.collect()
    for cache in gc.get_objects():
        if isinstance(cache, _LRU) and getattr(cache, "__module__", "").startswith(CACHED_BY):
            cache.cache_clear()
    gc.collect()


CACHED_BY = ("textual", "rich")
_LRU = type(functools.lru_cache(maxsize=1)(lambda: None))
