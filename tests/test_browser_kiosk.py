"""The browser kiosk end to end: `reader serve` in headless Chromium, on loopback only.

Chromium draws the terminal on a canvas, so the test reads what the page was
sent over its websocket (the terminal stream) with pyte, and looks at the page.
xterm.js's screen-reader mode also mirrors the rows into the page's
accessibility tree, which the tests read as a screen reader would.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyte
import pytest
import yaml
from helpers import FIXTURES, REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def _require_browser() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.fail("playwright is not installed: pip install '.[test]'")
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI (.ci/run installs Debian's chromium)")
        pytest.skip("no Chromium here: apt-get install chromium")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def _serving(tmp_path: Path, articles: Path | None) -> Iterator[str]:
    """`reader serve` on a free loopback port (``articles``: None for the bundled ones);
    its address."""
    _require_browser()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env.update(PYTHONPATH=str(REPO), READER_DATA_DIR=str(tmp_path / "data"))
    chosen = ["--articles", str(articles)] if articles else []
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reader",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *chosen,
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
        process.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`reader serve` on the test articles; its address."""
    with _serving(tmp_path, FIXTURES / "content") as url:
        yield url


def test_the_reader_runs_as_a_kiosk_in_a_browser(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    screen = pyte.Screen(133, 44)
    stream = pyte.ByteStream(screen)

    def feed(frame: bytes | str) -> None:
        stream.feed(frame if isinstance(frame, bytes) else frame.encode())

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.on("websocket", lambda ws: ws.on("framereceived", feed))
        page.goto(server)

        def wait_for(text: str) -> None:
            for _ in range(150):
                if text in "\n".join(screen.display):
                    return
                page.wait_for_timeout(100)  # lets Playwright deliver the frames
            raise AssertionError(f"{text!r} never reached the page:\n" + "\n".join(screen.display))

        wait_for("Topics (active)")
        page.focus("textarea.xterm-helper-textarea")  # where xterm.js takes the keyboard
        page.keyboard.press("ArrowDown")

        page.keyboard.press("Enter")
        wait_for("An opening paragraph")  # the article's text reached the page
        page.wait_for_timeout(500)
        before = screen.cursor.y
        assert screen.display[before][screen.cursor.x - 3] == ">"
        page.keyboard.press("ArrowDown")
        for _ in range(50):
            if screen.cursor.y != before:
                break
            page.wait_for_timeout(100)
        assert screen.cursor.y > before, "the reading cursor did not move"
        assert screen.display[screen.cursor.y][screen.cursor.x - 3] == ">"
        page.keyboard.press("q")  # a kiosk does not end
        wait_for("This is a public terminal")
        page.screenshot(path=str(tmp_path / "browser.png"))
        assert (tmp_path / "browser.png").stat().st_size > 10_000  # a real picture was drawn
        browser.close()


def test_the_page_mirrors_the_screen_for_screen_readers(server: str, tmp_path: Path) -> None:
    """`reader serve` turns on xterm.js's screen-reader mode; textual-serve's own page does not."""
    from playwright.sync_api import Page, sync_playwright

    def watch(page: Page) -> pyte.Screen:
        screen = pyte.Screen(133, 44)
        stream = pyte.ByteStream(screen)
        page.on(
            "websocket",
            lambda ws: ws.on(
                "framereceived",
                lambda frame: stream.feed(frame if isinstance(frame, bytes) else frame.encode()),
            ),
        )
        return screen

    def wait_for(page: Page, screen: pyte.Screen, text: str) -> None:
        for _ in range(150):
            if text in "\n".join(screen.display):
                return
            page.wait_for_timeout(100)  # lets Playwright deliver the frames
        raise AssertionError(f"{text!r} never reached the page:\n" + "\n".join(screen.display))

    def rows_read_out(page: Page) -> list[str]:
        """The rows as the accessibility tree gives them to a screen reader."""
        snapshot = yaml.safe_load(
            page.locator(".xterm-accessibility-tree").aria_snapshot(timeout=5_000)
        )
        return [str(item["listitem"]) for item in snapshot[0]["list"] if isinstance(item, dict)]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        screen = watch(page)
        page.goto(server)
        wait_for(page, screen, "Topics (active)")
        assert page.locator(".xterm-accessibility").count() == 1, "no screen-reader mode"
        before = screen.cursor.y
        page.focus("textarea.xterm-helper-textarea")
        page.keyboard.press("ArrowDown")  # to the next row of the topic list
        for _ in range(50):
            if screen.cursor.y != before:
                break
            page.wait_for_timeout(100)
        assert screen.cursor.y > before, "the topic list's highlight did not move"
        assert ">" in screen.display[screen.cursor.y][: screen.cursor.x]  # the highlight's mark
        # The accessibility tree collapses runs of spaces, as a screen reader would.
        focused = " ".join(screen.display[screen.cursor.y].split())
        assert "Every kind of" in focused  # the first article, under the first topic
        for _ in range(50):  # xterm.js updates the tree a moment after the screen
            if focused in rows_read_out(page):
                break
            page.wait_for_timeout(100)
        assert focused in rows_read_out(page), rows_read_out(page)
        page.screenshot(path=str(tmp_path / "screen-reader.png"))
        assert (tmp_path / "screen-reader.png").stat().st_size > 10_000  # still drawn

        # The same page with textual-serve's own script: no screen-reader mode,
        # so nothing of the screen reaches the accessibility tree.
        plain = browser.new_page(viewport={"width": 1200, "height": 800})
        plain.route(
            "**/reader/textual.js",
            lambda route: route.continue_(url=server + "static/js/textual.js"),
        )
        plain_screen = watch(plain)
        plain.goto(server)
        wait_for(plain, plain_screen, "Topics (active)")
        assert plain.locator(".xterm-accessibility").count() == 0
        assert "Topics (active)" not in plain.locator("body").aria_snapshot()
        assert "Topics (active)" in page.locator("body").aria_snapshot()
        browser.close()


def test_the_page_script_gets_screen_reader_mode_or_serving_stops() -> None:
    """The pinned textual-serve's script takes the option; an unknown one stops `reader serve`."""
    from reader.web.server import BUNDLE, ScreenReaderPatchError, screen_reader_bundle

    patched = screen_reader_bundle(BUNDLE.read_bytes())
    assert b"screenReaderMode:!0" in patched
    assert b"this.terminal.open(e),window.readerTerminal" in patched
    with pytest.raises(ScreenReaderPatchError):
        screen_reader_bundle(b"new Terminal({fontSize:16})")


def test_the_screen_reader_button_serves_line_mode_to_the_live_region(server: str) -> None:
    """Before the terminal, a real button; on, the session prints lines alone, and
    xterm.js's live region (what a browser screen reader announces) holds only them."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(server)
        assert page.title() == "reader"
        button = page.get_by_role("button", name="Screen reader: off")
        page.keyboard.press("Tab")  # the first stop of the keyboard, before the terminal
        assert page.evaluate("document.activeElement.id") == "screen-reader"
        button.press("Enter")
        page.wait_for_url("**screen-reader=on")
        assert (
            page.get_by_role("button", name="Screen reader: on").get_attribute("aria-pressed")
            == "true"
        )
        live = page.locator(".xterm-accessibility .live-region, .xterm-live-region").first
        tree = page.locator(".xterm-accessibility-tree")

        def said() -> str:
            return " ".join(tree.inner_text().split())

        for _ in range(150):
            if "c: get help now" in said():
                break
            page.wait_for_timeout(100)  # lets the page take the lines
        first = said()
        assert first.startswith("reader: mental-health information, in line mode."), first
        assert not any(mark in first for mark in "┃│╭━>"), first
        assert live.count() == 1
        # Everything the live region is given from now on, as a screen reader would hear it.
        page.evaluate(
            """() => {
                window.announced = [];
                const live = document.querySelector('.xterm-accessibility .live-region');
                new MutationObserver(() => {
                    if (live.textContent.trim()) window.announced.push(live.textContent);
                }).observe(live, {childList: true, subtree: true, characterData: true});
            }"""
        )
        page.focus("textarea.xterm-helper-textarea")
        page.keyboard.press("ArrowDown")
        for _ in range(100):
            if "Every kind of block" in " ".join(page.evaluate("window.announced")):
                break
            page.wait_for_timeout(100)
        assert said().endswith("Topics: Every kind of block (article)"), said()
        announced = " ".join(" ".join(page.evaluate("window.announced")).split())
        assert announced.endswith("Topics: Every kind of block (article)"), announced
        assert len(announced) < 120 and "Too much output" not in announced, announced
        browser.close()


@pytest.mark.parametrize("lines", [False, True], ids=["full screen", "line mode"])
def test_the_page_language_follows_f6(tmp_path: Path, lines: bool) -> None:
    """A browser screen reader voices the page in its ``lang``: after F6 it is the
    session's new language; the page's own words keep theirs."""
    from playwright.sync_api import sync_playwright

    with _serving(tmp_path, None) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(url + ("?screen-reader=on" if lines else ""))
        tree = page.locator(".xterm-accessibility-tree")
        tree.get_by_text("Topics" if not lines else "get help now").first.wait_for()
        assert page.evaluate("document.documentElement.lang") == "en"
        page.focus("textarea.xterm-helper-textarea")
        page.keyboard.press("F6")
        page.wait_for_function("document.documentElement.lang === 'nb'", timeout=30_000)
        tree.get_by_text("Språk: Norsk bokmål").first.wait_for()
        assert page.locator("#screen-reader").get_attribute("lang") == "en"
        page.keyboard.press("F6")
        page.wait_for_function("document.documentElement.lang === 'en'", timeout=30_000)
        browser.close()
