"""Words cut to their stems in each language (Snowball), for the search index and queries.

FTS5 cannot call a Python tokenizer, so the index holds stemmed copies of the text
beside the original (which snippets use), and a query is stemmed the same way.
Both are folded as Norwegians type without æ, ø and å ("får" and "far", "søvn" and
"sovn"), after stemming, so the stemmer sees the real word.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)
# Snowball's algorithm for each language the reader may meet in an article's `lang`.
ALGORITHMS = {
    "en": "english",
    "nb": "norwegian",
    "nn": "norwegian",
    "no": "norwegian",
    "sv": "swedish",
    "da": "danish",
    "de": "german",
    "fr": "french",
    "es": "spanish",
}
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})
# Words that carry nothing in a query ("i want to die" means "want to die"; "jeg får
# ikke sove" means "får ikke sove"); "ikke" and "not" stay: they carry the meaning.
STOPWORDS = {
    "en": {"i", "im", "a", "an", "the", "me", "my"},
    "nb": {"jeg", "meg", "min", "mitt", "mine", "en", "et", "ei", "det", "den", "er", "og"},
}


class Stems:
    """One language's stemmer, remembering each word's stem (text repeats its words)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._stemmer: Any = None
        self._known: dict[str, str] = {}
        self._lock = threading.Lock()  # a Snowball stemmer keeps its word in itself
        algorithm = ALGORITHMS.get(lang.split("-")[0].lower())
        if algorithm:
            import snowballstemmer  # here: only the search index needs it

            self._stemmer = snowballstemmer.stemmer(algorithm)
            if hasattr(self._stemmer, "maxCacheSize"):  # PyStemmer, if installed, caches words
                self._stemmer.maxCacheSize = 0  # a kiosk visitor's query among them

    def word(self, word: str) -> str:
        """``word`` (lower case) stemmed and folded."""
        stem = self._known.get(word)
        if stem is None:
            with self._lock:
                cut = self._stemmer.stemWord(word) if self._stemmer else word
            stem = self._known[word] = cut.translate(_FOLD)
        return stem

    def words(self, words: Iterable[str]) -> list[str]:
        """Each word stemmed and folded."""
        given = list(words)
        # Each different word once (a text repeats its words), then mapped in C: building
        # the index stems millions of words. A local table: forget() may clear the shared one.
        known = self._known
        table = {w: known.get(w) or self.word(w) for w in set(given)}
        return list(map(table.__getitem__, given))

    def forget(self) -> None:
        """Drop every word met (a kiosk visitor's query among them)."""
        with self._lock:
            self._known.clear()
            if self._stemmer:
                self._stemmer.stemWord("")  # it keeps the last word it cut in itself

    def text(self, text: str) -> str:
        """Every word of ``text``, stemmed and folded, one space between them."""
        return " ".join(self.words(words(text)))


def words(text: str) -> list[str]:
    """The words of ``text``, in lower case."""
    return _WORD.findall(text.lower())


_stems: dict[str, Stems] = {}


def stems_for(lang: str) -> Stems:
    """The (shared) stemmer of ``lang``; one that leaves words whole if Snowball has none."""
    found = _stems.get(lang)
    if found is None:
        found = _stems[lang] = Stems(lang)
    return found


def stopwords(langs: Iterable[str]) -> set[str]:
    """The stopwords of these languages together."""
    return {word for lang in langs for word in STOPWORDS.get(lang, ())}


def forget() -> None:
    """Every stemmer drops the words it has met (at a kiosk's visitor reset)."""
    for stems in _stems.values():
        stems.forget()


def stemming_version() -> str:
    """What the stems depend on (this module, Snowball's version): an index keyed by it is
    built again when either changes."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        snowball = version("snowballstemmer")
    except PackageNotFoundError:
        snowball = "?"
    source = Path(__file__).read_bytes()
    return f"{snowball}-{hashlib.sha256(source).hexdigest()[:12]}"
