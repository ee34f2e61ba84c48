"""Queries that mean someone may be in danger, in English and Norwegian, whatever the
interface language: crisis contacts come first, then the crisis articles."""

from __future__ import annotations

import re

from reader.library.library import Library
from reader.library.models import Contact

CRISIS_TOPIC = "crisis"

# Queries that mean someone may be in danger: crisis contacts come first, always.
CRISIS_PATTERNS = [
    r"suicid\w*",
    r"kill(ing)? my ?self",
    r"end(ing)? (it|it all|my life|things)",
    r"(want(ed)?|wanna|going|gonna) to die",
    r"wanna die",
    r"wish i (was|were) dead",
    r"better off (dead|without me)",
    r"no reason to (live|go on)",
    r"nothing to live for",
    r"no point (in )?(living|going on|being alive)",
    r"can'?t (go on|take (it|this) any ?more)",
    r"overdos\w*",
    r"take my (own )?life",
    r"don'?t want to (live|be here|be alive|wake up|exist)",
]
# Self-harm is a crisis query too; its own article comes first, unless the query
# also speaks of suicide ("cutting myself": self-harm, then the suicide article).
SELF_HARM_PATTERNS = [
    r"self[- ]?harm\w*",
    r"(hurt(ing)?|harm(ing)?|cut(ting)?|burn(ing)?) my ?self",
]
SELF_HARM_TOPIC = "self-harm"
# The same in Norwegian, bokmål and nynorsk, whatever the interface language, and
# matched on text folded as people type without æ, ø and å (see folded()).
NORWEGIAN_CRISIS_PATTERNS = [
    r"(selv|sjolv)mord\w*",
    r"ta (livet|live) (mitt|mit|av meg)",
    r"ta mitt (eget|eige) liv",
    r"(vil|ville|onsker a|har lyst til a|lyst a) (ikke|ikkje) leve\w*",
    r"(vil|ville|onsker a|har lyst til a|lyst a) do",
    r"ork(er|ar) (ikke|ikkje) (mer|meir|mere|a leve|lenger)",
    r"(ikke|ikkje) (verdt|verd) a leve",
    r"(bedre|betre) (uten|utan) meg",
    r"ingen grunn til a leve",
    r"gjore slutt pa (alt|livet|meg)",
]
NORWEGIAN_SELF_HARM_PATTERNS = [
    r"(selv|sjolv)skad\w*",
    r"skade(r)? meg (selv|sjolv)",
    r"kutte(r)? meg",
]
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def folded(text: str) -> str:
    """Lower case, one space between words, æ ø å as typed without them ("do", "pa")."""
    text = " ".join(text.lower().split()).translate(_FOLD)
    return text.replace("oe", "o").replace("aa", "a")


def _matcher(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(patterns) + r")\b", re.IGNORECASE)


_SUICIDE, _SELF_HARM = _matcher(CRISIS_PATTERNS), _matcher(SELF_HARM_PATTERNS)
_SUICIDE_NO = _matcher(NORWEGIAN_CRISIS_PATTERNS)
_SELF_HARM_NO = _matcher(NORWEGIAN_SELF_HARM_PATTERNS)


def _speaks_of(text: str) -> tuple[bool, bool]:
    """Whether ``text`` speaks of suicide, and of self-harm (the text read once, plain
    for English and folded for Norwegian)."""
    plain, fold = " ".join(text.lower().split()), folded(text)
    suicide = bool(_SUICIDE.search(plain) or _SUICIDE_NO.search(fold))
    return suicide, bool(_SELF_HARM.search(plain) or _SELF_HARM_NO.search(fold))


def is_crisis(text: str) -> bool:
    """True if a query speaks of suicide or self-harm, in English or Norwegian."""
    return any(_speaks_of(text))


def crisis_topics(text: str) -> tuple[str, ...]:
    """The topics whose articles come first for a crisis query, in order."""
    suicide, self_harm = _speaks_of(text)
    if self_harm and not suicide:
        return (SELF_HARM_TOPIC, CRISIS_TOPIC)
    return (CRISIS_TOPIC, SELF_HARM_TOPIC)


def crisis_contacts(library: Library, region: str | None) -> tuple[Contact, ...]:
    """The region's emergency numbers and crisis lines, in the order they are shown."""
    return tuple(
        c
        for g in library.contacts.select(region, "crisis")
        for c in g.contacts
        if c.emergency or c.serves("crisis") or c.serves("suicide")
    )
