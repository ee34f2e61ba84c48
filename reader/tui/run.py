"""Start the full-screen reader from settings."""

from __future__ import annotations

from reader.library.bookmarks import BookmarkStore
from reader.library.contacts import default_region
from reader.library.loader import Library
from reader.library.settings import Settings
from reader.tui.app import ReaderApp


def build_app(
    settings: Settings,
    library: Library,
    open_slug: str | None = None,
    store: BookmarkStore | None = None,
) -> ReaderApp:
    """The app for these settings (the store defaults to the data folder's)."""
    region = settings.region or default_region(library.contacts.region_codes())
    if store is None:
        store = BookmarkStore.in_data_dir(settings.data_dir)
    return ReaderApp(
        library,
        store,
        region,
        open_slug,
        screen_reader=settings.screen_reader,
        show_cursor=settings.show_cursor,
    )


def run_tui(settings: Settings, library: Library, open_slug: str | None = None) -> int:
    """Run the app until the reader quits."""
    app = build_app(settings, library, open_slug)
    try:
        app.run()
    finally:
        app.store.close()
    return app.return_code or 0
