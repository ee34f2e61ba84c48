"""A list's rows wrapped to its width: at words, continuation lines hanging under the text.

Plain rows (one style, one cell a character) are wrapped here, many times faster
than Rich, giving the rows Rich would; anything else is wrapped by Rich.
"""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Span, Text


def wrap_row(line: Text, width: int, console: Console) -> list[Text]:
    """Wrap at words; continuation lines hang under the text, not under its indentation."""
    plain = line.plain
    indent = len(plain) - len(plain.lstrip(" "))
    room = max(width - indent, 4)
    # One style, one cell a character: wrapped here, many times faster than Rich (a
    # library of thousands of titles is wrapped at start), into the rows Rich gives.
    if not line.spans and plain.isascii() and plain.isprintable():
        if len(plain) <= width:
            return [_hanging(plain[indent:], indent, line.style, first=True)]
        words = wrap_words(plain[indent:], room)
        if words is not None:
            return [
                _hanging(word, indent, line.style, first=number == 0)
                for number, word in enumerate(words)
            ]
    body = line[indent:] if indent else line
    pieces = body.wrap(console, room, overflow="fold") or [Text("")]
    if not indent:
        return list(pieces)
    return [
        Text.assemble(line[:indent] if number == 0 else Text(" " * indent), piece)
        for number, piece in enumerate(pieces)
    ]


def _hanging(text: str, indent: int, style: str | Style, first: bool) -> Text:
    """A row of ``text`` after ``indent`` spaces, styled as Rich assembles it above."""
    if not indent:
        return Text(text, style=style)
    spans = [Span(0, indent, style)] if style and first else []
    if style:
        spans.append(Span(indent, indent + len(text), style))
    return Text(" " * indent + text, spans=spans)


def wrap_words(text: str, room: int) -> list[str] | None:
    """Plain one-cell text wrapped at spaces into lines of ``room`` cells, as Rich's
    ``Text.wrap`` does; None when a word is too long for a line (Rich folds it)."""
    if "  " in text or text != text.strip(" "):
        return None  # runs of spaces: Rich keeps them as they are
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if len(word) >= room:
            return None
        if current and len(current) + 1 + len(word) <= room:
            current += " " + word
            continue
        if current:  # Rich keeps the space after the last word, if it fits
            lines.append(current + " " if len(current) < room else current)
        current = word
    lines.append(current)
    return lines
