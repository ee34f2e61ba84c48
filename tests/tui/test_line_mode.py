"""Line mode, as a screen-reader user meets it: after each key, the lines it printed.

The app runs headless with line mode's printer writing into a list; the text is
read as a terminal shows it (a shell's Backspace erases the last letter). Each
test waits for the words it expects (with a generous deadline), then for the app
to have nothing more queued, and asserts on every line the key printed.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import copy_content, kiosk_settings
from line_mode_lines import BOXES, Lines, said, settled
from textual import events

from reader.library.loader import load_library
from reader.tui.app import ReaderApp
from reader.tui.kiosk import IdleWarning
from reader.tui.run import build_app
from reader.tui.say_all import line_words


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The test content alone (two topics, three articles, four contacts in GB)."""
    return copy_content(tmp_path)


DEADLINE = 10.0


def line_app(content: Path, data: Path, **kiosk: object) -> tuple[ReaderApp, Lines]:
    """The reader in line mode on the test content (region GB), printing into ``Lines``."""
    lines = Lines()
    enabled = bool(kiosk.pop("enabled", False))
    settings = replace(kiosk_settings(content, data, enabled=enabled, **kiosk), screen_reader=True)
    app = build_app(settings, load_library(content))
    app._line_write = lines.write
    return app, lines


async def started(pilot, lines: Lines) -> list[str]:
    await lines.wait(pilot, "Topics:")
    return lines.lines()


