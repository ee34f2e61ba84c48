"""Giant articles and stale positions in the full-screen reader."""

from __future__ import annotations

from pathlib import Path

from helpers import MakeApp

from reader.library.bookmarks import BookmarkStore, Place
from reader.tui.article_view import ArticleView


async def test_a_ten_megabyte_article_opens_cut_with_a_notice(
    make_app: MakeApp, content: Path
) -> None:
    paragraph = "A long line of words that goes on and on. " * 20 + "\n\n"
    (content / "huge.md").write_text(
        (content / "worry-basics.md").read_text().replace("Worry is common.", paragraph * 12_500)
    )
    assert (content / "huge.md").stat().st_size > 10_000_000
    app = make_app("huge")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        assert view.lines and view.lines[0].text.startswith("A long line")
        await pilot.press("end")
        texts = [line.text for line in view.lines[-60:]]
        assert any("too long to show in full" in text for text in texts)


async def test_a_position_past_the_end_of_a_changed_article_is_clamped(
    make_app: MakeApp, store_path: Path
) -> None:
    store = BookmarkStore.open(store_path)
    store.set_position("worry-basics", Place(9_999, 50))
    store.close()
    app = make_app("worry-basics")
    async with app.run_test(size=(100, 30)):
        view = app.screen.query_one(ArticleView)
        assert 0 <= view.cursor < len(view.lines)
        assert view.lines[view.cursor].text.strip()
