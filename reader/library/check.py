"""``reader check``: everything an operator should fix in a content folder."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from urllib.parse import unquote

from reader.document.model import Document
from reader.document.parse import parse_document
from reader.i18n import _, ngettext
from reader.library.loader import CONTACTS_FILE, Library, load_library
from reader.library.models import ERROR, WARNING, Article, Contact, Problem
from reader.library.numbers import number_problems
from reader.library.qr import qr_problems
from reader.library.readability import (
    LONG,
    TOO_LONG,
    Readability,
    measure,
)


def check_library(
    library: Library,
    today: date | None = None,
    readings: dict[str, Readability] | None = None,
) -> list[Problem]:
    """Problems from loading, then what only ``reader check`` looks for.

    That is: contact numbers libphonenumber does not know, overdue reviews,
    articles that can no longer be read, empty bodies, broken links, phone
    numbers in article text that are not numbers of a contact, and text that is
    hard to read (``readings``, by slug, from :func:`read_library` if not given).
    """
    if readings is None:
        readings = read_library(library)
    problems = list(library.problems)
    today = today or date.today()
    contacts_path = library.relative(library.root / CONTACTS_FILE)
    problems.extend(number_problems(library.contacts, contacts_path))
    problems.extend(qr_problems(library.contacts.contacts, contacts_path))
    known = _known_numbers(library.contacts.contacts)
    for article in library.articles.values():
        where = library.relative(article.path)
        if article.review_overdue(today):
            problems.append(
                Problem(
                    WARNING,
                    where,
                    _("review was due on {date}").format(date=article.next_review.isoformat()),
                    _(
                        "review the article against its sources, then update last_reviewed and "
                        "next_review"
                    ),
                    "next_review",
                )
            )
        doc = library.document(article.slug)
        if article.body_problem:
            problems.append(Problem(ERROR, where, article.body_problem, article.body_fix))
            continue
        if not doc.blocks:
            problems.append(
                Problem(
                    WARNING,
                    where,
                    _("the article has no body text"),
                    _("write the article below the front matter"),
                )
            )
        problems.extend(_link_problems(library, article, doc, where))
        problems.extend(_number_problems(article, known, where))
        if article.slug in readings:
            problems.extend(readability_problems(readings[article.slug], where))
    return sorted(problems, key=lambda p: (p.path, p.line))


def read_library(library: Library, only_lang: bool = False) -> dict[str, Readability]:
    """Each readable article's readability, by slug (the body only, not its sources);
    with ``only_lang``, only the articles of the library's language folder."""
    readings = {}
    for article in library.articles.values():
        if only_lang and library.lang_folder_of(article) is None:
            continue
        body = article.body()
        if not article.body_problem:
            readings[article.slug] = measure(parse_document(body, article.body_line), article.lang)
    return readings


def readability_problems(reading: Readability, where: str) -> list[Problem]:
    """A warning when the text is hard to read, and one for each very long sentence."""
    problems = []
    if reading.hard:
        if reading.name == "Flesch":
            # Translators: {name} is the name of a readability measure (Flesch, LIX)
            message = _("{name} score {score} is below {limit}: hard to read")
        else:
            # Translators: {name} is the name of a readability measure (Flesch, LIX)
            message = _("{name} score {score} is above {limit}: hard to read")
        problems.append(
            Problem(
                WARNING,
                where,
                message.format(
                    name=reading.name, score=f"{reading.score:.0f}", limit=reading.limit
                ),
                _("use shorter sentences and everyday words"),
                "body",
            )
        )
    for sentence in reading.too_long:
        start = " ".join(sentence.text.split()[:8])
        problems.append(
            Problem(
                WARNING,
                where,
                # Translators: {start} is the first words of the sentence
                ngettext(
                    "a sentence of {count} word: '{start} ...'",
                    "a sentence of {count} words: '{start} ...'",
                    sentence.words,
                ).format(count=sentence.words, start=start),
                _("split it: at most {most} words, better {long} or fewer").format(
                    most=TOO_LONG, long=LONG
                ),
                "body",
                sentence.line,
            )
        )
    return problems


