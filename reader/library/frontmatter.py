"""Split a Markdown file into its YAML front matter and body."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@dataclass(frozen=True, slots=True)
class Split:
    """Front matter text (``None`` when the file has none), the body and its first line."""

    front_matter: str | None
    body: str
    body_line: int


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Only the front matter rule matters; "zero" keeps the rest of the scan cheap.
    # Imported here so that importing the library stays fast.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("zero").use(front_matter_plugin)


def split_front_matter(text: str) -> Split:
    """Split ``text`` at the closing ``---`` of a leading front matter block."""
    if not text.startswith("---"):
        return Split(None, text, 0)
    # The plugin finds the block's end; parse just enough lines to be sure of it.
    tokens = _parser().parse(text)
    if not tokens or tokens[0].type != "front_matter" or tokens[0].map is None:
        return Split(None, text, 0)
    end = tokens[0].map[1]
    # Split on "\n" only, as markdown-it counts lines (str.splitlines also splits
    # on form feeds and U+2028, which would move the body's start).
    lines = text.split("\n")
    return Split(tokens[0].content, "\n".join(lines[end:]), end)
