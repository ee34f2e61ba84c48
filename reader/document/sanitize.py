"""Neutralise characters in untrusted text that could drive the terminal.

Content is text from strangers. C0 and C1 controls (ESC starts every escape
sequence; BEL, backspace and carriage return rewrite what is shown) and the
Unicode bidi controls (which can reorder text to hide what it says) never reach
a face of the reader. C0 controls become their visible Unicode "control
pictures" so an operator can see that something was there; C1 controls become
U+FFFD; bidi controls are removed.
"""

from __future__ import annotations

import re

# Tab and newline are structure, not commands; everything else below 0x20 goes.
_C0 = "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A))
_C1 = "".join(chr(c) for c in range(0x80, 0xA0))
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_TABLE: dict[int, str | None] = {ord(c): chr(0x2400 + ord(c)) for c in _C0}
_TABLE[0x7F] = "\u2421"
_TABLE.update({ord(c): "\ufffd" for c in _C1})
_TABLE.update({ord(c): None for c in _BIDI})

_UNSAFE = re.compile(f"[{re.escape(_C0 + _C1 + _BIDI)}\x7f]")
_LINE_ENDS = re.compile(r"\r\n?")


def clean_text(text: str) -> str:
    """Return ``text`` with line ends normalised and terminal controls neutralised."""
    if "\r" in text:
        text = _LINE_ENDS.sub("\n", text)
    if _UNSAFE.search(text) is None:
        return text
    return text.translate(_TABLE)


def clean_line(text: str) -> str:
    """Like :func:`clean_text`, but for one-line fields: newlines and tabs become spaces."""
    return clean_text(text).replace("\n", " ").replace("\t", " ")


def is_clean(text: str) -> bool:
    """True if ``text`` holds nothing :func:`clean_text` would change (besides CRLF)."""
    return _UNSAFE.search(text) is None


# Everything a terminal row must not hold: all C0 controls (tab and newline too), DEL,
# C1 controls and the bidi controls.
_ROW_UNSAFE = re.compile(f"[{re.escape(_C0 + _C1 + _BIDI)}\x7f\t\n]")


def row_is_clean(text: str) -> bool:
    """True if ``text`` holds nothing :func:`row_text` would remove."""
    return _ROW_UNSAFE.search(text) is None


def row_text(text: str) -> str:
    """``text`` as the terminal may be given it in a row: every control removed.

    The last guard, where the screen is written: text is cleaned (visibly, with
    :func:`clean_text`) where it is read, and a control that reached a row anyway
    is dropped, taking no cell (as it took none where the row was laid out).
    """
    return _ROW_UNSAFE.sub("", text)
