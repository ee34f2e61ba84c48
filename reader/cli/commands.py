"""The plain-text commands: topics, list, read, contacts, check."""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import gc
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.errors import UsageError
from reader.cli.output import Output, output_width
from reader.i18n import _, ngettext
from reader.library.loader import Library, load_library
from reader.library.models import ERROR

if TYPE_CHECKING:
    from reader.library.models import Contact, Problem
    from reader.library.settings import Settings

# Each command imports what it needs when it runs: `reader` (the full-screen
# reader) is timed from the shell, and needs neither the bookmarks command's
# store nor the search index nor the plain-text layout before its first screen.
__all__ = ["UsageError"]


def _library(settings: Settings) -> Library:
    from reader.library.paths import default_cache_dir

    library = load_library(settings.articles, default_cache_dir(), settings.lang)
    if not library.articles and any(p.severity == ERROR for p in library.problems):
        first = next(p for p in library.problems if p.severity == ERROR)
        raise UsageError(
            # Translators: {folder} is a content folder, {problem} the first error found in it
            _("no articles could be loaded from {folder}: {problem}").format(
                folder=settings.articles, problem=first
            )
        )
    return library


def cmd_tui(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """The full-screen reader (Textual is imported only here)."""
    settings = _remembered_language(settings)
    library = _library(settings)
    if args.open and args.open not in library.articles:
        raise UsageError(
            # Translators: {name} is what was typed; "Did you mean" and "See: ..." may follow
            _unknown(_("no article '{name}'."), args.open, list(library.articles), "reader list")
        )
    # The library lives as long as the app: kept out of the cycle collector's passes,
    # thousands of articles no longer pause the first frames while it walks them.
    gc.freeze()
    from reader.tui.run import run_tui

    return run_tui(settings, library, args.open)


def _remembered_language(settings: Settings) -> Settings:
    """The language F6 chose last, unless one was named (a kiosk always starts in its own)."""
    if settings.lang_chosen or settings.kiosk.enabled:
        return settings
    from reader import i18n
    from reader.library.language import languages
    from reader.library.places import peek_preferences

    remembered = peek_preferences(settings.data_dir).get("lang")
    if not isinstance(remembered, str) or remembered not in languages():
        return settings
    i18n.use(remembered)
    return dataclasses.replace(settings, lang=remembered)


def cmd_topics(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """One topic per line: id, title and how many articles it has."""
    library = _library(settings)
    width = max((len(t.id) for t in library.topics), default=0)
    for topic in library.topics:
        count = len(library.articles_in(topic.id))
        articles = ngettext("{count} article", "{count} articles", count).format(count=count)
        out.line(f"{topic.id.ljust(width)}  {topic.title} ({articles})")
    return 0


def cmd_list(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """Articles with their slugs and titles, in topic order."""
    library = _library(settings)
    if args.topic and library.topic(args.topic) is None:
        raise UsageError(
            _unknown(
                # Translators: {name} is what was typed; "Did you mean" and "See: ..." may follow
                _("no topic '{name}'."),
                args.topic,
                [t.id for t in library.topics],
                "reader topics",
            )
        )
    articles = library.articles_in(args.topic) if args.topic else library.ordered_articles()
    width = max((len(a.slug) for a in articles), default=0)
    for article in articles:
        # Translators: after an article's title in `reader list`, when its review date has passed
        overdue = "  " + _("(review overdue)") if article.review_overdue() else ""
        out.line(f"{article.slug.ljust(width)}  {article.title}{overdue}")
    return 0


def cmd_read(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """An article as clean text."""
    library = _library(settings)
    article = library.articles.get(args.slug)
    if article is None:
        raise UsageError(
            # Translators: {name} is what was typed; "Did you mean" and "See: ..." may follow
            _unknown(_("no article '{name}'."), args.slug, list(library.articles), "reader list")
        )
    width = args.width or output_width(out.stream)
    if width < 20:
        raise UsageError(
            # Translators: {option} is "--width", {width} the number of columns asked for
            _("{option} {width} is too narrow; use 20 or more").format(
                option="--width", width=width
            )
        )
    from reader.cli.article_text import print_article

    print_article(out, library, article, width)
    return 0


def cmd_contacts(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """Help contacts for a region (emergency numbers first), or for every region."""
    from reader.library.contacts import default_region

    library = _library(settings)
    contacts = library.contacts
    region = settings.region or default_region(contacts.region_codes(), lang=settings.lang)
    if region and region not in contacts.region_codes():
        raise UsageError(
            # Translators: {name} is what was typed; "Did you mean" and "See: ..." may follow
            _unknown(_("no region '{name}'."), region, contacts.region_codes(), "reader contacts")
        )
    if args.topic and library.topic(args.topic) is None:
        raise UsageError(
            _unknown(
                # Translators: {name} is what was typed; "Did you mean" and "See: ..." may follow
                _("no topic '{name}'."),
                args.topic,
                [t.id for t in library.topics],
                "reader topics",
            )
        )
    groups = contacts.select(region, args.topic)
    if not groups:
        out.line(
            _("No help contacts are configured. In an emergency, call your local emergency number.")
        )
        return 0
    for index, group in enumerate(groups):
        if index:
            out.line()
        out.line(f"{group.name} ({group.region}):", "bold")
        for contact in group.contacts:
            _print_contact(out, contact)
    return 0


def _print_contact(out: Output, contact: Contact) -> None:
    name = contact.organisation
    if contact.emergency:
        # Translators: a contact for emergencies, e.g. "EMERGENCY: Emergency (medical)"
        name = _("EMERGENCY: {organisation}").format(organisation=name)
    out.raw(out.style(f"- {name}", "bold"))
    for name, value in contact.ways():
        out.line(f"  {name}: {value}")
    out.line(f"  {contact.purpose}")
    out.line(f"  {contact.details()}")


def cmd_bookmarks(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """``reader bookmarks ACTION``."""
    from reader.cli import bookmarks
    from reader.library.bookmarks import BookmarkStore

    library = _library(settings)
    store = BookmarkStore.in_data_dir(settings.data_dir)
    for notice in store.notices:
        print(f"reader: {notice}", file=sys.stderr)
    try:
        return bookmarks.run(args, library, store, out)
    except bookmarks.BookmarkUsageError as error:
        raise UsageError(str(error)) from None
    finally:
        store.close()


def cmd_search(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """``reader search WORDS``."""
    from reader.cli import search

    return search.run(args, settings, _library(settings), out)


def cmd_check(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """Validate a content folder; exit 1 on errors, 0 with only warnings."""
    from reader.library.check import (
        check_library,
        has_errors,
        read_library,
        translation_problems,
    )
    from reader.library.paths import default_cache_dir

    root, cache, today = Path(args.dir or str(settings.articles)), default_cache_dir(), date.today()
    library = load_library(root, cache)
    readings = read_library(library)
    problems = check_library(library, today, readings)
    shown = dict(readings)
    for lang in library.languages[1:]:
        translated = load_library(root, cache, lang)
        theirs = read_library(translated, only_lang=True)
        problems.extend(translation_problems(library, translated, today, theirs))
        shown.update({f"{lang}/{slug}": reading for slug, reading in theirs.items()})
    for problem in problems:
        out.line(str(problem), "bold" if problem.severity == ERROR else "")
    if shown:
        out.line(_("Readability (the body of each article, not its sources):"))
        for slug, reading in sorted(shown.items()):
            out.line(f"  {slug}: {reading.summary()}")
    out.line(_check_summary(library, problems))
    return 1 if has_errors(problems) else 0


def _check_summary(library: Library, problems: list[Problem]) -> str:
    """The last line of ``reader check``: what was checked, and the errors and warnings."""
    articles, topics = len(library.articles), len(library.topics)
    contacts = len(library.contacts.contacts)
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = len(problems) - errors
    checked = ngettext("{count} article", "{count} articles", articles).format(count=articles)
    languages = len(library.languages)
    if languages > 1:
        # Translators: "18 articles in 2 languages (en, nb)"
        checked = _("{articles} in {languages} ({codes})").format(
            articles=checked,
            languages=ngettext("{count} language", "{count} languages", languages).format(
                count=languages
            ),
            codes=", ".join(library.languages),
        )
    # Translators: the last line of `reader check`, e.g. "18 articles in 2 languages (en, nb),
    # 13 topics, 21 contacts: 0 errors, 2 warnings." Each placeholder is a number and its noun.
    return _("{articles}, {topics}, {contacts}: {errors}, {warnings}.").format(
        articles=checked,
        topics=ngettext("{count} topic", "{count} topics", topics).format(count=topics),
        contacts=ngettext("{count} contact", "{count} contacts", contacts).format(count=contacts),
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )


def _unknown(sentence: str, value: str, known: list[str], hint: str) -> str:
    """``sentence`` ("no article '{name}'.", translated) about ``value``, the closest
    name in ``known`` if one is close, and the command ``hint`` that lists them."""
    sentences = [sentence.format(name=value)]
    guess = difflib.get_close_matches(value, known, n=1)
    if guess:
        # Translators: {name} is a name the reader has, close to what was typed
        sentences.append(_("Did you mean '{name}'?").format(name=guess[0]))
    # Translators: {command} is the command that lists the names, e.g. "reader list"
    sentences.append(_("See: {command}").format(command=hint))
    return " ".join(sentences)
