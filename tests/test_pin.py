"""The operator PIN resists guessing: slower after each wrong PIN, locked after five.

The guard's clock is injected, so minutes of waiting take no time.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import Result

from reader.library import pin as pin_module
from reader.library.kiosk import kiosk_settings
from reader.library.pin import (
    LOCK_SECONDS,
    MIN_SCRYPT_N,
    PIN_LOCK_FILE,
    PinGuard,
    check_pin,
    hash_pin,
    pin_hash_problem,
)
from reader.library.settings import ConfigError, load_settings

PIN = "246813"
WRONG = "111111"
START = 1_800_000_000.0  # wall-clock seconds
# Made by `reader kiosk-pin` before scrypt (PBKDF2-SHA256, 200,000 rounds), for PIN.
OLD_HASH = (
    "pbkdf2_sha256$200000$5f1c0e9a7b3d24681357902468ace0bd$"
    "c34e9f5ac254c3578bb74e85f6ee8751fcb9e6a9224e1ab8674d3e36898298dc"
)
# The same, for PIN 2468, with the fewest rounds a config accepts (as tests made them).
OLD_FOUR_DIGIT_HASH = (
    "pbkdf2_sha256$1000$0123456789abcdef0123456789abcdef$"
    "1a8641510f950625801d061a953ff8b466b135015bddd8d90385e48f109e792c"
)
SALT = "ab" * 16
DIGEST = "0" * 64


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def pin_hash() -> str:
    return hash_pin(PIN, n=MIN_SCRYPT_N)  # the weakest a config accepts: fast


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
    assert line.startswith('operator_pin_hash = "scrypt$65536$8$1$')
    assert check_pin("246813", line.split('"')[1])


def test_a_new_hash_is_scrypt_and_verifies() -> None:
    """scrypt with n=2**16, r=8, p=1: 64 MiB a guess, checked against hashlib directly."""
    pin_hash = hash_pin(PIN)
    scheme, n, r, p, salt, digest = pin_hash.split("$")
    assert (scheme, n, r, p) == ("scrypt", "65536", "8", "1")
    assert len(salt) == 32 and pin_hash_problem(pin_hash) == ""
    expected = hashlib.scrypt(
        PIN.encode(), salt=salt.encode(), n=2**16, r=8, p=1, maxmem=2**27, dklen=32
    )
    assert digest == expected.hex()
    assert check_pin(PIN, pin_hash)
    assert not check_pin(WRONG, pin_hash) and not check_pin("", pin_hash)


def test_a_hash_made_before_scrypt_still_opens(tmp_path: Path) -> None:
    """Operators' configs keep working: a PBKDF2 hash made by an older `reader kiosk-pin`."""
    config = tmp_path / "config.toml"
    config.write_text(f'[kiosk]\nenabled = true\noperator_pin_hash = "{OLD_HASH}"\n')
    settings = load_settings(config=str(config), data_dir=str(tmp_path / "data"), environ={})
    assert settings.kiosk.operator_pin_hash == OLD_HASH
    assert check_pin(PIN, OLD_HASH) and not check_pin(WRONG, OLD_HASH)
    assert settings.kiosk.pin_guard.attempt(PIN, OLD_HASH).right


def test_an_older_four_digit_pin_still_opens() -> None:
    """`reader kiosk-pin` wants 6 digits now; a hash made before is what it is."""
    old = OLD_FOUR_DIGIT_HASH
    assert kiosk_settings({"operator_pin_hash": old}).operator_pin_hash == old
    assert check_pin("2468", old)
    assert check_pin("2468", hash_pin("2468", n=MIN_SCRYPT_N))  # and a new one, if made


@pytest.mark.parametrize(
    ("pin_hash", "reason"),
    [
        (f"scrypt${2**30}$8$1${SALT}${DIGEST}", "its n (1073741824) must be a power of two"),
        (f"scrypt$65536${10**9}$1${SALT}${DIGEST}", "its r (1000000000) must be a whole number"),
        (f"scrypt$65536$8${2**20}${SALT}${DIGEST}", "its p (1048576) must be a whole number"),
        (f"scrypt${2**17}$16$1${SALT}${DIGEST}", "need 256 MiB of memory for each check"),
        (f"scrypt${'9' * 5000}$8$1${SALT}${DIGEST}", "must be a power of two from 16384"),
        (f"scrypt$65535$8$1${SALT}${DIGEST}", "its n (65535) must be a power of two"),
        (f"scrypt$1024$8$1${SALT}${DIGEST}", "its n (1024) must be a power of two from 16384"),
        (f"scrypt$65536$1$1${SALT}${DIGEST}", "its r (1) must be a whole number from 8 to 16"),
        (f"scrypt$65536$$1${SALT}${DIGEST}", "its r (empty) must be"),
        (f"pbkdf2_sha256${'9' * 5000}${SALT}${DIGEST}", "its iteration count (999"),
    ],
    ids=[
        "n-2**30",
        "r-huge",
        "p-huge",
        "256-MiB",
        "n-5000-digits",
        "n-not-power-of-two",
        "n-too-weak",
        "r-too-weak",
        "r-empty",
        "pbkdf2-5000-digits",
    ],
)
def test_hostile_costs_are_refused_without_computing(
    monkeypatch: pytest.MonkeyPatch, pin_hash: str, reason: str
) -> None:
    """A hostile config cannot make a check take minutes or gigabytes: refused unhashed."""

    def never(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("a hash was computed")

    monkeypatch.setattr(pin_module.hashlib, "scrypt", never)
    monkeypatch.setattr(pin_module.hashlib, "pbkdf2_hmac", never)
    assert reason in pin_hash_problem(pin_hash)
    assert not check_pin(PIN, pin_hash)
    with pytest.raises(ValueError, match="not a hash made by"):
        kiosk_settings({"operator_pin_hash": pin_hash})


@pytest.mark.parametrize(
    ("pin_hash", "reason"),
    [
        ("pbkdf2_sha256$0$" + "ab" * 16 + "$" + "0" * 64, "iteration count (0) must be"),
        ("pbkdf2_sha1$200000$" + "ab" * 16 + "$" + "0" * 64, "start with scrypt$ (or pbkdf2_"),
        ("scrypt$65536$8$1$" + "ab" * 16, "six parts joined by $, starting with scrypt$"),
        ("scrypt$65536$8$1$not-hex-salt-at-all$" + "0" * 64, "its salt must be"),
        ("scrypt$65536$8$1$" + "ab" * 16 + "$" + "0" * 10, "its digest must be 64"),
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
