"""Kiosk settings (no Textual here).

A kiosk is a public terminal: it runs only the reader, nothing a visitor does
is kept, and only an operator who knows the PIN may leave it (see
:mod:`reader.library.pin`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.i18n import _
from reader.library.pin import PIN_LOCK_FILE, KioskConfigError, PinGuard, pin_hash_problem

DEFAULT_IDLE = 180
DEFAULT_COUNTDOWN = 20


@dataclass(frozen=True)
class KioskSettings:
    """How a kiosk behaves."""

    enabled: bool = False
    idle_timeout: float = DEFAULT_IDLE
    countdown: float = DEFAULT_COUNTDOWN
    operator_pin_hash: str = ""
    persist: bool = False  # keep bookmarks on disk across visitors (off by default)
    speech: bool = False  # each visitor starts with speech on
    # Wrong PINs and the exit lock: outlives every visitor (the app keeps its settings).
    pin_guard: PinGuard = field(default_factory=PinGuard, compare=False, repr=False)


def kiosk_settings(
    section: Any,
    flag: bool = False,
    idle: float | None = None,
    data_dir: Path | None = None,
) -> KioskSettings:
    """Kiosk settings from a config file's ``[kiosk]`` table and the command line.

    ``data_dir`` is where the operator exit's lock is kept (in memory without it).
    """
    if section is None:
        section = {}
    if not isinstance(section, Mapping):
        raise KioskConfigError(_("[kiosk] must be a table of settings"))
    known = {"enabled", "idle_timeout", "countdown", "operator_pin_hash", "persist", "speech"}
    unknown = set(section) - known
    if unknown:
        raise KioskConfigError(
            _("[kiosk] has unknown settings: {names}").format(names=", ".join(sorted(unknown)))
        )
    for name in ("enabled", "persist", "speech"):
        if not isinstance(section.get(name, False), bool):
            # Translators: {name} is a setting's name; true and false are TOML words
            raise KioskConfigError(_("[kiosk] {name} must be true or false").format(name=name))
    timeout = idle if idle is not None else section.get("idle_timeout", DEFAULT_IDLE)
    countdown = section.get("countdown", DEFAULT_COUNTDOWN)
    for name, value in (("idle_timeout", timeout), ("countdown", countdown)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise KioskConfigError(
                _("[kiosk] {name} must be a number of seconds above 0").format(name=name)
            )
    pin_hash = section.get("operator_pin_hash", "")
    if not isinstance(pin_hash, str):
        raise KioskConfigError(
            _('[kiosk] operator_pin_hash must be a string in quotes: operator_pin_hash = "..."')
        )
    problem = pin_hash_problem(pin_hash) if pin_hash else ""
    if problem:
        raise KioskConfigError(
            # Translators: `reader kiosk-pin` is a command, not translated
            _(
                "[kiosk] operator_pin_hash is not a hash made by `reader kiosk-pin`: {problem}; "
                "make a new one with `reader kiosk-pin` and paste the line it prints"
            ).format(problem=problem)
        )
    return KioskSettings(
        enabled=flag or bool(section.get("enabled", False)),
        idle_timeout=float(timeout),
        countdown=float(countdown),
        operator_pin_hash=pin_hash,
        persist=bool(section.get("persist", False)),
        speech=bool(section.get("speech", False)),
        pin_guard=PinGuard(data_dir / PIN_LOCK_FILE if data_dir is not None else None),
    )
