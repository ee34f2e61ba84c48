"""F6: the reader in another language, the open article at the same section.

The library is loaded again in the new language off the UI thread (from the
front-matter cache, as at start), then a new main screen takes the old one's
place: every word on it is drawn afresh in the new language. Keys pressed while
that happens wait for it (they would reach panes being replaced). The choice is
remembered, except at a kiosk, which goes back to the operator's language for
each visitor.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual import events

from reader import i18n
from reader.i18n import N_, _
from reader.library.language import languages
from reader.library.loader import load_library
from reader.library.paths import default_cache_dir
from reader.tui.page_language import tell_the_page

if TYPE_CHECKING:
    from reader.library.library import Library
    from reader.tui.app import ReaderApp


class LanguageSwitch:
    """Which language the app speaks, and the way to another."""

    def __init__(self, app: ReaderApp, setting: str) -> None:
        self.app = app
        self.setting = setting  # the operator's (or command line's) language
        self.wanted = setting
        self.shown = setting  # the language on screen while another loads
        self.busy = False
        self.held: list[events.Key] | None = None  # keys pressed while it is drawn

    def hold(self, key: events.Key) -> bool:
        """Keep ``key`` for after the new language is drawn, if it is being drawn now."""
        if self.held is None:
            return False
        self.held.append(key)
        return True

    def others(self) -> list[str]:
        """The other languages the content and the reader both have, in order."""
        have, library = languages(), self.app.library
        return [code for code in library.languages if code in have and code != library.lang]

    @property
    def now(self) -> str:
        """The language spoken now."""
        return i18n.language()

    def next_name(self) -> str:
        """The next language's name, in itself ("Norsk bokmål", "English"): what F6 shows."""
        others = self.others()
        code = others[0] if others else self.now
        name = languages().get(code, code)
        return name[:1].upper() + name[1:]

    def switch(self, lang: str | None = None, remember: bool = True) -> None:
        """Speak ``lang`` (the next language if None): load, then show the same place."""
        others = self.others()
        lang = lang or (others[0] if others else None)
        if lang is None:
            self.app.main.say(_("This content is in one language only."))
            return
        self.wanted = lang  # a kiosk's reset while a visitor's switch loads: the reset wins
        if self.busy or lang == self.now:
            return
        self.busy = True
        before, where = self.now, self.app.main.reading_section()
        self.shown = before
        root, app = self.app.library.root, self.app
        i18n.use(lang)  # problems found while loading are worded in it, and cached so

        def load() -> None:
            try:
                library = load_library(root, default_cache_dir(), lang)
            except Exception:  # the reader goes on in the language it had
                i18n.use(before)
                self.busy = False
                raise
            if app.is_running:
                app.call_from_thread(self._arrived, lang, library, where, remember)

        threading.Thread(target=load, name="language", daemon=True).start()

    async def _arrived(
        self, lang: str, library: Library, where: tuple[str, int | None] | None, remember: bool
    ) -> None:
        self.busy = False
        app = self.app
        if not app.screen_stack:
            return  # quitting
        if self.wanted != lang:  # asked for another while this one loaded
            i18n.use(self.shown)  # the language still on screen
            self.switch(self.wanted, remember=remember)
            return
        self.held = []
        try:
            await app.show_library(library, where[0] if where else None)
        finally:
            held, self.held = self.held, None
            for key in held:  # in order, after the words below
                app.post_message(events.Key(key.key, key.character))
        main = app.main
        if where is not None and where[1] is not None:
            main.go_to_section(where[1])
        said = _("Language: {name}. {key}: {other}.").format(
            name=languages().get(lang, lang), key="F6", other=self.next_name()
        )
        main.say_first(said)  # before the article's "Opened ..." or the focused row
        tell_the_page(app, lang)
        if remember and not app.kiosk.enabled:
            app.save_preference("lang", lang, N_("The language was not saved: {error}"))
