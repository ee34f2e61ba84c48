"""In a real pseudo-terminal: cursor on the focus, silence while idle, contrast, cues.

Each test runs ``python -m reader`` in a pty and reads the screen with pyte.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from contrast import low_contrast, summary
from helpers import FIXTURES, copy_content
from pty_terminal import Terminal

from reader.document.layout import LayoutOptions, layout_document
from reader.library.bookmarks import BookmarkStore, Place
from reader.library.loader import load_library

CONTENT = str(FIXTURES / "content")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder of the test's own."""
    return tmp_path / "data"


def start(
    data_dir: Path, *args: str, cols: int = 80, rows: int = 24, wait: str = "Topics", **env: str
) -> Terminal:
    """The reader on the test content, waiting until ``wait`` is on screen."""
    terminal = Terminal(
        "--articles", CONTENT, *args, cols=cols, rows=rows, data_dir=data_dir, env=env
    )
    terminal.wait_for(wait)
    return terminal


@pytest.fixture
def terminal(data_dir: Path) -> Iterator[Terminal]:
    """The reader at the topic list, closed after the test."""
    running = start(data_dir)
    yield running
    running.close()


def mark_before_cursor(terminal: Terminal, width: int) -> str:
    """What stands ``width`` cells left of the cursor (the row's mark)."""
    x, _ = terminal.cursor
    return terminal.cursor_row()[x - width]


# -- the hardware cursor is the focus ------------------------------------------------


def test_cursor_follows_the_focus_through_lists_and_panes(terminal: Terminal) -> None:
    assert "> [-] Sleep" in terminal.cursor_row()
    assert terminal.cursor_row()[terminal.cursor[0] :].startswith("[-] Sleep")
    terminal.press("down")
    assert "Every kind of" in terminal.cursor_row() and mark_before_cursor(terminal, 2) == ">"
    terminal.press("down")
    assert "[-] Worry" in terminal.cursor_row()
    terminal.press("up")
    assert "Every kind of" in terminal.cursor_row()
    terminal.press("end")
    assert "Worry basics" in terminal.cursor_row()
    terminal.press("home")
    assert "[-] Sleep" in terminal.cursor_row()
    terminal.press("tab")  # to the article pane: nothing open, the placeholder
    terminal.press("tab")  # to the contacts
    assert "EMERGENCY Emergency" in terminal.cursor_row()
    assert mark_before_cursor(terminal, 2) == ">"


def test_cursor_sits_on_the_reading_line(terminal: Terminal) -> None:
    terminal.press("down", "enter")
    assert terminal.cursor_row()[terminal.cursor[0] :].startswith("An opening paragraph")
    assert mark_before_cursor(terminal, 3) == ">"
    for key in ("down", "pagedown", "end", "pageup", "home"):
        terminal.press(key)
        assert mark_before_cursor(terminal, 3) == ">", key
        assert terminal.cursor_row()[terminal.cursor[0] :].strip(), key
    terminal.press("home")
    assert terminal.cursor_row()[terminal.cursor[0] :].startswith("An opening paragraph")


def test_cursor_on_a_selected_link_and_after_following_it(terminal: Terminal) -> None:
    terminal.press("down", "enter", "l")
    x, _ = terminal.cursor
    assert terminal.cursor_row()[x:].startswith("link to a section")
    terminal.press("enter")  # a heading in this article
    assert terminal.cursor_row()[terminal.cursor[0] :].startswith("## A table")
    terminal.press("backspace", "l", "l", "l", "enter")  # a heading in another article
    assert "Worry basics" in terminal.text
    assert terminal.cursor_row()[terminal.cursor[0] :].startswith("## What helps")


def test_cursor_in_dialogs_and_screens(data_dir: Path) -> None:
    store = BookmarkStore.in_data_dir(data_dir)
    store.add("worry-basics", Place(2, 0), "What helps", "Talking to someone helps.")
    store.close()
    terminal = start(data_dir, "--open", "all-blocks", wait="Every kind")
    try:
        terminal.press("t")
        assert "A list" in terminal.cursor_row()  # the contents, on the current section
        terminal.press("escape", "?")
        assert "Previous" in terminal.cursor_row() and "Up, k" in terminal.cursor_row()
        terminal.press("escape", "B")
        assert "Worry basics - What helps" in terminal.cursor_row()
        terminal.press("escape", "l", "l", "l", "l", "enter")
        assert "leads out of the reader" in terminal.cursor_row()
        terminal.press("n")
    finally:
        terminal.close()