async def test_each_key_prints_its_answer_once_as_a_line(content: Path, tmp_path: Path) -> None:
    app, lines = line_app(content, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        first = await started(pilot, lines)
        # One answer: what this is, the keys that help, then the topics.
        first = [row for row in first if row]  # the shell's line, left as it was
        assert said(first).startswith(
            "reader: mental-health information, in line mode. c: get help now. ?: keys. "
            "m: full screen. Topics: 2 topics, - Sleep (topic, 1 article, expanded) selected."
        ), first
        assert all(len(row) <= 100 for row in first)
        walk = [
            (("down",), "Topics:", "Topics: Every kind of block (article)"),
            (("enter",), "Opened", "Opened Every kind of block, 5 sections, line 1 of "),
            (("down",), "", None),  # the next line of the article (see the next test)
            (("h",), "Heading:", "Heading: A list"),
            (("c",), "Help contacts", "Help contacts: 4 items, Emergency, phone 999 selected."),
            (("end",), "", None),
            (("down",), "End of the list.", "End of the list."),
            (("up",), "", None),
        ]
        for keys, expect, starts in walk:
            new = await lines.after(pilot, *keys, expect=expect)
            assert new, keys  # every key answers
            if starts is not None:  # first, and once
                assert said(new).startswith(starts) and said(new).count(starts) == 1, (keys, new)
        text = lines.text
        assert "\x1b" not in text and not BOXES.search(text)
        assert not any(line.startswith(">") for line in lines.lines())


async def test_the_next_line_of_the_article_is_printed_after_down(
    content: Path, tmp_path: Path
) -> None:
    app, lines = line_app(content, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, lines)
        await lines.after(pilot, "down", "enter", expect="Opened")
        view = app.main.view
        for _ in range(4):
            new = await lines.after(pilot, "down", expect="")
            assert new == [line_words(view.lines[view.cursor])], new
        await lines.after(pilot, "end", expect="")
        new = await lines.after(pilot, "down", expect="End of the article.")
        assert new == ["End of the article."]


async def test_the_help_key_puts_the_emergency_number_first(content: Path, tmp_path: Path) -> None:
    app, lines = line_app(content, tmp_path / "data")
    async with app.run_test(size=(40, 20)) as pilot:
        await started(pilot, lines)
        await lines.after(pilot, "down", "enter", expect="Opened")
        for key in ("c", "f2"):
            new = await lines.after(pilot, key, expect="Help contacts")
            assert said(new).index("999") < 150 and said(new).count("999") == 1, new


async def test_search_is_a_prompt_line_with_the_count_not_the_list(
    content: Path, tmp_path: Path
) -> None:
    app, lines = line_app(content, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, lines)
        new = await lines.after(pilot, "slash", expect="Search: ")
        assert said(new).startswith("Search: type what you are looking for")
        assert new[-1] == "Search: "  # the prompt, the cursor after it
        new = await lines.after(pilot, *"worry", expect='for "worry"')
        # The letters on the prompt's line; the count once typing paused, then the
        # prompt again with what was typed (as a shell after a message).
        assert new == [
            "Search: worry",
            '1 article for "worry". Down moves to it.',
            "Search: worry",
        ], new
        assert "Worry basics" not in lines.text  # the results are not printed while typing
        new = await lines.after(pilot, "backspace", "backspace", expect='for "wor"')
        assert new[0] == "Search: wor", new
        new = await lines.after(pilot, "down", expect="Worry basics")
        assert new == ["Worry basics, in Worry"], new
        new = await lines.after(pilot, "enter", expect="Opened")
        assert said(new).count("Opened Worry basics") == 1, new


async def test_enter_with_nothing_found_says_so(content: Path, tmp_path: Path) -> None:
    app, lines = line_app(content, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, lines)
        await lines.after(pilot, "slash", expect="Search: ")
        await lines.after(pilot, *"qzx", expect='No articles for "qzx"')
        new = await lines.after(pilot, "enter", expect="No articles to open")
        assert said(new).startswith("No articles to open. Type other words"), new
        # Enter in an empty field goes back, a plain key for Escape.
        await lines.after(pilot, *["backspace"] * 3, expect="Search: ")
        await lines.after(pilot, "enter", expect="Sleep")
        assert app.screen is app.main


async def test_a_whole_list_on_one_key(content: Path, tmp_path: Path) -> None:
    app, lines = line_app(content, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, lines)
        await lines.after(pilot, "c", expect="Help contacts")
        items = [item.text for item in app.main.query_one("#contacts").items]
        new = await lines.after(pilot, "a", expect=items[-1])
        assert new == items and len(new) > 3


async def test_m_switches_to_the_full_screen_and_back(content: Path, tmp_path: Path) -> None:
    app, lines = line_app(content, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, lines)
        await pilot.press("m")
        await settled(pilot)
        assert not app.line_mode and not app.screen_reader and app.speaker.printer is None
        printed = lines.text
        await pilot.press("down")
        await settled(pilot)
        assert lines.text == printed  # nothing printed in the full screen
        new = await lines.after(pilot, "m", expect="Every kind")
        assert app.line_mode and said(new).startswith("reader: mental-health information")
        assert said(new).endswith(
            "m: full screen. Topics: 5 items, Every kind of block (article) selected."
        ), new


async def test_a_kiosk_prints_the_idle_question_once_and_forgets_the_visit(
    content: Path, tmp_path: Path
) -> None:
    app, lines = line_app(content, tmp_path / "data", enabled=True, idle_timeout=600, countdown=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, lines)
        await lines.after(pilot, "slash", expect="Search: ")
        await lines.after(pilot, *"worry", expect='for "worry"')
        app.visitor_clock.ring()
        new = await lines.after(pilot, expect="Still reading?")
        assert said(new).startswith("Still reading?") and isinstance(app.screen, IdleWarning)
        end = time.monotonic() + DEADLINE
        while isinstance(app.screen, IdleWarning) and time.monotonic() < end:
            await pilot.pause(0.05)
        await settled(pilot)
        text = lines.text
        assert text.count("Still reading?") == 1  # not again at each second of the countdown
        # The terminal and its scrollback cleared, then the start again.
        after = text.rsplit("\x1b[3J", 1)
        assert len(after) == 2 and "worry" not in after[1], after[-1]
        assert "Topics:" in after[1] and "c: get help now" in after[1]


@pytest.mark.parametrize("size", [(100, 30), (40, 20)])
async def test_no_word_is_cut_at_any_width(content: Path, tmp_path: Path, size) -> None:
    app, lines = line_app(content, tmp_path / "data")
    async with app.run_test(size=size) as pilot:
        await started(pilot, lines)
        new = await lines.after(pilot, "down", "enter", expect="")
        width = size[0]
        assert all(len(row) <= width for row in lines.lines())
        # Every word whole: the rows, read as one, are the words as the reader has them.
        assert said(new).startswith(
            "Topics: Every kind of block (article) Opened Every kind of block, 5 sections, "
        ), new


async def test_a_closing_screen_with_messages_waiting_does_not_stop_the_words(
    content: Path, tmp_path: Path
) -> None:
    """A screen that is closing refuses callbacks while its queue still holds messages
    (the idle question closing at the end of a countdown): the words go all the same."""
    app, lines = line_app(content, tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await started(pilot, lines)
        speaker, screen = app.speaker, app.screen
        speaker._statuses.append("Closing words.")
        speaker._schedule()
        screen._message_queue.put_nowait(events.Callback(callback=lambda: None))
        screen._closing = True  # post_message refuses from here on, as while it closes
        try:
            speaker._when_settled()
        finally:
            screen._closing = False
        assert speaker._handle is None  # flushed, not waiting for a callback that never comes
        assert said(lines.lines()[-1:]).startswith("Closing words."), lines.lines()[-3:]
