"""Places, bookmarks and remembered preferences as plain data: no store, no TinyDB.

A place in an article is ``(block, offset)`` from the line layout: the
top-level block and how many visible characters of it come before the place.
It does not depend on the width. The full-screen reader needs these before its
first frame; the store (TinyDB, the file lock) is opened after it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reader.library.dates import long_date

FILE_NAME = "bookmarks.json"


@dataclass(frozen=True, slots=True)
class Place:
    """A width-independent place in an article."""

    block: int
    offset: int


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A saved place in an article, with what the reader saw there."""

    id: int
    slug: str
    block: int
    offset: int
    heading: str = ""
    snippet: str = ""
    note: str = ""
    created: str = ""
    # The language of the text it points into ("" for one made before languages:
    # the originals' text). A place in one language's text is no place in another's.
    lang: str = ""

    def points_into(self, lang: str | None, original: bool = True) -> bool:
        """True if it points into the text in ``lang`` (``original``: the originals');
        any text if ``lang`` is None."""
        return lang is None or self.lang == lang or (not self.lang and original)

    @property
    def place(self) -> Place:
        """Where in the article it points."""
        return Place(self.block, self.offset)


def when(created: str) -> str:
    """A stored ISO timestamp as "27 November 2026, 14:03" (in the language), local time."""
    try:
        moment = datetime.fromisoformat(created).astimezone()
    except ValueError:
        return created
    return f"{long_date(moment.date())}, {moment:%H:%M}"


def peek_preferences(data_dir: Path) -> dict[str, Any]:
    """The remembered preferences, read without the store (and without its lock).

    The store replaces its file whole (``os.replace``), so a plain read sees one
    version. Anything unreadable is no preferences: the store, opened after the
    first frame, says what is wrong with the file.
    """
    try:
        data = json.loads((data_dir / FILE_NAME).read_text(encoding="utf-8"))
        table = data.get("preferences", {})
        return {
            doc["name"]: doc.get("value")
            for doc in table.values()
            if isinstance(doc, dict) and isinstance(doc.get("name"), str)
        }
    except (OSError, ValueError, AttributeError, TypeError, RecursionError):
        return {}