# -- nothing redraws while idle ------------------------------------------------------


def test_screen_reader_mode_is_silent_while_idle_on_every_screen(data_dir: Path) -> None:
    store = BookmarkStore.in_data_dir(data_dir)
    store.add("worry-basics", Place(2, 0), "What helps", "Talking to someone helps.")
    store.close()
    terminal = start(data_dir, "--screen-reader=panes")
    try:
        steps = [
            ("topics", ()),
            ("article", ("down", "enter")),
            ("contacts", ("f2",)),
            ("help", ("?",)),
            ("contents", ("escape", "2", "t")),
            ("bookmarks", ("escape", "B")),
            ("note dialog", ("n",)),
            ("link dialog", ("escape", "escape", "2", "l", "l", "l", "l", "enter")),
        ]
        for name, keys in steps:
            terminal.press(*keys)
            assert terminal.read(2.0) == b"", f"bytes written while idle on the {name} screen"
    finally:
        terminal.close()


def test_screen_reader_mode_has_no_borders_and_says_what_changed(data_dir: Path) -> None:
    terminal = start(
        data_dir, "--screen-reader=panes", "--open", "all-blocks", wait="Every kind", rows=50
    )
    try:
        assert not any(ch in terminal.text for ch in "╭╮╰╯┏┓┗┛│┃▇")
        assert "Opened Every kind of block, 5 sections, line 1 of" in terminal.text
        terminal.press("b")
        assert "Bookmark added at line 1." in terminal.text
        terminal.press("end", "l")
        assert "No more links" in terminal.text
        terminal.press("f2")
        assert "Help contacts: 4 items, Emergency, phone 999 selected." in terminal.text
        terminal.press("1")
        assert "Topics: " in terminal.text and "selected." in terminal.text
        terminal.press("2", "home", "h")
        assert "Heading: A list" in terminal.text
        # Tables as "Header: value" records and breaks in words, not drawn.
        assert "Activity: Walking" in terminal.text and "(section break)" in terminal.text
        assert "-+-" not in terminal.text and "* * *" not in terminal.text

    finally:
        terminal.close()


def test_show_cursor_option_reveals_the_terminal_cursor(data_dir: Path) -> None:
    terminal = start(data_dir, "--show-cursor")
    try:
        assert not terminal.screen.cursor.hidden
    finally:
        terminal.close()
    plain = start(data_dir)
    try:
        assert plain.screen.cursor.hidden
    finally:
        plain.close()


# -- contrast, from the colours actually drawn ------------------------------------------


@pytest.mark.parametrize(
    ("theme", "bound"),
    [("reader-dark", 4.5), ("reader-light", 4.5), ("reader-high-contrast", 7.0)],
)
def test_every_drawn_cell_meets_the_contrast_bound(
    data_dir: Path, theme: str, bound: float
) -> None:
    store = BookmarkStore.in_data_dir(data_dir)
    store.set_preference("theme", theme)
    store.add("worry-basics", Place(2, 0), "What helps", "Talking to someone helps.", "note")
    store.close()
    terminal = start(data_dir, "--open", "all-blocks", wait="Every kind")
    findings: dict[str, list[str]] = {}

    def audit(name: str, *keys: str) -> None:
        terminal.press(*keys)
        found = low_contrast(terminal.screen, bound)
        if found:
            findings[name] = summary(found)

    try:
        audit("article with a selected link and a bookmark", "l", "l", "b")
        audit("link dialog", "l", "l", "enter")
        audit("contacts focused", "n", "f2")
        audit("help", "?")
        audit("bookmarks", "escape", "B")
        audit("note dialog", "n")
        audit("contents", "escape", "escape", "2", "t")
        audit("topics focused", "escape", "1")
        audit("overdue article", "down", "down", "enter")
        assert "REVIEW OVERDUE" in terminal.text
    finally:
        terminal.close()
    assert not findings, findings


# -- never colour alone ----------------------------------------------------------------


