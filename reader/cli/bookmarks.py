"""``reader bookmarks``: list, add, remove, export and import from the shell.

Line numbers are those of ``reader read SLUG`` at 80 columns (its piped
default), so a line seen in the plain text can be bookmarked by number.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from reader.cli.article_text import ArticleText, article_text
from reader.cli.output import Output
from reader.i18n import _, ngettext
from reader.library.bookmarks import Bookmark, BookmarkError, BookmarkStore, Place, when
from reader.library.language import languages
from reader.library.loader import Library
from reader.library.models import Article

LINE_WIDTH = 80


class BookmarkUsageError(Exception):
    """A bookmark command that cannot be done; the message says why."""


def run(args: argparse.Namespace, library: Library, store: BookmarkStore, out: Output) -> int:
    """Carry out a ``bookmarks`` sub-command."""
    try:
        action = args.bookmarks_action
        if action == "list":
            return _list(library, store, out, args.json)
        if action == "add":
            return _add(library, store, out, args.slug, args.line, args.note)
        if action == "remove":
            if not store.remove(args.id):
                raise BookmarkUsageError(
                    # Translators: {id} is a bookmark's number; {command} lists the bookmarks
                    _("there is no bookmark {id}; see: {command}").format(
                        id=args.id, command="reader bookmarks list"
                    )
                )
            out.line(_("Removed bookmark {id}.").format(id=args.id))
            return 0
        if action == "export":
            count = store.export(Path(args.file))
            out.line(
                ngettext(
                    "Exported {count} bookmark to {file}.",
                    "Exported {count} bookmarks to {file}.",
                    count,
                ).format(count=count, file=args.file)
            )
            return 0
        added, skipped = store.import_file(Path(args.file))
        if skipped:
            # Translators: {skipped} is how many of the file's bookmarks were already kept
            message = ngettext(
                "Imported {count} bookmark ({skipped} already there).",
                "Imported {count} bookmarks ({skipped} already there).",
                added,
            )
        else:
            message = ngettext("Imported {count} bookmark.", "Imported {count} bookmarks.", added)
        out.line(message.format(count=added, skipped=skipped))
        return 0
    except BookmarkError as error:
        raise BookmarkUsageError(str(error)) from None
    except OSError as error:
        # Translators: when a file has no name to show: "file: Permission denied"
        name = error.filename or _("file")
        raise BookmarkUsageError(f"{name}: {error.strerror}") from None


def line_of_place(text: ArticleText, place: Place) -> int:
    """The line (1-based) of ``reader read``'s ``text`` that holds ``place``."""
    return text.body_start + text.layout.find(place.block, place.offset) + 1


def place_of_line(library: Library, article: Article, line: int | None) -> tuple[Place, str]:
    """The place and text of line ``line`` of ``reader read`` (default: the first body line)."""
    text = article_text(library, article, LINE_WIDTH)
    first, last = text.body_start + 1, text.body_start + len(text.layout.lines)
    number = first if line is None else line
    if not first <= number <= last:
        raise BookmarkUsageError(
            # Translators: {slug} is an article's short name; {command} is "reader read SLUG"
            _(
                "line {line} is not in the text of {slug}: "
                "use a line from {first} to {last} of `{command}`"
            ).format(
                line=number,
                slug=article.slug,
                first=first,
                last=last,
                command=f"reader read {article.slug}",
            )
        )
    laid = text.layout.lines[number - first]
    if laid.kind == "blank":  # a blank line bookmarks the text after it
        laid = text.layout.lines[min(number - first + 1, len(text.layout.lines) - 1)]
    return Place(laid.block, laid.offset), laid.text.strip()


def _add(
    library: Library, store: BookmarkStore, out: Output, slug: str, line: int | None, note: str
) -> int:
    article = library.articles.get(slug)
    if article is None:
        raise BookmarkUsageError(
            _("no article '{slug}'; see: {command}").format(slug=slug, command="reader list")
        )
    place, snippet = place_of_line(library, article, line)
    doc = library.document(slug)
    heading = next(
        (
            h.text
            for h in reversed(doc.headings)
            if doc.blocks and h.source_line <= doc.blocks[place.block].source_line
        ),
        "",
    )
    bookmark = store.add(slug, place, heading, snippet, note, "", *library.text_of(article))
    line_number = line_of_place(article_text(library, article, LINE_WIDTH), place)
    out.line(
        # Translators: a bookmark just made: its number, line, article and that line's text
        _('Bookmark {id}: line {line} of {title}: "{snippet}"').format(
            id=bookmark.id, line=line_number, title=article.title, snippet=snippet
        )
    )
    return 0


def _list(library: Library, store: BookmarkStore, out: Output, as_json: bool) -> int:
    texts: dict[str, ArticleText] = {}
    records = [_record(library, b, texts) for b in store.bookmarks()]
    if as_json:
        out.stream.write(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
        return 0
    if not records:
        out.line(
            # Translators: {command} is "reader bookmarks add SLUG --line N" (SLUG translated)
            _("No bookmarks yet. Add one with: {command}").format(
                command=f"reader bookmarks add {_('SLUG')} --line N"
            )
        )
        return 0
    for index, record in enumerate(records):
        if index:
            out.line()
        if record["available"] and record["line"] is None:
            # Translators: a bookmark made in the article's text in another language
            title = _("{id}. {title} (in the text in {lang})")
        elif record["available"]:
            # Translators: a bookmark in `reader bookmarks list`: "2. Sleep problems, line 20"
            title = _("{id}. {title}, line {line}")
        else:
            title = _("{id}. {title} (article no longer available)")
        fields = {k: record[k] for k in ("id", "title", "line")}
        lang = str(record["lang"])
        out.line(title.format(lang=languages().get(lang, lang), **fields), "bold")
        if record["heading"]:
            # Translators: the heading of the section a bookmark is in
            out.line("   " + _("Section: {heading}").format(heading=record["heading"]))
        # Translators: the quotation marks around a bookmarked line's text
        out.line("   " + _('"{snippet}"').format(snippet=record["snippet"]))
        if record["note"]:
            out.line("   " + _("Note: {note}").format(note=record["note"]))
        # Translators: when a bookmark was made: "Added 29 November 2026, 13:15"
        out.line("   " + _("Added {when}").format(when=record["created_text"]))
    return 0


def _record(
    library: Library, bookmark: Bookmark, texts: dict[str, ArticleText]
) -> dict[str, object]:
    article = library.articles.get(bookmark.slug)
    line = None
    # Its line is counted in the text it was made in, when that is the one shown.
    if article is not None and bookmark.points_into(*library.text_of(article)):
        if article.slug not in texts:  # one layout per article, however many bookmarks
            texts[article.slug] = article_text(library, article, LINE_WIDTH)
        line = line_of_place(texts[article.slug], bookmark.place)
    return {
        "id": bookmark.id,
        "slug": bookmark.slug,
        "title": article.title if article else bookmark.slug,
        "available": article is not None,
        "line": line,
        "block": bookmark.block,
        "offset": bookmark.offset,
        "heading": bookmark.heading,
        "snippet": bookmark.snippet,
        "note": bookmark.note,
        "created": bookmark.created,
        "created_text": when(bookmark.created),
        "lang": bookmark.lang or library.main_lang,  # the text's, as a code
    }
