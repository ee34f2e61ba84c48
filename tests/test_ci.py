"""CI runs the README's test command, and any failure in it fails the run."""

from __future__ import annotations

import re
import subprocess

from helpers import REPO

CI = REPO / ".ci" / "run"


def ci_test_line() -> str:
    """The line of .ci/run that installs and runs the tests."""
    return next(line for line in CI.read_text().splitlines() if 'install ".[test]"' in line)


def run_with(pip: int, pytest: int) -> subprocess.CompletedProcess[str]:
    """.ci/run's test line under its own shell options, with stand-ins that exit as told."""
    script = f"""
set -euo pipefail
python() {{
    if [ "$2" = pip ]; then echo pip-ran; return {pip}; fi
    echo pytest-ran; return {pytest}
}}
{ci_test_line()}
echo after-the-tests
"""
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True)


def test_a_failed_install_fails_the_run() -> None:
    result = run_with(pip=1, pytest=0)
    assert result.returncode != 0
    assert "pytest-ran" not in result.stdout and "after-the-tests" not in result.stdout


def test_failed_tests_fail_the_run_and_passing_ones_go_on() -> None:
    assert run_with(pip=0, pytest=1).returncode != 0
    passing = run_with(pip=0, pytest=0)
    assert passing.returncode == 0 and "after-the-tests" in passing.stdout


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text()
    command = re.sub(r"\s*\|\|\s*exit 1$", "", ci_test_line().strip())
    assert command.replace("python -m ", "") in readme.replace("python -m ", "")
