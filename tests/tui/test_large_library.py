"""A library of hundreds of articles starts with its topics closed; a small one, open."""

from __future__ import annotations

from pathlib import Path

from helpers import MakeApp

from reader.tui.panes import EXPANDED_LIMIT, TopicsPane

FRONT = (
    "---\ntitle: Article number {n}\ntopic: {topic}\nsummary: S.\nkeywords: [x]\n"
    "last_reviewed: 2026-01-01\nnext_review: 2099-01-01\nreviewed_by: Nobody.\n"
    "sources: ['S.']\n---\nWords.\n"
)


def rows(pane: TopicsPane) -> list[str]:
    return [item.text for item in pane.items]


async def test_a_small_library_starts_with_every_topic_open(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)):
        topics = app.screen.query_one(TopicsPane)
        assert not topics.collapsed
        assert any("(article" in row for row in rows(topics))


async def test_a_large_library_starts_closed_and_a_topic_opens_with_right(
    make_app: MakeApp, content: Path
) -> None:
    for n in range(EXPANDED_LIMIT + 1):
        topic = "sleep" if n % 2 else "worry"
        (content / f"many-{n}.md").write_text(FRONT.format(n=n, topic=topic))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        topics = app.screen.query_one(TopicsPane)
        assert all("(topic," in row and "collapsed" in row for row in rows(topics))
        await pilot.press("right")  # the first topic opens: its articles follow it
        assert "expanded" in rows(topics)[0] and "(article" in rows(topics)[1]
        app.screen.reset()  # the next visitor (a kiosk) finds it closed again
        await pilot.pause()
        assert all("collapsed" in row for row in rows(topics))
