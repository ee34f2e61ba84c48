"""A plain, non-editable install ships the articles and finds them from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from helpers import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
    )
    (built,) = out.glob("reader-*.whl")
    return built


def test_the_wheel_holds_every_content_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    content = [p for p in (REPO / "articles").rglob("*") if p.suffix in (".md", ".yaml")]
    assert len(content) >= 2 * 18
    for path in content:
        assert f"reader/articles/{path.relative_to(REPO / 'articles').as_posix()}" in names, path
    assert "reader/cli/__init__.py" in names
    # The compiled catalogs and each language's date formats: the reader reads these.
    assert "reader/locale/nb/LC_MESSAGES/reader.mo" in names
    assert {"reader/locale/en/formats.json", "reader/locale/nb/formats.json"} <= names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_reader_finds_its_articles_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    # The test environment's packages supply the dependencies (no download); they
    # come after the new venv's own site-packages, so the wheel's reader wins.
    site = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            str(bin_dir / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--force-reinstall",
            str(wheel),
        ],
        check=True,
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" and not k.startswith("READER_")}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "from reader.library.paths import bundled_articles; print(bundled_articles())",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv) and Path(where, "topics.yaml").is_file()
    result = subprocess.run(
        [str(bin_dir / "reader"), "check"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout
    listing = subprocess.run(
        [str(bin_dir / "reader"), "list"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "exercise-and-kynurenine" in listing
