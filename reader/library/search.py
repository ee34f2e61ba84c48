"""Search across the articles: SQLite FTS5 in memory, BM25, Snowball stems per language.

People type what they feel ("can't sleep", "panic", "i want to die"), so the
index covers titles, keywords (the everyday words operators add), summaries,
headings and bodies, with titles and keywords weighted most. User input never
reaches FTS5's query language: it is cut into words and each word is quoted,
so no input can raise a syntax error.

The index is built once per content version and kept in the user cache folder
under a hash of the content files' names, sizes and times, so a restart with
unchanged content only loads it.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.library.crisis import crisis_contacts, crisis_topics, is_crisis
from reader.library.library import Library
from reader.library.models import Article, Contact
from reader.library.stemming import stemming_version, stems_for, stopwords, words

# Column weights for bm25(): slug (not indexed), then the stemmed title, keywords,
# summary, headings and body, then the summary and body as written (for snippets).
WEIGHTS = (0.0, 10.0, 8.0, 4.0, 3.0, 1.0, 0.0, 0.0)
SCHEMA = (
    "CREATE VIRTUAL TABLE docs USING fts5(slug UNINDEXED, title, keywords, summary, headings, "
    "body, summary_text UNINDEXED, body_text UNINDEXED, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
)
MAX_TERMS = 12
# a 3,000-character query is cut to its first words, never an error
CANDIDATES = 100  # best BM25 matches that the field bonuses then re-rank
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.*)$", re.MULTILINE)
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_MARKUP = re.compile(r"[\[\]*_`#>|~]+|^\s*(?:[-+]|\d+[.)])\s", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Hit:
    """One article found: its slug, title, topic, and a snippet with matches in [brackets]."""

    slug: str
    title: str
    topic: str
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class Results:
    """What a query found, and the crisis contacts to put first when it needs them."""

    query: str
    terms: tuple[str, ...]
    hits: tuple[Hit, ...]
    crisis: bool
    crisis_contacts: tuple[Contact, ...] = ()


def query_terms(text: str, langs: Iterable[str] = ("en",)) -> list[str]:
    """The words of a query, lower-cased, without the stopwords of ``langs`` (unless
    nothing else is left), at most ``MAX_TERMS``."""
    found = words(text)
    stop = stopwords(langs)
    kept = [word for word in found if word not in stop] or found
    return kept[:MAX_TERMS]


def field_bonus(terms: list[str], title: str, keywords: tuple[str, ...]) -> float:
    """Extra rank for matches in the fields people search by: keywords and title.

    In a small library most words are in most articles, so BM25 alone hardly
    separates them; an everyday phrase that an operator put in the keywords
    ("can't sleep", "want to die") must win.
    """
    phrase = " ".join(terms)
    bonus = 0.0
    keyword_phrases = [" ".join(words(k)) for k in keywords]
    if phrase in keyword_phrases:
        bonus += 10
    elif any(f" {phrase} " in f" {k} " for k in keyword_phrases):
        bonus += 6
    title_words = words(title)
    keyword_words = {w for k in keyword_phrases for w in k.split()}
    for term in terms:
        if any(word.startswith(term) for word in title_words):
            bonus += 2
        if any(word.startswith(term) for word in keyword_words):
            bonus += 1
    return bonus


def crisis_answer(library: Library, text: str, region: str | None) -> Results:
    """What needs no index: for a crisis query, its help contacts at once (no articles yet)."""
    crisis = is_crisis(text)
    contacts = crisis_contacts(library, region) if crisis else ()
    return Results(text, tuple(query_terms(text)), (), crisis, contacts)


def fts_query(terms: Sequence[str | Sequence[str]], join: str) -> str:
    """Terms as an FTS5 query: each quoted (so nothing is syntax); the last one a prefix.

    A term may be several forms (its stem in each language): any of them matches.
    """
    groups = [[term] if isinstance(term, str) else sorted(term) for term in terms]
    last = len(groups) - 1
    quoted = []
    for n, forms in enumerate(groups):
        star = "*" if n == last else ""
        either = " OR ".join(f'"{form}"{star}' for form in forms)
        quoted.append(f"({either})" if len(forms) > 1 else either)
    return f" {join} ".join(quoted)


def content_key(library: Library) -> str:
    """A hash of the content files' names, sizes and times, the language shown and
    the index's layout: the index's version."""
    digest = hashlib.sha256(f"{library.lang}|{SCHEMA}|{stemming_version()}\n".encode())
    for path in sorted(library.root.rglob("*")):
        if path.suffix in (".md", ".yaml") and path.is_file():
            stat = path.stat()
            digest.update(
                f"{path.relative_to(library.root)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()[:32]


class SearchIndex:
    """An FTS5 index of a library's articles, in memory."""

    def __init__(self, library: Library, connection: sqlite3.Connection) -> None:
        self.library = library
        self.db = connection
        self._stemmed: dict[str, tuple[str, tuple[str, ...]]] = {}  # see _fields
        # The languages of the articles shown: a query is stemmed in each of them.
        self.langs = sorted({a.lang for a in library.articles.values()} or {library.lang})
        # Queries run in worker threads, one connection between them.
        self._lock = threading.Lock()

    @classmethod
    def build(cls, library: Library, cache_dir: Path | None = None) -> SearchIndex:
        """Load the cached index for this content, or build it (and cache it)."""
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        cached = cache_dir / f"search-{content_key(library)}.sqlite" if cache_dir else None
        if cached is not None and cached.is_file():
            try:
                with sqlite3.connect(cached) as disk:
                    disk.backup(memory)
                memory.execute("SELECT count(*) FROM docs").fetchone()
                return cls(library, memory)
            except sqlite3.Error:
                memory.close()
                memory = sqlite3.connect(":memory:", check_same_thread=False)
        memory.execute(SCHEMA)
        memory.executemany(
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (_row(library, slug) for slug in library.articles),
        )
        memory.commit()
        if cached is not None:
            _save(memory, cached)
        return cls(library, memory)

    def search(self, text: str, limit: int = 20, region: str | None = None) -> Results:
        """Articles for a query, best first; crisis contacts when the query needs them."""
        with self._lock:
            return self._search(text, limit, region)

    def _search(self, text: str, limit: int, region: str | None) -> Results:
        terms = query_terms(text, self.langs)
        crisis = is_crisis(text)
        forms = {lang: stems_for(lang).words(terms) for lang in self.langs}
        either = [{forms[lang][n] for lang in self.langs} for n in range(len(terms))]
        hits: list[Hit] = []
        if terms:
            hits = self._run(fts_query(either, "AND"), forms, CANDIDATES)
            if not hits and len(terms) > 1:  # no article has every word: any word will do
                hits = self._run(fts_query(either, "OR"), forms, CANDIDATES)

        contacts: tuple[Contact, ...] = ()
        if crisis:  # the crisis articles before any other, after the contacts
            first = crisis_topics(text)
            hits += self._crisis_articles(first, exclude={hit.slug for hit in hits})
            order = {topic: n for n, topic in enumerate(first)}
            hits.sort(key=lambda hit: (order.get(hit.topic, len(order)), hit.rank))
            contacts = crisis_contacts(self.library, region)
        shown = self._with_snippets([*terms, *(f for fs in either for f in fs)], hits[:limit])
        return Results(text, tuple(terms), tuple(shown), crisis, contacts)

    def _run(self, query: str, forms: dict[str, list[str]], limit: int) -> list[Hit]:
        """Matches ranked by BM25 and the field bonuses; snippets are made later, for few."""
        weights = ", ".join(str(w) for w in WEIGHTS)
        rows = self.db.execute(
            f"SELECT rowid, slug, bm25(docs, {weights}) AS rank "
            "FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?",
            (query, max(limit, CANDIDATES)),
        ).fetchall()
        hits = []
        for rowid, slug, rank in rows:
            article = self.library.articles.get(slug)
            if article is None:
                continue
            title, keywords = self._fields(article)
            terms = forms.get(article.lang) or forms[self.langs[0]]
            rank -= field_bonus(terms, title, keywords)
            hits.append(Hit(slug, article.title, article.topic, str(rowid), rank))
        return sorted(hits, key=lambda hit: hit.rank)[:limit]

    def _fields(self, article: Article) -> tuple[str, tuple[str, ...]]:
        """An article's title and keywords, stemmed (once: each query ranks a hundred)."""
        found = self._stemmed.get(article.slug)
        if found is None:
            stems = stems_for(article.lang)
            keywords = tuple(stems.text(k) for k in article.keywords)
            found = self._stemmed[article.slug] = (stems.text(article.title), keywords)
        return found

    def _crisis_articles(self, topics: tuple[str, ...], exclude: set[str]) -> list[Hit]:
        """The articles of these topics, whatever words the query used ("better off
        without me")."""
        slugs = [
            slug
            for slug, article in self.library.articles.items()
            if article.topic in topics and slug not in exclude
        ]
        if not slugs:
            return []
        marks = ", ".join("?" for _ in slugs)
        rows = self.db.execute(
            f"SELECT rowid, slug FROM docs WHERE slug IN ({marks})", tuple(slugs)
        ).fetchall()
        articles = self.library.articles
        return [
            Hit(slug, articles[slug].title, articles[slug].topic, str(rowid), 0.0)
            for rowid, slug in rows
        ]

    def _with_snippets(self, terms: list[str], hits: list[Hit]) -> list[Hit]:
        """The hits shown, each with a snippet around its first match, marked in [brackets].

        Made here from the stored text by rowid, not by FTS5's snippet(), which would
        run the whole match again.
        """
        if not hits:
            return hits
        marks = ", ".join("?" for _ in hits)
        rows = self.db.execute(
            f"SELECT rowid, body_text, summary_text FROM docs WHERE rowid IN ({marks})",
            tuple(int(hit.snippet) for hit in hits),
        ).fetchall()
        texts = {str(rowid): (body, summary) for rowid, body, summary in rows}
        shortest_first = sorted(set(terms), key=len)
        pattern = (
            re.compile(r"\b(" + "|".join(map(re.escape, shortest_first)) + r")\w*", re.IGNORECASE)
            if terms
            else None
        )
        out = []
        for hit in hits:
            body, summary = texts.get(hit.snippet, ("", ""))
            snippet = _snippet(body, pattern) or _snippet(summary, pattern) or summary
            out.append(Hit(hit.slug, hit.title, hit.topic, snippet, hit.rank))
        return out

    def close(self) -> None:
        """Free the index."""
        self.db.close()


