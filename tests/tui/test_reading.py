"""Pilot tests: every key path of the main screen and the article view."""

from __future__ import annotations

from pathlib import Path

from helpers import MakeApp

from reader.library.bookmarks import BookmarkStore
from reader.tui.article_view import ArticleView
from reader.tui.item_list import ItemList
from reader.tui.main_screen import MainScreen
from reader.tui.panes import ContactsPane, TopicsPane
from reader.tui.screens.dialogs import ConfirmLink
from reader.tui.screens.lists import ContentsScreen, HelpScreen


def status(app: object) -> str:
    return str(app.screen.query_one("#status").render())  # type: ignore[attr-defined]


def write_huge(content: Path, body: str) -> None:
    """A long article, huge.md, of ``body`` (long enough to open on its start)."""
    (content / "huge.md").write_text(
        "---\ntitle: Huge\ntopic: sleep\nsummary: Long.\nkeywords: [x]\n"
        "last_reviewed: 2026-01-01\nnext_review: 2099-01-01\nreviewed_by: Nobody.\n"
        f"sources: ['S.']\n---\n{body}\n"
    )


def reading_line(view: ArticleView) -> str:
    return view.lines[view.cursor].text


async def test_start_focuses_topics_and_enter_opens_an_article(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        topics = app.screen.query_one(TopicsPane)
        assert app.focused is topics
        assert topics.current is not None and topics.current.data == ("topic", "sleep")
        await pilot.press("down")  # the first article of the first topic
        assert topics.current.data[0] == "article"
        slug = topics.current.data[1]
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        assert app.focused is view
        assert view.article is not None and view.article.slug == slug
        assert view.article.title in str(app.screen.query_one("#title-bar").render())
        assert status(app).startswith(f"Opened {view.article.title}")
        assert topics.current.text.endswith("(article, open)")


async def test_topics_collapse_and_expand(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        topics = app.screen.query_one(TopicsPane)
        count = len(topics.items)
        await pilot.press("left")
        assert len(topics.items) < count and "[+]" in topics.current.lines[0].plain
        await pilot.press("right")
        assert len(topics.items) == count
        await pilot.press("enter")  # Enter on a topic toggles it too
        assert len(topics.items) < count


async def test_line_page_and_edge_keys_move_the_reading_cursor(make_app: MakeApp) -> None:
    app = make_app("long")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        assert view.cursor == 0 and reading_line(view) == "## Section 1"
        await pilot.press("down")  # the blank line after the heading is skipped
        assert reading_line(view).startswith("Sentence 1.0 of the long article.")
        await pilot.press("j")
        assert view.cursor == 3 and "Sentence 1." in reading_line(view)
        await pilot.press("up")
        assert view.cursor == 2
        await pilot.press("pagedown")
        page = view.scrollable_content_region.height - 1
        assert view.cursor in (2 + page, 3 + page)  # a blank line there is skipped
        assert view.scroll_y > 0
        await pilot.press("pageup")
        assert view.cursor <= 3
        await pilot.press("end")
        assert view.complete and view.cursor == len(view.lines) - 1
        assert view.scroll_y + view.scrollable_content_region.height >= len(view.lines)
        await pilot.press("home")
        assert view.cursor == 0 and view.scroll_y == 0


async def test_headings_next_and_previous(make_app: MakeApp) -> None:
    app = make_app("long")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("h")
        assert reading_line(view) == "## Section 2"  # line 0 is Section 1's heading
        await pilot.press("right_square_bracket")
        assert reading_line(view) == "## Section 3"
        await pilot.press("H")
        assert reading_line(view) == "## Section 2"
        assert status(app) == "Heading: Section 2"
        await pilot.press("end", "h")
        assert status(app) == "No more headings"
        assert not any("Scroll" in b.description for b in ArticleView.BINDINGS)


async def test_links_are_reached_and_followed_by_keyboard(make_app: MakeApp) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("l")
        assert status(app) == "Link: link to a section (#a-table)"
        await pilot.press("enter")  # an anchor in this article
        assert reading_line(view) == "## A table"
        await pilot.press("backspace")
        assert "link to a section" in reading_line(view)
        await pilot.press("l", "l")
        assert status(app).startswith("Link: the other article (worry-basics.md)")
        await pilot.press("enter")  # another article
        assert view.article is not None and view.article.slug == "worry-basics"
        await pilot.press("backspace")
        assert view.article.slug == "all-blocks"
        await pilot.press("L")
        assert status(app).startswith("Link: link to a section")


async def test_a_link_to_a_heading_in_another_article(make_app: MakeApp) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("l", "l", "l", "enter")
        assert view.article is not None and view.article.slug == "worry-basics"
        assert reading_line(view) == "## What helps"


async def test_external_links_open_only_after_a_yes(make_app: MakeApp, monkeypatch) -> None:
    app = make_app("all-blocks")
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l", "l", "l", "l")
        assert "https://example.org/page" in status(app)
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmLink)
        await pilot.press("n")
        assert opened == [] and status(app) == "The link was not opened."
        await pilot.press("enter", "y")
        assert opened == ["https://example.org/page"]


async def test_table_of_contents_jumps_to_a_heading(make_app: MakeApp) -> None:
    app = make_app("long")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("t")
        assert isinstance(app.screen, ContentsScreen)
        await pilot.press("down", "down", "down", "enter")
        assert isinstance(app.screen, MainScreen)
        assert reading_line(view) == "## Section 4"
        assert app.focused is view


async def test_about_jumps_to_the_review_dates_and_sources(make_app: MakeApp) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("i")
        assert reading_line(view) == "## About this article"
        view.ensure_complete()
        texts = [line.text for line in view.lines[view.cursor :]]
        assert "Next review due 1 January 2099" in " ".join(texts)
        assert any(t.startswith("1. Author A.") for t in texts)


async def test_overdue_review_is_shown_in_words(make_app: MakeApp) -> None:
    app = make_app("old-advice")
    async with app.run_test(size=(100, 30)):
        assert "REVIEW OVERDUE" in str(app.screen.query_one("#title-bar").render())
        view = app.screen.query_one(ArticleView)
        view.ensure_complete()
        assert any("Warning: review overdue." in line.text for line in view.lines)


async def test_get_help_now_from_anywhere(make_app: MakeApp) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        contacts = app.screen_stack[0].query_one(ContactsPane)
        for opener in ("t", "question_mark", "B"):
            await pilot.press("2", opener)
            assert not isinstance(app.screen, MainScreen)
            await pilot.press("f2")
            assert isinstance(app.screen, MainScreen)
            assert app.focused is contacts
            assert contacts.current is not None and contacts.current.data.emergency
            assert status(app) == "Help contacts: 4 items, Emergency, phone 999 selected."
        await pilot.press("2", "c")
        assert app.focused is contacts


async def test_contacts_follow_the_open_articles_topic(make_app: MakeApp) -> None:
    app = make_app("worry-basics")
    async with app.run_test(size=(100, 30)) as pilot:
        contacts = app.screen.query_one(ContactsPane)
        ids = [item.data.id for item in contacts.items if item.selectable]
        assert ids == ["gb-emergency", "gb-line", "gb-advice", "intl-directory"]
        app.screen.open_article("all-blocks")  # topic: sleep
        await pilot.pause()
        ids = [item.data.id for item in contacts.items if item.selectable]
        assert ids == ["gb-emergency", "gb-advice", "gb-line", "intl-directory"]


async def test_pane_keys_and_tab(make_app: MakeApp) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await pilot.press("1")
        assert app.focused is screen.query_one(TopicsPane)
        await pilot.press("3")
        assert app.focused is screen.query_one(ContactsPane)
        await pilot.press("2")
        assert app.focused is screen.query_one(ArticleView)
        await pilot.press("tab")
        assert app.focused is screen.query_one(ContactsPane)
        assert "(active)" in str(screen.query_one("#contacts").border_title)


async def test_narrow_terminals_show_one_pane_at_a_time(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        screen = app.screen

        def visible() -> list[str]:
            panes = ("topics", "article", "contacts")
            return [p for p in panes if screen.query_one(f"#{p}").display]

        assert screen.has_class("-narrow") and visible() == ["topics"]
        await pilot.press("down", "enter")
        assert visible() == ["article"]
        await pilot.press("f2")
        assert visible() == ["contacts"]
        await pilot.press("1")
        assert visible() == ["topics"]
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not screen.has_class("-narrow") and len(visible()) == 3


async def test_resize_keeps_the_reading_cursor_on_the_same_words(make_app: MakeApp) -> None:
    app = make_app("long")
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("h", "h", "down", "down", "down")
        words = reading_line(view).split()[:2]
        before = view.place
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        assert view.text_width() < 80
        assert view.place.block == before.block
        assert reading_line(view).split()[0] in words or words[0] in reading_line(view)


async def test_help_lists_every_binding_from_the_bindings(make_app: MakeApp) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        texts = [item.text for item in app.screen.query_one(ItemList).items]
        for description in (
            "Next heading: h, ]",
            "Next link: l",
            "Bookmark: b",
            "Get help now: F2, c",
            "Contents: t",
            "Topics: 1",
            "Quit: ctrl+q, q",
            "Previous link: L",
            "Follow link: Enter",
            "Back: Backspace",
        ):
            assert description in texts, (description, texts)
        # Every binding with a description on the article view is listed.
        for binding in ArticleView.BINDINGS:
            assert any(text.startswith(binding.description + ":") for text in texts)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_theme_switch_is_remembered(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "reader-dark"
        await pilot.pause()
        await pilot.press("ctrl+t")
        assert app.theme == "reader-light"
        assert status(app) == "Theme: light."
        await pilot.press("q")
    again = make_app()
    async with again.run_test(size=(100, 30)):
        assert again.theme == "reader-light"


async def test_position_is_saved_and_restored_across_runs(
    make_app: MakeApp, store_path: Path
) -> None:
    app = make_app("long")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h", "h", "h", "down", "down")
        place = app.screen.query_one(ArticleView).place
        text = reading_line(app.screen.query_one(ArticleView))
        await pilot.press("q")
    assert BookmarkStore.open(store_path).position("long") == place
    again = make_app("long")
    async with again.run_test(size=(100, 30)):
        view = again.screen.query_one(ArticleView)
        assert view.place == place and reading_line(view) == text


async def test_a_refused_link_says_why(make_app: MakeApp, content: Path) -> None:
    (content / "bad-link.md").write_text(
        (content / "worry-basics.md").read_text().replace("all-blocks.md", "../../etc/passwd")
    )
    app = make_app("bad-link")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l", "enter")
        assert status(app) == (
            "This link is not followed: the link leads outside the content folder."
        )
        assert app.screen.query_one(ArticleView).article.slug == "bad-link"


async def test_a_find_mark_never_splits_a_grapheme(make_app: MakeApp, content: Path) -> None:
    (content / "hearts.md").write_text(
        "---\ntitle: Hearts\ntopic: sleep\nsummary: Emoji.\nkeywords: [x]\n"
        "last_reviewed: 2026-01-01\nnext_review: 2099-01-01\nreviewed_by: Nobody.\n"
        "sources: ['S.']\n---\nI ❤️ sleep and café.\n"
    )
    app = make_app("hearts")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        view.find("❤")  # the heart without its variation selector
        await pilot.pause()
        line = next(i for i, line in enumerate(view.lines) if "❤" in line.text)
        texts = [segment.text for segment in view.render_line(line - int(view.scroll_y))]
        assert "❤\ufe0f" in "".join(texts)
        # The mark covers the whole grapheme, never the heart without its selector.
        assert not any(text.endswith("❤") for text in texts), texts


async def test_a_long_article_opens_on_its_start_then_takes_the_whole(
    make_app: MakeApp, content: Path
) -> None:
    body = "\n\n".join(f"## Part {n}\n\n" + f"Words of part {n}. " * 40 for n in range(400))
    write_huge(content, body)
    app = make_app("huge")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        status = str(app.screen.query_one("#status").render())
        assert not view.whole and "line 1 of about" in status
        for _ in range(100):  # its start first (quick), then the whole from a worker
            await pilot.pause(0.05)
            if view.whole:
                break
        assert view.whole and len(view.doc.headings) >= 400
        assert view.summary == f"Huge, {len(view.doc.headings)} sections"
        # Nothing in view changed: nothing is said again.
        assert str(app.screen.query_one("#status").render()) == status
        await pilot.press("end")
        assert "Reviewed by" in " ".join(line.text for line in view.lines[-12:])


async def test_end_before_the_whole_is_parsed_shows_the_end_alone(
    make_app: MakeApp, content: Path, monkeypatch
) -> None:
    from reader.tui.whole_article import WholeArticle

    monkeypatch.setattr(WholeArticle, "later", lambda self, slug: None)  # never arrives
    body = "\n\n".join(f"Paragraph {n}. " * 30 for n in range(800))
    write_huge(content, body)
    app = make_app("huge")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        assert not view.whole
        await pilot.press("end")
        # The end, parsed alone: the whole article is still not needed.
        assert not view.whole and view.cursor == len(view.lines) - 1
        end = reading_line(view)
        assert "Paragraph 799." in " ".join(line.text for line in view.lines)
        assert "line about" in view.position_text
        await pilot.press("home")
        assert not view.whole and reading_line(view).startswith("Paragraph 0.")
        await pilot.press("end", "up")
        last = reading_line(view)
        view.move_to(0)
        first = reading_line(view)
        assert not view.whole
        await pilot.press("up")  # up past the top of the end: the whole is taken
        assert reading_line(view) != first and first in (
            line.text for line in view.lines[view.cursor : view.cursor + 3]
        )
        assert view.whole and view.complete
        await pilot.press("end")
        assert reading_line(view) == end and "line about" not in view.position_text
        assert last in (line.text for line in view.lines[-6:])


async def test_a_place_read_at_the_end_is_the_same_words_once_the_whole_arrives(
    make_app: MakeApp, content: Path, store_path: Path, monkeypatch
) -> None:
    from reader.tui.whole_article import WholeArticle

    monkeypatch.setattr(WholeArticle, "later", lambda self, slug: None)
    body = "\n\n".join(f"## Part {n}\n\n" + "Words. " * 40 for n in range(900))
    write_huge(content, body)
    app = make_app("huge")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("end", *["H"] * 4)
        heading = reading_line(view)
        assert not view.whole and heading.endswith(("Part 898", "Part 897"))
        view.ensure_whole()  # as the worker's parse would arrive
        await pilot.pause()
        assert view.whole and reading_line(view) == heading
        assert heading.endswith(view.doc.headings[view.lines[view.cursor].heading].text)
        place = view.place
        await pilot.press("q")
    assert BookmarkStore.open(store_path).position("huge") == place  # saved once known


async def test_cached_rows_follow_bookmarks_find_and_theme(make_app: MakeApp) -> None:
    from reader.library.places import Place

    app = make_app("worry-basics")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        row = next(i for i, line in enumerate(view.lines) if line.kind == "text")
        line = view.lines[row]
        y = row - int(view.scroll_y)
        first = view.render_line(y)
        assert view.render_line(y) is first  # cached
        view.set_bookmarks({Place(line.block, line.offset)})
        assert view.render_line(y).text[1] == "*"  # the bookmark mark, not the cached row
        word = line.text.split()[0]
        view.find(word)
        await pilot.pause()
        y = row - int(view.scroll_y)
        assert any(s.style and s.style.reverse for s in view.render_line(y) if word in s.text)
        before = view.render_line(y)
        await pilot.press("ctrl+t")  # another theme: other colours
        await pilot.pause()
        assert view.render_line(y) is not before


def huge_with_links(content: Path) -> None:
    """A long article of parts, each with a link back to its first part."""
    body = "\n\n".join(
        f"## Part {n}\n\nWords of part {n}, and [the first part](#part-0). " + "More. " * 30
        for n in range(900)
    )
    write_huge(content, body)


async def test_at_the_end_alone_links_marks_and_the_way_back_are_the_whole_articles(
    make_app: MakeApp, content: Path, store_path: Path, monkeypatch
) -> None:
    from reader.library.places import Place
    from reader.tui.whole_article import WholeArticle

    monkeypatch.setattr(WholeArticle, "later", lambda self, slug: None)  # never arrives
    huge_with_links(content)
    app = make_app("huge")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        view.set_bookmarks({Place(3, 0), Place(5, 0)})  # near the top of the whole
        await pilot.press("end")
        view.move_to(0)  # the top of the end shown alone: its own blocks 3 and 5
        await pilot.pause()
        assert not view.whole and view.lines[view.cursor].block <= 1
        # No mark is drawn on the end's own block 3 or 5.
        assert not any(view.render_line(y).text[1] == "*" for y in range(view.size.height))
        await pilot.press("end", "L")  # the last link: Enter goes to part 0, Backspace comes back
        assert view.selected_link is not None and not view.whole
        came_from = reading_line(view)
        await pilot.press("enter")
        assert view.whole and reading_line(view).endswith("Part 0")
        await pilot.press("backspace")
        assert reading_line(view) == came_from
        # Home from the end shown alone saves the top as the place read.
    again = make_app("huge")
    async with again.run_test(size=(100, 30)) as pilot:
        view = again.screen.query_one(ArticleView)
        await pilot.press("end", "home")
        assert view.cursor == 0 and reading_line(view).endswith("Part 0")
        await pilot.press("q")
    assert BookmarkStore.open(store_path).position("huge") == Place(0, 0)


async def test_previous_link_above_the_end_takes_the_whole(
    make_app: MakeApp, content: Path, monkeypatch
) -> None:
    from reader.tui.whole_article import WholeArticle

    monkeypatch.setattr(WholeArticle, "later", lambda self, slug: None)
    huge_with_links(content)
    app = make_app("huge")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("end")
        view.move_to(0)
        await pilot.press("L")
        assert view.whole and view.selected_link is not None
        assert "No earlier link" not in str(app.screen.query_one("#status").render())
