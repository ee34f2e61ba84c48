"""The list's own word wrap gives the rows Rich's would (it is only faster)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from reader.tui.row_wrap import wrap_row, wrap_words

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


def richs_rows(line: Text, width: int) -> list[Text]:
    """The rows as Rich wraps them, continuation rows hanging under the indentation."""
    indent = len(line.plain) - len(line.plain.lstrip(" "))
    room = max(width - indent, 4)
    pieces = (line[indent:] if indent else line).wrap(CONSOLE, room, overflow="fold")
    if not indent:
        return list(pieces)
    return [
        Text.assemble(line[:indent] if n == 0 else Text(" " * indent), piece)
        for n, piece in enumerate(pieces)
    ]


@settings(max_examples=500)
@given(
    st.lists(WORDS.filter(bool), min_size=1, max_size=10),
    st.integers(min_value=0, max_value=6),
    st.sampled_from(["", "bold", "dim"]),
    st.integers(min_value=8, max_value=60),
)
def test_rows_are_styled_as_richs(words: list[str], indent: int, style: str, width: int) -> None:
    line = Text(" " * indent + " ".join(words), style=style)
    ours, theirs = wrap_row(line, width, CONSOLE), richs_rows(line, width)
    assert [(t.plain, t.style, t.spans) for t in ours] == [
        (t.plain, t.style, t.spans) for t in theirs
    ]
