"""Control characters, escape sequences and bidi overrides never survive cleaning."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.segment import Segment
from textual.strip import Strip

from reader.document.sanitize import clean_line, clean_text, is_clean
from reader.tui.frames import safe

HOSTILE = [
    "\x1b[2J\x1b[H",  # clear screen, cursor home
    "\x1b]0;owned\x07",  # OSC window title, BEL
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52 clipboard
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b31m",  # C1 CSI
    "\x90data\x9c",  # C1 DCS ... ST
    "abc\x08\x08\x08xyz",  # backspaces that would overwrite text
    "safe\rEVIL",  # bare carriage return
    "\u202eevil\u202c",  # right-to-left override
    "\u2066isolate\u2069",
    "\x00nul\x7fdel",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_control_character_survives(text: str) -> None:
    cleaned = clean_text(text)
    assert is_clean(cleaned)
    for char in cleaned:
        code = ord(char)
        assert code >= 0x20 or char in "\n\t", repr(cleaned)
        assert not 0x7F <= code < 0xA0, repr(cleaned)
        assert char not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_controls_become_visible_pictures() -> None:
    assert clean_text("a\x1bb") == "a\u241bb"
    assert clean_text("bell\x07") == "bell\u2407"
    assert clean_text("x\x9by") == "x\ufffdy"


def test_text_is_kept() -> None:
    text = "Plain text, ünïcödé, 中文, emoji-free.\n\tIndented."
    assert clean_text(text) == text


def test_line_endings_are_normalised() -> None:
    assert clean_text("a\r\nb\rc") == "a\nb\nc"


def test_clean_line_flattens() -> None:
    assert clean_line("a\nb\tc") == "a b c"


CONTROLS = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]] + list("\u202e\u2066")


@given(st.lists(st.one_of(st.sampled_from(CONTROLS), st.text(max_size=5)), max_size=30))
def test_a_row_written_to_the_terminal_holds_no_control(parts: list[str]) -> None:
    """The frame writer's last guard: whatever reached a row, no control is written,
    and the printable text stays, in order."""
    text = "".join(parts)
    strip = safe(Strip([Segment(text), Segment("end")]))
    written = "".join(segment.text for segment in strip)
    assert not any(char in written for char in CONTROLS)
    assert written == "".join(c for c in text + "end" if c not in CONTROLS)
