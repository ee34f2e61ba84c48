"""textual-serve's server, with xterm.js's screen-reader mode on and a limit on sessions.

xterm.js can mirror the terminal's rows into the page's accessibility tree
(``screenReaderMode``), so a screen reader in the browser can read the screen.
textual-serve never turns it on, and builds its Terminal inside its bundled
``textual.js``, out of the page's reach. So we serve that bundle with the one
option added, and our page template (a copy of textual-serve's) loads it.

textual-serve starts one reader process for every websocket (``/ws``) that
connects, without limit. We count them: at ``max_sessions`` the page (``/``)
is a short "busy" page instead, and a websocket is refused with the same page
(HTTP 503), until a visitor leaves and their process has ended. The handler of
the websocket is ours (textual-serve's, with the limits of ``limits.py``): only
the page's own origin (and the operator's) may open one, the terminal's size is
capped, and the reader ends within seconds of its visitor leaving.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import html
import logging
import os
from collections.abc import Iterable
from pathlib import Path

import textual_serve
from aiohttp import web
from rich.logging import RichHandler
from textual_serve.server import LogHighlighter, Server

from reader import i18n
from reader.i18n import N_, _, ngettext
from reader.tui.page_language import PAGE_LANGUAGE_OSC
from reader.web.limits import (
    LoopErrors,
    Session,
    forbidden_response,
    origin_allowed,
    raise_file_limit,
    terminal_size,
)

TEMPLATES = Path(__file__).with_name("templates")
# The words of templates/app_index.html, marked here for the catalog (Babel reads Python).
PAGE_WORDS = (
    N_("Start"),
    N_("Session ended."),
    N_("Restart"),
    # Translators: the web kiosk's button before its terminal: line mode for screen readers
    N_("Screen reader: on"),
    # Translators: the web kiosk's button before its terminal: line mode for screen readers
    N_("Screen reader: off"),
)
BUNDLE = Path(textual_serve.__file__).with_name("static") / "js" / "textual.js"
# The start of the Terminal's options in textual-serve 1.1.3's minified bundle;
# pyproject.toml pins that version exactly, because a new build may spell it
# differently (then serving stops with an error instead of losing the mode).
TERMINAL_OPTIONS = b".Terminal({allowProposedApi:!0,"
# Where the bundle opens its Terminal: the page (our template's ``readerTerminal``)
# gets it there, to hear the reader's page-language sequence (PAGE_LANGUAGE_OSC).
TERMINAL_OPENED = b"this.terminal.open(e),"
PAGE_HOOK = b"window.readerTerminal&&window.readerTerminal(this.terminal),"
SCREEN_READER_ROUTE = "reader-textual-js"
# The page's terminal connects here for a line-mode session (its "Screen reader: on").
LINES_PATH = "/ws/lines"
# Set for the websocket handler's task: its reader process runs in line mode.
_LINES: contextvars.ContextVar[bool] = contextvars.ContextVar("lines", default=False)
BUSY_RETRY_SECONDS = 120

log = logging.getLogger("reader.serve")


class ScreenReaderPatchError(RuntimeError):
    """textual-serve's bundle is not the one we know how to patch."""


def screen_reader_bundle(bundle: bytes) -> bytes:
    """textual-serve's ``textual.js`` with ``screenReaderMode: true`` in its Terminal's
    options, and its Terminal handed to the page once open."""
    if bundle.count(TERMINAL_OPTIONS) != 1 or bundle.count(TERMINAL_OPENED) != 1:
        raise ScreenReaderPatchError(
            _(
                "this textual-serve's page script is not the one reader knows; "
                "install the version reader pins: {command}"
            ).format(command="pip install 'reader[web]'")
        )
    bundle = bundle.replace(TERMINAL_OPENED, TERMINAL_OPENED + PAGE_HOOK)
    return bundle.replace(TERMINAL_OPTIONS, TERMINAL_OPTIONS + b"screenReaderMode:!0,")


def busy_message(sessions: int) -> str:
    """What a visitor is told when every session is taken."""
    return ngettext(
        "This kiosk is busy: {count} person is using it. Please try again in a few minutes.",
        "This kiosk is busy: {count} people are using it. Please try again in a few minutes.",
        sessions,
    ).format(count=sessions)


