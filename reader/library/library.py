"""A loaded content folder: its topics, articles and contacts, in one language."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from reader.document.model import Document
from reader.document.parse import parse_document
from reader.i18n import _
from reader.library.contacts import Contacts
from reader.library.end_matter import with_end_matter
from reader.library.links import LinkTarget, resolve_link
from reader.library.models import Article, Problem, Topic

MAX_BODY = 2_000_000  # characters shown of one article; a longer one is cut with a notice


@dataclass
class Library:
    """A loaded content folder. Bad files are left out and listed in ``problems``."""

    root: Path
    topics: list[Topic] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    contacts: Contacts = field(default_factory=Contacts)
    problems: list[Problem] = field(default_factory=list)
    # The language shown, the originals' language, and every language the folder has.
    lang: str = "en"
    main_lang: str = "en"
    languages: tuple[str, ...] = ("en",)
    # The articles of the main folder, by slug (``articles`` when no translation is shown).
    originals: dict[str, Article] = field(default_factory=dict)
    _documents: dict[str, Document] = field(default_factory=dict, repr=False)
    _slugs_by_path: dict[Path, str] | None = field(default=None, repr=False)
    # Articles by topic, for this many articles (loading adds them one by one).
    _by_topic: tuple[int, dict[str, list[Article]]] | None = field(default=None, repr=False)
    _parsing: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with this id."""
        return next((t for t in self.topics if t.id == topic_id), None)

    def articles_in(self, topic_id: str) -> list[Article]:
        """A topic's articles, by title (sorted once for every topic, then kept)."""
        if self._by_topic is None or self._by_topic[0] != len(self.articles):
            by_topic: dict[str, list[Article]] = {}
            for article in sorted(self.articles.values(), key=lambda a: a.title.casefold()):
                by_topic.setdefault(article.topic, []).append(article)
            self._by_topic = (len(self.articles), by_topic)
        return list(self._by_topic[1].get(topic_id, ()))

    def ordered_articles(self) -> list[Article]:
        """Every article, grouped by topic in display order."""
        return [a for topic in self.topics for a in self.articles_in(topic.id)]

    def document(self, slug: str) -> Document:
        """An article's body and end matter, parsed (once, then kept).

        Safe from several threads: one asking while a worker parses waits for that parse
        instead of parsing the same megabyte again beside it.
        """
        with self._parsing:
            doc = self._documents.get(slug)
            if doc is None:
                article = self.articles[slug]
                doc = parse_document(
                    with_end_matter(article, limit=MAX_BODY, note=self.fallback_note(article)),
                    article.body_line,
                )
                self._documents[slug] = doc
            return doc

    def document_start(self, slug: str) -> tuple[Document, float] | None:
        """The start of a long article, parsed alone, to show while the whole is parsed,
        and the part of the article it holds.

        None when the article is short or already parsed: then :meth:`document` is quick.
        """
        if slug in self._documents:
            return None
        from reader.document.start import start_of

        article = self.articles[slug]
        source = with_end_matter(article, limit=MAX_BODY, note=self.fallback_note(article))
        start = start_of(source)
        if start is None:
            return None
        return parse_document(start, article.body_line), len(start) / len(source)

    def document_end(self, slug: str) -> tuple[Document, float] | None:
        """The end of a long article, parsed alone (End pressed before the whole is
        parsed), and the part of the article it holds; None when it cannot be cut off."""
        from reader.document.start import end_of

        article = self.articles[slug]
        source = with_end_matter(article, limit=MAX_BODY, note=self.fallback_note(article))
        end = end_of(source)
        if end is None:
            return None
        lines_before = source.count("\n", 0, len(source) - len(end))
        return parse_document(end, article.body_line + lines_before), len(end) / len(source)

    def resolve(self, article: Article, href: str) -> LinkTarget:
        """Where a link in ``article`` leads (see :mod:`reader.library.links`)."""
        if self._slugs_by_path is None:  # resolved once: each resolve() touches the disk
            # Originals too: a link in an untranslated article leads to the translation.
            shown = (*self.originals.values(), *self.articles.values())
            self._slugs_by_path = {a.path.resolve(): a.slug for a in shown}
        target = resolve_link(href, article.path, self.root, self._slugs_by_path)
        inside = self.lang_folder_of(article)
        if target.kind == "refused" and inside:
            # A link to an article not translated yet: the original's, as if written there.
            twin = self.root.joinpath(*article.path.parts[len(inside.parts) :])
            again = resolve_link(href, twin, self.root, self._slugs_by_path)
            return again if again.kind == "article" else target
        return target

    def lang_folder_of(self, article: Article) -> Path | None:
        """The language folder ``article`` is in, or None for an original."""
        if self.lang == self.main_lang:
            return None
        folder = self.root / self.lang
        return folder if article.path.is_relative_to(folder) else None

    def fallback_note(self, article: Article) -> str:
        """For an article shown from the originals, a note saying so ("" otherwise)."""
        if not self.fallback(article):
            return ""
        from reader.library.language import languages

        names = languages()
        said = _("This article is not yet in {language}: it is shown in {original}.")
        return said.format(
            language=names.get(self.lang, self.lang), original=names.get(article.lang, article.lang)
        )

    def text_of(self, article: Article) -> tuple[str, bool]:
        """Which text of an article is shown: its language (the folder's, whatever the
        front matter says: check warns of a mismatch), and whether it is the originals'
        (where bookmarks and positions kept before languages point)."""
        folder = self.lang_folder_of(article)
        return (self.lang if folder else article.lang), folder is None

    def fallback(self, article: Article) -> bool:
        """True when ``article`` is shown from the originals: not yet in the language shown."""
        return self.lang != self.main_lang and self.lang_folder_of(article) is None

    def relative(self, path: Path) -> str:
        """``path`` as shown in messages: relative to the content folder's parent."""
        text, prefix = str(path), self._parent_prefix
        # As relative_to would, on strings: this is asked for every file loaded.
        return text[len(prefix) :] if text.startswith(prefix) else text

    @cached_property
    def _parent_prefix(self) -> str:
        parent = self.root.parent
        return "" if parent == Path(".") else os.path.join(str(parent), "")
