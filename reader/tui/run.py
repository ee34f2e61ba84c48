"""Start the full-screen reader from settings."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.library.contacts import default_region
from reader.library.loader import Library
from reader.library.places import peek_preferences
from reader.library.settings import Settings
from reader.supervise import OPERATOR_EXIT_FD, tell_the_supervisor
from reader.tui.app import ReaderApp
from reader.tui.recovery import log_crash
from reader.tui.timing import favour_the_screen

if TYPE_CHECKING:
    from reader.library.bookmarks import BookmarkStore

CRASH_LOG = "crashes.log"
SPEECH_LOG = "speech.log"  # the speech process's own errors, and its restarts


def open_store(data_dir: Path | None) -> BookmarkStore:
    """The store in ``data_dir`` (in memory when None). TinyDB is imported only here."""
    from reader.library.bookmarks import BookmarkStore

    return BookmarkStore.open(None) if data_dir is None else BookmarkStore.in_data_dir(data_dir)


def build_app(
    settings: Settings,
    library: Library,
    open_slug: str | None = None,
    store: BookmarkStore | None = None,
) -> ReaderApp:
    """The app for these settings (the store defaults to the data folder's)."""
    region = settings.region or default_region(library.contacts.region_codes(), lang=settings.lang)
    kiosk = settings.kiosk
    preferences: dict[str, Any] | None = None
    opened: BookmarkStore | Callable[[], BookmarkStore]
    if store is None:
        # A kiosk keeps nothing of a visitor on disk unless the operator asks for it.
        in_memory = kiosk.enabled and not kiosk.persist
        preferences = {} if in_memory else peek_preferences(settings.data_dir)
        opened = partial(open_store, None if in_memory else settings.data_dir)
    else:
        preferences = {
            name: store.preference(name)
            for name in ("theme", "screen_reader", "speech_rate", "speech_volume")
        }
        opened = store
    speech = settings.speech
    if not kiosk.enabled:  # the rate and volume last chosen (a kiosk's visitors keep none)
        levels = {
            name: value
            for name in ("rate", "volume")
            if isinstance(value := preferences.get(f"speech_{name}"), int) and 0 <= value <= 100
        }
        speech = replace(speech, **levels)
    # Screen-reader mode: the setting turns it on; F4's last choice is remembered.
    screen_reader = settings.screen_reader or preferences.get("screen_reader") is True
    return ReaderApp(
        library,
        opened,
        region,
        open_slug,
        screen_reader=screen_reader,
        preferences=preferences,
        show_cursor=settings.show_cursor,
        kiosk=kiosk,
        speech=speech,
        speech_log=settings.data_dir / SPEECH_LOG,
        crash_log=settings.data_dir / CRASH_LOG,
        line_mode=settings.screen_reader_lines,
    )


def run_tui(settings: Settings, library: Library, open_slug: str | None = None) -> int:
    """Run the app until the reader quits; a crash is logged to the data folder."""
    # Taken out of the environment: no process the reader starts may say it.
    supervisor = os.environ.pop(OPERATOR_EXIT_FD, None)
    app = build_app(settings, library, open_slug)
    if settings.kiosk.enabled:
        # Textual lets ctrl+c, ctrl+z and ctrl+\ send signals when this is set: a way out.
        os.environ.pop("TEXTUAL_ALLOW_SIGNALS", None)
    favour_the_screen()
    try:
        app.run()
    finally:
        app.close_store()  # every write asked for lands before the store closes
    error = getattr(app, "_exception", None)
    if error is not None:
        log_crash(settings.data_dir / CRASH_LOG, error)
        return 1
    if app.operator_left:
        tell_the_supervisor(supervisor)
    return app.return_code or 0