def help_list(help_now: list[tuple[str, str]]) -> str:
    """The emergency numbers and crisis lines as an HTML list (empty: the fallback sentence)."""
    if not help_now:
        sentence = _("If you need help now, call your local emergency number.")
        return f"<p>{html.escape(sentence)}</p>"
    items = "".join(
        f"<li>{html.escape(name)}: <strong>{html.escape(way)}</strong></li>"
        for name, way in help_now
    )
    # Translators: the heading over the emergency numbers on the page of a busy web kiosk
    heading = _("If you need help now")
    return f"<h2>{html.escape(heading)}</h2><ul>{items}</ul>"


def busy_page(sessions: int, help_now: list[tuple[str, str]] | None = None) -> str:
    """The page a visitor gets instead of the reader when every session is taken.

    Crisis help is never what waits: the region's emergency numbers and crisis lines
    are on it, whoever is using the sessions.
    """
    # Translators: the title and heading of the page a web visitor gets when every session is taken
    busy = html.escape(_("This kiosk is busy"))
    # Translators: a link on the busy page that loads the reader's page again
    again = html.escape(_("Try again"))
    return f"""<!DOCTYPE html>
<html lang="{html.escape(i18n.language())}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{busy}</title>
<style>
body {{ font: 1.25rem/1.6 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto;
  padding: 0 1rem; color: #111; background: #fff; }}
a {{ color: #0645ad; }}
</style>
</head>
<body>
<main>
<h1>{busy}</h1>
<p>{html.escape(busy_message(sessions))}</p>
<p><a href="./">{again}</a></p>
{help_list(help_now or [])}
</main>
</body>
</html>
"""


class SafeRichHandler(RichHandler):
    """Rich's log handler; when it fails, the bare message, else nothing."""

    def emit(self, record: logging.LogRecord) -> None:
        """Log ``record`` with Rich, or as a plain line if Rich cannot."""
        try:
            super().emit(record)
        except Exception:
            with contextlib.suppress(Exception):
                os.write(2, f"{record.getMessage()}\n".encode(errors="replace"))


