"""`reader serve` stays within bounds: a limit on sessions, and no shared bookmarks file.

The server runs on loopback only; visitors are aiohttp clients that load the
page and open the terminal's websocket, as the page's script does.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import resource
import socket
import struct
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
def serving_process(
    tmp_path: Path, *options: str, serve: tuple[str, ...] = (), files: int | None = None
) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`reader OPTIONS serve --max-sessions 2 SERVE` on a free loopback port (with at
    most ``files`` open files); its process and address."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env.update(PYTHONPATH=str(REPO), READER_DATA_DIR=str(tmp_path / "data"))
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")

    def limit_files() -> None:
        if files is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))

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
            *serve,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=limit_files,
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
        yield process, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@contextlib.contextmanager
def serving(tmp_path: Path, *options: str) -> Iterator[str]:
    """`reader OPTIONS serve --max-sessions 2` on a free loopback port; its address."""
    with serving_process(tmp_path, *options) as (_process, address):
        yield address


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


def _readers(server: int) -> list[int]:
    """The reader processes (not shells) that `reader serve` (pid ``server``) started."""
    parents: dict[int, int] = {}
    readers: set[int] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:  # it ended meanwhile
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        if argv[1:4] == [b"-m", b"reader", b"--kiosk"]:
            readers.add(int(entry.name))

    def descends(pid: int) -> bool:
        for _hop in range(64):  # bounded: the process tree is not deep
            pid = parents.get(pid, 0)
            if pid in (0, 1):
                return False
            if pid == server:
                return True
        return False

    return sorted(pid for pid in readers if descends(pid))


async def _until(condition: Callable[[], bool], seconds: float, failure: str) -> None:
    """Poll ``condition`` until it holds; fail with ``failure`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, failure
        await asyncio.sleep(0.1)


def _handshake(address: str, path: str, origin: str | None = None) -> tuple[socket.socket, int]:
    """A websocket opened by hand (to leave it the rude ways); the socket and HTTP status."""
    host = address.split("//", 1)[1].rstrip("/")
    name, port = host.rsplit(":", 1)
    connection = socket.create_connection((name, int(port)), timeout=10)
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: {host}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version: 13",
    ]
    if origin:
        lines.append(f"Origin: {origin}")
    connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    reply = b""
    while b"\r\n\r\n" not in reply:
        chunk = connection.recv(4096)
        if not chunk:
            break
        reply += chunk
    return connection, int(reply.split(b" ", 2)[1]) if reply else 0


def _frame(text: str, opcode: int = 1) -> bytes:
    """A masked websocket frame from a client (short payloads only)."""
    payload = text.encode()
    mask = b"\x01\x02\x03\x04"
    masked = bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload))
    return bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + masked


async def test_a_visitor_who_leaves_leaves_no_reader_behind(tmp_path: Path) -> None:
    with serving_process(tmp_path) as (server, address):
        for attack in range(3):
            # A huge terminal, a resize to match, three seconds, and gone without reading.
            deadline = time.monotonic() + 20
            while True:
                connection, status = _handshake(address, "/ws?width=8000&height=8000")
                if status == 101:
                    break
                connection.close()
                assert status == 503 and time.monotonic() < deadline, "no session came free"
                await asyncio.sleep(0.2)
            connection.sendall(_frame('["resize",{"width":8000,"height":8000}]'))
            await asyncio.sleep(3)  # the attack's visit, not a wait for the server
            if attack == 1:  # gone abruptly: a reset, no closing frame
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            else:
                connection.sendall(_frame("", opcode=8))
            connection.close()
            assert len(_readers(server.pid)) <= 2
            # Its reader ends within seconds of the visitor leaving.
            await _until(lambda: not _readers(server.pid), 15, "a reader outlived its visitor")
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=90)) as http:
            visitor = await _visit(http, address)
            assert len(_readers(server.pid)) == 1
            await visitor.close()


def test_terminal_sizes_are_capped() -> None:
    pytest.importorskip("textual_serve")
    from reader.web.limits import MAX_HEIGHT, MAX_WIDTH, terminal_size

    assert (MAX_WIDTH, MAX_HEIGHT) == (300, 100)
    assert terminal_size("8000", "8000") == (300, 100)
    assert terminal_size(10000, 10000.0) == (300, 100)
    assert terminal_size("120", "40") == (120, 40)
    assert terminal_size("0", -5) == (1, 1)
    assert terminal_size(None, "lots") == (80, 24)
    assert terminal_size(True, float("nan")) == (80, 24)


async def _frame_of(visitor: aiohttp.ClientWebSocketResponse) -> bytes:
    """The visitor's next frame from the reader."""
    message = await visitor.receive()
    assert message.type == aiohttp.WSMsgType.BINARY, message
    return bytes(message.data)


def _rows_drawn(frames: bytes) -> set[int]:
    """The rows a reader's frames move the cursor to (CSI row;col H)."""
    return {int(row) for row in re.findall(rb"\x1b\[(\d+);\d+H", frames)}


async def test_a_served_reader_is_told_a_capped_size(tmp_path: Path) -> None:
    with serving_process(tmp_path) as (server, address):
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=90)) as http:
            url = address.replace("http:", "ws:") + "ws?width=1000&height=1000"
            visitor = await http.ws_connect(url)
            await _until(lambda: len(_readers(server.pid)) == 1, 30, "no reader started")
            environ = Path(f"/proc/{_readers(server.pid)[0]}/environ").read_bytes().split(b"\0")
            assert b"COLUMNS=300" in environ and b"ROWS=100" in environ
            async with asyncio.timeout(60):
                # Drawn whole at the capped size, at a small size, then as large as it may be.
                while not (rows := _rows_drawn(await _frame_of(visitor))):
                    pass
                assert max(rows) == 100
                await visitor.send_json(["resize", {"width": 120, "height": 40}])
                while not (
                    1 in (rows := _rows_drawn(await _frame_of(visitor))) and max(rows) == 40
                ):
                    pass
                await visitor.send_json(["resize", {"width": 1000, "height": 1000}])
                while (drawn := max(_rows_drawn(await _frame_of(visitor)) or {0})) <= 40:
                    pass
            assert drawn == 100
            await visitor.close()


async def test_running_out_of_file_descriptors_does_not_stop_serving(tmp_path: Path) -> None:
    files = 256
    with serving_process(tmp_path, files=files) as (server, address):
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=90)) as http:
            visitor = await _visit(http, address)
            port = int(address.rstrip("/").rsplit(":", 1)[1])
            half_open: list[socket.socket] = []

            most = [0]  # the most files the server was seen to have open

            def ran_out() -> bool:
                with contextlib.suppress(OSError):  # it ended
                    most[0] = max(most[0], len(list(Path(f"/proc/{server.pid}/fd").iterdir())))
                return server.poll() is not None or most[0] >= files - 2

            try:
                # More connections than the server may have files, each with half a header.
                for _attempt in range(files + 150):
                    if server.poll() is not None:
                        break
                    try:
                        connection = socket.create_connection(("127.0.0.1", port), timeout=0.5)
                    except OSError:  # the server's queue is full: it is out of files
                        continue
                    half_open.append(connection)
                    connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    ran_out()
                await _until(ran_out, 30, "the server never ran out of files")
                # Its visitor is still served, and the server still runs.
                await visitor.send_json(["ping", "still there?"])
                while (message := await visitor.receive(timeout=30)).type != (
                    aiohttp.WSMsgType.TEXT
                ):
                    assert message.type == aiohttp.WSMsgType.BINARY, message
                assert message.json() == ["pong", "still there?"]
                assert server.poll() is None
            finally:
                for connection in half_open:
                    connection.close()
            # Once the half-open connections are gone, new visitors are served again.
            deadline = time.monotonic() + 30
            while True:
                assert server.poll() is None, "the server stopped"
                with contextlib.suppress(aiohttp.ClientError, asyncio.TimeoutError):
                    async with http.get(address, timeout=aiohttp.ClientTimeout(total=5)) as page:
                        if page.status == 200:
                            break
                assert time.monotonic() < deadline, "the server never served again"
                await asyncio.sleep(0.2)
            await visitor.close()


async def test_only_the_page_s_own_origin_opens_a_session(tmp_path: Path) -> None:
    allowed = "https://kiosk.example.org"
    with serving_process(tmp_path, serve=("--allow-origin", allowed)) as (_server, address):
        ws = address.replace("http:", "ws:") + "ws"
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=90)) as http:
            for foreign in ("http://evil.example", "null", "http://127.0.0.1:1"):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await http.ws_connect(ws, origin=foreign)
                assert refused.value.status == 403
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(ws + "/lines", origin="http://evil.example")
            assert refused.value.status == 403
            own = await http.ws_connect(ws, origin=address.rstrip("/"))
            listed = await http.ws_connect(ws, origin=allowed)
            for session in (own, listed):
                message = await session.receive(timeout=60)  # a reader started for it
                assert message.type == aiohttp.WSMsgType.BINARY, message
                await session.close()


def test_origins_a_page_may_open_sessions_from() -> None:
    pytest.importorskip("textual_serve")
    from reader.web.limits import origin_allowed

    assert origin_allowed(None, "127.0.0.1:8000")  # not a browser
    assert origin_allowed("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert origin_allowed("http://Kiosk.Example", "kiosk.example:80")
    assert origin_allowed("https://kiosk.example", "kiosk.example")
    assert not origin_allowed("http://127.0.0.1:8001", "127.0.0.1:8000")
    assert not origin_allowed("http://evil.example", "127.0.0.1:8000")
    assert not origin_allowed("null", "127.0.0.1:8000")
    assert not origin_allowed("http://evil.example", None)
    listed = ["https://kiosk.example.org", "lan-host:8000", "other.example"]
    assert origin_allowed("https://kiosk.example.org", "127.0.0.1:8000", listed)
    assert not origin_allowed("http://kiosk.example.org", "127.0.0.1:8000", listed)
    assert origin_allowed("http://lan-host:8000", "127.0.0.1:8000", listed)
    assert not origin_allowed("http://lan-host:9000", "127.0.0.1:8000", listed)
    assert origin_allowed("https://other.example:444", "127.0.0.1:8000", listed)
    assert build_parser().parse_args(["serve"]).allow_origin == []
    args = build_parser().parse_args(["serve", "--allow-origin", "a", "--allow-origin", "b"])
    assert args.allow_origin == ["a", "b"]
