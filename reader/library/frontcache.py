"""A cache of what loading a content folder found, so a start with unchanged files parses no YAML.

One JSON file per content folder in the user cache folder (the search index's),
never pickle: reading a cache file can only ever give data. Each content file's
entry is keyed by its size, modification time, change time and inode, and the
whole file by a fingerprint of the code that validates (the source of the
modules below, the YAML and Markdown parsers installed, the Python version) and
by the topic ids that articles and contacts are checked against. An entry holds
what loading the file gave: the article (or topics, or contacts) and its
warnings, so ``reader check`` says the same with and without the cache. Files
with errors are not kept: they are read and checked again every time.

A cache file that is missing, corrupt, of another version or for other code is
ignored and rebuilt; a cache folder that cannot be written means no cache.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

from reader import i18n
from reader.library.cache_values import (
    ARTICLE_FIELDS,
    _article,
    _article_json,
    _contact,
    _contact_json,
    _dict,
    _list,
    _problem,
    _text,
    _words,
)
from reader.library.contacts import Contacts
from reader.library.models import WARNING, Article, Problem, Topic

FORMAT = 2  # the layout of the cache file; change it when the layout changes
PREFIX = "front-matter-"
KEEP = 8  # cache files kept, one per content folder and language: those used last
# A file changed less than this before loading began is not cached: its next
# change could leave the same time (file systems keep times in coarse ticks).
RACY_NS = 2_000_000_000
# The code whose results are cached: a change to any of it empties the cache.
VALIDATING = (
    "reader.library.frontcache",
    "reader.library.cache_values",
    "reader.library.loader",
    "reader.library.translations",
    "reader.i18n",
    "reader.library.dates",
    "reader.library.library",
    "reader.library.validate",
    "reader.library.yamlfile",
    "reader.library.frontmatter",
    "reader.library.contacts",
    "reader.library.contacts_file",
    "reader.library.language",
    "reader.library.models",
    "reader.library.end_matter",
    "reader.library.links",
    "reader.document.sanitize",
    "reader.document.model",
    "reader.document.anchors",
    "reader.document.parse",
)
PARSERS = ("yaml", "markdown_it", "mdit_py_plugins")
TOPICS = "topics.yaml"
CONTACTS = "contacts.yaml"

Key = tuple[int, int, int, int]
_fingerprint: str | None = None


def file_key(path: Path, info: os.stat_result | None = None) -> Key | None:
    """What tells one version of a regular file from another, or None if it cannot be cached.

    ``info`` is the file's ``lstat``, when the caller has it and the file is no link.
    """
    try:
        info = info or os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def fingerprint() -> str:
    """A hash of the validating code and the parsers: the cache's version (computed once)."""
    global _fingerprint
    if _fingerprint is None:
        import hashlib
        import importlib
        import importlib.util

        digest = hashlib.sha256(f"{FORMAT}|{sys.version}".encode())
        for name in VALIDATING:
            module = importlib.import_module(name)
            digest.update(Path(module.__file__ or "").read_bytes())
        for name in PARSERS:  # found, not imported: an upgrade rewrites the file
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec is not None else None
            info = os.stat(origin) if origin else None
            digest.update(f"|{name}|{origin}|{info and (info.st_size, info.st_mtime_ns)}".encode())
        _fingerprint = digest.hexdigest()
    return _fingerprint


