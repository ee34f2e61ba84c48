"""The Textual application: screens, global keys, theme."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from textual import events, work
from textual._compositor import CompositorUpdate
from textual.app import App
from textual.binding import Binding
from textual.driver import Driver
from textual.message import Message
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from reader import i18n
from reader.i18n import N_, _
from reader.library.kiosk import KioskSettings
from reader.library.loader import Library
from reader.library.paths import default_cache_dir
from reader.library.writer import Done, OrderedWriter
from reader.speech.protocol import STEP
from reader.speech.settings import SpeechSettings
from reader.tui.forget import forget_cached_text
from reader.tui.frames import FrameWriter
from reader.tui.key_names import key_name
from reader.tui.kiosk import PinDialog, VisitorClock
from reader.tui.language_switch import LanguageSwitch
from reader.tui.main_screen import MainScreen
from reader.tui.page_language import tell_the_page
from reader.tui.pending import after_pending_messages
from reader.tui.recovery import Recovery
from reader.tui.screens.lists import HelpScreen
from reader.tui.speaking import Speaker
from reader.tui.store_keeper import StoreKeeper
from reader.tui.themes import DEFAULT_THEME, THEME_LABELS, THEME_NAMES, THEMES
from reader.tui.timing import SETTLE_SECONDS

if TYPE_CHECKING:  # imported when used: neither is needed for the first frame
    from pathlib import Path

    from textual.screen import Screen

    from reader.library.bookmarks import BookmarkStore
    from reader.library.search import SearchIndex
    from reader.tui.search_screen import Found


class ReaderApp(App[None]):
    """The accessible reader: topics, article and help contacts."""

    TITLE = "reader"
    CSS_PATH = "styles/reader.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        # F2 works on every screen, even while typing; "c" wherever it is free.
        Binding("f2", "get_help", N_("Get help now"), priority=True),
        Binding("c", "get_help", N_("Get help now"), show=False),
        # Speech: F-keys, so they work in every screen and field; F5 alone starts it
        # (one key, no chord: an operator can mark it for touch). Next to F2 in the key bar.
        Binding("f5", "speech", N_("Speech"), priority=True),
        # F6 from every screen; the key bar names the language it switches to, in itself.
        # Translators: a key's description; keep "Language" in English beside yours
        Binding("f6", "switch_language", N_("Language"), priority=True),
        # F1 is a priority key, so it works in dialogs too (they hide other app keys).
        # Translators: a key's description: the list of keys
        Binding("f1", "keys", N_("Keys"), priority=True),
        # F4 too: a screen-reader user must be able to switch the layout from anywhere.
        # No Alt+letter: terminal screen readers such as tdsr take those for themselves.
        Binding("f4", "toggle_screen_reader", N_("Screen-reader mode on or off"), priority=True),
        Binding("question_mark", "keys", N_("Keys")),
        # Translators: a key's description: switch to the next colour theme
        Binding("ctrl+t", "next_theme", N_("Theme"), show=False),
        Binding("slash", "search", N_("Search")),
        Binding("q", "quit", N_("Quit")),
        Binding("ctrl+o", "operator", N_("Operator exit (kiosk)"), show=False, priority=True),
        Binding("f7", "speech_repeat", N_("Repeat what was said"), show=False, priority=True),
        Binding("f8", "speech_stop", N_("Stop speaking"), show=False, priority=True),
        # Translators: a key's description: F9 reads aloud from the reading line; in line
        # mode it prints the whole list, or the article's next screenful
        Binding(
            "f9",
            "speech_read_on",
            N_("Read aloud from here, or print it all"),
            show=False,
            priority=True,
        ),
        # A plain key for each F-key: some screen readers (Fenrir) and terminals take F-keys.
        Binding("m", "toggle_screen_reader", N_("Screen-reader mode on or off"), show=False),
        Binding("v", "speech", N_("Speech"), show=False),
        Binding("o", "switch_language", N_("Language"), show=False),
        Binding("r", "speech_repeat", N_("Repeat what was said"), show=False),
        Binding("s", "speech_stop", N_("Stop speaking"), show=False),
        Binding("a", "speech_read_on", N_("Read aloud from here, or print it all"), show=False),
        *(
            Binding(key, f"speech_change('{what}', {step})", words, False, display, priority=True)
            for key, what, step, words, display in (
                ("f11", "rate", STEP, N_("Speak faster"), None),
                ("f23", "rate", -STEP, N_("Speak slower"), "shift+F11"),
                ("f12", "volume", STEP, N_("Speak louder"), None),
                ("f24", "volume", -STEP, N_("Speak softer"), "shift+F12"),
            )
        ),
        *(  # the same, on plain keys (not while typing: they are letters there)
            Binding(key, f"speech_change('{what}', {step})", words, False)
            for key, what, step, words in (
                ("right_curly_bracket", "rate", STEP, N_("Speak faster")),
                ("left_curly_bracket", "rate", -STEP, N_("Speak slower")),
                ("right_parenthesis", "volume", STEP, N_("Speak louder")),
                ("left_parenthesis", "volume", -STEP, N_("Speak softer")),
            )
        ),
    ]

    # One pane at a time, rows as stops, the highlight in the margin (see README).
    screen_reader: reactive[bool] = reactive(False, init=False)
    # The search index, once built off the UI thread; or why it could not be.
    # Nothing on screen shows them: a repaint would make a screen reader read it all again.
    search_index: reactive[SearchIndex | None] = reactive(None, init=False, repaint=False)
    index_error: reactive[str] = reactive("", init=False, repaint=False)

    def __init__(
        self,
        library: Library,
        store: BookmarkStore | Callable[[], BookmarkStore],
        region: str | None = None,
        open_slug: str | None = None,
        *,
        screen_reader: bool = False,
        show_cursor: bool = False,
        kiosk: KioskSettings | None = None,
        preferences: dict[str, Any] | None = None,
        speech: SpeechSettings | None = None,
        speech_log: Path | None = None,
        crash_log: Path | None = None,
        line_mode: bool = False,
        line_write: Callable[[str], None] | None = None,
    ) -> None:
        """``store`` may be a function that opens it: it is then opened just after the
        first frame, in the writer's thread (TinyDB and the file lock cost start-up
        time), and ``preferences`` are what the first frame needs of it. ``line_mode``:
        screen-reader mode is line mode (else the one-pane full screen); ``line_write``
        takes its lines where there is no terminal (tests)."""
        super().__init__()
        self.kiosk = kiosk or KioskSettings()
        self.writer = OrderedWriter()

        self.visitor_clock = VisitorClock(self)
        self.speaker = Speaker(self, speech or SpeechSettings(), speech_log)
        self.frames = FrameWriter(self, super()._display)
        self.languages = LanguageSwitch(self, i18n.language())
        self.last_key = 0.0  # time.monotonic() of the last key: background work waits
        self.operator_left = False  # a kiosk ended by the operator's PIN (no other end)
        self.recovery = Recovery(self, crash_log)
        # The operator's (or the command line's) choice: a kiosk returns to it for each visitor.
        self.screen_reader_setting = screen_reader
        self.line_style = line_mode  # screen-reader mode prints lines (else one pane)
        self._line_write = line_write
        self.set_reactive(ReaderApp.screen_reader, screen_reader)
        self.show_cursor = show_cursor
        if screen_reader:
            self.animation_level = "none"
        self.library = library
        self.keeper = StoreKeeper(self, store)
        if preferences is None:
            preferences = {"theme": self.store.preference("theme")}
        # Theme and mode before the first frame: each change after it redraws every
        # row, and a screen reader would read the whole screen again.
        for theme in THEMES:
            self.register_theme(theme)
        chosen = preferences.get("theme") or DEFAULT_THEME
        self.theme = chosen if chosen in THEME_NAMES else DEFAULT_THEME
        self.set_class(screen_reader, "-screen-reader")
        self.contacts_region = region
        self.open_slug = open_slug

    @property
    def line_mode(self) -> bool:
        """True while screen-reader mode is on in its line form (read by the driver as it
        starts, and by every watcher of ``screen_reader``, whatever their order)."""
        return self.screen_reader and self.line_style

    def get_driver_class(self) -> type[Driver]:
        """Ours on Linux and macOS, and served (its frames can be switched off for line
        mode); Textual's elsewhere."""
        found = super().get_driver_class()
        if found.__name__ not in ("LinuxDriver", "WebDriver"):
            return found
        from reader.tui.line_driver import driver_class

        return driver_class(found)

    def _display(self, screen: Screen[object], renderable: RenderableType | None) -> None:
        """Textual's updates gathered into one frame of changed rows (reader.tui.frames);
        none in line mode, where the terminal holds lines, not frames (switching forgets
        what the terminal showed). Our frames go straight to Textual's own display."""
        if not isinstance(renderable, CompositorUpdate) or self.is_headless:
            super()._display(screen, renderable)  # headless (tests): Textual draws nothing
        elif not self.line_mode:
            self.frames.changed(renderable)

    async def _dispatch_message(self, message: Message) -> None:
        """The app's own handlers (every key's action runs here): at a kiosk a fault is
        handed to the recovery, and the app's message loop goes on (Textual stops it)."""
        try:
            await super()._dispatch_message(message)
        except Exception as error:
            if not self.recovery.handle(error):
                raise

    def _handle_exception(self, error: Exception) -> None:
        """At a kiosk, a fault is logged and the kiosk starts afresh (reader.tui.recovery;
        a closed screen's moot one is let be everywhere); else, or if that cannot be,
        Textual's way: the app ends (at a kiosk, with no traceback on the screen: it is
        in the crash log, and the supervisor restarts it)."""
        if self.recovery.handle(error, caught_by_a_loop=True):
            return
        if self.kiosk.enabled:
            self._return_code = 1
            if self._exception is None:
                self._exception = error  # run.py logs it
                self._exception_event.set()
            self.exit(return_code=1)
            return
        super()._handle_exception(error)

    def get_key_display(self, binding: Binding) -> str:
        """Keys in words, for the footer and the help screen."""
        return binding.key_display or key_name(binding.key)

    def get_default_screen(self) -> MainScreen:
        """The main screen is the bottom of the stack."""
        return MainScreen(
            self.library,
            self.contacts_region,
            self.open_slug,
        )

    @property
    def store(self) -> BookmarkStore:
        """Bookmarks, positions and preferences (waiting for them if still opening)."""
        return self.keeper.store

    @store.setter
    def store(self, store: BookmarkStore) -> None:
        self.keeper.store = store

    def close_store(self) -> None:
        """Finish every write, then close the store (if it was ever opened)."""
        self.keeper.close()

    def on_mount(self) -> None:
        """Open the store and build the search index, once the first frame is drawn."""
        self.call_after_refresh(self.keeper.open_after_first_frame)
        # Once the first screen has settled: building (or loading) the index in a thread
        # would slow every step of the first frames and the first keys (the GIL).
        self.call_after_refresh(self.set_timer, SETTLE_SECONDS, self._build_index)

        if self.show_cursor:
            self.call_after_refresh(self._reveal_cursor)
        if self.speaker.settings.on:
            self.call_after_refresh(self.speaker.start)
        if self.line_mode:  # after the first frame, as speech: its words come together
            self.call_after_refresh(self._print_lines, True)
        tell_the_page(self, i18n.language())

    def on_unmount(self) -> None:
        """The speech process ends with the app; line mode's last line is ended."""
        self.speaker.close()
        if self.speaker.printer is not None:
            self.speaker.printer.end()

    def watch_screen_reader(self, on: bool) -> None:
        """Switch the layout; no animation while a screen reader reads."""
        self.animation_level = "none" if on else "full"
        self.set_class(on, "-screen-reader")
        if self.line_style:
            self._print_lines(on)

    def _print_lines(self, on: bool) -> None:
        """Line mode on (the terminal's normal screen, lines appended) or off."""
        from reader.tui.line_driver import switch_line_mode

        self.frames.forget()  # the terminal's screen is not the one last drawn
        switch_line_mode(self, on, self._line_write)

    def action_toggle_screen_reader(self) -> None:
        """F4: screen-reader mode on or off, remembered (at a kiosk, for this visit only)."""
        self.screen_reader = not self.screen_reader
        if not self.kiosk.enabled:
            failed = N_("Screen-reader mode was not saved: {error}")
            self.save_preference("screen_reader", self.screen_reader, failed)

    def save(self, job: Callable[[], Any], done: Done | None = None) -> None:
        """Run a store write off the UI thread, in order; ``done(result, error)`` back on it."""
        loop = asyncio.get_running_loop()

        def report(result: Any, error: BaseException | None) -> None:
            if done is not None and not loop.is_closed():
                loop.call_soon_threadsafe(done, result, error)

        self.writer.submit(job, report)

    def save_preference(self, name: str, value: Any, failed: str) -> None:
        """Remember a preference; if it could not be saved, say ``failed`` (with ``{error}``)."""
        store = self.store

        def saved(_result: Any, error: BaseException | None) -> None:
            if error is not None:
                self.main.say(_(failed).format(error=error))

        self.save(lambda: store.set_preference(name, value), saved)

    def _reveal_cursor(self) -> None:
        """Show the terminal's cursor (Textual hides it); it already follows the focus."""
        if self._driver is not None and not self.is_headless:
            self._driver.write("\x1b[?25h")
            self._driver.flush()

    @work(
        thread=True, group="index", exclusive=True, exit_on_error=False, description="search index"
    )
    def _build_index(self) -> SearchIndex:
        """Build (or load) the search index off the UI thread."""
        from reader.library.search import SearchIndex

        return SearchIndex.build(self.library, default_cache_dir())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The index is ready, or could not be built: search screens follow the reactives."""
        if event.worker.group != "index":
            return
        if event.state is WorkerState.SUCCESS:
            if event.worker.result.library is not self.library:
                return  # built for the language before F6
            self.search_index = event.worker.result
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            self.index_error = f"{type(error).__name__}: {error}"
            said = _("Searching articles is not available ({error}). Help contacts: {key}.")
            self.main.say(said.format(error=self.index_error, key="F2"))
        else:
            return
        for screen in self.screen_stack:
            set_index = getattr(screen, "set_index", None)  # a search screen that is open
            if set_index is not None:
                set_index(self.search_index)

    def action_search(self) -> None:
        """Search across all articles; the chosen one opens at its first match."""
        from reader.tui.search_screen import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return

        def found(choice: Found | None) -> None:
            if choice is not None:
                self.main.open_found(choice.slug, choice.terms)

        self.push_screen(
            SearchScreen(self.library, self.search_index, self.contacts_region, self.screen_reader),
            found,
        )

    @property
    def main(self) -> MainScreen:
        """The main screen."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def action_get_help(self) -> None:
        """Close whatever is open and show the help contacts."""
        # The contacts first, then the screens above close: the main screen's next
        # frame is then the contacts, never a frame of the pane that was there before.
        self.main.show_contacts()
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_switch_language(self) -> None:
        """F6: the next language, the open article at the same section."""
        self.languages.switch()

    async def show_library(self, library: Library, slug: str | None) -> None:
        """Show ``library`` (another language's): the main screen drawn anew, ``slug`` open."""
        self.library = library
        self.search_index, self.index_error = None, ""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        await self.main.change_library(library, slug)
        self._build_index()

    def action_keys(self) -> None:
        """The key help for the current screen."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_next_theme(self) -> None:
        """Switch to the next of our themes, and remember it."""
        index = THEME_NAMES.index(self.theme) if self.theme in THEME_NAMES else -1
        self.theme = THEME_NAMES[(index + 1) % len(THEME_NAMES)]
        if not self.kiosk.enabled:  # at a kiosk, for this visit only
            self.save_preference("theme", self.theme, N_("The theme was not saved: {error}"))
        if isinstance(self.screen, MainScreen):
            self.screen.say(_("Theme: {name}.").format(name=_(THEME_LABELS[self.theme])))

    async def action_quit(self) -> None:
        """Save the reading position, then quit (never at a kiosk)."""
        if self.kiosk.enabled:
            said = _("This is a public terminal: the reader stays open. {key}: get help now.")
            self.main.say(said.format(key="F2"))
            return
        # Keys pressed just before q (a bookmark, say) have messages still on their
        # way up from the focused widget: let them arrive, then save and go.
        after_pending_messages(self, self._quit_now)

    def _quit_now(self) -> None:
        self.main.flush_position()
        self.exit()

    def copy_to_clipboard(self, text: str) -> None:
        """At a kiosk, copy within the app only: the terminal's clipboard outlives the visit."""
        if self.kiosk.enabled:
            self._clipboard = text
        else:
            super().copy_to_clipboard(text)

    def action_help_quit(self) -> None:
        """ctrl+c: at a kiosk, nothing; elsewhere Textual's hint on how to quit."""
        if not self.kiosk.enabled:
            super().action_help_quit()

    def action_operator(self) -> None:
        """ctrl+o at a kiosk with a PIN configured: ask for it, and leave if it is right."""
        if not (self.kiosk.enabled and self.kiosk.operator_pin_hash):
            return  # without a PIN there is no way out from inside
        if isinstance(self.screen, PinDialog):
            return

        def answered(right: bool | None) -> None:
            if right:
                self.operator_left = True
                self.exit(return_code=0)

        self.push_screen(PinDialog(self.kiosk.operator_pin_hash, self.kiosk.pin_guard), answered)

    # -- speech ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No speech keys (not even in the key bar) where speech is not allowed."""
        if self.line_mode and action in ("speech_repeat", "speech_read_on"):
            return True  # line mode's own: print the last answer again, print it all
        return self.speaker.settings.allowed or not action.startswith("speech")

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        """A new screen (a key's, or the idle clock's): speech says its question."""
        self.speaker.screen_pushed()
        return super().push_screen(*args, **kwargs)

    def action_speech(self) -> None:
        """F5: speech on or off."""
        self.speaker.toggle()

    def action_speech_repeat(self) -> None:
        """F7: the last thing said, again."""
        self.speaker.repeat()

    def action_speech_stop(self) -> None:
        """F8: silence (any key stops speech too; this one does nothing else)."""
        self.speaker.stop_speaking()

    def action_speech_read_on(self) -> None:
        """F9: read the open article aloud from the reading line."""
        self.speaker.read_on()

    def action_speech_change(self, what: str, step: int) -> None:
        """Faster, slower, louder, softer: without cutting off what is being said."""
        self.speaker.change(what, step)

    # -- the visitor's time ------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Any key or click at a kiosk restarts the idle clock; a key stops speech (a key
        pressed while a new language is drawn waits for it)."""
        if isinstance(event, events.Key) and self.languages.hold(event):
            return
        if isinstance(event, events.Key):
            self.last_key = time.monotonic()
            self.frames.key(event.key)
            self.speaker.key(event)
        if self.kiosk.enabled and isinstance(
            event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)
        ):
            self.visitor_clock.restart()
        await super().on_event(event)

    def forget_visitor(self, screen: bool = True) -> None:
        """Back to the start, with nothing of the last visitor left anywhere (``screen``:
        the main screen too; a kiosk starting afresh replaces it instead)."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if not self.kiosk.persist:
            from reader.library.bookmarks import BookmarkStore

            self.writer.drain()  # the last visitor's writes land in their store, then go
            self.store.close()
            self.store = BookmarkStore.open(None)
        self.theme = DEFAULT_THEME
        self.screen_reader = self.screen_reader_setting
        self._clipboard = ""  # ctrl+c in a field copied the visitor's words here
        self.speaker.reset()
        if screen:
            self.main.reset()
        forget_cached_text()
        if self.languages.now != self.languages.setting:  # the operator's language again
            self.languages.switch(self.languages.setting, remember=False)
