"""Heading anchors, as GitHub and most Markdown tools make them."""

from __future__ import annotations

import re

_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def slugify(text: str) -> str:
    """Lower-case ``text``, drop punctuation, turn spaces into hyphens."""
    return _DROP.sub("", text.strip().lower()).replace(" ", "-")


class AnchorMaker:
    """Gives each heading of one document a unique anchor (``a``, ``a-1``, ``a-2``...)."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def make(self, text: str) -> str:
        """The next unique anchor for a heading with this text."""
        base = slugify(text) or "section"
        count = self._seen.get(base)
        if count is None:
            self._seen[base] = 0
            return base
        while True:
            count += 1
            candidate = f"{base}-{count}"
            if candidate not in self._seen:
                self._seen[base] = count
                self._seen[candidate] = 0
                return candidate
