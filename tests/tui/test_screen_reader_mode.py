"""Pilot tests of switching screen-reader mode with F4, and of it being remembered."""

from __future__ import annotations

from pathlib import Path

from reader.library.loader import load_library
from reader.library.settings import Settings
from reader.tui.item_list import ItemList
from reader.tui.run import build_app


def settings(content: Path, screen_reader: bool = False) -> Settings:
    """Settings for a reader on the test content, with a data folder of its own."""
    return Settings(
        articles=content,
        data_dir=content.parent / "data",
        region="GB",
        config_file=None,
        screen_reader=screen_reader,
    )


async def test_f4_switches_the_layout_anywhere_and_is_remembered(content: Path) -> None:
    app = build_app(settings(content), load_library(content))
    async with app.run_test(size=(120, 30)) as pilot:
        main = app.main
        assert not main.has_class("-narrow")  # three panes side by side
        await pilot.press("question_mark")  # F4 works in a dialog too
        await pilot.press("f4")
        assert app.screen_reader and main.has_class("-narrow")
        await pilot.press("escape")
        assert str(main.query_one("#pane-name").render()).startswith("Topics, 2 topics")
        topics = main.query_one("#topics", ItemList)
        assert topics.reading and not main.query_one("#contacts").display
    app.store.close()

    again = build_app(settings(content), load_library(content))
    async with again.run_test(size=(120, 30)) as pilot:
        assert again.screen_reader  # F4's choice, remembered
        await pilot.press("f4")
        assert not again.screen_reader and not again.main.has_class("-narrow")
    again.store.close()


async def test_reading_rows_are_stops_and_the_mark_is_the_only_highlight(content: Path) -> None:
    app = build_app(settings(content, screen_reader=True), load_library(content))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")  # help contacts: a row at a time
        contacts = app.main.query_one("#contacts", ItemList)
        first = contacts.highlighted
        await pilot.press("down")
        assert contacts.highlighted == first  # the same contact's next row
        assert str(app.main.query_one("#status").render()).startswith("Help contacts: ")
        row = contacts.render_line(contacts.cursor_offset().y)
        plain = contacts.render_line(contacts.cursor_offset().y + 1)
        assert row.text.startswith("> ") and not plain.text.startswith(">")
        # Same colours as an unmarked row: the mark, not a restyled row, shows the cursor.
        assert {s.style.bgcolor for s in row} == {s.style.bgcolor for s in plain}
    app.store.close()


async def test_the_status_line_shows_every_word_at_forty_columns(content: Path) -> None:
    """One pane at a time: the status line takes the rows its words need, none cut."""
    app = build_app(settings(content), load_library(content))
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press("down", "enter")  # "Opened …, N sections, line 1 of …"
        await pilot.pause()
        status = app.main.query_one("#status")
        said = " ".join(str(status.render()).split())
        assert len(said) > 38  # more than one row's worth
        rows = app.screen._compositor.render_strips()
        region = status.region
        shown = " ".join(" ".join(strip.text for strip in rows[region.y : region.bottom]).split())
        assert said in shown, (said, shown)
    app.store.close()
