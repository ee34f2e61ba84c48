"""Paths shared by the tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
CORPORA = TESTS / "corpora"
GOLDEN = TESTS / "golden"


@dataclass
class Result:
    """What a command line run printed and returned."""

    code: int
    out: str
    err: str


# Builds a reader app on the test content (see tests/tui/conftest.py).
MakeApp = Callable[..., Any]


def kiosk_settings(
    content: Path, data: Path, *, enabled: bool = True, speech: Any = None, **kiosk: Any
) -> Any:
    """Settings for a reader on ``content`` in region GB, as a kiosk (unless not
    ``enabled``) whose operator PIN is 246813, with ``speech`` settings if given."""
    from reader.library.kiosk import KioskSettings
    from reader.library.pin import MIN_SCRYPT_N, hash_pin
    from reader.library.settings import Settings
    from reader.speech.settings import SpeechSettings

    kiosk = {"idle_timeout": 600, "countdown": 1, **kiosk}
    return Settings(
        articles=content,
        data_dir=data,
        region="GB",
        config_file=None,
        kiosk=KioskSettings(
            enabled=enabled, operator_pin_hash=hash_pin("246813", n=MIN_SCRYPT_N), **kiosk
        ),
        speech=speech or SpeechSettings(),
    )


def copy_content(folder: Path) -> Path:
    """A copy of the test content in ``folder``/content, for tests that change it."""
    root = folder / "content"
    root.mkdir()
    for path in (FIXTURES / "content").iterdir():
        (root / path.name).write_bytes(path.read_bytes())
    return root
