"""Hostile content: escape sequences never reach the terminal; bombs and giants are tamed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from helpers import REPO, copy_content
from pty_terminal import Terminal

from reader.library.loader import load_library

# What a tampered folder might carry: window title, clipboard, hyperlink, bell,
# C1 controls, a DCS string, and bidi overrides that reorder text.
NASTY = (
    "\x1b]0;owned\x07 \x1b]52;c;ZXZpbA==\x07 \x1b]8;;https://evil.example\x1b\\"
    "link\x1b]8;;\x1b\\ \x9b31m \x90dcs\x9c \x1bP1$r\x1b\\ \u202eevil\u202c \x1b[2J"
)
# Bytes that must never be written: OSC and DCS starts, BEL, C1 controls in UTF-8, bidi.
FORBIDDEN = [
    b"\x1b]",
    b"\x07",
    b"\x1bP",
    b"\xc2\x9b",
    b"\xc2\x90",
    b"\xc2\x9c",
    "\u202e".encode(),
    "\u202c".encode(),
]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """Test content with escape sequences in a title, a body, a link and a contact."""
    root = copy_content(tmp_path)
    article = (root / "worry-basics.md").read_text()
    article = article.replace("title: Worry basics", f"title: 'Worry {NASTY}'")
    article = article.replace(
        "Worry is common.",
        f"Worry is common. {NASTY}\n\n[bad {NASTY}](all-blocks.md) and `code {NASTY}`",
    )
    (root / "worry-basics.md").write_text(article)
    contacts = (
        (root / "contacts.yaml")
        .read_text()
        .replace("organisation: Test Helpline", f"organisation: 'Test Helpline {NASTY}'")
    )
    (root / "contacts.yaml").write_text(contacts)
    return root


def test_no_escape_from_content_reaches_the_screen(hostile: Path, tmp_path: Path) -> None:
    terminal = Terminal(
        "--articles",
        str(hostile),
        "--open",
        "worry-basics",
        "--region",
        "GB",
        data_dir=tmp_path / "data",
    )
    written = b""
    try:
        terminal.wait_for("Worry")
        for keys in (("l",), ("f2",), ("down", "enter"), ("escape", "B"), ("escape", "1")):
            terminal.press(*keys)
        written = terminal.stream_bytes
    finally:
        terminal.close()
    assert "owned" in terminal.text or b"owned" in written  # the text is shown, harmless
    # Textual's own one OSC: the mouse pointer's shape. Anything else came from content.
    written = re.sub(rb"\x1b\]22;[a-z-]+\x07", b"", written)
    for sequence in FORBIDDEN:
        assert sequence not in written, sequence


# Link targets that percent-decode to escape sequences: a window title, the
# clipboard (OSC 52), a cleared screen and the alternate screen left.
LINK_TARGETS = (
    "#%1B%5D0%3BTITLE%1B%5C",
    "#%1B%5D52%3Bc%3BZXZpbA%3D%3D%07",
    "%1B%5B2J%1B%5B%3F1049lX.md",
)


def test_no_escape_from_a_link_target_reaches_the_terminal(tmp_path: Path) -> None:
    """Each link selected (its target said) and followed (its missing target said)."""
    root = copy_content(tmp_path)
    article = (root / "worry-basics.md").read_text()
    links = "\n\n".join(f"[target {n}]({target})" for n, target in enumerate(LINK_TARGETS))
    (root / "worry-basics.md").write_text(article.replace("Worry is common.", links))
    terminal = Terminal(
        "--articles", str(root), "--open", "worry-basics", data_dir=tmp_path / "data"
    )
    written = b""
    try:
        terminal.wait_for("Worry basics")
        for n in range(len(LINK_TARGETS)):
            terminal.press("l")
            terminal.wait_for(f"Link: target {n}")
            terminal.press("enter")
            terminal.wait_for("target")  # its answer said, the reader still there
        written = terminal.stream_bytes
    finally:
        terminal.close()
    written = re.sub(rb"\x1b\]22;[a-z-]+\x07", b"", written)  # Textual's pointer shape
    for sequence in [*FORBIDDEN, b"\x1b[?1049l", b"TITLE\x1b"]:
        assert sequence not in written, sequence


# NASTY as every face must show it: ESC and BEL as visible symbols, C1 controls as the
# replacement character, the bidi overrides gone.
SHOWN = (
    "␛]0;owned␇ ␛]52;c;ZXZpbA==␇ ␛]8;;https://evil.example␛\\link␛]8;;␛\\ \ufffd31m "
    "\ufffddcs\ufffd ␛P1$r␛\\ evil ␛[2J"
)
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
CHECK_FIX = "Fix: remove them from the file"


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["read", "worry-basics"], ["Worry is common. ␛]0;owned␇ ␛]52;c;ZXZpbA==␇"]),
        (["contacts", "--region", "GB"], [f"- Test Helpline {SHOWN}"]),
        (["list"], [f"worry-basics  Worry {SHOWN}"]),
        (
            ["check"],  # control characters are a warning, not an error: exit 0
            [
                "content/contacts.yaml:7: warning: holds control characters; they are shown "
                f"as symbols, never sent to the terminal. {CHECK_FIX}",
                "content/worry-basics.md:2: warning: holds control characters; they are shown "
                f"as symbols, never sent to the terminal. {CHECK_FIX}",
                "3 articles, 2 topics, 5 contacts: 0 errors, 4 warnings.",
            ],
        ),
        (["search", "worry"], [f"1. Worry {SHOWN} (worry-basics), Worry"]),
    ],
    ids=["read", "contacts", "list", "check", "search"],
)
def test_no_escape_from_content_reaches_the_plain_commands(
    hostile: Path, command: list[str], shown: list[str], tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env.update(
        PYTHONPATH=str(REPO), READER_ARTICLES=str(hostile), READER_DATA_DIR=str(tmp_path / "d")
    )
    if command[0] == "check":
        command = ["check", str(hostile)]

    done = subprocess.run(
        [sys.executable, "-m", "reader", *command], env=env, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert b"\x1b" not in done.stdout and not any(seq in done.stdout for seq in FORBIDDEN)
    out = done.stdout.decode()
    controls = [c for c in out if c != "\n" and (unicodedata.category(c) == "Cc" or c in BIDI)]
    assert not controls, controls
    lines = out.splitlines()
    for line in shown:  # the hostile text is there, neutralised, on a line of its own
        assert any(line in printed for printed in lines), f"{line!r} not in:\n{out}"


def test_a_yaml_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}]\n"
        for i in range(9)
    )
    (root / "bomb.md").write_text(
        f"---\n{bomb}title: *j\ntopic: sleep\nsummary: *j\n"
        "keywords: *j\nlast_reviewed: 2026-01-01\n"
        "next_review: 2099-01-01\n---\nBody\n"
    )
    start = time.perf_counter()
    library = load_library(root)
    assert time.perf_counter() - start < 5
    assert "bomb" not in library.articles
    assert any(p.path.endswith("bomb.md") and p.severity == "error" for p in library.problems)
