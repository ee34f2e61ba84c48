"""In a real pseudo-terminal: styles on a terminal, none with NO_COLOR or TERM=dumb."""

from __future__ import annotations

import os
import sys

import pexpect
import pytest
from helpers import FIXTURES, REPO

CONTENT = str(FIXTURES / "content")


def _run_in_pty(*args: str, **env: str) -> bytes:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    environment.update(PYTHONPATH=str(REPO), **env)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reader", *args, "--articles", CONTENT],
        env=environment,
        dimensions=(24, 70),
        timeout=30,
    )
    output = child.read()
    child.close()
    assert child.exitstatus == 0, output
    return output


def test_a_terminal_gets_bold_headings_and_underlined_links() -> None:
    out = _run_in_pty("read", "all-blocks", TERM="xterm-256color")
    assert b"\x1b[1m## A list\x1b[0m" in out
    assert b"\x1b[4mthe other article\x1b[0m" in out or b"\x1b[4mthe\x1b[0m" in out


def test_the_terminal_width_is_used() -> None:
    out = _run_in_pty("read", "all-blocks", TERM="dumb")
    lines = out.decode().splitlines()
    assert max(len(line) for line in lines) <= 70
    assert max(len(line) for line in lines) > 60


@pytest.mark.parametrize("env", [{"NO_COLOR": "1", "TERM": "xterm"}, {"TERM": "dumb"}])
def test_no_escape_codes_when_asked(env: dict[str, str]) -> None:
    for command in (["read", "all-blocks"], ["contacts"], ["check", CONTENT], ["list"]):
        out = _run_in_pty(*command, **env)
        assert b"\x1b" not in out, command
        assert out.strip()
