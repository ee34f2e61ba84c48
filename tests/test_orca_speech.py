"""Line mode under Orca (GNOME's screen reader) in xfce4-terminal: each key's answer
first, and once.

Orca speaks a terminal's new text when it knows its cause (a key, Return) and the
line at the caret when the caret moves. Its key echo says some keys first
("return", "F2", a typed letter): those are Orca's own words, and are set aside.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import partial

import pytest
from orca import Orca, available

if not available() and os.environ.get("CI"):
    pytest.fail("Orca is missing in CI (.ci/run installs Debian's orca)", pytrace=False)
pytestmark = pytest.mark.skipif(not available(), reason="no Orca here: see .ci/run")

SIZES = [(100, 30), (40, 20)]
BOXES = re.compile("[\u2500-\u259f]")
# Orca's key echo: the key's own name, said before the answer.
ECHO = {
    "return",
    "F2",
    "slash",
    "BackSpace",
    "backspace",
    "space",
    "question",
    "left shift",
    "escape",
}


@pytest.fixture
def orca(line_mode_under) -> Callable[..., Orca]:
    """Start the reader in line mode under Orca: ``start(*args, cols=, rows=)``."""
    return partial(line_mode_under, Orca)


# (xdotool key, what the answer begins with)
WALK: list[tuple[str, str]] = [
    ("Down", "Topics: Every kind of block (article)"),
    ("Return", "Opened Every kind of block, 5 sections, line 1 of"),
    ("h", "Heading: A list"),
    ("l", "Link: the other article (worry-basics.md)"),
    ("b", "Bookmark added at line"),
    ("B", "Bookmarks. 1 bookmark."),
    # Escape, not BackSpace: when the terminal scrolls after a BackSpace, Orca takes the
    # row that scrolled away for a deleted one and says it (README, line mode).
    ("Escape", "Back to reading: line"),
    ("F2", "Help contacts: 4 items, Emergency, phone 999 selected."),
    ("Down", "Help contacts: When a life is at risk."),
    ("Return", "EMERGENCY: Emergency Phone: 999"),
    ("Escape", "Emergency, phone 999"),
    ("c", "Help contacts: 4 items, Emergency, phone 999 selected."),
    ("slash", "Search: type what you are looking for"),
    ("type:worry", '1 article for "worry". Down moves to it.'),
    ("Down", "Worry basics, in Worry"),
    ("Return", "Opened Worry basics, 3 sections"),
    ("t", "Contents of Worry basics."),
    ("Escape", "Worry is common"),
    ("question", "Keys"),
]


def answer(said: list[str], key: str) -> str:
    """What Orca said, less its echo of the key (a name, or a letter typed)."""
    kept = [words for words in said if words not in ECHO and len(words) > 1]
    if key.startswith("type:"):  # the letters typed, echoed one or a few at a time
        kept = [words for words in kept if words not in key[5:]]
    return " ".join(kept)


@pytest.mark.parametrize(("cols", "rows"), SIZES)
def test_every_key_is_answered_first_and_once_under_orca(orca, cols, rows):
    sr = orca(cols=cols, rows=rows)
    start = " ".join(sr.start_speech)
    assert "reader: mental-health information, in line mode. c: get help now." in start, start
    previous = ""
    for key, begins in WALK:
        said = sr.press(key, begins.split(":")[0])
        text = answer(said, key)
        # Orca's one known addition: an answer that wraps is inserted with the line break
        # before it, and Orca says the whole line the insertion starts on first, the last
        # row of the answer before (README, line mode). Nothing else may come first.
        if not text.startswith(begins) and begins in text:
            lead = text[: text.index(begins)].strip()
            prompt = f"Search: {key[5:]}"  # the line typed on, for a typing step
            assert lead and (previous.endswith(lead) or lead == prompt), (key, said)
            text = text[text.index(begins) :]
        assert text.startswith(begins), (key, said)
        previous = text
        assert not re.search(r"(.{25,}).*\1", text), (key, said)  # nothing said twice
        assert not BOXES.search(text) and ">" not in text, (key, said)
        if begins.startswith("Help contacts: 4"):
            assert text.index("999") < 150, text
