"""Dates and numbers as each language writes them ("27. november 2026", "5 000").

The patterns, month names and digit grouping are Babel's (CLDR), written to
``reader/locale/<lang>/formats.json`` by ``python -m reader.locale.catalogs``;
Babel itself is not imported at run time (it costs a sixth of a start), and the
tests check that these give what Babel gives.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path

from reader import i18n

FORMATS = Path(__file__).parent.parent / "locale"
# The CLDR locale whose formats each language uses (UK English, as the articles are).
LOCALES = {"en": "en_GB"}  # any other language: its own code
_FIELD = re.compile(r"'([^']*)'|(d+|M+|y+)")


@cache
def formats(lang: str) -> dict[str, object]:
    """A language's formats, English's if it has none."""
    for code in (lang, "en"):
        path = FORMATS / code / "formats.json"
        if path.is_file():
            data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
            return data
    return {"months": [], "long": "y-MM-dd", "group": ",", "decimal": "."}


def long_date(day: date, lang: str | None = None) -> str:
    """``day`` in the language's long form: "1 November 2026", "1. november 2026"."""
    found = formats(lang or i18n.language())
    months = found["months"]
    assert isinstance(months, list)

    def field(match: re.Match[str]) -> str:
        quoted, code = match.groups()
        if code is None:
            return quoted or "'"
        if code[0] == "d":
            return str(day.day).zfill(len(code))
        if code[0] == "y":
            return str(day.year).zfill(len(code)) if len(code) != 2 else f"{day.year % 100:02}"
        return str(months[day.month - 1]) if len(code) >= 3 and months else f"{day.month:02}"

    return _FIELD.sub(field, str(found["long"]))


def number(value: int, lang: str | None = None) -> str:
    """A whole number grouped as the language writes it: "5,000", "5 000" (no-break)."""
    text = f"{value:,}"
    return text.replace(",", str(formats(lang or i18n.language())["group"]))
