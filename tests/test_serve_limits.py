"""`reader serve` stays within bounds: a limit on sessions, and no shared bookmarks file.

The server runs on loopback only; visitors are aiohttp clients that load the
page and open the terminal's websocket, as the page's script does.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import aiohttp
import pytest
from helpers import FIXTURES, REPO, Result

from reader.cli.parser import build_parser

BUSY = "This kiosk is busy: 2 people are using it. Please try again in a few minutes."


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serving(tmp_path: Path, *options: str) -> Iterator[str]:
    """`reader OPTIONS serve --max-sessions 2` on a free loopback port; its address."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env.update(PYTHONPATH=str(REPO), READER_DATA_DIR=str(tmp_path / "data"))
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reader",
            *options,
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--max-sessions",
            "2",
            "--articles",
            str(FIXTURES / "content"),
            "--region",
            "GB",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`reader serve --max-sessions 2` on a free loopback port; its address."""
    with serving(tmp_path) as address:
        yield address


class _Page(HTMLParser):
    """The parts of a page a visitor (and their screen reader) meets first."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.title = ""
        self.text: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif data.strip():
            self.text.append(data.strip())


async def _visit(http: aiohttp.ClientSession, url: str) -> aiohttp.ClientWebSocketResponse:
    """A visitor's session: the terminal's websocket, once the reader has drawn on it."""
    socket_ = await http.ws_connect(url.replace("http:", "ws:") + "ws?width=100&height=30")
    message = await socket_.receive(timeout=60)  # a reader process starts for this visitor
    assert message.type == aiohttp.WSMsgType.BINARY, message
    return socket_


async def test_a_visitor_beyond_the_limit_is_told_the_kiosk_is_busy(server: str) -> None:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=90)) as http:
        async with http.get(server) as page:
            assert page.status == 200 and 'id="terminal"' in await page.text()
        first = await _visit(http, server)
        second = await _visit(http, server)

        # The third visitor's browser asks for the page: a short page says why not.
        async with http.get(server) as page:
            assert page.status == 503 and page.headers["Retry-After"] == "120"
            assert page.content_type == "text/html" and page.charset == "utf-8"
            read = _Page()
            read.feed(await page.text())
        assert read.lang == "en" and read.title == "This kiosk is busy"
        assert BUSY in read.text
        assert "Try again" in read.text
        # Crisis help never waits for a free session: the region's numbers are on the page.
        said = " ".join(read.text)
        assert "If you need help now" in said and "Emergency: phone 999" in said

        # Its websocket (a page loaded a moment earlier) is refused the same way.
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(server.replace("http:", "ws:") + "ws")
        assert refused.value.status == 503

        # One visitor leaves: once their reader process has ended, the slot is free.
        await first.close()
        deadline = time.monotonic() + 30
        while True:
            async with http.get(server) as page:
                if page.status == 200:
                    break
            assert time.monotonic() < deadline, "the slot was never freed"
            await asyncio.sleep(0.2)
        third = await _visit(http, server)
        for session in (second, third):
            await session.close()


def test_the_busy_page_counts_people_in_words() -> None:
    pytest.importorskip("textual_serve")
    from reader.web.server import busy_message

    assert busy_message(1) == (
        "This kiosk is busy: 1 person is using it. Please try again in a few minutes."
    )
    assert busy_message(8).startswith("This kiosk is busy: 8 people are using it.")


def test_serve_refuses_to_keep_bookmarks(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[kiosk]\npersist = true\n")
    result = run_cli("serve", "--config", str(config))
    assert result.code == 2 and result.out == ""
    assert result.err == (
        f"reader: [kiosk] persist = true (in {config}) cannot be used with `reader serve`: "
        "every browser visitor would share one bookmarks file; remove it to serve "
        "(each visitor's bookmarks last one visit)\n"
    )
    flag = run_cli("serve", "--persist")
    assert flag.code == 2
    assert flag.err.startswith("reader: --persist cannot be used with `reader serve`")


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_max_sessions_is_a_number_of_one_or_more(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(["serve", "--max-sessions", value])
    assert stopped.value.code == 2
    assert f"argument --max-sessions: {value!r} is not a whole number of 1 or more" in (
        capsys.readouterr().err
    )
    assert build_parser().parse_args(["serve"]).max_sessions == 8


async def test_the_page_speaks_the_language_asked_for(tmp_path: Path) -> None:
    with serving(tmp_path, "--lang", "nb") as address:
        async with aiohttp.ClientSession() as http, http.get(address) as page:
            text = await page.text()
    assert '<html lang="nb">' in text
    assert "Start på nytt" in text and "Økten er avsluttet." in text


def test_serve_refuses_speech(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("")
    flag = run_cli("serve", "--speech", "--config", str(config))
    assert flag.code == 2 and flag.out == ""
    assert flag.err.startswith("reader: speech cannot be used with `reader serve`: it would play")
    config.write_text("[kiosk]\nspeech = true\n")
    assert run_cli("serve", "--config", str(config)).code == 2


def test_a_supervised_kiosk_is_given_speech_and_its_command() -> None:
    from reader.cli.kiosk import child_command

    args = build_parser().parse_args(
        ["kiosk-supervise", "--speech", "--speech-command", "my-tts --fast"]
    )
    command = child_command(args)
    assert "--speech" in command
    assert command[command.index("--speech-command") + 1] == "my-tts --fast"
    assert "--speech" not in child_command(build_parser().parse_args(["kiosk-supervise"]))
    served = child_command(build_parser().parse_args(["serve"]), serving=True)
    assert "--no-speech" in served  # a browser visitor's F5 would play on the server


def test_a_served_page_chooses_line_mode_and_a_supervised_kiosk_is_given_it() -> None:
    import contextvars

    from reader.cli.kiosk import child_command
    from reader.web import server as web_server
    from reader.web.server import LINES_PATH, ReaderServer

    def command(*argv: str, serving: bool = False) -> list[str]:
        return child_command(build_parser().parse_args(list(argv)), serving=serving)

    assert "--screen-reader=line" in command("kiosk-supervise", "--screen-reader")
    assert "--screen-reader=panes" in command("kiosk-supervise", "--screen-reader=panes")
    # Served, each page chooses line mode (its button connects to LINES_PATH).
    assert not any("screen-reader" in a for a in command("serve", "--screen-reader", serving=True))
    assert "--screen-reader=panes" in command("serve", "--screen-reader=panes", serving=True)
    server = ReaderServer("reader --kiosk", "127.0.0.1", 1, "reader", 1)

    def line_session() -> str:  # as handle_line_websocket's task sees it
        web_server._LINES.set(True)
        return server.command

    assert contextvars.copy_context().run(line_session) == "reader --kiosk --screen-reader=line"
    assert server.command == "reader --kiosk"  # every other session as it was
    assert LINES_PATH == "/ws/lines"