def translation_problems(
    library: Library, translated: Library, today: date, readings: dict[str, Readability]
) -> list[Problem]:
    """What :func:`check_library` finds in a language's own files, and its articles
    that are missing, older than their original's last review, or in another language."""
    folder = translated.root / translated.lang
    inside = os.path.join(translated.relative(folder), "")
    problems = [
        p
        for p in check_library(translated, today, readings)
        if p.path.startswith(inside) or p.path == inside.rstrip(os.sep)
    ]
    for slug, original in library.originals.items():
        article = translated.articles[slug]
        if translated.lang_folder_of(article) is None:
            problems.append(
                Problem(
                    WARNING,
                    inside + original.path.name,
                    # Translators: {lang} is a language code (nb), {title} the original's title
                    _("no {lang} translation of '{slug}' ({title})").format(
                        lang=translated.lang, slug=slug, title=original.title
                    ),
                    _("write it, or leave it: the original is shown instead, with a note"),
                )
            )
        elif article.last_reviewed < original.last_reviewed:
            problems.append(
                Problem(
                    WARNING,
                    translated.relative(article.path),
                    _(
                        "the translation was reviewed on {date}, before its original's last "
                        "review ({original})"
                    ).format(
                        date=article.last_reviewed.isoformat(),
                        original=original.last_reviewed.isoformat(),
                    ),
                    _(
                        "bring the translation up to date with the original, then update "
                        "last_reviewed"
                    ),
                    "last_reviewed",
                )
            )
    for article in translated.articles.values():
        if translated.lang_folder_of(article) and article.lang != translated.lang:
            problems.append(
                Problem(
                    WARNING,
                    translated.relative(article.path),
                    _("lang is '{lang}' in the '{folder}' folder").format(
                        lang=article.lang, folder=translated.lang
                    ),
                    _("write 'lang: {lang}', or move the file to its language's folder").format(
                        lang=translated.lang
                    ),
                    "lang",
                )
            )
    return sorted(problems, key=lambda p: (p.path, p.line))


def check_folder(root_path: str, today: date | None = None) -> tuple[Library, list[Problem]]:
    """Load and check a folder."""
    library = load_library(Path(root_path))
    return library, check_library(library, today)


def _link_problems(library: Library, article: Article, doc: Document, where: str) -> list[Problem]:
    problems = []
    for link in doc.links:
        target = library.resolve(article, link.href)
        line = _link_line(article, link.href)
        shown = link.href if len(link.href) < 80 else link.href[:77] + "..."
        if target.kind == "refused":
            problems.append(
                Problem(
                    ERROR,
                    where,
                    # Translators: {reason} says why the link is not followed
                    _("link '{link}': {reason}").format(link=shown, reason=target.reason),
                    _("link to another article by its file name, e.g. sleep-problems.md"),
                    "body",
                    line,
                )
            )
        elif target.kind in ("anchor", "article") and target.anchor:
            slug = target.slug or article.slug
            if library.document(slug).heading_for_anchor(target.anchor) is None:
                problems.append(
                    Problem(
                        ERROR,
                        where,
                        _("link '{link}': no heading '#{anchor}' in {slug}").format(
                            link=shown, anchor=target.anchor, slug=slug
                        ),
                        _("use a heading's anchor: its text in lower case with spaces as hyphens"),
                        "body",
                        line,
                    )
                )
    return problems


def _link_line(article: Article, href: str) -> int:
    for number, text in enumerate(article.body().split("\n")):
        if f"]({href}" in text or f"<{href}>" in text:
            return article.body_line + number + 1
    return 0


def has_errors(problems: list[Problem]) -> bool:
    """True if any problem is an error."""
    return any(p.severity == ERROR for p in problems)


