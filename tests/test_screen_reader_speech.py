"""What a real screen reader says: the reader under tdsr, judged by the words spoken.

tdsr reads the whole row at the terminal cursor after an arrow key, and the
newly drawn text after any other key. These tests run it with a 200 ms cursor
delay, so that they judge words, not speed (benchmarks/keys.py measures speed).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import REPO
from screen_reader import ScreenReader

from reader.document.layout import LayoutOptions, iter_block_lines
from reader.library.loader import load_library
from reader.tui.panes import contact_item

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="tdsr needs a Linux pty")

ARTICLES = REPO / "articles"
SLUG = "understanding-depression"
SIZES = [(100, 30), (40, 20)]


def topic_rows() -> list[str]:
    """The topic list's items, as read: topics with state and count, full article titles."""
    library = load_library(ARTICLES)
    rows = []
    for topic in library.topics:
        articles = library.articles_in(topic.id)
        plural = "" if len(articles) == 1 else "s"
        rows.append(f"- {topic.title} (topic, {len(articles)} article{plural}, expanded)")
        rows.extend(f"{article.title} (article)" for article in articles)
    return rows


def article_text(slug: str) -> str:
    """The article as the view lays it out, on one line."""
    doc = load_library(ARTICLES).document(slug)
    lines = iter_block_lines(doc, LayoutOptions(width=5000, screen_reader=True))
    return " ".join(" ".join(line.text for block in lines for line in block).split())


def go_to(sr: ScreenReader, words: str) -> None:
    """Down until the cursor's row starts with ``words``."""
    for _ in range(40):
        x, y = sr.cursor
        if sr.rows[y][x:].startswith(words):
            return
        sr.press("down")
    raise AssertionError(f"{words!r} never reached")


def cursor_words(said: list[str]) -> str:
    """The one row spoken after an arrow key, without the margin mark."""
    assert len(said) == 1, said
    assert said[0].startswith(">"), said
    return said[0][1:].strip()


@pytest.fixture
def reader_under_tdsr(tmp_path: Path) -> Iterator:
    """Start the reader under tdsr: ``start(*args, cols=, rows=)``."""
    started: list[ScreenReader] = []

    def start(*args: str, cols: int = 100, rows: int = 30) -> ScreenReader:
        home = tmp_path / f"home{len(started)}"
        home.mkdir()
        sr = ScreenReader(
            "--articles", str(ARTICLES), "--region", "NO", *args, home=home, cols=cols, rows=rows
        )
        started.append(sr)
        return sr

    yield start
    for sr in started:
        sr.close()


@pytest.mark.parametrize(("cols", "rows"), SIZES)
def test_down_in_topics_speaks_each_item_whole_and_nothing_else(reader_under_tdsr, cols, rows):
    sr = reader_under_tdsr("--screen-reader=panes", cols=cols, rows=rows)
    expected = topic_rows()
    # An item too long for one row is read a row at a time: the pieces, in order,
    # make the item, and no piece holds words of another item or pane.
    sr.press("home")
    x, y = sr.cursor
    item, heard = 0, sr.rows[y][x:].strip()  # the first row
    while True:
        assert expected[item].startswith(heard), (expected[item], heard)
        if heard == expected[item]:
            item, heard = item + 1, ""
            if item == len(expected):
                break
        words = cursor_words(sr.press("down"))
        heard = f"{heard} {words}".strip()


def test_left_and_right_speak_the_new_state(reader_under_tdsr):
    sr = reader_under_tdsr("--screen-reader=panes")
    assert sr.press("left") == ["letter +"]  # collapsed
    assert sr.press("right") == ["letter -"]  # expanded


def test_j_and_k_speak_the_item_from_the_status_line(reader_under_tdsr):
    sr = reader_under_tdsr("--screen-reader=panes")
    said = " ".join(sr.press("j"))
    # j is no cursor key to tdsr: it reads what was drawn, the mark and the status.
    assert f"Topics: {topic_rows()[1]}" in said
    assert "Phone" not in said and "Article" not in said


@pytest.mark.parametrize(("cols", "rows"), SIZES)
def test_down_in_an_article_speaks_the_next_line_of_the_article(reader_under_tdsr, cols, rows):
    sr = reader_under_tdsr("--screen-reader=panes", "--open", SLUG, cols=cols, rows=rows)
    text = article_text(SLUG)
    place = 0
    for _ in range(rows + 5):  # past the first screen too
        before = [row.strip() for row in sr.rows]
        words = cursor_words(sr.press("down")).lstrip("> ")  # a quote's own marks
        x, y = sr.cursor
        line = sr.rows[y][x:].strip().lstrip("> ")  # the reading line, drawn whole
        found = text.find(line, place)
        assert found >= place, f"{line!r} is not the article's next line"
        place = found + 1
        if words != line:
            # A scroll redraws every row; when tdsr reads the frame in two parts while
            # the reading line is half drawn, it says the new start and the old end of
            # that row. Nothing else may be said: no other line, pane or stray words.
            start = next((n for n in range(len(words), 0, -1) if line.startswith(words[:n])), 0)
            rest = words[start:].strip()
            assert start >= len(words) // 3, (words, line)
            assert rest and any(row.endswith(rest) for row in before), (words, line)


def test_h_to_a_heading_on_screen_speaks_the_heading_and_status_only(reader_under_tdsr):
    sr = reader_under_tdsr("--screen-reader=panes", "--open", SLUG)
    # The moved margin mark, drawn in the same frame, may be said first ("greater").
    said = [words.removeprefix(">").strip() for words in sr.press("h")]
    assert [words for words in said if words] == ["Heading: What depression is"], said


