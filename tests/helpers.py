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


def copy_content(folder: Path) -> Path:
    """A copy of the test content in ``folder``/content, for tests that change it."""
    root = folder / "content"
    root.mkdir()
    for path in (FIXTURES / "content").iterdir():
        (root / path.name).write_bytes(path.read_bytes())
    return root