# Phone numbers in article text. What counts is kept narrow so that years,
# counts, page ranges, "24/7", "NG222", "14,170" and "50%" are never taken for
# numbers: a run of digit groups (joined by one space or hyphen) that is not
# part of a word, a path, a decimal, a ratio or a percentage ...
_DIGITS = re.compile(
    r"(?<![\w/.,:;#@=&%+$£€-])(\+?\d+(?:[ \u00a0-]\d+)*)(?![\w%/°]|[.,:]\d|[ \u00a0]?%)"
)
# ... that is not a count ("130 countries", "about 300") ... and that reads as
# a phone number: written with + or in three or more groups, or after a word
# about phoning in the same sentence or the one before, or right after "Name:"
# as in a list of contacts, or in a list of numbers that began with one.
_PHONE_WORDS = re.compile(
    r"\b(?:call|calls|calling|ring|dial|dialling|dialing|phone|phoning|telephone|tel|"
    r"text|texting|sms|helpline|hotline|freephone|emergency)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?:\*\*|\*|_|\))?\s")
_AFTER_NAME = re.compile(r":(?:\*\*|\*|_)?\s*(?:\*\*|\*|_)?$")
_LIST_GAP = re.compile(r"^[^.!?;:]{0,25}$")  # " in Norway, " between two numbers
# A count, not a number to call: "about 130 countries", "117 people".
_COUNTED = re.compile(r"^[ \u00a0](?:[a-z]{2,}s|people|children|men|women)\b")
_ABOUT = re.compile(
    r"\b(?:about|around|over|under|nearly|almost|than|some|least|only|up to)[ \u00a0]$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DATE = re.compile(r"^\d{4}-\d\d-\d\d$|^\d\d?-\d\d?-\d{2,4}$")
_TEL_LINK = re.compile(r"(?<!\w)tel:([^)\s>\]\"']+)", re.IGNORECASE)


def phone_numbers_in(line: str) -> list[str]:
    """The phone numbers written in one line of Markdown, as written."""
    found = [unquote(m.group(1)) for m in _TEL_LINK.finditer(line)]
    previous_end = -1
    for match in _DIGITS.finditer(line):
        text = match.group(1)
        digits = re.sub(r"\D", "", text)
        groups = re.split(r"[ \u00a0-]", text)
        if not 3 <= len(digits) <= 15 or _YEAR.match(text) or _DATE.match(text):
            continue
        if "-" in text and len(groups) == 2:  # a range: 33-45, 150-300
            continue
        before = line[: match.start()]
        if _COUNTED.match(line[match.end() :]) or _ABOUT.search(before):
            continue
        # This sentence and the one before: "Call the emergency number. It is 113."
        sentence = " ".join(_SENTENCE_END.split(before)[-2:])
        if (
            text.startswith("+")
            or len(groups) >= 3
            or _PHONE_WORDS.search(sentence)
            or _AFTER_NAME.search(before)
            or (previous_end >= 0 and _LIST_GAP.match(line[previous_end : match.start()]))
        ):
            found.append(text)
            previous_end = match.end()
    return found


def _number_keys(number: str) -> set[str]:
    """Ways to compare a number: its digits, and for +44 800 ... also 800 ... and 0800 ...."""
    digits = re.sub(r"\D", "", number)
    keys = {digits}
    if number.startswith("+"):
        import phonenumbers  # reader check only

        try:
            national = str(phonenumbers.parse(number, None).national_number)
        except phonenumbers.NumberParseException:
            return keys
        keys |= {national, "0" + national}
    return keys


def _known_numbers(contacts: tuple[Contact, ...]) -> set[str]:
    return {
        key
        for c in contacts
        for number in (c.phone, c.sms)
        if number
        for key in _number_keys(number)
    }


def _number_problems(article: Article, known: set[str], where: str) -> list[Problem]:
    """Phone numbers in the text that no contact has: a wrong crisis number is an error."""
    problems = []
    for number, line in enumerate(article.body().split("\n")):
        for phone in phone_numbers_in(line):
            if _number_keys(phone) & known:
                continue
            problems.append(
                Problem(
                    ERROR,
                    where,
                    _(
                        "'{phone}' is written as a phone number, but no contact in {file} has it"
                    ).format(phone=phone, file=CONTACTS_FILE),
                    _(
                        "check the number against {file} and the organisation's public page; "
                        "if it is right, add the contact to contacts.yaml"
                    ).format(file=CONTACTS_FILE),
                    "body",
                    article.body_line + number + 1,
                )
            )
    return problems