@pytest.mark.parametrize(("cols", "rows"), SIZES)
def test_f2_speaks_the_emergency_number_first_from_every_screen(reader_under_tdsr, cols, rows):
    sr = reader_under_tdsr("--screen-reader=panes", cols=cols, rows=rows)
    for keys in ([], ["2"], ["?"], ["B"], ["/"]):
        for key in keys:
            sr.press(key)
        spoken = " ".join(" ".join(sr.press("f2")).split())  # a row's padding is not said
        assert "113" in spoken[:300], (keys, spoken[:400])
        sr.press("1")


def test_opening_an_article_narrow_speaks_only_its_final_layout(reader_under_tdsr):
    sr = reader_under_tdsr("--screen-reader=panes", cols=40, rows=20)
    go_to(sr, "If you are having")
    before = [row.strip() for row in sr.rows]
    said = sr.press("enter")
    after = [row.strip() for row in sr.rows]
    # tdsr runs rows drawn on one pass together, and a row that arrives in two reads
    # is said in two parts: every piece is (part of) a row on one of the two screens.
    pieces = [piece for words in said for piece in re.split(r"\s{3,}", words)]
    strays = [p for p in pieces if not any(p in row for row in before + after)]
    assert not strays, strays
    assert said[0].startswith("If you are having"), said[:2]  # the title bar first


def test_a_crisis_phrase_in_search_speaks_the_emergency_number_first(reader_under_tdsr):
    sr = reader_under_tdsr("--screen-reader=panes")
    sr.press("/")
    sr.type("I want to di")
    spoken = " ".join(sr.press("e"))
    numbers = re.findall(r"\d[\d ]+\d", spoken)
    assert numbers and numbers[0] == "113", spoken[:400]


def test_the_first_line_at_start_names_the_screen_reader_key(reader_under_tdsr):
    sr = reader_under_tdsr()  # screen-reader mode off
    first = next(words for words in sr.start_speech if not words.startswith("tdsr"))
    assert first.startswith("F4: screen-reader mode"), first
    # pyte (tdsr's screen) prints the "u" of the kitty-keyboard reset a real terminal takes.
    said = " ".join(sr.press("f4")).removeprefix("u ")
    # Line mode: its first line, the keys that help, then where the reader is.
    assert said.startswith("reader: mental-health information, in line mode. c: get help now.")
    assert "Topics" in said and "┃" not in said


@pytest.mark.parametrize(("cols", "rows"), SIZES)
def test_braille_window_at_the_cursor_starts_with_the_item(reader_under_tdsr, cols, rows):
    """BRLTTY shows about 40 cells from the cursor: they must hold the item's first words."""
    sr = reader_under_tdsr("--screen-reader=panes", cols=cols, rows=rows)

    def window() -> str:
        x, y = sr.cursor
        return sr.rows[y][x : x + 40].strip()

    go_to(sr, "If you are having")
    assert window().startswith("If you are having thoughts")
    sr.press("f2")
    assert window() == "Emergency (medical), phone 113"
    sr.press("1")
    sr.press("enter")
    sr.press("down")
    assert window() and window()[:20] in article_text("thoughts-of-suicide")


def walk(sr: ScreenReader, items: list[str], presses: int) -> None:
    """Down ``presses`` times: each row spoken is part of one of ``items``, in order."""
    item = 0
    for _ in range(presses):
        words = cursor_words(sr.press("down"))
        while item < len(items) and words not in items[item]:
            item += 1
        assert item < len(items), f"{words!r} is no row of the next items"


@pytest.mark.parametrize(("cols", "rows"), SIZES)
def test_down_in_contacts_speaks_a_contact_row_by_row(reader_under_tdsr, cols, rows):
    sr = reader_under_tdsr("--screen-reader=panes", cols=cols, rows=rows)
    sr.press("3")
    library = load_library(ARTICLES)
    contacts = [c for g in library.contacts.select("NO") for c in g.contacts]
    words = [" ".join(line.plain for line in contact_item(c).reading_lines()) for c in contacts]
    # Name and number first, on the row Down lands on.
    assert words[0].startswith("Emergency (medical), phone 113")
    walk(sr, words, 12)


def test_down_in_bookmarks_and_search_results_speaks_the_item(reader_under_tdsr):
    sr = reader_under_tdsr("--screen-reader=panes", "--open", SLUG)
    for _ in range(3):
        sr.press("down")
        sr.press("b")  # three bookmarks
    said = " ".join(sr.press("B"))
    assert said.startswith("Bookmarks"), said  # the screen's name first
    sr.press("home")
    text = article_text(SLUG)
    for _ in range(4):
        row = cursor_words(sr.press("down"))
        assert row.startswith(("Understanding depression", "Added")) or row in text, row
    sr.press("escape")
    sr.press("/")
    sr.type("sleep")
    title = cursor_words(sr.press("down"))  # from the field into the results
    assert title == "Sleep problems and your mood, in Sleep", title


def test_f6_says_the_new_language_first_and_reads_the_article_in_it(reader_under_tdsr):
    sr = reader_under_tdsr("--screen-reader=panes")
    go_to(sr, "If you are having")
    sr.press("enter")
    spoken = " ".join(sr.press("f6"))
    # The status line: the language, the way back named in English, then where the reader is.
    assert "Språk: norsk bokmål. F6: English. Åpnet Hvis du har tanker om selvmord" in spoken
    assert "Hvis du har tanker om selvmord. Gjennomgått" in spoken  # the title bar
    back = " ".join(sr.press("f6"))
    assert "Language: English. F6: Norsk bokmål. Opened If you are having thoughts" in back
