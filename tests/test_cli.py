"""The plain command line: golden outputs, errors without tracebacks, clean bytes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FIXTURES, GOLDEN, REPO, Result

RunCli = Callable[..., Result]
CONTENT = str(FIXTURES / "content")
BROKEN = str(FIXTURES / "broken")

# name -> arguments; the output must match tests/golden/<name>.txt exactly.
# Regenerate after an intended change with: UPDATE_GOLDEN=1 pytest tests/test_cli.py
GOLDEN_RUNS = {
    "topics": ["topics", "--articles", CONTENT],
    "list": ["list", "--articles", CONTENT],
    "list-topic": ["list", "--topic", "worry", "--articles", CONTENT],
    "read-all-blocks-60": ["read", "all-blocks", "--width", "60", "--articles", CONTENT],
    "read-all-blocks-30": ["read", "all-blocks", "--width", "30", "--articles", CONTENT],
    "read-old-advice": ["read", "old-advice", "--articles", CONTENT],
    "contacts-gb-sleep": ["--region", "GB", "contacts", "--topic", "sleep", "--articles", CONTENT],
    "contacts-all": ["contacts", "--articles", CONTENT],
    "check-content": ["check", CONTENT],
    "check-broken": ["check", BROKEN],
}
EXIT_CODES = {"check-broken": 1}


@pytest.mark.parametrize("name", sorted(GOLDEN_RUNS))
def test_golden_output(name: str, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    result = run_cli(*GOLDEN_RUNS[name])
    assert result.code == EXIT_CODES.get(name, 0), result.err
    assert result.err == ""
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.out)
    assert result.out == golden.read_text()
    assert "\x1b" not in result.out


def test_read_shows_sources_dates_and_the_note(run_cli: RunCli) -> None:
    out = run_cli("read", "all-blocks", "--width", "200", "--articles", CONTENT).out
    assert out.startswith("# Every kind of block\n")
    assert "### Sources" in out and "\n1. Author A. A book about sleep." in out
    assert "2. World Health Organization. A fact sheet. https://example.org/fact-sheet" in out
    assert "Last reviewed 1 January 2026. Next review due 1 January 2099." in out
    assert "Reviewed by: Not clinically reviewed." in out
    assert "not a diagnosis or medical advice" in out
    assert "an external page (https://example.org/page)" in out
    assert "the other article (article worry-basics)" in out
    assert 'a link to a section (section "A table")' in out


def test_overdue_review_is_a_warning_in_words(run_cli: RunCli) -> None:
    out = run_cli("read", "old-advice", "--articles", CONTENT).out
    assert "\nWarning: review overdue. Some information may be out of date.\n" in out
    listing = run_cli("list", "--articles", CONTENT).out
    assert "old-advice    Old advice  (review overdue)" in listing


def test_check_names_every_problem_by_file_and_field(run_cli: RunCli) -> None:
    result = run_cli("check", BROKEN)
    assert result.code == 1
    expected = [
        r"broken/bad-date\.md:5: error: last_reviewed: 'last tuesday' is not a date",
        r"broken/bad-source\.md:\d+: error: sources: .*javascript",
        r"broken/bad-yaml\.md:3: error: YAML cannot be read",
        r"broken/broken-links\.md:12: error: body: link 'missing\.md'",
        r"broken/broken-links\.md:13: error: body: link '#no-such-heading'",
        r"broken/broken-links\.md:14: error: body: link '\.\./\.\./etc/passwd'.*outside",
        r"broken/broken-links\.md:16: error: body: link '/etc/passwd'",
        r"broken/control-chars\.md:2: warning: holds control characters",
        r"broken/invalid-utf8\.md:8: error: invalid UTF-8",
        r"broken/missing-title\.md:1: error: title: missing required field",
        r"broken/no-front-matter\.md:1: error: has no front matter",
        r"broken/overdue\.md: warning: next_review: review was due on 2020-01-01",
        r"broken/review-order\.md:6: error: next_review: next review is not after",
        r"broken/sub/dup\.md: error: slug 'dup' is already used by broken/dup\.md",
        r"broken/typo-field\.md:1: error: summary: missing required field",
        r"broken/typo-field\.md:4: warning: sumary: .*did you mean 'summary'",
        r"broken/unknown-topic\.md:3: error: topic: unknown topic 'slep'.*'sleep'",
        r"broken/contacts\.yaml:2: warning: last_checked: contact 1 .*no check date",
        r"broken/contacts\.yaml:7: error: phone: contact 2: no way to reach it",
    ]
    for pattern in expected:
        assert re.search(pattern, result.out), pattern
    assert "Traceback" not in result.out + result.err


def test_check_of_the_bundled_articles_passes(run_cli: RunCli) -> None:
    result = run_cli("check", str(REPO / "articles"))
    assert result.code == 0, result.out
    assert ": 0 errors, 0 warnings." in result.out


def test_check_with_only_warnings_exits_zero(run_cli: RunCli) -> None:
    result = run_cli("check", CONTENT)
    assert result.code == 0 and "0 errors, 1 warning." in result.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["read", "all-block"], "no article 'all-block'. Did you mean 'all-blocks'?"),
        (["list", "--topic", "wory"], "no topic 'wory'. Did you mean 'worry'?"),
        (["contacts", "--region", "SE"], "no region 'SE'"),
        (["read", "all-blocks", "--width", "5"], "too narrow"),
        (["--config", "/nonexistent/reader.toml", "topics"], "does not exist"),
        (["topics", "--articles", "/nonexistent/folder"], "no articles could be loaded"),
    ],
)
def test_mistakes_get_a_clear_message(run_cli: RunCli, args: list[str], message: str) -> None:
    result = run_cli(*args, "--articles", CONTENT) if "--articles" not in args else run_cli(*args)
    assert result.code == 2
    assert message in result.err and result.err.startswith("reader: ")


def test_opening_an_unknown_article_is_refused_before_the_screen_starts(
    run_cli: RunCli,
) -> None:
    result = run_cli("--open", "all-block", "--articles", CONTENT)
    assert result.code == 2
    assert "no article 'all-block'. Did you mean 'all-blocks'?" in result.err


def test_environment_variables_are_read(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_ARTICLES", CONTENT)
    monkeypatch.setenv("READER_REGION", "no")
    out = run_cli("contacts").out
    assert out.startswith("Norway (NO):\n- EMERGENCY: Nødnummer")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


def test_python_dash_m_and_piped_output_have_no_escapes() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "read", "all-blocks", "--articles", CONTENT],
        capture_output=True,
        env=_env(TERM="xterm-256color"),
        check=True,
    )
    assert b"\x1b" not in result.stdout
    assert result.stdout.startswith(b"# Every kind of block")


def test_broken_pipe_is_quiet() -> None:
    reader = subprocess.Popen(
        [sys.executable, "-m", "reader", "read", "all-blocks", "--articles", CONTENT],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(10)
    reader.stdout.close()
    assert reader.wait(timeout=20) == 0
    assert b"Traceback" not in reader.stderr.read()


def test_golden_files_exist_for_every_run() -> None:
    assert {p.stem for p in Path(GOLDEN).glob("*.txt")} == set(GOLDEN_RUNS)
