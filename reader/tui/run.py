"""Start the full-screen reader from settings."""

from __future__ import annotations

import os
import traceback
from datetime import UTC, datetime

from reader.library.bookmarks import BookmarkStore
from reader.library.contacts import default_region
from reader.library.loader import Library
from reader.library.settings import Settings
from reader.tui.app import ReaderApp

CRASH_LOG = "crashes.log"


def build_app(
    settings: Settings,
    library: Library,
    open_slug: str | None = None,
    store: BookmarkStore | None = None,
) -> ReaderApp:
    """The app for these settings (the store defaults to the data folder's)."""
    region = settings.region or default_region(library.contacts.region_codes())
    kiosk = settings.kiosk
    if store is None:
        # A kiosk keeps nothing of a visitor on disk unless the operator asks for it.
        in_memory = kiosk.enabled and not kiosk.persist
        store = (
            BookmarkStore.open(None) if in_memory else BookmarkStore.in_data_dir(settings.data_dir)
        )
    # Screen-reader mode: the setting turns it on; F4's last choice is remembered.
    screen_reader = settings.screen_reader or store.preference("screen_reader", False) is True
    return ReaderApp(
        library,
        store,
        region,
        open_slug,
        screen_reader=screen_reader,
        show_cursor=settings.show_cursor,
        kiosk=kiosk,
    )


def run_tui(settings: Settings, library: Library, open_slug: str | None = None) -> int:
    """Run the app until the reader quits; a crash is logged to the data folder."""
    app = build_app(settings, library, open_slug)
    if settings.kiosk.enabled:
        # Textual lets ctrl+c, ctrl+z and ctrl+\ send signals when this is set: a way out.
        os.environ.pop("TEXTUAL_ALLOW_SIGNALS", None)
    try:
        app.run()
    finally:
        app.writer.close()  # every write asked for lands before the store closes
        app.store.close()
    error = getattr(app, "_exception", None)
    if error is not None:
        log_crash(settings, error)
        return 1
    return app.return_code or 0


def log_crash(settings: Settings, error: BaseException) -> None:
    """Append a crash's traceback to the data folder's crash log (never the visitor's data)."""
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        with (settings.data_dir / CRASH_LOG).open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')}\n")
            log.write("".join(traceback.format_exception(error)))
    except OSError:
        pass  # a crash log that cannot be written must not hide the crash
