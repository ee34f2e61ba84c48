"""The app's bookmark store: opened after the first frame, in the writer's thread.

TinyDB and the file lock cost start-up time, so the store is opened once the
first frame is drawn; whatever its file holds, the reader goes on (in memory),
and says what the store had to say (a corrupt file moved aside...).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.i18n import _

if TYPE_CHECKING:
    from reader.library.bookmarks import BookmarkStore
    from reader.tui.app import ReaderApp


class StoreKeeper:
    """Holds the store, or the way to open it until it is open."""

    def __init__(self, app: ReaderApp, store: BookmarkStore | Callable[[], BookmarkStore]) -> None:
        self.app = app
        self._store: BookmarkStore | None = None
        self._opener: Callable[[], BookmarkStore] | None = None
        self._opened = threading.Event()
        if callable(store):
            self._opener = store
        else:
            self.store = store

    @property
    def store(self) -> BookmarkStore:
        """The store, waiting for it if it is still opening (opened now if asked for
        before the first frame)."""
        if self._store is None:
            if self._opener is not None:  # asked for before the first frame
                opener, self._opener = self._opener, None
                error = self._open_with(opener)
                if error is not None:
                    self.app.call_after_refresh(self._failed, error)
            self._opened.wait()
        assert self._store is not None
        return self._store

    @store.setter
    def store(self, store: BookmarkStore) -> None:
        self._store = store
        self._opened.set()

    def open_after_first_frame(self) -> None:
        """Open the store in the writer's thread, once the first frame is drawn."""
        opener, self._opener = self._opener, None
        if opener is None:  # given open (or opened already): say what it had to say
            if self._store is not None:
                self.app.main.store_notices(self._store.notices)
            return

        def open_it() -> BookmarkStore:
            error = self._open_with(opener)
            if error is not None:
                raise error  # said by ``opened``
            assert self._store is not None
            return self._store

        def opened(store: BookmarkStore | None, error: BaseException | None) -> None:
            if error is not None:
                self._failed(error)
            elif store is not None:
                self.app.main.store_notices(store.notices)

        self.app.save(open_it, opened)

    def _open_with(self, opener: Callable[[], BookmarkStore]) -> Exception | None:
        """Open the store; whatever its file holds, the reader goes on (in memory)."""
        try:
            self._store = opener()
            return None
        except Exception as error:
            from reader.library.bookmarks import BookmarkStore

            self._store = BookmarkStore.open(None)
            return error
        finally:
            self._opened.set()

    def _failed(self, error: BaseException) -> None:
        said = _("Bookmarks could not be opened ({error}); they are kept until you quit.")
        self.app.main.say(said.format(error=error))

    def close(self) -> None:
        """Finish every write, then close the store (if it was ever opened)."""
        self.app.writer.close()
        if self._store is not None:
            self._store.close()