class FrontMatterCache:
    """Entries for one content folder; without a folder, a cache that keeps nothing."""

    def __init__(self, folder: Path | None, root: Path) -> None:
        self.started = time.time_ns()
        self.path: Path | None = None
        self.root = ""
        self._version = ""
        self._read_files: dict[str, Any] = {}  # as read, to tell whether to write
        self._old: dict[str, Any] = {}  # entries still usable
        self._new: dict[str, Any] = {}  # entries used or made in this load
        self._topic_ids: list[str] = []
        self._ids_changed = False
        if folder is None:
            return
        try:
            import hashlib

            self.root = str(root.resolve())
            self._version = f"{fingerprint()}|{i18n.version()}"
            name = hashlib.sha256(self.root.encode()).hexdigest()[:16]
        except (OSError, RuntimeError, ValueError):  # no source to hash, a link loop
            return
        # One file per interface language: the problems kept are worded in it.
        self.path = folder / f"{PREFIX}{name}-{i18n.language()}.json"
        self._old = self._read_files = self._read()

    def _read(self) -> dict[str, Any]:
        import json  # here, not at the top: a load without a cache needs none

        try:
            data = json.loads(self.path.read_bytes()) if self.path else None
        except (OSError, ValueError, RecursionError):  # missing, corrupt, not UTF-8
            return {}
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or data.get("fingerprint") != self._version
            or data.get("root") != self.root
            or not isinstance(data.get("files"), dict)
            or not isinstance(data.get("topic_ids"), list)
        ):
            return {}
        self._topic_ids = data["topic_ids"]
        files: dict[str, Any] = data["files"]
        return files

    def use_topic_ids(self, topic_ids: list[str]) -> None:
        """Articles and contacts are checked against these ids: entries made with others go."""
        if topic_ids != self._topic_ids:
            self._old = {TOPICS: self._old[TOPICS]} if TOPICS in self._old else {}
            self._topic_ids = list(topic_ids)
            self._ids_changed = True

    # Each kind of file: ``name`` is its path in the content folder, ``where``
    # the path its problems name.

    def topics(
        self, key: Key | None, where: str, name: str = TOPICS
    ) -> tuple[list[Topic], list[Problem]] | None:
        """The topics of an unchanged topics.yaml (a language's: ``nb/topics.yaml``),
        and its warnings."""
        entry = self._entry(name, key, where)
        if entry is None:
            return None
        try:
            topics = [Topic(*(_text(v) for v in _list(t, 3))) for t in _list(entry[0])]
        except (KeyError, TypeError, ValueError, IndexError):
            return self._miss(name)
        return topics, entry[1]

    def keep_topics(
        self, key: Key | None, topics: list[Topic], problems: list[Problem], name: str = TOPICS
    ) -> None:
        """Remember what a topics.yaml gave."""
        value = [[t.id, t.title, t.description] for t in topics]
        self._keep(name, key, value, problems)

    def texts(
        self, name: str, key: Key | None, where: str
    ) -> tuple[dict[str, str], dict[str, dict[str, str]], list[Problem]] | None:
        """A language's contacts.yaml, unchanged: region names, contact words by id."""
        entry = self._entry(name, key, where)
        if entry is None:
            return None
        try:
            regions, texts = _list(entry[0], 2)
            names = _words(regions)
            by_id = {_text(k): _words(v) for k, v in _dict(texts).items()}
        except (KeyError, TypeError, ValueError, IndexError):
            return self._miss(name)
        return names, by_id, entry[1]

    def keep_texts(
        self,
        name: str,
        key: Key | None,
        regions: dict[str, str],
        texts: dict[str, dict[str, str]],
        problems: list[Problem],
    ) -> None:
        """Remember what a language's contacts.yaml gave."""
        self._keep(name, key, [regions, texts], problems)

    def contacts(self, key: Key | None, where: str) -> tuple[Contacts, list[Problem]] | None:
        """The contacts of an unchanged contacts.yaml, and its warnings."""
        entry = self._entry(CONTACTS, key, where)
        if entry is None:
            return None
        try:
            value = _dict(entry[0])
            regions = {_text(k): _text(v) for k, v in _dict(value["regions"]).items()}
            contacts = tuple(_contact(_dict(c)) for c in _list(value["contacts"]))
        except (KeyError, TypeError, ValueError, IndexError):
            return self._miss(CONTACTS)
        return Contacts(contacts, regions), entry[1]

    def keep_contacts(self, key: Key | None, contacts: Contacts, problems: list[Problem]) -> None:
        """Remember what contacts.yaml gave."""
        value = {
            "regions": dict(contacts.regions),
            "contacts": [_contact_json(c) for c in contacts.contacts],
        }
        self._keep(CONTACTS, key, value, problems)

    def article(
        self, name: str, key: Key | None, where: str, slug: str, path: Path, root: Path
    ) -> tuple[Article, list[Problem]] | None:
        """The article of an unchanged file, and its warnings."""
        entry = self._entry(name, key, where)
        if entry is None:
            return None
        try:
            article = _article(_list(entry[0], len(ARTICLE_FIELDS)), slug, path, root)
        except (KeyError, TypeError, ValueError, IndexError):
            return self._miss(name)
        return article, entry[1]

    def keep_article(
        self, name: str, key: Key | None, article: Article | None, problems: list[Problem]
    ) -> None:
        """Remember what an article file gave (nothing if it did not load)."""
        self._keep(name, key, _article_json(article) if article else None, problems)

    def _entry(self, name: str, key: Key | None, where: str) -> tuple[Any, list[Problem]] | None:
        """A file's cached value and problems if its key is unchanged."""
        entry = self._old.get(name)
        if key is None or not isinstance(entry, dict) or entry.get("key") != list(key):
            return None
        try:
            problems = [_problem(_list(p, 5), where) for p in _list(entry["problems"])]
            value = entry["value"]
        except (KeyError, TypeError, ValueError, IndexError):
            return self._miss(name)
        self._new[name] = entry
        return value, problems

    def carry(self, folders: list[str]) -> None:
        """Keep the entries of these folders (other languages', not read in this load)."""
        prefixes = tuple(f"{folder}/" for folder in folders)
        if prefixes:
            for name, entry in self._old.items():
                if name.startswith(prefixes):
                    self._new.setdefault(name, entry)

    def _miss(self, name: str) -> None:
        self._new.pop(name, None)
        return None

    def _keep(self, name: str, key: Key | None, value: Any, problems: list[Problem]) -> None:
        if self.path is None or key is None or key[1] > self.started - RACY_NS:
            return  # no cache, or not a regular file, or changed just now: read again next time
        if value is None or any(p.severity != WARNING for p in problems):
            return  # errors are checked again every time
        entry = [[p.severity, p.message, p.fix, p.field, p.line] for p in problems]
        self._new[name] = {"key": list(key), "value": value, "problems": entry}

    def save(self) -> None:
        """Write the entries used or made in this load, if anything changed; quietly."""
        # Entries taken from the file are the same objects: comparing them is cheap.
        if self.path is None or not (self._ids_changed or self._new != self._read_files):
            return
        data = {
            "format": FORMAT,
            "fingerprint": self._version,
            "root": self.root,
            "topic_ids": self._topic_ids,
            "files": self._new,
        }
        try:
            import json

            from reader.library.atomic import write_atomically

            self.path.parent.mkdir(parents=True, exist_ok=True)
            # dumps, not dump: the C encoder. A cache needs no fsync: a lost one is rebuilt.
            write_atomically(self.path, json.dumps(data, separators=(",", ":")), fsync=False)
            _prune(self.path)
        except (OSError, ValueError):
            pass


def _prune(kept: Path) -> None:
    """Remove the cache files of all but the ``KEEP`` content folders used last."""
    others = [p for p in kept.parent.glob(f"{PREFIX}*.json") if p != kept]
    if len(others) >= KEEP:
        others.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in others[KEEP - 1 :]:
            old.unlink(missing_ok=True)