class ReaderServer(Server):
    """textual-serve's Server: our page, the patched ``textual.js``, at most ``max_sessions``."""

    def __init__(
        self,
        command: str,
        host: str,
        port: int,
        title: str,
        max_sessions: int,
        help_now: list[tuple[str, str]] | None = None,
        screen_reader: bool = False,
        allowed_origins: Iterable[str] = (),
    ) -> None:
        if max_sessions < 1:
            raise ValueError("max_sessions must be 1 or more")
        super().__init__(command, host=host, port=port, title=title, templates_path=TEMPLATES)
        self.screen_reader = screen_reader  # the operator's: every page starts in line mode
        # Read and patch at start-up, so a mismatch stops `reader serve` at once.
        self.script = screen_reader_bundle(BUNDLE.read_bytes())
        self.max_sessions = max_sessions
        self.sessions = 0  # websockets connected, each with its reader process
        self.help_now = help_now or []  # (organisation, "phone 113") shown on the busy page
        # Pages of other origins than the server's own that may open sessions (--allow-origin).
        self.allowed_origins = tuple(allowed_origins)
        self.live: dict[Session, web.WebSocketResponse] = {}  # ended at shutdown
        self.endings: set[asyncio.Task[None]] = set()  # sessions whose process is ending

    @property
    def command(self) -> str:
        """The reader's command line for the session being started (line mode for the
        page's "Screen reader: on"): textual-serve reads it as it starts a process."""
        return f"{self._command} --screen-reader=line" if _LINES.get() else self._command

    @command.setter
    def command(self, command: str) -> None:
        self._command = command

    async def handle_line_websocket(self, request: web.Request) -> web.StreamResponse:
        """A session whose reader runs in line mode: the page's terminal gets the lines
        alone, and xterm.js's live region says each once."""
        _LINES.set(True)  # this handler's task only
        return await self.handle_websocket(request)

    def busy_response(self) -> web.Response:
        """503 with the busy page (and when to try again)."""
        return web.Response(
            status=503,
            text=busy_page(self.sessions, self.help_now),
            content_type="text/html",
            charset="utf-8",
            headers={"Retry-After": str(BUSY_RETRY_SECONDS), "Cache-Control": "no-store"},
        )

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The reader's page, or the busy page when every session is taken."""
        if self.sessions >= self.max_sessions:
            return self.busy_response()
        response: web.StreamResponse = await super().handle_index(request)
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """A session (one reader process) if one is free; else the busy page, not upgraded.

        The slot is held until the visitor's reader process has ended (however the
        visitor left, and even if this handler is cancelled), so processes never
        outnumber the limit. A page of another origin gets 403.
        """
        origin = request.headers.get("Origin")
        if not origin_allowed(origin, request.headers.get("Host"), self.allowed_origins):
            log.warning("Refused a websocket from a page of %r (--allow-origin).", origin)
            return forbidden_response(_("Only this kiosk's own page may open its sessions."))
        if self.sessions >= self.max_sessions:
            log.warning(
                "Refused a visitor: all %d sessions are in use (--max-sessions).",
                self.max_sessions,
            )
            return self.busy_response()
        self.sessions += 1  # no await since the check: no other handler ran in between
        websocket = web.WebSocketResponse(heartbeat=15)
        session = Session(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        try:
            await websocket.prepare(request)
            self.live[session] = websocket
            await session.start(
                *terminal_size(request.query.get("width"), request.query.get("height"))
            )
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await websocket.close()
            raise
        except web.HTTPException:  # not a websocket request: 400, as textual-serve's prepare says
            raise
        except Exception as error:  # a visitor's broken message, a process that would not start
            log.warning("A session ended with an error: %r", error)
        finally:
            self.live.pop(session, None)
            # The slot is freed when the process has ended, in a task of its own, so
            # a cancelled handler cannot free it early.
            ending = asyncio.ensure_future(session.end())
            self.endings.add(ending)
            ending.add_done_callback(self._session_ended)
            await asyncio.shield(ending)
        with contextlib.suppress(Exception):
            await websocket.close()
        return websocket

    def _session_ended(self, ending: asyncio.Task[None]) -> None:
        self.endings.discard(ending)
        self.sessions -= 1

    async def on_startup(self, app: web.Application) -> None:
        """Before the first visitor: more file descriptors, an error handler that
        never ends the server, and textual-serve's banner."""
        raise_file_limit()
        asyncio.get_running_loop().set_exception_handler(LoopErrors())
        await super().on_startup(app)

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every visitor's websocket and end their readers."""
        for websocket in list(self.live.values()):
            with contextlib.suppress(Exception):
                await websocket.close()
        await asyncio.gather(
            *(session.end() for session in list(self.live)), return_exceptions=True
        )

    def initialize_logging(self) -> None:
        """textual-serve's log (its colours and tracebacks), whose handler never raises:
        out of file descriptors, a traceback's imports fail and would end the server."""
        logging.basicConfig(
            level="DEBUG" if self.debug else "INFO",
            format="%(message)s",
            datefmt="[%X]",
            handlers=[
                SafeRichHandler(
                    show_path=False,
                    show_time=False,
                    rich_tracebacks=True,  # without locals: they may hold a visitor's words
                    highlighter=LogHighlighter(),
                    console=self.console,
                )
            ],
        )

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        # Our template loads this instead of textual-serve's /static/js/textual.js.
        app.router.add_get("/reader/textual.js", self.handle_script, name=SCREEN_READER_ROUTE)
        app.router.add_get(LINES_PATH, self.handle_line_websocket)
        # The page's own words (Start, Session ended) in the reader's language.
        import aiohttp_jinja2

        aiohttp_jinja2.get_env(app).globals.update(
            _=i18n._,
            lang=i18n.language(),
            screen_reader=self.screen_reader,
            lines=LINES_PATH,
            page_language_osc=PAGE_LANGUAGE_OSC,
        )
        return app

    async def handle_script(self, request: web.Request) -> web.Response:
        """The patched ``textual.js``."""
        return web.Response(body=self.script, content_type="application/javascript")
