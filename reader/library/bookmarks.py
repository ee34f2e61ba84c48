"""Bookmarks, reading positions and remembered preferences, kept in TinyDB.

A place in an article is ``(block, offset)`` from the line layout: the
top-level block and how many visible characters of it come before the place.
It does not depend on the width, so a bookmark lands on the same words in a
narrow terminal, a wide one, or the plain command line.

The store takes any TinyDB storage class, so the file format and its safety
(atomic writes, locking, corrupt files) can change without touching callers.
Without a path it lives in memory only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext, suppress
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage, Storage

from reader.document.sanitize import clean_line
from reader.i18n import _
from reader.library.places import FILE_NAME, Bookmark, Place, when
from reader.library.storage import SafeJSONStorage, StorageError, parse_database

__all__ = ["Bookmark", "BookmarkError", "BookmarkStore", "Place", "when"]

SCHEMA_VERSION = 2
MAX_NOTE = 500
MAX_SNIPPET = 120
# Schema steps: MIGRATIONS[n] turns a version-n database into version n + 1.
# Version 2: bookmarks and reading positions say which language's text they point
# into; those made before say nothing ("" below: the originals' text, the only one).
MIGRATIONS: dict[int, Callable[[TinyDB], None]] = {
    0: lambda db: None,
    1: lambda db: [db.table(name).update({"lang": ""}) for name in ("bookmarks", "positions")],
}


# What each table's records hold (a field may be missing; where present, of this type).
FIELDS: dict[str, dict[str, type]] = {
    "bookmarks": dict.fromkeys(("block", "offset"), int)
    | dict.fromkeys(("slug", "heading", "snippet", "note", "created", "lang"), str),
    "positions": dict.fromkeys(("block", "offset"), int) | dict.fromkeys(("slug", "lang"), str),
    "preferences": {"name": str},
    "meta": {"schema": int},
}


def shape_problem(data: dict[str, dict[str, dict[str, Any]]]) -> str | None:
    """What in a store's records is not what the reader wrote (None: nothing).

    Whole numbers are never negative (nor true or false); NaN is not one.
    """
    for table, records in data.items():
        for number, record in records.items():
            for field, kind in FIELDS.get(table, {}).items():
                value = record.get(field, kind())
                wrong = not isinstance(value, kind) or (
                    kind is int and (isinstance(value, bool) or value < 0)
                )
                if wrong:
                    # Translators: why the bookmarks file could not be read
                    return _("{table} {number}: {field} is {value}").format(
                        table=table, number=number, field=field, value=repr(value)[:20]
                    )
    return None


class BookmarkError(Exception):
    """A bookmark operation that cannot be done; the message says why."""


class BookmarkStore:
    """Bookmarks, reading positions and preferences in one TinyDB database."""

    def __init__(self, db: TinyDB, notices: list[str] | None = None) -> None:
        self.db = db
        self._notices: list[str] = list(notices or [])
        # No query cache: another process may have changed the file since.
        self._bookmarks = db.table("bookmarks", cache_size=0)
        self._positions = db.table("positions", cache_size=0)
        self._preferences = db.table("preferences", cache_size=0)
        with self._locked():
            self._migrate(db.table("meta", cache_size=0))

    @classmethod
    def open(cls, path: Path | None, storage: type[Storage] = SafeJSONStorage) -> BookmarkStore:
        """Open the store at ``path`` (created if missing), or in memory when ``None``."""
        if path is None:
            return cls(TinyDB(storage=MemoryStorage))
        return cls(TinyDB(path, storage=storage, shape=shape_problem))

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> BookmarkStore:
        """The store in a data folder (``bookmarks.json``); in memory if it cannot be there."""
        path = data_dir / FILE_NAME
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            if not os.access(data_dir, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
                # Translators: why bookmarks cannot be saved in a folder
                raise PermissionError(13, _("it is read-only"))
            return cls.open(path)
        except (OSError, StorageError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            db = TinyDB(storage=MemoryStorage)
            # What is there is still shown (a folder mounted read-only, say); nothing
            # there, or nothing readable, is an empty store.
            with suppress(OSError, ValueError):
                db.storage.write(parse_database(path.read_bytes(), shape_problem))
            return cls(
                db,
                [
                    _(
                        "Bookmarks cannot be saved in {folder} ({reason}); they are kept until "
                        "the reader closes."
                    ).format(folder=data_dir, reason=reason)
                ],
            )

    @property
    def notices(self) -> list[str]:
        """What the reader should be told about the store (a file moved aside, no disk)."""
        storage = self.db.storage
        extra = storage.notices if isinstance(storage, SafeJSONStorage) else []
        return [*self._notices, *extra]

    def _locked(self) -> AbstractContextManager[None]:

        storage = self.db.storage
        return storage.locked() if isinstance(storage, SafeJSONStorage) else nullcontext()

    def _migrate(self, meta: Any) -> None:
        """Bring an older store up to this schema (version 1 is the first)."""
        records = meta.all()
        version = int(records[0].get("schema", 1)) if records else 0
        if version > SCHEMA_VERSION:
            self._notices.append(
                _(
                    "The bookmarks file was written by a newer reader (schema {version}); "
                    "it is used as it is."
                ).format(version=version)
            )
        for step in range(version, SCHEMA_VERSION):
            MIGRATIONS[step](self.db)
        if version < SCHEMA_VERSION:
            meta.truncate()
            meta.insert({"schema": SCHEMA_VERSION})

    def close(self) -> None:
        """Close the underlying database."""
        self.db.close()

    # -- bookmarks ----------------------------------------------------------

    def bookmarks(
        self, slug: str | None = None, lang: str | None = None, original: bool = True
    ) -> list[Bookmark]:
        """All bookmarks (or one article's, in its text in ``lang`` if given), oldest first."""
        found = [self._bookmark(doc) for doc in self._bookmarks.all()]
        if slug is not None:
            found = [b for b in found if b.slug == slug and b.points_into(lang, original)]
        return sorted(found, key=lambda b: (b.created, b.id))

    def get(self, bookmark_id: int) -> Bookmark | None:
        """The bookmark with this id."""
        doc = self._bookmarks.get(doc_id=bookmark_id)
        return self._bookmark(doc) if doc is not None else None  # type: ignore[arg-type]

    def find(
        self, slug: str, place: Place, lang: str | None = None, original: bool = True
    ) -> Bookmark | None:
        """The bookmark at exactly this place (of the text in ``lang``, if given), if any."""
        q = Query()
        docs = self._bookmarks.search(
            (q.slug == slug) & (q.block == place.block) & (q.offset == place.offset)
        )
        found = [self._bookmark(doc) for doc in docs]
        return next((b for b in found if b.points_into(lang, original)), None)

    def add(
        self,
        slug: str,
        place: Place,
        heading: str = "",
        snippet: str = "",
        note: str = "",
        created: str = "",
        lang: str = "",
        original: bool = True,
    ) -> Bookmark:
        """Bookmark a place of the text in ``lang``; the existing bookmark if that place
        already has one."""
        with self._locked():
            return self._add(slug, place, heading, snippet, note, created, lang, original)

    def _add(
        self,
        slug: str,
        place: Place,
        heading: str,
        snippet: str,
        note: str,
        created: str,
        lang: str = "",
        original: bool = True,
    ) -> Bookmark:
        existing = self.find(slug, place, lang, original)
        if existing is not None:
            return existing
        record = {
            "slug": slug,
            "block": place.block,
            "offset": place.offset,
            "heading": heading[:MAX_SNIPPET],
            "snippet": snippet.strip()[:MAX_SNIPPET],
            "note": _note(note),
            "created": created or datetime.now(UTC).isoformat(timespec="seconds"),
            "lang": lang,
        }
        # TinyDB remembers the next id in memory; another process may have used it.
        self._bookmarks._next_id = None
        doc_id = self._bookmarks.insert(record)
        return Bookmark(id=doc_id, **record)

    def remove(self, bookmark_id: int) -> bool:
        """Delete a bookmark; False if there was none with that id."""
        with self._locked():
            if not self._bookmarks.contains(doc_id=bookmark_id):
                return False
            self._bookmarks.remove(doc_ids=[bookmark_id])
            return True

    def set_note(self, bookmark_id: int, note: str) -> Bookmark:
        """Set a bookmark's short note."""
        with self._locked():
            if not self._bookmarks.contains(doc_id=bookmark_id):
                raise BookmarkError(_("there is no bookmark {id}").format(id=bookmark_id))
            self._bookmarks.update({"note": _note(note)}, doc_ids=[bookmark_id])
        bookmark = self.get(bookmark_id)
        assert bookmark is not None
        return bookmark

    # -- reading positions and preferences -------------------------------------

    def position(self, slug: str, lang: str | None = None, original: bool = True) -> Place | None:
        """Where the reader left an article (its text in ``lang``, if given; ``original``:
        the originals' text, where places kept before languages point)."""
        docs = self._positions.search(Query().slug == slug)
        kept = {str(doc.get("lang", "")): doc for doc in docs}
        if lang is None:
            doc = next(iter(kept.values()), None)
        else:
            doc = kept.get(lang) or (kept.get("") if original else None)
        if doc is None:
            return None
        return Place(int(doc.get("block", 0)), int(doc.get("offset", 0)))

    def set_position(self, slug: str, place: Place, lang: str = "") -> None:
        """Remember where the reader is in an article's text in ``lang``."""
        record = {"slug": slug, "block": place.block, "offset": place.offset, "lang": lang}
        q = Query()
        with self._locked():
            self._positions._next_id = None
            self._positions.upsert(record, (q.slug == slug) & (q.lang.one_of([lang])))

    def preference(self, name: str, default: Any = None) -> Any:
        """A remembered preference (theme and the like)."""
        docs = self._preferences.search(Query().name == name)
        return docs[0].get("value", default) if docs else default

    def set_preference(self, name: str, value: Any) -> None:
        """Remember a preference."""
        with self._locked():
            self._preferences._next_id = None
            self._preferences.upsert({"name": name, "value": value}, Query().name == name)

    # -- export and import --------------------------------------------------

    def export(self, path: Path) -> int:
        """Write every bookmark to a JSON file; returns how many."""
        records = [asdict(b) for b in self.bookmarks()]
        path.write_text(json.dumps({"bookmarks": records}, indent=1, ensure_ascii=False) + "\n")
        return len(records)

    def import_file(self, path: Path) -> tuple[int, int]:
        """Add the bookmarks of an exported file; returns ``(added, already there)``."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise BookmarkError(
                _("cannot read {path}: {error}").format(path=path, error=error)
            ) from None
        except json.JSONDecodeError as error:
            raise BookmarkError(
                # Translators: {error} is the JSON reader's own words (in English)
                _("{path} is not a bookmarks file: {error}").format(path=path, error=error)
            ) from None
        records = data.get("bookmarks") if isinstance(data, dict) else data
        if not isinstance(records, list):
            raise BookmarkError(_("{path} has no list of bookmarks").format(path=path))
        checked = [_checked(record, number) for number, record in enumerate(records, 1)]
        with self._locked():
            return self._import(checked)

    def _import(self, checked: list[dict[str, Any]]) -> tuple[int, int]:
        added = skipped = 0
        for record in checked:
            place = Place(record["block"], record["offset"])
            # One made before languages ("") is the originals'; one with a language, that text's.
            original = not record["lang"]
            if self.find(record["slug"], place, record["lang"], original) is not None:
                skipped += 1
                continue
            self.add(
                record["slug"],
                place,
                record["heading"],
                record["snippet"],
                record["note"],
                record["created"],
                record["lang"],
                original,
            )
            added += 1
        return added, skipped

    @staticmethod
    def _bookmark(doc: Any) -> Bookmark:
        return Bookmark(
            id=doc.doc_id,
            slug=str(doc.get("slug", "")),
            block=int(doc.get("block", 0)),
            offset=int(doc.get("offset", 0)),
            heading=str(doc.get("heading", "")),
            snippet=str(doc.get("snippet", "")),
            note=str(doc.get("note", "")),
            created=str(doc.get("created", "")),
            lang=str(doc.get("lang", "")),
        )


def _note(note: str) -> str:
    note = " ".join(note.split())
    if len(note) > MAX_NOTE:
        raise BookmarkError(_("a note can be at most {count} characters").format(count=MAX_NOTE))
    return note


def _checked(record: Any, number: int) -> dict[str, Any]:
    """One imported record, validated before anything is written."""
    if not isinstance(record, dict):
        raise BookmarkError(_("bookmark {number} is not an object").format(number=number))
    slug = record.get("slug")
    block, offset = record.get("block", 0), record.get("offset", 0)
    if not isinstance(slug, str) or not slug:
        raise BookmarkError(_("bookmark {number} has no article slug").format(number=number))
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (block, offset)):
        raise BookmarkError(
            _("bookmark {number}: block and offset must be whole numbers").format(number=number)
        )
    text = {k: record.get(k) or "" for k in ("heading", "snippet", "note", "created", "lang")}
    if not all(isinstance(v, str) for v in text.values()):
        raise BookmarkError(
            _("bookmark {number}: heading, snippet, note, created and lang must be text").format(
                number=number
            )
        )
    # An imported file is text from strangers, like content.
    text = {k: clean_line(v) for k, v in text.items()}
    return {"slug": clean_line(slug), "block": block, "offset": offset, **text}
