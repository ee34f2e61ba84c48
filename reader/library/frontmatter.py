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
    # The plugin decides where the block ends; give it only the lines up to the
    # first closing fence, so a long body is not scanned at load time.
    lines = text.split("\n")
    close = next((n for n in range(1, len(lines)) if lines[n].rstrip() in ("---", "...")), None)
    head = "\n".join(lines[: close + 1]) + "\n" if close is not None else text
    tokens = _parser().parse(head)
    if not tokens or tokens[0].type != "front_matter" or tokens[0].map is None:
        return Split(None, text, 0)
    end = tokens[0].map[1]
    # Lines split on "\n" only, as markdown-it counts them (str.splitlines also
    # splits on form feeds and U+2028, which would move the body's start).
    return Split(tokens[0].content, "\n".join(lines[end:]), end)
