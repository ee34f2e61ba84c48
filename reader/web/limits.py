"""The served kiosk's limits: terminal sizes, the websocket's origins, each session's
process, and running out of file descriptors.

textual-serve passes a visitor's terminal size to their reader unchecked (a
10000 x 10000 terminal takes a gigabyte), lets any web page open a session,
leaves a reader process running when its visitor goes while it is busy writing
(nobody reads its output any more, so it blocks), and lets an error in the
event loop's error handler end the server. These pieces keep each within bounds.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import resource
import shlex
import signal
import sys
import time
from asyncio.subprocess import Process
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService

MAX_WIDTH = 300  # columns: wider than any screen a visitor reads on
MAX_HEIGHT = 100  # rows
QUIT_SECONDS = 1.0  # for the reader to quit when asked, before it is terminated
TERM_SECONDS = 3.0  # for it to end once terminated, before it is killed
# accept() and friends fail with these when the process (or machine) is out of them.
OUT_OF_RESOURCES = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM})
RESOURCE_LOG_SECONDS = 60.0  # one warning a minute while it lasts, not one a second

log = logging.getLogger("reader.serve")


def cell_count(value: object, default: int, most: int) -> int:
    """A terminal dimension a visitor asked for, as a number from 1 to ``most``
    (``default`` if it is not a number)."""
    if isinstance(value, str):
        try:
            value = int(value.strip())
        except ValueError:
            return default
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool):
        return default
    return max(1, min(most, value))


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """A visitor's terminal size (query string or "resize" message) within the limits:
    at most MAX_WIDTH x MAX_HEIGHT, 80 x 24 for what is not a number."""
    return cell_count(width, 80, MAX_WIDTH), cell_count(height, 24, MAX_HEIGHT)


def _netloc(scheme: str, host: str, port: int | None) -> str:
    """host[:port], without the scheme's default port (as a Host header says it)."""
    default = {"http": 80, "ws": 80, "https": 443, "wss": 443}.get(scheme)
    return host if port is None or port == default else f"{host}:{port}"


def _origin_parts(origin: str) -> tuple[str, str, str] | None:
    """(scheme, host, host[:port]) of an origin, lower case; None if it is not one."""
    try:
        parts = urlsplit(origin.strip().lower())
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    return parts.scheme, parts.hostname, _netloc(parts.scheme, parts.hostname, port)


def origin_allowed(origin: str | None, host: str | None, allowed: Iterable[str] = ()) -> bool:
    """May a page of ``origin`` open a session on a server reached as ``host``?

    Yes for the page's own origin (same host and port as the request's Host), for
    no Origin at all (not a browser, so no visitor's page is being misused), and
    for the operator's ``allowed``: an origin (``https://kiosk.example``: that one
    exactly), a host and port (``kiosk.example:8443``), or a host (any port).
    """
    if origin is None:
        return True
    parts = _origin_parts(origin)
    if parts is None:  # "null" (a sandboxed or file: page) among others
        return False
    scheme, hostname, netloc = parts
    if host and netloc == _netloc(scheme, *_host_port(host)):
        return True
    for entry in allowed:
        entry = entry.strip().lower().rstrip("/")
        if "://" in entry:
            if _origin_parts(entry) == parts:
                return True
        elif entry in (netloc, hostname):
            return True
    return False


def _host_port(host: str) -> tuple[str, int | None]:
    """A Host header's host (lower case) and port (None: the scheme's default)."""
    parts = urlsplit("//" + host.strip().lower())
    try:
        return parts.hostname or "", parts.port
    except ValueError:
        return "", None


def forbidden_response(text: str) -> web.Response:
    """403 for a page that may not open sessions."""
    return web.Response(status=403, text=text, headers={"Cache-Control": "no-store"})


class Session(AppService):
    """textual-serve's AppService for one visitor, whose reader ends when they go.

    The reader runs without a shell, as the leader of its own process group, so
    ``end`` reaches it (and anything it starts), and the terminal's size stays
    within MAX_WIDTH x MAX_HEIGHT.
    """

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        width, height = terminal_size(width, height)
        self._process = process = await asyncio.create_subprocess_exec(
            *shlex.split(self.command),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def set_terminal_size(self, width: int, height: int) -> None:
        """Tell the reader its new size, within the limits."""
        await super().set_terminal_size(*terminal_size(width, height))

    async def on_data(self, payload: bytes) -> None:
        """Pass the reader's output on; once the visitor has gone, drop it, so the
        reader never blocks writing to a pipe nobody reads."""
        with contextlib.suppress(ConnectionResetError, RuntimeError):
            await super().on_data(payload)

    async def stop(self) -> None:
        """End the reader (textual-serve calls this as its handler ends)."""
        await self.end()

    async def end(self) -> None:
        """Ask the reader to quit; terminate its process group if it has not within
        QUIT_SECONDS, kill it if it has not ended TERM_SECONDS later. Returns once
        the process has ended; calling it again is harmless."""
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), QUIT_SECONDS)
            for sig, seconds in (
                (None, QUIT_SECONDS),
                (signal.SIGTERM, TERM_SECONDS),
                (signal.SIGKILL, None),
            ):
                if sig is not None and process.returncode is None:
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.killpg(process.pid, sig)
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(process.wait(), seconds)
                if process.returncode is not None:
                    break
        task, self._task = self._task, None
        if task is not None:  # reads the reader's output to its end, which has come
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(task, TERM_SECONDS)
        with contextlib.suppress(Exception):
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)


def raise_file_limit() -> None:
    """Raise this process's soft limit on open files to its hard limit: every
    connection and every session's pipes take some."""
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft != hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class LoopErrors:
    """The event loop's exception handler for `reader serve`: it never raises.

    Out of file descriptors, accept() fails; asyncio stops accepting for a second
    and tries again (new connections wait or are refused) while the open ones go
    on. Its own report of that must not end the server: a traceback needs imports,
    which need a file descriptor too.
    """

    def __init__(self) -> None:
        self.warned = -RESOURCE_LOG_SECONDS

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        try:
            if isinstance(error, OSError) and error.errno in OUT_OF_RESOURCES:
                now = time.monotonic()
                if now - self.warned >= RESOURCE_LOG_SECONDS:
                    self.warned = now
                    log.warning(
                        "Out of resources (%s): new connections wait until some close.",
                        error.strerror,
                    )
            else:
                loop.default_exception_handler(context)
        except Exception:  # reporting failed; serving goes on
            with contextlib.suppress(Exception):
                os.write(sys.stderr.fileno(), b"reader serve: an error could not be reported\n")
