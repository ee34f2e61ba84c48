"""A TinyDB storage that never loses what it held.

TinyDB's own ``JSONStorage`` rewrites its file in place: a crash or a full disk
mid-write leaves half a file, and two processes (SSH sessions, textual-serve
visitors, the command line beside the full-screen reader) overwrite each
other's changes. This storage:

- writes to a temporary file in the same folder, flushes and fsyncs it,
  ``os.replace``s the old file and fsyncs the folder, so the file on disk is
  always the old version or the new one, never a mix;
- takes a file lock for every read and write (callers hold it across a whole
  read-modify-write, see :meth:`SafeJSONStorage.locked`);
- moves a corrupt or truncated file aside as ``<name>.corrupt-<timestamp>``,
  notes it, and goes on with an empty database;
- leaves the previous file intact when the disk is full, and says so.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb.storages import Storage

from reader.i18n import _
from reader.library.atomic import write_atomically
from reader.library.errors import StorageError

LOCK_TIMEOUT = 30.0


def parse_database(raw: bytes, shape: Callable[[dict[str, Any]], str | None] | None) -> Any:
    """A TinyDB database from a file's bytes: tables of records by number, each record
    of the ``shape`` expected. ValueError says what is wrong."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ValueError(str(error)) from None
    except RecursionError:
        # Translators: why the bookmarks file could not be read
        raise ValueError(_("nested too deeply")) from None
    if not isinstance(data, dict) or not all(
        isinstance(table, dict)
        and all(key.isdigit() and isinstance(record, dict) for key, record in table.items())
        for table in data.values()
    ):
        # Translators: why the bookmarks file could not be read
        raise ValueError(_("not a TinyDB database"))
    problem = shape(data) if shape is not None else None
    if problem:
        raise ValueError(problem)
    return data


class SafeJSONStorage(Storage):
    """Atomic, locked JSON storage for TinyDB."""

    def __init__(
        self, path: str | Path, shape: Callable[[dict[str, Any]], str | None] | None = None
    ) -> None:
        self.path = Path(path)
        self.shape = shape  # what is wrong with a database's records (None: nothing)
        self.notices: list[str] = []
        self.lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._remove_strays()

    def _remove_strays(self) -> None:
        """Temporary files of writes killed midway: under the lock, no write is under way,
        so none of them is anyone's."""
        with self.locked():
            for stray in self.path.parent.glob(f".{self.path.name}.*.tmp"):
                stray.unlink(missing_ok=True)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the file lock (re-entrant) across a read-modify-write."""
        try:
            with self.lock:
                yield
        except Timeout:
            raise StorageError(
                _("{path} is locked by another reader for more than {seconds} s").format(
                    path=self.path, seconds=f"{LOCK_TIMEOUT:g}"
                )
            ) from None

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The database, or None when the file is missing, empty or was corrupt."""
        with self.locked():
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                return None
            if not raw.strip():
                return None
            try:
                data = parse_database(raw, self.shape)
            except ValueError as error:
                self._move_aside(str(error))
                return None
            return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file atomically with ``data``."""
        text = json.dumps(data, ensure_ascii=False, indent=1)
        with self.locked():
            try:
                write_atomically(self.path, text)
            except OSError as error:
                reason = error.strerror or str(error)
                raise StorageError(
                    _("could not save to {path}: {reason}; the previous version is kept").format(
                        path=self.path, reason=reason
                    )
                ) from None
            _fsync_folder(self.path.parent)

    def close(self) -> None:
        """Nothing is held open between operations."""

    def _move_aside(self, reason: str) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.replace(self.path, aside)
            self.notices.append(
                _(
                    "{name} could not be read ({reason}); it was moved aside as {aside} and a "
                    "new one was started."
                ).format(name=self.path.name, reason=reason[:80], aside=aside.name)
            )
        except OSError as error:
            self.notices.append(
                _(
                    "{name} could not be read and could not be moved aside ({reason}); "
                    "starting empty without saving."
                ).format(name=self.path.name, reason=error.strerror)
            )


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows it)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
