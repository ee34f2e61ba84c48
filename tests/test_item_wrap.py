"""The list's own word wrap gives the rows Rich's would (it is only faster)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from reader.tui.item_list import wrap_words

CONSOLE = Console(width=200)
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz()-,.'", min_size=0, max_size=14)


@settings(max_examples=800)
@given(st.lists(WORDS, min_size=1, max_size=14), st.integers(min_value=4, max_value=40))
def test_wrapped_rows_are_richs(words: list[str], room: int) -> None:
    text = " ".join(words)
    ours = wrap_words(text, room)
    if ours is not None:  # None: Rich wraps it (long words, runs of spaces)
        assert ours == [piece.plain for piece in Text(text).wrap(CONSOLE, room, overflow="fold")]


def test_most_titles_are_wrapped_here_not_by_rich() -> None:
    assert wrap_words("Sleep problems and your mood (open)", 12) == [
        "Sleep ",
        "problems and",
        "your mood ",
        "(open)",
    ]
    assert wrap_words("Supercalifragilistic", 8) is None
