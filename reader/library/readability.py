"""How easy an article is to read, as ``reader check`` reports it.

Each paragraph, list item, table cell and heading is a unit of its own (a list
item has no full stop, but it is no part of the next item's sentence). English
is measured by Flesch reading ease; Norwegian, Swedish and Danish by LIX, which
was made for them. The sources list (end matter) is never measured: it is the
article body only. textstat is imported here alone, when ``reader check`` runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from reader.document.model import (
    Block,
    Document,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Table,
    inline_text,
)
from reader.i18n import _, ngettext

LONG = 25  # words: a sentence to split if it can be
TOO_LONG = 35  # words: a sentence that is warned about
FLESCH_FLOOR = 60  # Flesch reading ease below this is warned about ("plain English")
LIX_CEILING = 40  # LIX above this is warned about (under 40: easy to read)
LIX_LANGUAGES = frozenset({"nb", "nn", "no", "sv", "da"})
MIN_WORDS = 100  # below this, a score says more about chance than about the text

_ABBREVIATIONS = ("Dr.", "Mr.", "Mrs.", "Ms.", "St.", "e.g.", "i.e.", "etc.", "vs.", "No.")
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!" + r")(?<!".join(re.escape(a) for a in _ABBREVIATIONS) + r")"
    r"[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9\u00c0-\u024f])"
)
_WORD = re.compile(r"[^\W_](?:[\w'’-]*\w)?")


@dataclass(frozen=True, slots=True)
class Unit:
    """A paragraph, list item, table cell or heading: its text and first source line."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a unit, with its length in words."""

    text: str
    line: int
    words: int


@dataclass(slots=True)
class Readability:
    """An article's measure (``name`` is "" when none is made for its language)."""

    lang: str
    name: str = ""
    score: float | None = None  # None: no measure for the language, or too short
    long: list[Sentence] = field(default_factory=list)  # over LONG words
    words: int = 0

    @property
    def too_long(self) -> list[Sentence]:
        """The sentences over TOO_LONG words."""
        return [s for s in self.long if s.words > TOO_LONG]

    @property
    def hard(self) -> bool:
        """True when the score is past its limit."""
        if self.score is None:
            return False
        return self.score < self.limit if self.name == "Flesch" else self.score > self.limit

    @property
    def limit(self) -> int:
        """The score warned about: Flesch below its floor, LIX above its ceiling."""
        return FLESCH_FLOOR if self.name == "Flesch" else LIX_CEILING

    def summary(self) -> str:
        """ "Flesch 72 (at least 60), 1 sentence over 25 words"."""
        count = len(self.long)
        over = ngettext(
            "{count} sentence over {long} words", "{count} sentences over {long} words", count
        ).format(count=count, long=LONG)
        if not self.name:
            # Translators: {over} is "1 sentence over 25 words" or the like
            return _("no readability measure for language '{lang}', {over}").format(
                lang=self.lang, over=over
            )
        if self.score is None:
            counted = ngettext("{count} word", "{count} words", self.words).format(count=self.words)
            # Translators: {words} is "3 words" or the like, {over} "1 sentence over 25 words"
            return _("too short to score ({words}, under {minimum}), {over}").format(
                words=counted, minimum=MIN_WORDS, over=over
            )
        score = f"{self.score:.0f}"
        if self.name == "Flesch":
            # Translators: {name} is a readability measure (Flesch), {over} is "1 sentence
            # over 25 words" or the like
            text = _("{name} {score} (at least {limit}), {over}")
        else:
            # Translators: {name} is a readability measure (LIX), {over} is "1 sentence
            # over 25 words" or the like
            text = _("{name} {score} (under {limit}), {over}")
        return text.format(name=self.name, score=score, limit=self.limit, over=over)


def units(doc: Document) -> list[Unit]:
    """Every unit of ``doc`` in order (code, rules and raw HTML are not prose)."""
    return [unit for block in doc.blocks for unit in _units(block) if unit.text.strip()]


def _units(block: Block) -> Iterator[Unit]:
    if isinstance(block, (Heading, Paragraph)):
        yield Unit(inline_text(block.inline), block.source_line)
    elif isinstance(block, ListBlock):
        for item in block.items:
            for inner in item.blocks:
                yield from _units(inner)
    elif isinstance(block, Quote):
        for inner in block.blocks:
            yield from _units(inner)
    elif isinstance(block, Table):
        for row in (block.header, *block.rows):
            for cell in row:
                yield Unit(inline_text(cell), block.source_line)


def sentences(unit: Unit) -> list[Sentence]:
    """The sentences of a unit (the line of each is its unit's first line)."""
    parts = _SENTENCE_END.split(" ".join(unit.text.split()))
    return [Sentence(p, unit.line, len(_WORD.findall(p))) for p in parts if _WORD.search(p)]


def measure(doc: Document, lang: str = "en") -> Readability:
    """The readability of ``doc``, a body in language ``lang``."""
    found = units(doc)
    every = [s for unit in found for s in sentences(unit)]
    words = sum(s.words for s in every)
    result = Readability(lang, long=[s for s in every if s.words > LONG], words=words)
    base = lang.split("-")[0].lower()
    result.name = "Flesch" if base == "en" else "LIX" if base in LIX_LANGUAGES else ""
    if not result.name or words < MIN_WORDS:
        return result
    import textstat

    # Each sentence ends with a full stop, so that textstat counts units apart.
    text = "\n".join(s.text if s.text[-1] in ".!?" else s.text + "." for s in every)
    measure_of = textstat.flesch_reading_ease if result.name == "Flesch" else textstat.lix
    result.score = float(measure_of(text))
    return result