def _snippet(text: str, pattern: re.Pattern[str] | None, width: int = 10) -> str:
    """About ``width`` words around the first match, every match in [brackets]."""
    if pattern is None:
        return ""
    first = pattern.search(text)
    if first is None:
        return ""
    words = text[max(first.start() - 200, 0) : first.end() + 400].split()
    start = next((i for i, w in enumerate(words) if pattern.search(w)), 0)
    window = words[max(start - width // 3, 0) : max(start - width // 3, 0) + width]
    marked = " ".join(pattern.sub(lambda m: f"[{m.group(0)}]", word) for word in window)
    return f"...{marked}..."


def plain(markdown: str) -> str:
    """Markdown reduced to its words, cheaply (no parse): links keep their text only."""
    text = _LINK_TARGET.sub("", markdown)
    return _MARKUP.sub(" ", text)


def _row(library: Library, slug: str) -> tuple[str, ...]:
    article = library.articles[slug]
    stems = stems_for(article.lang)
    body = article.body()
    headings = " ".join(_HEADING.findall(body))
    text = plain(body)
    return (
        slug,
        stems.text(article.title),
        " ".join(stems.text(k) for k in article.keywords),
        stems.text(article.summary),
        stems.text(plain(headings)),
        stems.text(text),
        article.summary,
        text,
    )


def _save(memory: sqlite3.Connection, path: Path) -> None:
    """Write the index to ``path`` atomically; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(handle)
        with sqlite3.connect(temporary) as disk:
            memory.backup(disk)
        disk.close()
        os.replace(temporary, path)
        for old in path.parent.glob("search-*.sqlite"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, sqlite3.Error):
        pass
