"""The front-matter cache's values: checked as they are read, built as they are kept.

A file that was tampered with gives a miss (and is parsed again), never a wrong
type in the library.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from reader.library.contacts_file import NUMBERS, TEXT_FIELDS
from reader.library.models import WARNING, Article, Contact, Problem, Source


def _text(value: Any) -> str:
    if type(value) is not str:
        raise ValueError(value)
    return value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError(value)
    return value


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise ValueError(value)
    return value


def _list(value: Any, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise ValueError(value)
    return value


def _dict(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise ValueError(value)
    return value


def _words(value: Any) -> dict[str, str]:
    return {_text(k): _text(v) for k, v in _dict(value).items()}


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(_text(v) for v in _list(value))


def _day(value: Any) -> date:
    return date.fromisoformat(_text(value))


def _problem(value: list[Any], where: str) -> Problem:
    severity, message, fix, field, line = value
    if severity != WARNING:
        raise ValueError(severity)
    return Problem(WARNING, where, _text(message), _text(fix), _text(field), _int(line))


# The fields of an article kept, in the order of its entry.
ARTICLE_FIELDS = (
    "title",
    "topic",
    "summary",
    "author",
    "reviewed_by",
    "lang",
    "last_reviewed",
    "next_review",
    "keywords",
    "sources",
    "body_line",
)


def _article_json(article: Article) -> list[Any]:
    # A list, not a dict: thousands are read before the first screen, and names repeated
    # in each would make the file half as large again.
    return [
        article.title,
        article.topic,
        article.summary,
        article.author,
        article.reviewed_by,
        article.lang,
        article.last_reviewed.isoformat(),
        article.next_review.isoformat(),
        list(article.keywords),
        [[s.text, s.url, s.doi] for s in article.sources],
        article.body_line,
    ]


_STR = {str}


def _article(value: list[Any], slug: str, path: Path, root: Path) -> Article:
    # Checked in bulk, with C loops: thousands of entries are read before the first screen.
    texts = value[:6]
    title, topic, summary, author, reviewed_by, lang = texts
    reviewed, next_review, keywords, sources, body_line = value[6:]
    if (
        set(map(type, texts)) != _STR
        or type(keywords) is not list
        or not set(map(type, keywords)) <= _STR
        or type(sources) is not list
        or type(body_line) is not int
        or not all(type(s) is list and len(s) == 3 and set(map(type, s)) == _STR for s in sources)
    ):
        raise ValueError(slug)
    return Article(
        slug=slug,
        path=path,
        title=title,
        topic=topic,
        summary=summary,
        last_reviewed=_day(reviewed),
        next_review=_day(next_review),
        keywords=tuple(keywords),
        author=author,
        reviewed_by=reviewed_by,
        lang=lang,
        sources=tuple(Source(*s) for s in sources),
        body_line=body_line,
        root=root,
    )


# The text fields of a contact, as contacts.yaml has them (one list, in contacts_file).
CONTACT_TEXT = ("id", "region", *NUMBERS, *TEXT_FIELDS)
CONTACT_FLAGS = ("emergency", "always_open")
CONTACT_LISTS = ("languages", "topics")
CONTACT_OTHER = ("free", "last_checked", "lines")


def _contact_json(contact: Contact) -> dict[str, Any]:
    value: dict[str, Any] = {k: getattr(contact, k) for k in CONTACT_TEXT + CONTACT_FLAGS}
    value.update({k: list(getattr(contact, k)) for k in CONTACT_LISTS})
    value["free"] = contact.free
    value["last_checked"] = contact.last_checked.isoformat() if contact.last_checked else None
    value["lines"] = [list(pair) for pair in contact.lines]
    return value


def _contact(value: dict[str, Any]) -> Contact:
    fields: dict[str, Any] = {k: _text(value[k]) for k in CONTACT_TEXT}
    fields.update({k: _flag(value[k]) for k in CONTACT_FLAGS})
    fields.update({k: _texts(value[k]) for k in CONTACT_LISTS})
    free, checked = value["free"], value["last_checked"]
    fields["free"] = None if free is None else _flag(free)
    fields["last_checked"] = None if checked is None else _day(checked)
    fields["lines"] = tuple((_text(f), _int(n)) for f, n in (_list(p, 2) for p in value["lines"]))
    return Contact(**fields)
