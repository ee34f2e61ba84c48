"""The talking kiosk, as a listener meets it: what the speech process is asked to say.

The speech command is the logging server of the tests (tests/log_speech.py):
every protocol line it reads is logged, and the tests assert on those words.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from helpers import REPO, kiosk_settings

from reader.library.loader import load_library
from reader.speech.protocol import DEFAULT_RATE, DEFAULT_VOLUME
from reader.speech.settings import SpeechSettings
from reader.tui.app import ReaderApp
from reader.tui.kiosk import IdleWarning, PinDialog
from reader.tui.run import build_app

LOGGER = REPO / "tests" / "log_speech.py"
PIN = "246813"


class Log:
    """What the speech process was asked, line by line: ``(command, text)``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen = 0

    def all(self) -> list[tuple[str, str]]:
        if not self.path.exists():
            return []
        return [tuple(json.loads(row)[1:]) for row in self.path.read_text().splitlines()]

    async def new(self, pilot, quiet: float = 0.3, limit: float = 5.0) -> list[tuple[str, str]]:
        """The lines since the last call, once none has come for ``quiet`` seconds."""
        waited, count, still = 0.0, len(self.all()), 0.0
        while waited < limit and still < quiet:
            await pilot.pause(0.05)
            waited += 0.05
            now = len(self.all())
            still = still + 0.05 if now == count else 0.0
            count = now
        rows = self.all()
        fresh, self.seen = rows[self.seen :], len(rows)
        return fresh

    async def said(self, pilot, **wait: float) -> list[str]:
        """The words (``s`` lines) since the last call."""
        return [text for kind, text in await self.new(pilot, **wait) if kind == "s"]


def speaking(
    content: Path,
    data: Path,
    *,
    kiosk: bool = False,
    on: bool = True,
    idle: float = 600,
    countdown: float = 1,
    command: list[str] | None = None,
    rate: int = 100,
    volume: int = DEFAULT_VOLUME,
) -> tuple[ReaderApp, Log]:
    """The reader on ``content``, speaking to the logging server (or ``command``)."""
    log = data / "said.jsonl"
    data.mkdir(parents=True, exist_ok=True)
    command = command or [sys.executable, str(LOGGER), str(log)]
    settings = kiosk_settings(
        content, data, enabled=kiosk, idle_timeout=idle, countdown=countdown,
        speech=SpeechSettings(on, command, rate=rate, volume=volume),
    )  # fmt: skip
    return build_app(settings, load_library(content)), Log(log)


