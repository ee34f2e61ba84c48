"""The operator's PIN (no Textual here): hashed, checked, and guarded against guessing.

The PIN is never stored, only a salted scrypt hash of it (``reader kiosk-pin``
makes one; PBKDF2 hashes made by older readers still verify). Guessing it is
slowed down by a :class:`PinGuard`: a first wrong PIN (a slip of the finger)
costs nothing, then the next try waits 1 s, 2 s, 4 s, and five wrong PINs in a
row lock the exit for five minutes. Its state is operator
data, not a visitor's: it is kept in the data folder (so neither the idle reset
nor a restart by the supervisor lifts a lock), or in memory if that folder
cannot be written.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from reader.i18n import _, ngettext
from reader.library.atomic import write_atomically

# New hashes: scrypt, memory-hard, so that a leaked config file costs an attacker
# memory as well as time for every guess (PBKDF2 costs only time, cheap on a GPU).
# 64 MiB and about 0.2 s a check on one core of a 2020s PC.
SCHEME = "scrypt"
SCRYPT_N = 2**16
SCRYPT_R = 8
SCRYPT_P = 1
# What a config file may hold. No weaker than 16 MiB (the scrypt paper's setting
# for interactive logins), and never a check of more than 128 MiB or about eight
# times the default work, so a hostile file cannot stall or exhaust the kiosk.
MIN_SCRYPT_N = 2**14
MAX_SCRYPT_N = 2**17
MIN_SCRYPT_R = 8
MAX_SCRYPT_R = 16
MAX_SCRYPT_P = 4
MAX_SCRYPT_MEMORY = 128 * 2**20  # bytes; scrypt needs 128 * n * r
# hashlib's own limit (its default, 32 MiB, is below the default hash's 64 MiB),
# with room for scrypt's small buffers besides the big one.
SCRYPT_MAXMEM = MAX_SCRYPT_MEMORY + 2**20
DIGEST_BYTES = 32

# The scheme before scrypt: hashes made by older readers still verify.
LEGACY_SCHEME = "pbkdf2_sha256"
# Fewer rounds would not protect the PIN if the config file were read; more
# would keep the operator waiting minutes for every try.
MIN_ITERATIONS = 1_000
MAX_ITERATIONS = 10_000_000
MIN_NEW_PIN = 6  # digits, for a PIN made by `reader kiosk-pin`

MAX_WRONG = 5  # wrong PINs in a row that lock the exit
LOCK_SECONDS = 300.0
FREE_TRIES = 1  # a first wrong PIN (a slip of the finger) costs no wait
PIN_LOCK_FILE = "kiosk-pin-lock.json"
FILE_LOCK_TIMEOUT = 5.0


class KioskConfigError(ValueError):
    """A ``[kiosk]`` setting that cannot be used; the message says which and why."""


def try_delay(failures: int) -> float:
    """Seconds before the next try after ``failures`` wrong PINs in a row.

    0 after the first (a typo), then 1, 2, 4; after the fifth, the lock.
    """
    if failures >= MAX_WRONG:
        return LOCK_SECONDS
    if failures <= FREE_TRIES:
        return 0.0
    return float(2 ** (failures - FREE_TRIES - 1))


def in_words(seconds: float) -> str:
    """A wait in words, rounded up: "1 second", "40 seconds", "4 minutes"."""
    if seconds < 60:
        count = max(math.ceil(seconds), 1)
        return ngettext("{count} second", "{count} seconds", count).format(count=count)
    count = math.ceil(seconds / 60)
    return ngettext("{count} minute", "{count} minutes", count).format(count=count)


@dataclass(frozen=True)
class PinState:
    """Wrong PINs in a row, and until when (wall-clock time) no try is accepted."""

    failures: int = 0
    locked_until: float = 0.0


@dataclass(frozen=True)
class PinAnswer:
    """What became of one try: right, or the words to show."""

    right: bool
    message: str = ""
    counted: bool = False  # a wrong PIN (False: refused unchecked, too soon or locked)


class PinGuard:
    """Slows down and locks the operator exit after wrong PINs.

    The state lives in ``path`` (a small JSON file, replaced atomically), read
    again at every try, so it is shared by every kiosk process on the same data
    folder and survives restarts. Without a path, or when the file cannot be
    written, it lives in this object and ``problem`` says so. ``clock`` gives
    wall-clock seconds (the lock must hold across a restart, so not monotonic).
    """

    def __init__(self, path: Path | None = None, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock
        self.problem = ""  # why the state is in memory only, in words
        self._memory = PinState()
        self._on_disk = path is not None
        self._lock = threading.Lock()

    # -- the state ---------------------------------------------------------------

    def state(self) -> PinState:
        """The current state, as on disk (or in memory)."""
        return self._bounded(self._read())

    def wait(self) -> float:
        """Seconds before a try is accepted (0: now)."""
        return max(self.state().locked_until - self.clock(), 0.0)

    def locked(self) -> bool:
        """True while the exit is locked after too many wrong PINs."""
        state = self.state()
        return state.failures >= MAX_WRONG and state.locked_until > self.clock()

    def refusal(self) -> str:
        """Why a try would not be accepted now, in words ("" if it would be)."""
        return self._with_problem(self._refusal(self.state()))

    def _bounded(self, state: PinState) -> PinState:
        latest = self.clock() + LOCK_SECONDS
        if state.locked_until > latest:
            # The clock went back (or the file was edited): never more than a full lock.
            return PinState(state.failures, latest)
        return state

    def _refusal(self, state: PinState) -> str:
        left = state.locked_until - self.clock()
        if left <= 0:
            return ""
        if state.failures >= MAX_WRONG:
            return lock_words(left)
        # Translators: {wait} is "1 second", "4 seconds" or the like
        return _("Too soon after a wrong PIN: the next try is accepted in {wait}.").format(
            wait=in_words(left)
        )

    # -- a try -------------------------------------------------------------------

    def attempt(self, pin: str, pin_hash: str) -> PinAnswer:
        """Check ``pin``, unless it is too soon or the exit is locked (slow: run it off the UI).

        The try is counted as wrong *before* the PIN is checked, so that tries
        made at the same moment (several browser sessions, say) cannot slip
        past the count; the right PIN then clears it.
        """
        refusal, state = self._begin()
        if refusal:
            return PinAnswer(False, self._with_problem(refusal))
        if check_pin(pin, pin_hash):
            self._clear()
            return PinAnswer(True)
        return PinAnswer(False, self._with_problem(self._after_wrong(state)), counted=True)

    def _begin(self) -> tuple[str, PinState]:
        """Refuse the try (words, the state), or count it as wrong ("", the new state)."""
        with self._lock, self._across_processes():
            read = self._read()
            state = self._bounded(read)
            if state != read:
                self._write(state)
            refusal = self._refusal(state)
            if refusal:
                return refusal, state
            failures = 0 if state.failures >= MAX_WRONG else state.failures  # a lock ran out
            failures += 1
            state = PinState(failures, self.clock() + try_delay(failures))
            self._write(state)
            return "", state

    def _after_wrong(self, state: PinState) -> str:
        # Translators: {count} is how many wrong PINs in a row, so far
        said = [_("Wrong PIN ({count}).").format(count=state.failures)]
        if state.failures >= MAX_WRONG:
            return " ".join([*said, lock_words(LOCK_SECONDS)])
        wait = try_delay(state.failures)
        if wait:
            # Translators: {wait} is "1 second", "4 seconds" or the like
            said.append(_("The next try is accepted in {wait}.").format(wait=in_words(wait)))
        left = MAX_WRONG - state.failures
        said.append(
            # Translators: {wait} is "5 minutes" or the like
            ngettext(
                "{count} try left before the operator exit locks for {wait}.",
                "{count} tries left before the operator exit locks for {wait}.",
                left,
            ).format(count=left, wait=in_words(LOCK_SECONDS))
        )
        return " ".join(said)

    def _clear(self) -> None:
        with self._lock:
            self._memory = PinState()
            if self._on_disk and self.path is not None:
                try:
                    self.path.unlink(missing_ok=True)
                except OSError as error:
                    self._fall_back(error)

    def _with_problem(self, words: str) -> str:
        return f"{words} {self.problem}".strip() if self.problem else words

    # -- the file ----------------------------------------------------------------

    @contextmanager
    def _across_processes(self) -> Iterator[None]:
        """Hold a lock on the state file across a read-modify-write (none in memory)."""
        # Here, not at the top: settings import this module, and every start would pay.
        from filelock import FileLock, Timeout

        lock: FileLock | None = None
        if self._on_disk and self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                lock = FileLock(str(self.path) + ".lock", timeout=FILE_LOCK_TIMEOUT)
                lock.acquire()
            except Timeout:
                lock = None  # a stuck lock file must not keep the operator out
            except OSError as error:
                lock = None
                self._fall_back(error, seed=True)
        try:
            yield
        finally:
            if lock is not None:
                lock.release()

    def _read(self) -> PinState:
        if not self._on_disk:
            return self._memory
        try:
            return self._read_file()
        except OSError as error:
            self._fall_back(error)
            return self._memory

    def _read_file(self) -> PinState:
        """The state in the file (none if there is no file, or it is not ours)."""
        assert self.path is not None
        try:
            data = json.loads(self.path.read_bytes().decode("utf-8"))
            failures, until = data["failures"], data["locked_until"]
        except FileNotFoundError:
            return PinState()
        except (ValueError, KeyError, TypeError):
            return PinState()  # half a file cannot happen (os.replace); a hand-edited one can
        if isinstance(failures, bool) or not isinstance(failures, int) or failures < 0:
            return PinState()
        if isinstance(until, bool) or not isinstance(until, (int, float)):
            return PinState()
        if not math.isfinite(until):
            return PinState()
        return PinState(failures, float(until))

    def _write(self, state: PinState) -> None:
        self._memory = state
        if not self._on_disk or self.path is None:
            return
        text = json.dumps({"failures": state.failures, "locked_until": state.locked_until})
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, text)
        except OSError as error:
            self._fall_back(error)

    def _fall_back(self, error: OSError, seed: bool = False) -> None:
        """Keep the state in memory from now on, and say so.

        With ``seed``, memory starts from the file (still readable, not writable).
        """
        if not self._on_disk:
            return
        if seed:
            with suppress(OSError):
                self._memory = self._read_file()
        self._on_disk = False
        reason = error.strerror or error
        if self.path is not None:
            # Translators: {reason} is the system's reason
            self.problem = _(
                "(The exit lock cannot be kept in {folder}: {reason}. "
                "It is kept in memory until the reader restarts.)"
            ).format(folder=self.path.parent, reason=reason)
        else:
            self.problem = _(
                "(The exit lock cannot be kept in the data folder: {reason}. "
                "It is kept in memory until the reader restarts.)"
            ).format(reason=reason)


def lock_words(seconds: float) -> str:
    """The lock, in words: "Operator exit locked for 4 minutes after 5 wrong PINs."."""
    # Translators: {wait} is "5 minutes" or the like; {count} is always more than one
    return _("Operator exit locked for {wait} after {count} wrong PINs.").format(
        wait=in_words(seconds), count=MAX_WRONG
    )


def new_pin_problem(pin: str) -> str:
    """Why ``pin`` may not become an operator PIN ("" if it may): 6 digits or more."""
    if not pin:
        return _("no PIN was given")
    if not (pin.isascii() and pin.isdigit()):
        return _("a PIN is digits only (0 to 9)")
    if len(pin) < MIN_NEW_PIN:
        return _("a PIN needs at least {minimum} digits, and this one has {count}").format(
            minimum=MIN_NEW_PIN, count=len(pin)
        )
    return ""


def hash_pin(
    pin: str,
    salt: str | None = None,
    *,
    n: int = SCRYPT_N,
    r: int = SCRYPT_R,
    p: int = SCRYPT_P,
) -> str:
    """A salted scrypt hash of ``pin``, for the config file: ``scrypt$n$r$p$salt$digest``.

    Four digits at least, so that hashes made before the 6-digit rule still verify;
    ``reader kiosk-pin`` asks for :data:`MIN_NEW_PIN` (see :func:`new_pin_problem`).
    ``n``, ``r`` and ``p`` are scrypt's cost; only what a config file accepts
    (see :func:`pin_hash_problem`) can be made (tests pass ``n=MIN_SCRYPT_N``).
    """
    if len(pin) < 4 or not (pin.isascii() and pin.isdigit()):
        raise KioskConfigError(
            _("a PIN is digits, at least {least} ({minimum} for a new one)").format(
                least=4, minimum=MIN_NEW_PIN
            )
        )
    salt = salt or secrets.token_hex(16)
    # Checked before hashing: a cost out of bounds must not be paid even once.
    problem = pin_hash_problem(f"{SCHEME}${n}${r}${p}${salt}${'0' * 2 * DIGEST_BYTES}")
    if problem:
        raise KioskConfigError(problem)
    return f"{SCHEME}${n}${r}${p}${salt}${_scrypt(pin, salt, n, r, p)}"


def check_pin(pin: str, pin_hash: str) -> bool:
    """True if ``pin`` matches ``pin_hash`` (constant-time comparison; slow: run it off the UI).

    ``pin_hash`` is a scrypt hash, or a PBKDF2 one made by an older reader.
    """
    if pin_hash_problem(pin_hash):
        return False  # also never computes with costs out of bounds
    parts = pin_hash.split("$")
    if parts[0] == SCHEME:
        n, r, p = (int(part) for part in parts[1:4])
        salt, digest = parts[4], parts[5]
        candidate = _scrypt(pin, salt, n, r, p)
    else:
        iterations, salt, digest = int(parts[1]), parts[2], parts[3]
        candidate = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt.encode(), iterations).hex()
    return hmac.compare_digest(candidate, digest)


def pin_hash_problem(pin_hash: str) -> str:
    """What is wrong with a PIN hash, in words ("" if nothing).

    Cheap, and computes no hash: the costs a hash names are bounded here, so that
    a hostile config file cannot make a check take minutes or gigabytes.
    """
    scheme = pin_hash.split("$", 1)[0]
    if scheme == SCHEME:
        return _scrypt_problem(pin_hash.split("$"))
    if scheme == LEGACY_SCHEME:
        return _pbkdf2_problem(pin_hash.split("$"))
    # Translators: about a PIN hash in the config file; {scheme} and {legacy} are not
    # translated
    return _("it must start with {scheme}$ (or {legacy}$, made by an older reader)").format(
        scheme=SCHEME, legacy=LEGACY_SCHEME
    )


def _scrypt(pin: str, salt: str, n: int, r: int, p: int) -> str:
    """The hex digest of ``pin`` under scrypt (costs already checked)."""
    return hashlib.scrypt(
        pin.encode(), salt=salt.encode(), n=n, r=r, p=p, maxmem=SCRYPT_MAXMEM, dklen=DIGEST_BYTES
    ).hex()


def _whole(text: str, low: int, high: int) -> int | None:
    """``text`` as a whole number from ``low`` to ``high`` (None if it is not one)."""
    # The length first: int() of thousands of digits is slow, or refused with an error.
    if not (0 < len(text) <= len(str(high)) and text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if low <= value <= high else None


def _shown(value: str) -> str:
    """A number from a PIN hash as the message shows it: a hostile one cut short."""
    if len(value) > 12:
        return value[:12] + "…"
    # Translators: stands for a missing number in a PIN hash, as in "its r (empty) must be"
    return value or _("empty")


def _scrypt_problem(parts: list[str]) -> str:
    if len(parts) != 6:
        # Translators: about a PIN hash in the config file; {scheme} is not translated
        return _("it must be six parts joined by $, starting with {scheme}$").format(scheme=SCHEME)
    n_text, r_text, p_text, salt, digest = parts[1:]
    n = _whole(n_text, MIN_SCRYPT_N, MAX_SCRYPT_N)
    if n is None or n & (n - 1):
        # Translators: about a PIN hash in the config file; n is scrypt's cost, not translated
        return _("its n ({value}) must be a power of two from {low} to {high}").format(
            value=_shown(n_text), low=MIN_SCRYPT_N, high=MAX_SCRYPT_N
        )
    r = _whole(r_text, MIN_SCRYPT_R, MAX_SCRYPT_R)
    if r is None:
        # Translators: about a PIN hash in the config file; {name} is r or p, scrypt's
        # costs, not translated
        return _("its {name} ({value}) must be a whole number from {low} to {high}").format(
            name="r", value=_shown(r_text), low=MIN_SCRYPT_R, high=MAX_SCRYPT_R
        )
    if _whole(p_text, 1, MAX_SCRYPT_P) is None:
        # Translators: about a PIN hash in the config file; {name} is r or p, scrypt's
        # costs, not translated
        return _("its {name} ({value}) must be a whole number from {low} to {high}").format(
            name="p", value=_shown(p_text), low=1, high=MAX_SCRYPT_P
        )
    if 128 * n * r > MAX_SCRYPT_MEMORY:
        # Translators: about a PIN hash in the config file; n and r are scrypt's costs
        return _(
            "its n and r need {size} MiB of memory for each check, more than {limit} MiB"
        ).format(size=128 * n * r // 2**20, limit=MAX_SCRYPT_MEMORY // 2**20)
    return _salt_and_digest_problem(salt, digest)


def _pbkdf2_problem(parts: list[str]) -> str:
    if len(parts) != 4:
        # Translators: about a PIN hash in the config file; {scheme} is not translated
        return _("it must be four parts joined by $, starting with {scheme}$").format(
            scheme=LEGACY_SCHEME
        )
    iterations, salt, digest = parts[1:]
    if _whole(iterations, MIN_ITERATIONS, MAX_ITERATIONS) is None:
        if iterations:
            # Translators: about a PIN hash in the config file
            message = _("its iteration count ({count}) must be a whole number from {low} to {high}")
        else:
            # Translators: about a PIN hash in the config file: its iteration count is missing
            message = _("its iteration count (empty) must be a whole number from {low} to {high}")
        return message.format(count=_shown(iterations), low=MIN_ITERATIONS, high=MAX_ITERATIONS)
    return _salt_and_digest_problem(salt, digest)


def _salt_and_digest_problem(salt: str, digest: str) -> str:
    if not re.fullmatch(r"[0-9a-fA-F]{16,128}", salt):
        return _("its salt must be 16 to 128 hexadecimal characters (0-9, a-f)")
    if not re.fullmatch(r"[0-9a-f]{64}", digest):
        return _("its digest must be 64 hexadecimal characters (0-9, a-f)")
    return ""
