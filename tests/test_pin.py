"""The operator PIN resists guessing: slower after each wrong PIN, locked after five.

The guard's clock is injected, so minutes of waiting take no time.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import Result

from reader.library.kiosk import kiosk_settings
from reader.library.pin import LOCK_SECONDS, PIN_LOCK_FILE, PinGuard, check_pin, hash_pin
from reader.library.settings import ConfigError, load_settings

PIN = "246813"
WRONG = "111111"
START = 1_800_000_000.0  # wall-clock seconds


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def pin_hash() -> str:
    return hash_pin(PIN, iterations=1000)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_each_wrong_pin_doubles_the_wait_and_five_lock_the_exit(
    tmp_path: Path, pin_hash: str, clock: Clock
) -> None:
    guard = PinGuard(tmp_path / "data" / PIN_LOCK_FILE, clock=clock)
    waits = []
    for _ in range(4):
        answer = guard.attempt(WRONG, pin_hash)
        assert answer.counted and not answer.right
        waits.append(guard.wait())
        # Even the right PIN is not looked at before the wait is over.
        if guard.wait():
            early = guard.attempt(PIN, pin_hash)
            assert not early.right and not early.counted
            assert early.message.startswith("Too soon after a wrong PIN: the next try is accepted")
        clock.now += guard.wait()
    assert waits == [0.0, 1.0, 2.0, 4.0]  # a first slip is free, then 1 s, 2 s, 4 s

    fifth = guard.attempt(WRONG, pin_hash)
    assert fifth.message == (
        "Wrong PIN (5). Operator exit locked for 5 minutes after 5 wrong PINs."
    )
    assert guard.locked() and guard.wait() == LOCK_SECONDS

    clock.now += 61
    refused = guard.attempt(PIN, pin_hash)
    assert not refused.right
    assert refused.message == "Operator exit locked for 4 minutes after 5 wrong PINs."
    clock.now += LOCK_SECONDS - 61 - 30
    assert guard.refusal() == "Operator exit locked for 30 seconds after 5 wrong PINs."

    clock.now += 30  # the lock is over: the right PIN opens, and the count is gone
    assert guard.attempt(PIN, pin_hash).right
    assert not guard.locked() and guard.wait() == 0
    assert not (tmp_path / "data" / PIN_LOCK_FILE).exists()


def test_wrong_pins_are_said_with_what_follows(pin_hash: str, clock: Clock) -> None:
    guard = PinGuard(clock=clock)
    assert guard.attempt(WRONG, pin_hash).message == (
        "Wrong PIN (1). 4 tries left before the operator exit locks for 5 minutes."
    )
    assert guard.attempt(WRONG, pin_hash).message == (
        "Wrong PIN (2). The next try is accepted in 1 second. "
        "3 tries left before the operator exit locks for 5 minutes."
    )


def test_the_lock_is_a_small_json_file_in_the_data_folder(
    tmp_path: Path, pin_hash: str, clock: Clock
) -> None:
    data = tmp_path / "data"
    guard = PinGuard(data / PIN_LOCK_FILE, clock=clock)
    for _ in range(5):
        guard.attempt(WRONG, pin_hash)
        clock.now += guard.wait() if not guard.locked() else 0
    saved = json.loads((data / PIN_LOCK_FILE).read_text())
    assert saved == {"failures": 5, "locked_until": clock.now + LOCK_SECONDS}
    assert not list(data.glob("*.tmp"))  # written to a temporary file, then replaced
    # Another process on the same folder (a restart) finds it locked.
    assert PinGuard(data / PIN_LOCK_FILE, clock=clock).locked()


def test_settings_keep_the_lock_in_the_data_folder(tmp_path: Path, pin_hash: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[kiosk]\nenabled = true\noperator_pin_hash = "{pin_hash}"\n')
    settings = load_settings(config=str(config), data_dir=str(tmp_path / "data"), environ={})
    assert settings.kiosk.pin_guard.path == tmp_path / "data" / PIN_LOCK_FILE
    assert not (tmp_path / "data").exists()  # nothing is written until a PIN is tried


def test_an_unwritable_data_folder_keeps_the_lock_in_memory_and_says_so(
    tmp_path: Path, pin_hash: str, clock: Clock
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")  # the data folder would have to be inside a file
    guard = PinGuard(blocker / "data" / PIN_LOCK_FILE, clock=clock)
    first = guard.attempt(WRONG, pin_hash)
    assert first.message.startswith("Wrong PIN (1).")
    assert "The exit lock cannot be kept in" in first.message
    assert "It is kept in memory until the reader restarts." in first.message
    for _ in range(4):
        clock.now += guard.wait()
        guard.attempt(WRONG, pin_hash)
    assert guard.locked()
    assert guard.refusal().startswith("Operator exit locked for 5 minutes after 5 wrong PINs.")
    assert not guard.attempt(PIN, pin_hash).right


def test_a_clock_turned_back_never_locks_for_more_than_five_minutes(
    tmp_path: Path, pin_hash: str, clock: Clock
) -> None:
    path = tmp_path / PIN_LOCK_FILE
    path.write_text(json.dumps({"failures": 5, "locked_until": START + 86_400}))
    guard = PinGuard(path, clock=clock)
    assert guard.wait() == LOCK_SECONDS
    assert not guard.attempt(PIN, pin_hash).right  # refused, and the bound is kept
    clock.now += LOCK_SECONDS
    assert guard.attempt(PIN, pin_hash).right


@pytest.mark.parametrize("text", ["", "{", '{"failures": "many", "locked_until": 1}', "[]"])
def test_a_damaged_lock_file_counts_as_no_wrong_pins(
    tmp_path: Path, pin_hash: str, clock: Clock, text: str
) -> None:
    path = tmp_path / PIN_LOCK_FILE
    path.write_text(text)
    guard = PinGuard(path, clock=clock)
    assert not guard.locked()
    assert guard.attempt(PIN, pin_hash).right


def _run_pin(run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, typed: str) -> Result:
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    return run_cli("kiosk-pin")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "12345\n",
            "reader: a PIN needs at least 6 digits, and this one has 5; nothing was made\n",
        ),
        ("12a456\n", "reader: a PIN is digits only (0 to 9); nothing was made\n"),
        ("\n", "reader: no PIN was given; nothing was made\n"),
    ],
)
def test_kiosk_pin_refuses_a_short_pin(
    run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch, typed: str, message: str
) -> None:
    result = _run_pin(run_cli, monkeypatch, typed)
    assert result.code == 2 and result.err == message and result.out == ""


def test_kiosk_pin_makes_a_hash_of_six_digits(
    run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _run_pin(run_cli, monkeypatch, "246813\n")
    assert result.code == 0, result.err
    line = result.out.splitlines()[-1]
    assert line.startswith('operator_pin_hash = "pbkdf2_sha256$200000$')
    assert check_pin("246813", line.split('"')[1])


def test_an_older_four_digit_pin_still_opens() -> None:
    """`reader kiosk-pin` wants 6 digits now; a hash made before is what it is."""
    old = hash_pin("2468", iterations=1000)
    assert kiosk_settings({"operator_pin_hash": old}).operator_pin_hash == old
    assert check_pin("2468", old)


@pytest.mark.parametrize(
    ("pin_hash", "reason"),
    [
        ("pbkdf2_sha256$0$" + "ab" * 16 + "$" + "0" * 64, "iteration count (0) must be"),
        ("pbkdf2_sha1$200000$" + "ab" * 16 + "$" + "0" * 64, "starting with pbkdf2_sha256$"),
        ("pbkdf2_sha256$200000$not-hex-salt-at-all$" + "0" * 64, "its salt must be"),
        ("pbkdf2_sha256$200000$" + "ab" * 16 + "$" + "0" * 10, "its digest must be 64"),
        ("pbkdf2_sha256$lots$" + "ab" * 16 + "$" + "0" * 64, "iteration count (lots)"),
        ("pbkdf2_sha256$99999999999$" + "ab" * 16 + "$" + "0" * 64, "from 1000 to 10000000"),
    ],
)
def test_a_malformed_pin_hash_stops_the_start(tmp_path: Path, pin_hash: str, reason: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[kiosk]\nenabled = true\noperator_pin_hash = "{pin_hash}"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(config=str(config), environ={})
    message = str(caught.value)
    assert message.startswith(f"{config}: [kiosk] operator_pin_hash is not a hash made by")
    assert reason in message
    assert message.endswith("; make a new one with `reader kiosk-pin` and paste the line it prints")
