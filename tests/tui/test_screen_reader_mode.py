"""Pilot tests of switching screen-reader mode with F4, and of it being remembered."""

from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.mark.parametrize(("size", "keys"), [((40, 20), ("down", "enter")), ((100, 30), ())])
async def test_the_status_line_and_title_show_every_word(
    content: Path, size: tuple[int, int], keys: tuple[str, ...]
) -> None:
    """The status line and the title bar take the rows their words need, none cut (at
    100 columns the welcome's "F2: get help now. ?: keys." was cut after "F2: get")."""
    app = build_app(settings(content), load_library(content))
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)  # 40 columns: "Opened …, N sections, line 1 of …"
        await pilot.pause()
        rows = app.screen._compositor.render_strips()
        for widget in ("#status", "#title-bar"):
            status = app.main.query_one(widget)
            said = " ".join(str(status.render()).split())
            region = status.region
            shown = " ".join(
                " ".join(strip.text for strip in rows[region.y : region.bottom]).split()
            )
            assert said in shown, (said, shown)
        assert len(" ".join(str(app.main.query_one("#status").render()).split())) > size[0] - 2
    app.store.close()
