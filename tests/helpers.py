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
