"""Kiosk settings, the operator's PIN and the supervisor that keeps the kiosk alive."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import FIXTURES

from reader.library.bookmarks import FILE_NAME
from reader.library.kiosk import KioskConfigError, kiosk_settings
from reader.library.loader import load_library
from reader.library.pin import MIN_SCRYPT_N, check_pin, hash_pin
from reader.library.settings import ConfigError, load_settings
from reader.supervise import FIRST_DELAY, Supervisor, describe
from reader.tui.article_view import ArticleView
from reader.tui.run import build_app


def test_pin_hash_round_trip() -> None:
    pin_hash = hash_pin("2468", n=MIN_SCRYPT_N)
    assert pin_hash.startswith("scrypt$16384$8$1$") and "2468" not in pin_hash
    assert check_pin("2468", pin_hash)
    assert not check_pin("2469", pin_hash) and not check_pin("", pin_hash)
    assert not check_pin("2468", "plain-text-pin")
    assert hash_pin("2468", n=MIN_SCRYPT_N) != hash_pin("2468", n=MIN_SCRYPT_N)  # salted
    with pytest.raises(KioskConfigError):
        hash_pin("12")


def test_kiosk_settings_from_the_config_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    pin_hash = hash_pin("2468", n=MIN_SCRYPT_N)
    config.write_text(
        f'[kiosk]\nenabled = true\nidle_timeout = 60\noperator_pin_hash = "{pin_hash}"\n'
    )
    kiosk = load_settings(config=str(config), environ={}).kiosk
    assert kiosk.enabled and kiosk.idle_timeout == 60 and kiosk.operator_pin_hash == pin_hash
    assert not kiosk.persist
    assert load_settings(config=str(config), environ={}, idle_timeout=5).kiosk.idle_timeout == 5
    assert load_settings(environ={"XDG_CONFIG_HOME": str(tmp_path / "x")}, kiosk=True).kiosk.enabled


@pytest.mark.parametrize(
    ("section", "words"),
    [
        ({"idle_timeout": 0}, "idle_timeout must be a number"),
        ({"idle_timeout": "soon"}, "idle_timeout must be a number"),
        ({"enabled": "yes"}, "enabled must be true or false"),
        ({"operator_pin_hash": "1234"}, "not a hash made by"),
        ({"exit_key": "q"}, "unknown settings: exit_key"),
    ],
)
def test_bad_kiosk_settings_are_refused(section: dict[str, object], words: str) -> None:
    with pytest.raises(KioskConfigError, match=words):
        kiosk_settings(section)


def test_bad_kiosk_section_names_the_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[kiosk]\nidle_timeout = -1\n")
    with pytest.raises(ConfigError, match=r"config.toml: \[kiosk\] idle_timeout"):
        load_settings(config=str(config), environ={})


@pytest.mark.parametrize("persist", [False, True])
async def test_a_kiosk_writes_nothing_to_its_data_folder(tmp_path: Path, persist: bool) -> None:
    """The app built as `reader --config FILE` builds it for a kiosk, its data folder set."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'data_dir = "data"\nregion = "GB"\n[kiosk]\nenabled = true\n'
        f"persist = {str(persist).lower()}\n"
    )
    settings = load_settings(config=str(config), environ={})
    assert settings.data_dir == tmp_path / "data" and settings.kiosk.enabled
    app = build_app(settings, load_library(FIXTURES / "content"))
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            # A visitor opens an article, bookmarks a line and changes the theme.
            await pilot.press("down", "enter", "h", "b", "ctrl+t")
            slug = app.screen.query_one(ArticleView).article.slug  # type: ignore[union-attr]
            # The store is written off the UI thread: wait until the bookmark is in it.
            deadline = time.monotonic() + 10
            while not app.store.bookmarks(slug):
                assert time.monotonic() < deadline, "the visit never reached the store"
                await pilot.pause(0.02)
            app.writer.drain()
            # The theme is the visit's only, even when bookmarks persist.
            assert app.theme != "reader-dark" and app.store.preference("theme") is None
    finally:
        app.store.close()
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    if persist:  # the operator asked for it: the same visit is on disk, in that folder
        assert f"data/{FILE_NAME}" in written
        assert slug in (tmp_path / "data" / FILE_NAME).read_text()
    else:
        assert written == ["config.toml"], "a kiosk keeps nothing of its visitors on disk"
        assert not (tmp_path / "data").exists()


