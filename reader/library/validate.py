"""Validate an article's front matter and turn it into an :class:`Article`.

Every message names the file, the field and the fix, for operators who bring
their own articles.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reader.document.sanitize import clean_line
from reader.i18n import N_, _
from reader.library.models import ERROR, WARNING, Article, Problem, Source

REQUIRED = ("title", "topic", "summary", "last_reviewed", "next_review")
OPTIONAL = ("keywords", "author", "reviewed_by", "sources", "lang")
_LANG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")
FIELDS = REQUIRED + OPTIONAL
MAX_TEXT = 2_000  # characters in one metadata field


class Reporter:
    """Collects problems for one file, locating fields in its front matter."""

    def __init__(self, path: str, front_matter: str = "") -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._lines = front_matter.split("\n")

    def line_of(self, field: str) -> int:
        """The file line of ``field:`` in the front matter (1-based), or 0."""
        pattern = re.compile(rf"^{re.escape(field)}\s*:")
        for number, text in enumerate(self._lines):
            if pattern.match(text):
                return number + 2  # +1 for 1-based, +1 for the opening ---
        return 0

    def error(self, message: str, fix: str = "", field: str = "", line: int = 0) -> None:
        """Record an error (the file is skipped)."""
        self.problems.append(
            Problem(ERROR, self.path, message, fix, field, line or self.line_of(field))
        )

    def warn(self, message: str, fix: str = "", field: str = "", line: int = 0) -> None:
        """Record a warning (the file still loads)."""
        self.problems.append(
            Problem(WARNING, self.path, message, fix, field, line or self.line_of(field))
        )

    @property
    def failed(self) -> bool:
        """True if any error was recorded."""
        return any(p.severity == ERROR for p in self.problems)


def build_article(
    slug: str,
    path: Path,
    meta: Any,
    topics: Iterable[str],
    report: Reporter,
    body_line: int,
    root: Path | None = None,
) -> Article | None:
    """An :class:`Article` from parsed front matter, or ``None`` after reporting errors.

    ``root`` is the content folder: the body is read later only if the file
    still resolves inside it.
    """
    if not isinstance(meta, dict):
        report.error(
            _("front matter is not a mapping of fields"),
            _("write 'field: value' lines between the --- lines, e.g. 'title: Sleep'"),
            line=1,
        )
        return None
    topic_ids = list(topics)
    for key in meta:
        name = clean_line(str(key))[:80]  # keys are text, numbers or dates: short to print
        if name not in FIELDS:
            guess = difflib.get_close_matches(name, FIELDS, n=1)
            if guess:
                fix = _("did you mean '{guess}'?").format(guess=guess[0])
            else:
                fix = _("known fields: {fields}").format(fields=", ".join(FIELDS))
            report.warn(_("unknown field '{name}' is ignored").format(name=name), fix, name)
    for key in REQUIRED:
        if meta.get(key) in (None, ""):
            report.error(
                _("missing required field"),
                _("add '{key}: ...' to the front matter").format(key=key),
                key,
                line=1,
            )
    if report.failed:
        return None

    title = _text(meta, "title", report)
    summary = _text(meta, "summary", report)
    topic = _text(meta, "topic", report)
    if topic and topic not in topic_ids:
        guess = difflib.get_close_matches(topic, topic_ids, n=1)
        ids = ", ".join(topic_ids)
        if guess:
            fix = _("did you mean '{guess}'? use an id from topics.yaml: {ids}").format(
                guess=guess[0], ids=ids
            )
        else:
            fix = _("use an id from topics.yaml: {ids}").format(ids=ids)
        report.error(_("unknown topic '{topic}'").format(topic=topic), fix, "topic")
    last = _date(meta, "last_reviewed", report)
    following = _date(meta, "next_review", report)
    if last and following and following <= last:
        report.error(
            _("next review is not after the last review"),
            _("set next_review to a date after last_reviewed"),
            "next_review",
        )
    author = _text(meta, "author", report, required=False)
    reviewed_by = _text(meta, "reviewed_by", report, required=False)
    if not reviewed_by:
        report.warn(
            _("nobody is named as reviewer"),
            _("say who reviewed the article, or 'Not clinically reviewed' if nobody has"),
            "reviewed_by",
            line=1,
        )
    keywords = _keywords(meta, report)
    sources = _sources(meta, report)
    lang = _text(meta, "lang", report, required=False) or "en"
    if not _LANG.fullmatch(lang):
        report.warn(
            _("'{lang}' is not a language code, so English is assumed").format(lang=lang[:20]),
            _("write it as 'lang: en' or 'lang: nb'"),
            "lang",
        )
        lang = "en"
    if report.failed or last is None or following is None:
        return None
    return Article(
        slug=slug,
        path=path,
        title=title,
        topic=topic,
        summary=summary,
        last_reviewed=last,
        next_review=following,
        keywords=keywords,
        author=author,
        reviewed_by=reviewed_by,
        sources=sources,
        lang=lang,
        body_line=body_line,
        root=root,
    )


def _text(meta: dict[str, Any], key: str, report: Reporter, required: bool = True) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, (int, float, date)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        report.error(
            # Translators: {kind} is what was written instead: "a list", "a number"...
            _("must be text, not {kind}").format(kind=kind_of(value)),
            write_text(key),
            key,
        )
        return ""
    if len(value) > MAX_TEXT:
        report.error(
            _("is {count} characters long").format(count=len(value)),
            _("keep it under {limit}").format(limit=MAX_TEXT),
            key,
        )
        return ""
    text = clean_line(value).strip()
    if text != value.strip().replace("\n", " ").replace("\t", " "):
        report.warn(
            _("holds control characters, which are not shown"),
            _("remove them from the text"),
            key,
        )
    if required and not text:
        report.error(_("is empty"), write_text(key), key)
    return text


def write_text(key: str) -> str:
    """The fix for a field that must hold text: "write 'title: some text'"."""
    # Translators: {key} is a field name, not translated; "some text" stands for the value
    return _("write '{key}: some text'").format(key=key)


def _date(meta: dict[str, Any], key: str, report: Reporter) -> date | None:
    value = meta.get(key)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    small = isinstance(value, (str, int, float))
    shown = f"'{clean_line(str(value))[:40]}'" if small else kind_of(value)
    report.error(
        # Translators: {value} is what was written, in quotes, or "a list", "a number"...
        _("{value} is not a date").format(value=shown),
        _("write it as YYYY-MM-DD, e.g. {key}: 2026-11-01").format(key=key),
        key,
    )
    return None


def _keywords(meta: dict[str, Any], report: Reporter) -> tuple[str, ...]:
    value = meta.get("keywords")
    if value is None:
        report.warn(
            _("no keywords"),
            _('add everyday words people might search for, e.g. keywords: [sleep, "can\'t sleep"]'),
            "keywords",
            line=1,
        )
        return ()
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(k, (str, int, float)) for k in value):
        report.error(
            _("must be a list of words"), _("write keywords: [sleep, insomnia]"), "keywords"
        )
        return ()
    return tuple(k for k in (clean_line(str(item)).strip() for item in value) if k)


def _sources(meta: dict[str, Any], report: Reporter) -> tuple[Source, ...]:
    value = meta.get("sources")
    if value is None or value == []:
        report.warn(
            _("no sources are cited"),
            _("add a 'sources:' list of the works the article rests on"),
            "sources",
            line=1,
        )
        return ()
    if not isinstance(value, list):
        report.error(_("must be a list"), _("write each source on its own '- ' line"), "sources")
        return ()
    sources: list[Source] = []
    for number, item in enumerate(value, start=1):
        if isinstance(item, str) and item.strip():
            sources.append(Source(clean_line(item).strip()))
        elif isinstance(item, dict) and isinstance(item.get("title"), str):
            url = item.get("url") or ""
            doi = item.get("doi") or ""
            if not isinstance(url, str) or not isinstance(doi, str):
                report.error(
                    _("source {number}: url and doi must be text").format(number=number),
                    _("quote the address"),
                    "sources",
                )
                continue
            if url and not url.startswith(("https://", "http://")):
                report.error(
                    _("source {number}: url '{url}' is not a web address").format(
                        number=number, url=clean_line(url)
                    ),
                    _("start it with https://"),
                    "sources",
                )
                continue
            sources.append(
                Source(
                    clean_line(item["title"]).strip(),
                    clean_line(url).strip(),
                    clean_line(doi).strip().removeprefix("doi:"),
                )
            )
        else:
            report.error(
                _("source {number} is neither text nor a mapping with a title").format(
                    number=number
                ),
                # Not through format(): the braces are YAML
                _("write '- \"Author. Title. Year.\"' or '- {title: ..., url: ...}'"),
                "sources",
            )
    return tuple(sources)


def kind_of(value: object) -> str:
    """What a YAML value is, in words, without printing it."""
    kind = _KINDS.get(type(value))
    if kind is None:
        # Translators: kinds of YAML value, in "must be text, not a date"
        kind = N_("a date") if isinstance(value, date) else N_("a value")
    return _(kind)


# What a YAML value is, in words (translated where shown, by kind_of).
_KINDS: dict[type, str] = {
    # Translators: a kind of YAML value (key: value lines), in "must be text, not a mapping"
    dict: N_("a mapping"),
    # Translators: a kind of YAML value, in "must be text, not a list"
    list: N_("a list"),
    # Translators: a kind of YAML value; true and false are YAML words, not translated
    bool: N_("true/false"),
    # Translators: a kind of YAML value, in "must be text, not a number"
    int: N_("a number"),
    float: N_("a number"),
    # Translators: a YAML value left empty, in "must be text, not empty"
    type(None): N_("empty"),
    # Translators: a kind of YAML value, in "must be a number in quotes, not text"
    str: N_("text"),
}
