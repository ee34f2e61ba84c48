"""Shared fixtures: content folders and a way to run the command line in-process."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, Result

from reader import i18n
from reader.cli import main


@pytest.fixture
def content_dir() -> Path:
    """A small, valid content folder with stable dates."""
    return FIXTURES / "content"


@pytest.fixture
def broken_dir() -> Path:
    """A content folder full of deliberate mistakes."""
    return FIXTURES / "broken"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No reader settings leak in from the machine running the tests."""
    for name in list(os.environ):
        if name.startswith("READER_") or name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def run_cli(clean_env: None) -> Callable[..., Result]:
    """Run ``reader`` in-process with captured (non-terminal) output."""

    def run(*args: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
        return Result(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture(autouse=True)
def isolated_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The search index cache of each test stays out of the user's cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Each test starts in English, whatever language the last one chose (the reader's
    language is the process's: a command run with --lang nb leaves it set)."""
    i18n.use("en")
    yield
    i18n.use("en")


@pytest.fixture
def line_mode_under(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Start the reader in line mode on the test content (region GB) under a screen reader:
    ``start(ScreenReaderClass, *args, cols=, rows=)``; each is closed after the test."""
    started: list[Any] = []

    def start(reader: type, *args: str, cols: int = 100, rows: int = 30) -> Any:
        home = tmp_path / f"home{len(started)}"
        home.mkdir()
        options = ("--articles", str(FIXTURES / "content"), "--region", "GB", "--screen-reader")
        started.append(reader(*options, *args, home=home, cols=cols, rows=rows))
        return started[-1]

    yield start
    for screen_reader in started:
        screen_reader.close()