def screen_text(app: ReaderApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def status(app: ReaderApp) -> str:
    return str(app.main.query_one("#status").content)


def sentence(text: str) -> str:
    """Words as the speaker sends them: ending as a sentence does."""
    return text if text[-1] in ".!?:;,…" else f"{text}."


def paced(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Reading aloud at ``seconds`` a block (the real pace follows the words and the rate)."""
    monkeypatch.setattr("reader.tui.say_all.seconds_to_say", lambda text, rate: seconds)


@pytest.fixture
def fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading aloud at 0.05 s a block."""
    paced(monkeypatch, 0.05)


@pytest.fixture
def slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading aloud at 0.4 s a block: time for keys between blocks."""
    paced(monkeypatch, 0.4)


def open_article(app: ReaderApp, slug: str) -> None:
    """Open an article and move to it, as Enter on a topic does."""
    app.main.open_article(slug)
    app.main.action_pane("article")


# -- after each key ------------------------------------------------------------------


async def test_the_kiosk_names_its_speech_key_in_words_and_aloud(
    content: Path, tmp_path: Path
) -> None:
    app, log = speaking(content, tmp_path / "data", kiosk=True)
    async with app.run_test(size=(120, 30)) as pilot:
        said = await log.said(pilot)
        title = str(app.main.query_one("#title-bar").content)
        assert title.startswith("F5: speech.")
        assert said[0].startswith("F5: speech. F4: screen-reader mode.")
        assert status(app) in said[0]  # the welcome: the topics and the keys that help


async def test_a_silent_kiosk_still_names_its_speech_key_and_says_nothing(
    content: Path, tmp_path: Path
) -> None:
    app, log = speaking(content, tmp_path / "data", kiosk=True, on=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert str(app.main.query_one("#title-bar").content).startswith("F5: speech.")
        await pilot.press("down", "enter")
        assert await log.new(pilot) == []
        assert "F5 Speech" in screen_text(app)  # the key bar, on every screen
        await pilot.press("f5")
        said = await log.said(pilot)
        assert said and said[0].startswith("Speech on. F7: repeat. F8: stop.")
        await pilot.press("f5")
        assert await log.said(pilot) == ["Speech off. F5 turns it on."]
        await pilot.press("down", "up")
        assert await log.new(pilot) == []


async def test_each_key_speaks_the_status_line_and_the_focused_item(
    content: Path, tmp_path: Path
) -> None:
    app, log = speaking(content, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        await log.said(pilot)
        topics = app.main.query_one("#topics")
        for _ in range(2):
            await pilot.press("down")
            assert await log.said(pilot) == [sentence(status(app))]
            assert topics.current.text in status(app)  # the item whole, in the status
        await pilot.press("3")  # the contacts pane: its name, count and item
        said = await log.said(pilot)
        assert said == [sentence(status(app))] and said[0].startswith("Help contacts: ")
        await pilot.press("down")
        contact = app.main.query_one("#contacts").current.text
        assert await log.said(pilot) == [sentence(f"Help contacts: {contact}")]


async def test_moving_in_an_article_speaks_the_reading_line(content: Path, tmp_path: Path) -> None:
    app, log = speaking(content, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        open_article(app, "long")
        await log.new(pilot)
        await pilot.press("f8")  # no reading aloud: this test is about single keys
        await log.new(pilot)
        view = app.main.view
        await pilot.press("down")
        line = view.lines[view.cursor].text.strip()
        assert await log.said(pilot) == [sentence(line.lstrip("# "))]
        await pilot.press("h")
        heading = view.lines[view.cursor].text.strip().lstrip("# ")
        assert await log.said(pilot) == [sentence(f"Heading: {heading}")]


async def test_f2_speaks_the_emergency_number_first_from_every_screen(
    content: Path, tmp_path: Path
) -> None:
    app, log = speaking(content, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        await log.said(pilot)
        for keys in (["down", "down", "enter"], ["slash", "s", "l"], ["B"]):
            await pilot.press(*keys)
            await log.said(pilot)
            await pilot.press("f2")
            said = " ".join(await log.said(pilot))
            assert said.startswith("Help contacts:"), said
            numbers = [word.strip(".,") for word in said.split() if word.strip(".,").isdigit()]
            assert numbers[1] == "999", said  # after the count of items: the emergency number


async def test_a_dialog_speaks_its_question_and_a_contact_card_all_its_words(
    content: Path, tmp_path: Path
) -> None:
    app, log = speaking(content, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("3")
        await log.said(pilot)
        await pilot.press("enter")
        said = " ".join(await log.said(pilot))
        card = app.screen
        assert said.startswith("EMERGENCY: ") and "Phone: 999" in said
        assert "The number, digit by digit: 9 9 9." in said
        assert said.count("EMERGENCY") == 1  # the focused title is not said twice
        assert card.spoken_title in said


async def test_typing_is_echoed_letter_by_letter_in_a_search(content: Path, tmp_path: Path) -> None:
    app, log = speaking(content, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        await log.said(pilot)
        await pilot.press("slash")
        said = await log.said(pilot)
        assert said[0].startswith("Search: type what you are looking for")
        await pilot.press("w")
        rows = await log.new(pilot)
        assert ("l", "w") in rows


# -- say all -------------------------------------------------------------------------


def blocks(app: ReaderApp, first: int = 0) -> list[str]:
    """The open article's blocks as one string each, from line ``first`` on."""
    view = app.main.view
    view.ensure_complete()
    out: dict[int, list[str]] = {}
    for line in view.lines[first:]:
        if line.kind != "blank":
            text = line.text.strip()
            out.setdefault(line.block, []).append(
                text.lstrip("#").strip() if line.kind == "heading" else text
            )
    return [" ".join(words) for words in out.values()]


async def test_opening_an_article_says_its_title_then_reads_it_all_in_order(
    content: Path, tmp_path: Path, fast: None
) -> None:
    app, log = speaking(content, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        await log.said(pilot)
        open_article(app, "worry-basics")
        said = await log.said(pilot, quiet=1.0, limit=20)
        assert said[0].startswith("Opened Worry basics")
        expected = [sentence(" ".join(block.split())) for block in blocks(app)]
        assert said[1:-1] == expected
        assert said[-1] == "End of the article."
        view = app.main.view
        last = max(n for n, line in enumerate(view.lines) if line.kind != "blank")
        assert view.cursor == last  # the reading line went along, to the last line
        assert not app.speaker.say_all.active


async def test_any_key_stops_reading_aloud(content: Path, tmp_path: Path, slow: None) -> None:
    app, log = speaking(content, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        await log.said(pilot)
        open_article(app, "long")
        await pilot.pause(1.0)
        await pilot.press("k")  # up a line: not a speech key
        rows = await log.new(pilot, quiet=1.0)
        assert not app.speaker.say_all.active
        assert ("x", "") in rows
        after_stop = rows[rows.index(("x", "")) + 1 :]
        view = app.main.view
        spoken = [text for kind, text in after_stop if kind == "s"]
        assert spoken == [sentence(view.lines[view.cursor].text.strip().lstrip("# "))]
        await pilot.pause(1.0)
        assert await log.new(pilot) == []  # nothing more of the article


async def test_speech_keys_repeat_stop_and_read_on(
    content: Path, tmp_path: Path, slow: None
) -> None:
    app, log = speaking(content, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        await log.said(pilot)
        await pilot.press("down")
        first = await log.said(pilot)
        await pilot.press("f7")
        assert await log.said(pilot) == first  # repeat
        open_article(app, "long")
        await pilot.pause(0.6)
        await pilot.press("f11")  # faster: not an interruption
        rows = await log.new(pilot, quiet=0.1)
        assert ("r", "100") in rows or rows[-1:] == ("r", "100")  # already at the top
        assert ("x", "") not in rows and app.speaker.say_all.active
        await pilot.press("f24")  # shift+F12: softer
        rows = await log.new(pilot, quiet=0.1)
        assert ("v", str(DEFAULT_VOLUME - 10)) in rows and ("x", "") not in rows
        await pilot.press("f8")  # stop
        rows = await log.new(pilot, quiet=0.8)
        assert ("x", "") in rows and not app.speaker.say_all.active
        assert [kind for kind, _text in rows].count("s") == 0
        await pilot.press("f9")  # read on from here
        said = await log.said(pilot, quiet=0.1)
        assert said and app.speaker.say_all.active
        assert app.store.preference("speech_volume") == DEFAULT_VOLUME - 10  # remembered


async def test_the_idle_countdown_waits_while_speech_plays(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paced(monkeypatch, 1.5)
    app, log = speaking(content, tmp_path / "data", kiosk=True, idle=1, countdown=5)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down")  # a visitor: the idle clock runs
        open_article(app, "long")
        await pilot.pause(3.0)
        assert not isinstance(app.screen, IdleWarning)  # listening is being there
        assert app.speaker.say_all.active
        await pilot.press("f8")
        for _ in range(60):
            if isinstance(app.screen, IdleWarning):
                break
            await pilot.pause(0.1)
        assert isinstance(app.screen, IdleWarning)
        said = " ".join(await log.said(pilot))
        assert "Still reading?" in said  # the question, aloud


# -- privacy -------------------------------------------------------------------------


async def test_the_operator_pin_is_never_spoken(content: Path, tmp_path: Path) -> None:
    app, log = speaking(content, tmp_path / "data", kiosk=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await log.said(pilot)
        await pilot.press("ctrl+o")
        said = await log.said(pilot)
        assert isinstance(app.screen, PinDialog)
        assert said[0].startswith("Operator PIN")
        await pilot.press(*"97531", "enter")
        for _ in range(40):
            if "Wrong PIN" in " ".join(text for _kind, text in log.all()):
                break
            await pilot.pause(0.1)
        rows = await log.new(pilot)
        spoken = [text for kind, text in rows if kind == "s"]
        assert not any(kind == "l" for kind, _text in rows)
        assert not any("97531" in text for _kind, text in rows), rows
        assert spoken[:5] == ["star."] * 5  # a star a digit, then the answer
        assert not any("star" in text for text in spoken[5:])
        assert any("Wrong PIN" in text for text in spoken)


async def test_a_kiosk_never_speaks_a_bookmark_note(content: Path, tmp_path: Path) -> None:
    app, log = speaking(content, tmp_path / "data", kiosk=True)
    async with app.run_test(size=(120, 30)) as pilot:
        open_article(app, "worry-basics")
        await pilot.press("f8", "b", "B", "n")
        await log.new(pilot)
        await pilot.press(*"qzv", "enter")
        rows = await log.new(pilot)
        assert [text for kind, text in rows if kind == "s"][:3] == ["star."] * 3
        assert "Note saved." in " ".join(text for kind, text in rows if kind == "s")
        await pilot.press("escape", "B")
        rows += await log.new(pilot)
        assert not any(kind == "l" for kind, _text in rows)
        assert not any("qzv" in text or "Note:" in text for _kind, text in rows), rows


async def test_the_idle_reset_stops_speech_and_the_next_visitor_starts_silent(
    content: Path, tmp_path: Path
) -> None:
    app, log = speaking(content, tmp_path / "data", kiosk=True, on=False, idle=1, countdown=1)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f5", "f11", "f11", "down")
        assert app.speaker.on and app.speaker.rate == 100
        await log.new(pilot)
        for _ in range(80):  # the visitor walks away
            if not app.speaker.on:
                break
            await pilot.pause(0.1)
        rows = await log.new(pilot)
        assert ("x", "") in rows
        assert not app.speaker.on and app.speaker.last == []
        assert app.speaker.rate == 100  # the operator's rate, set in the settings
        await pilot.press("down", "enter")  # the next visitor
        assert await log.new(pilot) == []


async def test_the_idle_reset_gives_the_next_visitor_the_operators_speech(
    content: Path, tmp_path: Path
) -> None:
    app, log = speaking(
        content, tmp_path / "data", kiosk=True, idle=1, countdown=1, rate=DEFAULT_RATE, volume=40
    )
    async with app.run_test(size=(120, 30)) as pilot:
        await log.new(pilot)
        await pilot.press("f11", "f12", "slash", "q", "z")
        assert (app.speaker.rate, app.speaker.volume) == (DEFAULT_RATE + 10, 50)
        await log.new(pilot)
        for _ in range(300):  # the question said (at the visitor's rate), then 1 s
            if app.speaker.rate == DEFAULT_RATE:
                break
            await pilot.pause(0.1)
        rows = await log.new(pilot, quiet=0.5)
        assert ("r", str(DEFAULT_RATE)) in rows and ("v", "40") in rows
        spoken = " ".join(text for kind, text in rows if kind == "s")
        assert "Topics:" in spoken  # the welcome, for the next visitor
        assert "qz" not in spoken and all("qz" not in words for words, _ in app.speaker.last)


# -- the engine and the language ------------------------------------------------------


async def test_a_dead_engine_is_said_once_then_the_reader_goes_on_silently(
    content: Path, tmp_path: Path
) -> None:
    command = [sys.executable, "-c", "pass"]  # ends at once, every time
    app, _log = speaking(content, tmp_path / "data", command=command)
    async with app.run_test(size=(120, 30)) as pilot:
        status_lines: list[str] = []
        say = app.main.say
        app.main.say = lambda text: (status_lines.append(text), say(text))[1]  # type: ignore[method-assign]
        for _ in range(8):
            await pilot.press("down")
            await pilot.pause(0.3)
        assert not app.speaker.on
        notices = [text for text in status_lines if "Speech stopped working" in text]
        assert len(notices) == 1, status_lines
        await pilot.press("down")
        assert status_lines[-1].startswith("Topics:")  # the reader goes on
    log = (tmp_path / "data" / "speech.log").read_text()
    assert log.count("started again") == 1 and "given up" in log


async def test_no_synthesiser_is_said_in_words(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reader.speech.server.choose_program", lambda engine, wav: None)
    app, _log = speaking(content, tmp_path / "data", on=False)
    app.speaker.settings = SpeechSettings(False, [])  # the shipped server
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause(0.3)  # the welcome said
        await pilot.press("f5")
        await pilot.pause()
        assert "Speech is not available: no speech synthesiser" in status(app)
        assert not app.speaker.on


async def test_each_text_is_spoken_in_its_own_language(tmp_path: Path, fast: None) -> None:
    content = tmp_path / "articles"
    shutil.copytree(REPO / "articles", content)
    (content / "nb" / "sleep-problems.md").unlink()  # not yet in bokmål
    app, log = speaking(content, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        open_article(app, "sleep-problems")
        await pilot.pause(0.5)
        await log.new(pilot)
        await pilot.press("f6")  # bokmål: the interface in it, the article still English
        for _ in range(50):
            if app.library.lang == "nb":
                break
            await pilot.pause(0.1)
        await log.new(pilot, quiet=1.0, limit=30)
        await pilot.press("g")  # the top of the article
        await log.new(pilot)
        mark = log.seen
        await pilot.press("f9")  # from here, aloud
        await log.new(pilot, quiet=1.0, limit=30)
        language, spoken = "", []
        for number, (kind, text) in enumerate(log.all()):
            if kind == "L":
                language = text
            elif kind == "s" and number >= mark:
                spoken.append((language, text))
        first = blocks(app)[0]
        assert spoken[0] == ("en", sentence(first)) and first.startswith("Almost")
        assert ("nb", "Om denne artikkelen.") in spoken  # the end matter: the interface's
        assert spoken[-1] == ("nb", "Slutten av artikkelen.")


async def test_the_key_help_lists_every_speech_key(content: Path, tmp_path: Path) -> None:
    app, _log = speaking(content, tmp_path / "data", on=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        rows = [item.text for item in app.screen.query_one("#keys").items]
        for words in (
            "Speech: F5, v", "Repeat what was said: F7, r", "Stop speaking: F8, s",
            "Read aloud from here, or print it all: F9, a", "Speak faster: F11, }",
            "Speak slower: shift+F11, {", "Speak louder: F12, )", "Speak softer: shift+F12, (",
        ):  # fmt: skip
            assert words in rows, rows


async def test_a_served_kiosk_has_no_speech_key_at_all(content: Path, tmp_path: Path) -> None:
    """`reader serve` starts its visitors' readers with --no-speech: it would play on the server."""
    app, log = speaking(content, tmp_path / "data", kiosk=True, on=False)
    app.speaker.settings = SpeechSettings(False, app.speaker.settings.command, allowed=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "F5" not in str(app.main.query_one("#title-bar").content)
        assert "Speech" not in screen_text(app)
        await pilot.press("f5", "f7", "f9", "down")
        assert not app.speaker.on and await log.new(pilot) == []


async def test_f7_says_nothing_once_speech_is_off(content: Path, tmp_path: Path) -> None:
    app, log = speaking(content, tmp_path / "data")
    async with app.run_test(size=(120, 30)) as pilot:
        await log.said(pilot)
        await pilot.press("down", "f5")
        await log.new(pilot)
        await pilot.press("f7")
        assert await log.new(pilot) == []


async def test_a_kiosk_note_is_not_said_in_screen_reader_mode_either(
    content: Path, tmp_path: Path
) -> None:
    """In screen-reader mode each row of a bookmark is a stop: the note's row too."""
    app, log = speaking(content, tmp_path / "data", kiosk=True)
    async with app.run_test(size=(120, 30)) as pilot:
        open_article(app, "worry-basics")
        await pilot.press("f8", "f4", "b", "B", "n", *"qzv", "enter")
        for _ in range(6):
            await pilot.press("down")
        await pilot.press("up", "up", "up")
        rows = await log.new(pilot)
        assert any(kind == "s" and "Bookmark:" in text for kind, text in rows), rows
        assert not any("qzv" in text for _kind, text in rows), rows


async def test_the_countdown_waits_while_its_question_is_said(
    content: Path, tmp_path: Path
) -> None:
    app, log = speaking(content, tmp_path / "data", kiosk=True, idle=1, countdown=3)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("down", *["f23"] * 10)  # shift+F11: down to the slowest
        assert app.speaker.rate == 0
        for _ in range(100):
            if isinstance(app.screen, IdleWarning):
                break
            await pilot.pause(0.1)
        warning = app.screen
        assert isinstance(warning, IdleWarning)
        said = " ".join(await log.said(pilot))
        assert "Still reading?" in said
        await pilot.pause(2.5)  # at the slowest rate the question takes longer than this
        assert warning.left == 3 and app.screen is warning
