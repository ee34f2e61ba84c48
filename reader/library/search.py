"""Search across the articles: SQLite FTS5 in memory, BM25, English stemming.

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
from dataclasses import dataclass
from pathlib import Path

from reader.library.loader import Library
from reader.library.models import Contact

# Column weights for bm25(): slug (not indexed), title, keywords, summary, headings, body.
WEIGHTS = (0.0, 10.0, 8.0, 4.0, 3.0, 1.0)
SCHEMA = (
    "CREATE VIRTUAL TABLE docs USING fts5(slug UNINDEXED, title, keywords, summary, headings, "
    "body, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')"
)
CRISIS_TOPIC = "crisis"
MAX_TERMS = 12
# a 3,000-character query is cut to its first words, never an error
CANDIDATES = 100  # best BM25 matches that the field bonuses then re-rank
# Words that carry nothing in a query ("i want to die" means "want to die").
STOPWORDS = {"i", "im", "a", "an", "the", "me", "my"}
_WORD = re.compile(r"\w+", re.UNICODE)
_HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.*)$", re.MULTILINE)
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_MARKUP = re.compile(r"[\[\]*_`#>|~]+|^\s*(?:[-+]|\d+[.)])\s", re.MULTILINE)


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


def query_terms(text: str) -> list[str]:
    """The words of a query, lower-cased, without empty words, at most ``MAX_TERMS``."""
    words = [word.lower() for word in _WORD.findall(text)]
    kept = [word for word in words if word not in STOPWORDS] or words
    return kept[:MAX_TERMS]


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def field_bonus(terms: list[str], title: str, keywords: tuple[str, ...]) -> float:
    """Extra rank for matches in the fields people search by: keywords and title.

    In a small library most words are in most articles, so BM25 alone hardly
    separates them; an everyday phrase that an operator put in the keywords
    ("can't sleep", "want to die") must win.
    """
    phrase = " ".join(terms)
    bonus = 0.0
    keyword_phrases = [" ".join(_words(k)) for k in keywords]
    if phrase in keyword_phrases:
        bonus += 10
    elif any(f" {phrase} " in f" {k} " for k in keyword_phrases):
        bonus += 6
    title_words = _words(title)
    keyword_words = {w for k in keyword_phrases for w in k.split()}
    for term in terms:
        if any(word.startswith(term) for word in title_words):
            bonus += 2
        if any(word.startswith(term) for word in keyword_words):
            bonus += 1
    return bonus


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


def crisis_answer(library: Library, text: str, region: str | None) -> Results:
    """What needs no index: for a crisis query, its help contacts at once (no articles yet)."""
    crisis = is_crisis(text)
    contacts = crisis_contacts(library, region) if crisis else ()
    return Results(text, tuple(query_terms(text)), (), crisis, contacts)


def fts_query(terms: list[str], join: str) -> str:
    """Terms as an FTS5 query: each quoted (so nothing is syntax); the last one a prefix."""
    quoted = [f'"{term}"' for term in terms]
    if quoted:
        quoted[-1] += "*"
    return f" {join} ".join(quoted)


def content_key(library: Library) -> str:
    """A hash of the content files' names, sizes and times: the index's version."""
    digest = hashlib.sha256()
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
            "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)",
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
        terms = query_terms(text)
        crisis = is_crisis(text)
        hits: list[Hit] = []
        if terms:
            hits = self._run(fts_query(terms, "AND"), terms, CANDIDATES)
            if not hits and len(terms) > 1:  # no article has every word: any word will do
                hits = self._run(fts_query(terms, "OR"), terms, CANDIDATES)

        contacts: tuple[Contact, ...] = ()
        if crisis:  # the crisis articles before any other, after the contacts
            first = crisis_topics(text)
            hits += self._crisis_articles(first, exclude={hit.slug for hit in hits})
            order = {topic: n for n, topic in enumerate(first)}
            hits.sort(key=lambda hit: (order.get(hit.topic, len(order)), hit.rank))
            contacts = crisis_contacts(self.library, region)
        shown = self._with_snippets(terms, hits[:limit])
        return Results(text, tuple(terms), tuple(shown), crisis, contacts)

    def _run(self, query: str, terms: list[str], limit: int) -> list[Hit]:
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
            rank -= field_bonus(terms, article.title, article.keywords)
            hits.append(Hit(slug, article.title, article.topic, str(rowid), rank))
        return sorted(hits, key=lambda hit: hit.rank)[:limit]

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
            f"SELECT rowid, body, summary FROM docs WHERE rowid IN ({marks})",
            tuple(int(hit.snippet) for hit in hits),
        ).fetchall()
        texts = {str(rowid): (body, summary) for rowid, body, summary in rows}
        pattern = (
            re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\w*", re.IGNORECASE)
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


def _row(library: Library, slug: str) -> tuple[str, str, str, str, str, str]:
    article = library.articles[slug]
    body = article.body()
    headings = " ".join(_HEADING.findall(body))
    return (
        slug,
        article.title,
        " ".join(article.keywords),
        article.summary,
        plain(headings),
        plain(body),
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
