"""The readability gate of ``reader check``: what is measured, what is warned about, offline."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import REPO, Result, copy_content

from reader.document.parse import parse_document
from reader.library import load_library
from reader.library.check import check_library, read_library
from reader.library.models import WARNING
from reader.library.readability import FLESCH_FLOOR, measure, sentences, units

RunCli = Callable[..., Result]
FRONT = (
    "---\ntitle: T\ntopic: sleep\nsummary: S.\nkeywords: [x]\nlast_reviewed: 2026-01-01\n"
    "next_review: 2099-01-01\nreviewed_by: Nobody.\nsources: ['S.']\n{extra}---\n"
)


def write(folder: Path, slug: str, body: str, extra: str = "") -> None:
    (folder / f"{slug}.md").write_text(FRONT.format(extra=extra) + body, encoding="utf-8")


def test_paragraphs_items_cells_and_headings_are_separate_units_and_code_is_not_prose() -> None:
    doc = parse_document(
        "## Sleep well\n\nA short paragraph.\n\n- first item\n- second item\n\n"
        "| a | b |\n|---|---|\n| cell one | cell two |\n\n```\nnot prose at all\n```\n"
        "> quoted words\n"
    )
    assert [u.text for u in units(doc)] == [
        "Sleep well",
        "A short paragraph.",
        "first item",
        "second item",
        "a",
        "b",
        "cell one",
        "cell two",
        "quoted words",
    ]


def test_long_sentences_are_counted_and_the_longest_warned_about_with_their_line(
    tmp_path: Path,
) -> None:
    folder = copy_content(tmp_path)
    words26 = "Cats " + " ".join(["cat"] * 24) + " end."  # short words: easy, but long
    words36 = "Dogs " + " ".join(["dog"] * 34) + " end."
    write(folder, "long", f"Short one. {words26}\n\nNext paragraph.\n\n{words36}\n")
    library = load_library(folder)
    reading = read_library(library)["long"]
    assert [s.words for s in reading.long] == [26, 36]
    problems = [p for p in check_library(library) if p.path.endswith("long.md")]
    assert [(p.severity, p.line) for p in problems] == [(WARNING, 15)]  # the 36 words only
    assert "a sentence of 36 words: 'Dogs dog dog" in problems[0].message


def test_hard_text_is_warned_about_and_the_sources_are_not_measured(tmp_path: Path) -> None:
    folder = copy_content(tmp_path)
    hard = (
        "Pharmacological intervention necessitates individualised consideration. "
        "Discontinuation phenomena complicate administration. "
    ) * 12
    write(folder, "hard", hard)
    library = load_library(folder)
    reading = read_library(library)["hard"]
    assert reading.name == "Flesch" and reading.score is not None
    assert reading.score < FLESCH_FLOOR and reading.hard
    messages = [p.message for p in check_library(library) if p.path.endswith("hard.md")]
    assert any(m.startswith("Flesch score") and "hard to read" in m for m in messages)
    # The same text in the sources only: nothing to warn about.
    write(folder, "hard", "Plain words here. We keep it short.\n", "")
    (folder / "hard.md").write_text(
        (folder / "hard.md").read_text().replace("sources: ['S.']", f"sources: ['{hard.strip()}']")
    )
    library = load_library(folder)
    assert not read_library(library)["hard"].hard
    assert not [p for p in check_library(library) if p.path.endswith("hard.md")]


def test_norwegian_is_measured_by_lix_and_another_language_by_nothing(tmp_path: Path) -> None:
    easy_nb = "Det er lett å lese. Vi skriver korte ord. " * 15
    hard_nb = (
        "Helsemyndighetenes anbefalinger vedrørende legemiddelbehandling forutsetter "
        "individualiserte vurderinger. Seponeringssymptomer kompliserer administrasjonen. "
    ) * 12
    assert measure(parse_document(easy_nb), "nb").name == "LIX"
    easy, hard = measure(parse_document(easy_nb), "nb"), measure(parse_document(hard_nb), "nb")
    assert easy.score is not None and easy.score < 40 and not easy.hard
    assert hard.score is not None and hard.score > 40 and hard.hard
    short = measure(parse_document("Ein kurzer Satz.\n"), "en")
    assert short.score is None and "too short to score (3 words, under 100)" in short.summary()
    other = measure(parse_document("Ein kurzer Satz.\n"), "de")
    assert other.name == "" and other.score is None and not other.hard
    assert "no readability measure for language 'de'" in other.summary()


def test_a_language_that_is_no_language_code_is_a_warning_and_english_is_assumed(
    tmp_path: Path,
) -> None:
    folder = copy_content(tmp_path)
    write(folder, "odd", "Words.\n", "lang: English please\n")
    library = load_library(folder)
    assert library.articles["odd"].lang == "en"
    problems = [p for p in library.problems if p.path.endswith("odd.md")]
    assert [p.severity for p in problems] == [WARNING]
    assert "is not a language code, so English is assumed" in problems[0].message


def test_abbreviations_do_not_end_a_sentence() -> None:
    unit = units(parse_document("Talk to Dr. Smith or a GP, e.g. NHS 111. Then rest.\n"))[0]
    assert [s.text for s in sentences(unit)] == [
        "Talk to Dr. Smith or a GP, e.g. NHS 111.",
        "Then rest.",
    ]


def test_the_bundled_articles_pass_the_gate(run_cli: RunCli) -> None:
    library = load_library(REPO / "articles")
    readings = read_library(library)
    assert len(readings) >= 18
    for slug, reading in readings.items():
        assert reading.name == "Flesch" and reading.score is not None, slug
        assert reading.score >= FLESCH_FLOOR and not reading.too_long, (slug, reading.summary())
    result = run_cli("check", str(REPO / "articles"))
    assert result.code == 0 and ": 0 errors, 0 warnings." in result.out
    assert "self-harm: Flesch" in result.out and "sentences over 25 words" in result.out


NO_NETWORK = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network unreachable (test)")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""


def test_reader_check_measures_with_the_network_unreachable(tmp_path: Path) -> None:
    """textstat's dictionary comes with the package: nothing is fetched at first use."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(NO_NETWORK)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),  # no dictionary left by an earlier run
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": str(tmp_path / "site"),
        "NLTK_DATA": str(tmp_path / "nltk"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "reader", "check", str(REPO / "articles")],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "understanding-depression: Flesch" in result.stdout
    assert "network unreachable" not in result.stdout + result.stderr


@pytest.mark.parametrize("version", ["0.7.8"])
def test_textstat_is_the_version_that_works_offline(version: str) -> None:
    from importlib.metadata import version as installed

    assert installed("textstat") == version
