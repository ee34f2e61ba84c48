"""Waiting for the messages a key has already sent."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App


def after_pending_messages(app: App[object], callback: Callable[[], object]) -> None:
    """Call ``callback`` once every message already sent from the focus up has been handled.

    Each node's queue is first in, first out, and a message bubbling up reaches the
    parent's queue before the node takes its next one: so a callback passed up the
    same chain, node by node, comes after all of them.
    """
    focused = app.screen.focused
    chain = [*focused.ancestors_with_self] if focused is not None else [app.screen]
    chain = chain[: chain.index(app.screen) + 1] if app.screen in chain else chain

    def step(index: int) -> None:
        if index == len(chain):
            callback()
        else:
            chain[index].call_later(step, index + 1)

    step(0)