def _sleeper(seconds: float) -> list[str]:
    return [sys.executable, "-c", f"import time; time.sleep({seconds})"]


def test_supervisor_restarts_a_killed_reader_within_a_second(tmp_path: Path) -> None:
    supervisor = Supervisor(_sleeper(30), tmp_path / "log")
    thread = threading.Thread(target=supervisor.run, daemon=True)
    thread.start()
    try:
        for _ in range(2):  # kill it twice: each time a new one is running within a second
            deadline = time.monotonic() + 5
            while supervisor.child is None or supervisor.child.poll() is not None:
                assert time.monotonic() < deadline
                time.sleep(0.02)
            first = supervisor.child
            os.kill(first.pid, signal.SIGKILL)
            killed = time.monotonic()
            while supervisor.child is first or supervisor.child.poll() is not None:
                assert time.monotonic() - killed < 1.0, "not restarted within a second"
                time.sleep(0.01)
        assert supervisor.starts == 3
    finally:
        supervisor.stop()
        thread.join(timeout=5)
    log = (tmp_path / "log").read_text()
    assert log.count("killed by SIGKILL") == 2 and "supervision stopped" in log


# What the reader does when the operator's PIN is right (reader.tui.run).
OPERATOR_LEAVES = (
    "import os; from reader.supervise import OPERATOR_EXIT_FD, tell_the_supervisor; "
    "tell_the_supervisor(os.environ.get(OPERATOR_EXIT_FD))"
)


def test_supervisor_ends_when_the_operator_leaves(tmp_path: Path) -> None:
    supervisor = Supervisor([sys.executable, "-c", OPERATOR_LEAVES], tmp_path / "log")
    assert supervisor.run() == 0 and supervisor.starts == 1
    assert "closed by the operator" in (tmp_path / "log").read_text()


@pytest.mark.parametrize(
    "ending",
    [
        "raise SystemExit(0)",  # a reader ended by a stray byte did this
        "import os; os.write(1, b'operator exit\\n')",  # the word, but not on the pipe
        OPERATOR_LEAVES + "; raise SystemExit(1)",  # the word, then a crash
    ],
    ids=["status 0", "word on stdout", "word then crash"],
)
def test_supervisor_restarts_any_end_but_the_operators(tmp_path: Path, ending: str) -> None:
    supervisor = Supervisor([sys.executable, "-c", ending], tmp_path / "log")
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        supervisor.stopping = len(waits) == 2

    supervisor.sleep = sleep
    supervisor.run()
    assert supervisor.starts == 2 and len(waits) == 2, "each end is followed by a new start"
    assert "closed by the operator" not in (tmp_path / "log").read_text()


def test_supervisor_backs_off_when_the_reader_keeps_crashing(tmp_path: Path) -> None:
    waits: list[float] = []
    supervisor = Supervisor(
        [sys.executable, "-c", "raise SystemExit(3)"], tmp_path / "log", max_delay=8.0
    )

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 8:
            supervisor.stopping = True

    supervisor.sleep = sleep
    supervisor.run()
    assert waits == [FIRST_DELAY] * 3 + [1.0, 2.0, 4.0, 8.0, 8.0]
    assert "exit status 3" in (tmp_path / "log").read_text()


def test_exit_statuses_in_words() -> None:
    assert describe(1) == "exit status 1"
    assert describe(-9) == "killed by SIGKILL"
