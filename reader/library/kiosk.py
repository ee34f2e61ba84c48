"""Kiosk settings and the operator's PIN (no Textual here).

A kiosk is a public terminal: it runs only the reader, nothing a visitor does
is kept, and only an operator who knows the PIN may leave it. The PIN is never
stored, only a salted PBKDF2 hash of it (``reader kiosk-pin`` makes one).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_IDLE = 180
DEFAULT_COUNTDOWN = 20
ITERATIONS = 200_000
SCHEME = "pbkdf2_sha256"


class KioskConfigError(ValueError):
    """A ``[kiosk]`` setting that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class KioskSettings:
    """How a kiosk behaves."""

    enabled: bool = False
    idle_timeout: float = DEFAULT_IDLE
    countdown: float = DEFAULT_COUNTDOWN
    operator_pin_hash: str = ""
    persist: bool = False  # keep bookmarks on disk across visitors (off by default)


def kiosk_settings(section: Any, flag: bool = False, idle: float | None = None) -> KioskSettings:
    """Kiosk settings from a config file's ``[kiosk]`` table and the command line."""
    if section is None:
        section = {}
    if not isinstance(section, Mapping):
        raise KioskConfigError("[kiosk] must be a table of settings")
    known = {"enabled", "idle_timeout", "countdown", "operator_pin_hash", "persist"}
    unknown = set(section) - known
    if unknown:
        raise KioskConfigError(f"[kiosk] has unknown settings: {', '.join(sorted(unknown))}")
    for name in ("enabled", "persist"):
        if not isinstance(section.get(name, False), bool):
            raise KioskConfigError(f"[kiosk] {name} must be true or false")
    timeout = idle if idle is not None else section.get("idle_timeout", DEFAULT_IDLE)
    countdown = section.get("countdown", DEFAULT_COUNTDOWN)
    for name, value in (("idle_timeout", timeout), ("countdown", countdown)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise KioskConfigError(f"[kiosk] {name} must be a number of seconds above 0")
    pin_hash = section.get("operator_pin_hash", "")
    if not isinstance(pin_hash, str) or (pin_hash and not _parse(pin_hash)):
        raise KioskConfigError("[kiosk] operator_pin_hash is not a hash made by `reader kiosk-pin`")
    return KioskSettings(
        enabled=flag or bool(section.get("enabled", False)),
        idle_timeout=float(timeout),
        countdown=float(countdown),
        operator_pin_hash=pin_hash,
        persist=bool(section.get("persist", False)),
    )


def hash_pin(pin: str, salt: str | None = None, iterations: int = ITERATIONS) -> str:
    """A salted PBKDF2-SHA256 hash of ``pin``, for the config file."""
    if len(pin) < 4 or not pin.isdigit():
        raise KioskConfigError("a PIN is at least 4 digits")
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt.encode(), iterations).hex()
    return f"{SCHEME}${iterations}${salt}${digest}"


def check_pin(pin: str, pin_hash: str) -> bool:
    """True if ``pin`` matches ``pin_hash`` (constant-time comparison)."""
    parsed = _parse(pin_hash)
    if parsed is None:
        return False
    iterations, salt, digest = parsed
    candidate = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt.encode(), iterations).hex()
    return hmac.compare_digest(candidate, digest)


def _parse(pin_hash: str) -> tuple[int, str, str] | None:
    parts = pin_hash.split("$")
    if len(parts) != 4 or parts[0] != SCHEME or not parts[1].isdigit():
        return None
    return int(parts[1]), parts[2], parts[3]
