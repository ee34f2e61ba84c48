"""Plain-text output for the command line: styles only where a terminal wants them."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from typing import TextIO

from reader.document.sanitize import clean_text

_CODES = {"bold": "1", "underline": "4", "reverse": "7", "italic": "3"}
DEFAULT_WIDTH = 80
MAX_WIDTH = 100  # a comfortable measure even in a very wide terminal


def use_styles(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """Styles only on a terminal, and never with ``NO_COLOR`` or ``TERM=dumb``."""
    if "NO_COLOR" in environ or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def output_width(stream: TextIO) -> int:
    """The terminal's width (capped) on a terminal, else 80."""
    isatty = getattr(stream, "isatty", None)
    if isatty and isatty():
        return max(20, min(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, MAX_WIDTH))
    return DEFAULT_WIDTH


class Output:
    """Writes lines; content is neutralised again here, as a last guard."""

    def __init__(self, stream: TextIO | None = None, styles: bool | None = None) -> None:
        self.stream = stream or sys.stdout
        self.styles = use_styles(self.stream) if styles is None else styles

    def style(self, text: str, *names: str) -> str:
        """``text`` with the named styles, if styles are on."""
        text = clean_text(text)
        codes = [_CODES[n] for n in names if n in _CODES]
        if not self.styles or not codes or not text:
            return text
        return f"\x1b[{';'.join(codes)}m{text}\x1b[0m"

    def line(self, text: str = "", *names: str) -> None:
        """Write one line (already styled parts may be joined by the caller)."""
        self.stream.write((self.style(text, *names) if names else clean_text(text)) + "\n")

    def raw(self, text: str) -> None:
        """Write text built from :meth:`style` calls, plus a newline."""
        self.stream.write(text + "\n")
