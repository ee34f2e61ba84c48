"""Line mode under Fenrir (PTY mode): every key answered first, and once.

Fenrir reads the text that changed after each key; it takes F1, F2 and Escape
for itself in PTY mode, so the walk uses the reader's plain keys (c for help).
Its punctuation level "some" says "-" as "dash" and drops brackets and quotes:
the words are compared with that punctuation set aside.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import partial

import pytest
from fenrir import Fenrir, available

if not available() and os.environ.get("CI"):
    pytest.fail("Fenrir is missing in CI (.ci/run installs Debian's fenrir)", pytrace=False)
pytestmark = pytest.mark.skipif(not available(), reason="no Fenrir here: apt-get install fenrir")

SIZES = [(100, 30), (40, 20)]


def words(text: str) -> str:
    """Text as compared: letters, digits and spaces, without Fenrir's "dash"."""
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(word for word in text.split() if word != "dash")


@pytest.fixture
def fenrir(line_mode_under) -> Callable[..., Fenrir]:
    """Start the reader in line mode under Fenrir: ``start(*args, cols=, rows=)``."""
    return partial(line_mode_under, Fenrir)


WALK: list[tuple[str, str]] = [
    ("down", "Topics: Every kind of block (article)"),
    ("enter", "Opened Every kind of block, 5 sections, line 1 of"),
    ("h", "Heading: A list"),
    ("l", "Link: the other article (worry-basics.md)"),
    ("b", "Bookmark added at line"),
    ("B", "Bookmarks. 1 bookmark."),
    ("backspace", "Back to reading: line"),
    ("c", "Help contacts: 4 items, Emergency, phone 999 selected."),
    ("down", "Help contacts: When a life is at risk."),
    ("enter", "EMERGENCY: Emergency Phone: 999"),
    ("backspace", "Emergency, phone 999"),
    ("slash", "Search: type what you are looking for"),
    ("worry", '1 article for "worry". Down moves to it.'),  # after the letters, if read
    ("down", "Worry basics, in Worry"),
    ("enter", "Opened Worry basics, 3 sections"),
    ("t", "Contents of Worry basics."),
    ("backspace", "Worry is common"),
    ("question_mark", "Keys"),
    ("backspace", "Worry is common"),
]


@pytest.mark.parametrize(("cols", "rows"), SIZES)
def test_every_key_is_answered_first_and_once_under_fenrir(fenrir, cols, rows):
    sr = fenrir(cols=cols, rows=rows)
    start = words(" ".join(sr.start_speech))
    assert "reader mental health information in line mode c get help now" in start, start
    for key, begins in WALK:
        said = sr.press(key, begins.split()[0].strip('"'))
        text = words(" ".join(said))
        typed = text.removeprefix("search worry").strip() if key == "worry" else text
        assert typed.startswith(words(begins)), (key, said)
        assert not re.search(r"(\b.{25,}\b).*\1", text), (key, said)  # nothing said twice
        assert "greater" not in text, (key, said)


def test_the_help_key_says_the_emergency_number_first_under_fenrir(fenrir):
    sr = fenrir(cols=40, rows=20)
    sr.press("down", "Topics")
    sr.press("enter", "Opened")
    said = " ".join(sr.press("c", "Help contacts"))
    assert said.startswith("Help contacts") and said.index("999") < 150, said
