"""textual-serve's server, with xterm.js's screen-reader mode turned on.

xterm.js can mirror the terminal's rows into the page's accessibility tree
(``screenReaderMode``), so a screen reader in the browser can read the screen.
textual-serve never turns it on, and builds its Terminal inside its bundled
``textual.js``, out of the page's reach. So we serve that bundle with the one
option added, and our page template (a copy of textual-serve's) loads it.
"""

from __future__ import annotations

from pathlib import Path

import textual_serve
from aiohttp import web
from textual_serve.server import Server

TEMPLATES = Path(__file__).with_name("templates")
BUNDLE = Path(textual_serve.__file__).with_name("static") / "js" / "textual.js"
# The start of the Terminal's options in textual-serve 1.1.3's minified bundle;
# pyproject.toml pins that version exactly, because a new build may spell it
# differently (then serving stops with an error instead of losing the mode).
TERMINAL_OPTIONS = b".Terminal({allowProposedApi:!0,"
SCREEN_READER_ROUTE = "reader-textual-js"


class ScreenReaderPatchError(RuntimeError):
    """textual-serve's bundle is not the one we know how to patch."""


def screen_reader_bundle(bundle: bytes) -> bytes:
    """textual-serve's ``textual.js`` with ``screenReaderMode: true`` in its Terminal's options."""
    if bundle.count(TERMINAL_OPTIONS) != 1:
        raise ScreenReaderPatchError(
            "this textual-serve's page script is not the one reader knows; "
            "install the version reader pins: pip install 'reader[web]'"
        )
    return bundle.replace(TERMINAL_OPTIONS, TERMINAL_OPTIONS + b"screenReaderMode:!0,")


class ReaderServer(Server):
    """textual-serve's Server, serving our page and the patched ``textual.js``."""

    def __init__(self, command: str, host: str, port: int, title: str) -> None:
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        # Read and patch at start-up, so a mismatch stops `reader serve` at once.
        self.script = screen_reader_bundle(BUNDLE.read_bytes())

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        # Our template loads this instead of textual-serve's /static/js/textual.js.
        app.router.add_get("/reader/textual.js", self.handle_script, name=SCREEN_READER_ROUTE)
        return app

    async def handle_script(self, request: web.Request) -> web.Response:
        """The patched ``textual.js``."""
        return web.Response(body=self.script, content_type="application/javascript")
