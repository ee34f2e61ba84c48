"""The whole of a long article, parsed and laid out in a worker while its start is read."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.timer import Timer

from reader.document.lines import LineLayout
from reader.document.model import Document
from reader.tui.forget import let_go_of_worker
from reader.tui.timing import SETTLE_SECONDS, give_way, quiet_for

if TYPE_CHECKING:
    from reader.tui.main_screen import MainScreen


class WholeArticle:
    """Brings a long article's whole to the view, without slowing a key down.

    The worker starts once the first screen has settled and no key has been pressed
    for a moment, and its layout waits while keys are pressed; the view takes the
    whole in one step (no layout in slices on the screen's thread, no redraws).
    """

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._timer: Timer | None = None

    def later(self, slug: str) -> None:
        """Parse ``slug`` once the reader pauses (End, meanwhile, needs no whole article)."""
        self.cancel()
        self._timer = self.screen.set_timer(SETTLE_SECONDS, partial(self._when_quiet, slug))

    def cancel(self) -> None:
        """The article is no longer open: its whole is not wanted."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _last_key(self) -> float:
        return getattr(self.screen.app, "last_key", 0.0)

    def _when_quiet(self, slug: str) -> None:
        view = self.screen.view
        if view.whole or view.article is None or view.article.slug != slug:
            self._timer = None  # taken already (End, find...), or another article open
            return
        quiet = quiet_for(self._last_key)
        if quiet < SETTLE_SECONDS:
            self._timer = self.screen.set_timer(
                SETTLE_SECONDS - quiet, partial(self._when_quiet, slug)
            )
            return
        self._timer = None
        work = partial(self._parse, slug)
        self.screen.run_worker(work, thread=True, group="parse", exclusive=True)

    def _parse(self, slug: str) -> None:
        """In a worker thread: parse and lay out, then hand both to the view."""
        screen = self.screen
        try:
            doc = screen.library.document(slug)
            # The view's width is known only once it is drawn: asked now, not at the start.
            options = screen.app.call_from_thread(screen.view.layout_options)
            layout = LineLayout.whole(doc, options, partial(give_way, self._last_key))
            screen.app.call_from_thread(self._arrived, slug, doc, layout)
        finally:
            let_go_of_worker()

    def _arrived(self, slug: str, doc: Document, layout: LineLayout) -> None:
        view = self.screen.view
        if view.article is not None and view.article.slug == slug and not view.whole:
            view.take_whole(doc, layout)  # said nothing: the words in view are the same