def test_every_state_is_told_apart_without_colour(
    data_dir: Path, content_with_bad_link: str
) -> None:
    terminal = Terminal(
        "--articles",
        content_with_bad_link,
        "--open",
        "all-blocks",
        data_dir=data_dir,
        env={"NO_COLOR": "1"},
    )
    try:
        terminal.wait_for("Every kind")
        screen = terminal.screen

        def grey(colour: str) -> bool:
            return colour == "default" or colour[0:2] == colour[2:4] == colour[4:6]

        # Textual draws NO_COLOR in greys only: hue carries nothing here.
        assert all(
            grey(char.fg) and grey(char.bg)
            for row in screen.buffer.values()
            for char in row.values()
        )

        # The reading line: a mark in the margin.
        assert mark_before_cursor(terminal, 3) == ">"
        # Links are underlined; the selected one is in reverse video as well.
        terminal.press("l")
        x, y = terminal.cursor
        assert screen.buffer[y][x].underscore and screen.buffer[y][x].reverse
        after = x + len("link to a section") + 1
        assert not screen.buffer[y][after].underscore
        # A bookmarked line: a mark in the margin.
        terminal.press("b")
        assert ">* " in terminal.cursor_row()
        # The focused list item: a mark; the focused pane: a word in its title.
        terminal.press("1")
        assert mark_before_cursor(terminal, 2) == ">"
        assert "Topics (active)" in terminal.text
        # An overdue review and a refused link: said in words.
        terminal.press("down", "down", "enter")
        assert "REVIEW OVERDUE" in terminal.text
        terminal.press("1", "end", "enter", "l", "enter")
        assert "This link is not followed: the link leads" in terminal.text

    finally:
        terminal.close()


# -- small and large -----------------------------------------------------------------


def test_forty_columns_split_no_word_and_keep_focus_and_status_on_screen(
    data_dir: Path,
) -> None:
    terminal = start(data_dir, "--open", "all-blocks", cols=40, rows=20, wait="Every kind")
    try:
        doc = load_library(FIXTURES / "content").document("all-blocks")
        wide = layout_document(doc, LayoutOptions(width=10_000)).lines
        source = " ".join(line.text for line in wide)
        words = {w.strip(".,:;()\"'*`~[]#>") for w in source.split()}
        for key in ("", "pagedown", "pagedown", "end"):
            if key:
                terminal.press(key)
            _, y = terminal.cursor
            assert 0 < y < 19 and terminal.cursor_row()[terminal.cursor[0] :].strip()
            status = terminal.screen.display[18]
            assert status.strip(), "the status line is on screen"
            rows = terminal.screen.display  # the article's rows: inside its border
            top = next(y for y, row in enumerate(rows) if row.startswith("┏"))
            bottom = next(y for y, row in enumerate(rows) if row.startswith("┗"))
            assert bottom - top > 10, rows
            for row in rows[top + 1 : bottom]:
                for word in row.strip(" ┃│>*").split():
                    bare = word.strip(".,:;()\"'*`~[]#>-")
                    if bare and bare.isalpha() and len(bare) > 2:
                        assert bare in words or bare in source, (bare, row)
        for pane, text in (("1", "Every kind of block (open)"), ("3", "EMERGENCY"), ("2", "")):
            terminal.press(pane)
            assert text in terminal.cursor_row()
    finally:
        terminal.close()


def test_wide_terminals_keep_lines_readable(data_dir: Path) -> None:
    terminal = start(data_dir, "--open", "all-blocks", cols=200, rows=60, wait="Every kind")
    try:
        x, _ = terminal.cursor
        # The article pane's text: from the reading cursor's column to the pane's border.
        texts = [
            row[x:].split("┃")[0].split("│")[0].rstrip() for row in terminal.screen.display[2:50]
        ]
        lengths = [len(text) for text in texts if text]
        assert max(lengths) <= 80 and max(lengths) > 60

    finally:
        terminal.close()


@pytest.fixture
def content_with_bad_link(tmp_path: Path) -> str:
    """The test content plus an article whose link leads out of the folder."""
    root = copy_content(tmp_path)
    (root / "zz-bad-link.md").write_text(
        (root / "worry-basics.md")
        .read_text()
        .replace("title: Worry basics", "title: Zz bad link")
        .replace("all-blocks.md", "../../etc/passwd")
    )
    return str(root)


def test_a_bookmark_made_just_before_quitting_is_kept(data_dir: Path) -> None:
    """The writer finishes its queue before the reader quits."""
    terminal = start(data_dir, "--open", "worry-basics", wait="Worry")
    terminal.child.delaybeforesend = None
    terminal.child.send("b")
    terminal.child.send("q")  # at once, before the write can have finished
    terminal.child.expect(pexpect.EOF, timeout=10)
    terminal.child.close()
    assert terminal.child.exitstatus == 0
    store = BookmarkStore.open(data_dir / "bookmarks.json")
    assert [b.slug for b in store.bookmarks()] == ["worry-basics"]
