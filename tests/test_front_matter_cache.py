"""The front matter cache: a start with unchanged files parses no YAML, and says the same."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, Result

from reader.library import cache_values, frontcache, loader
from reader.library.frontcache import FrontMatterCache
from reader.library.loader import Library, load_library
from reader.library.models import Article, Contact
from reader.library.paths import default_cache_dir

HOUR_AGO = time.time_ns() - 3600 * 1_000_000_000

WARNINGS = {
    "topics.yaml": "- id: sleep\n  title: Sleep\n- id: worry\n  title: Worry\n",
    "contacts.yaml": (
        "contacts:\n"
        "  - id: gb-line\n    region: GB\n    organisation: Line\n    purpose: Talk\n"
        '    phone: "116 123"\n    topics: [sleep, nosuch]\n    colour: blue\n'
    ),
    "rest.md": (
        "---\ntitle: Rest\ntopic: sleep\nsummary: Rest well.\nlast_reviewed: 2026-01-01\n"
        "next_review: 2099-01-01\nsumary: typo\n---\n# Rest\n\nSleep \x1b[31mwell.\n"
    ),
    "sub/worry.md": (
        "---\ntitle: Worry\ntopic: worry\nsummary: Worry less.\nlast_reviewed: 2026-01-01\n"
        "next_review: 2099-01-01\nkeywords: [worry]\nreviewed_by: Someone\n"
        "sources: [{title: A book, url: 'https://example.org'}]\n---\nText.\n"
    ),
}


def age(path: Path, ns: int = HOUR_AGO) -> None:
    """Give ``path`` an old modification time (a just-written file is never cached)."""
    os.utime(path, ns=(ns, ns))


def copy_folder(source: Path, target: Path) -> Path:
    """A copy of a content folder whose files were last changed an hour ago."""
    shutil.copytree(source, target, symlinks=True)
    for path in target.rglob("*"):
        if path.is_file():
            age(path)
    return target


def write_folder(target: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text)
        age(target / name)
    return target


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the loader reads and parses (not taken from the cache)."""
    names: list[str] = []
    read_article, read_topics, load_contacts = (
        loader._read_article,
        loader._read_topics,
        loader.load_contacts,
    )

    def article(path: Path, *args: object, **kwargs: object) -> Article | None:
        names.append(path.name)
        return read_article(path, *args, **kwargs)  # type: ignore[arg-type]

    def topics(path: Path, *args: object) -> object:
        names.append(path.name)
        return read_topics(path, *args)  # type: ignore[arg-type]

    def contacts(path: Path, *args: object) -> object:
        names.append(path.name)
        return load_contacts(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "_read_article", article)
    monkeypatch.setattr(loader, "_read_topics", topics)
    monkeypatch.setattr(loader, "load_contacts", contacts)
    return names


def same(one: Library, other: Library) -> None:
    assert one.problems == other.problems
    assert one.topics == other.topics
    assert one.articles == other.articles
    assert list(one.articles) == list(other.articles)
    assert one.contacts == other.contacts
    assert [c.lines for c in one.contacts.contacts] == [c.lines for c in other.contacts.contacts]


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*"))


# What people see


@pytest.mark.parametrize("name", ["bundled", "content", "broken", "warnings"])
def test_check_and_list_say_the_same_cold_and_warm(
    name: str,
    tmp_path: Path,
    run_cli: Callable[..., Result],
    parsed: list[str],
) -> None:
    sources = {
        "bundled": REPO / "articles",
        "content": FIXTURES / "content",
        "broken": FIXTURES / "broken",
    }
    if name == "warnings":
        root = write_folder(tmp_path / name, WARNINGS)
    else:
        root = copy_folder(sources[name], tmp_path / name)
    runs = {}
    for start in ("cold", "warm"):
        parsed.clear()
        runs[start] = (
            run_cli("check", str(root)),
            run_cli("--articles", str(root), "list"),
            run_cli("--articles", str(root), "topics"),
            run_cli("--articles", str(root), "contacts"),
        )
        runs[start + " parsed"] = sorted(set(parsed))
    assert runs["cold"] == runs["warm"]
    assert runs["cold"][0].out.encode() == runs["warm"][0].out.encode()
    assert runs["cold"][1].out.encode() == runs["warm"][1].out.encode()
    assert re.search(r" articles(| in .*), ", runs["cold"][0].out)
    assert runs["cold"][1].out.count("\n") >= 2
    assert "topics.yaml" in runs["cold parsed"]
    if name == "broken":
        # Files with errors are read and checked again every time; the rest are not.
        assert "bad-yaml.md" in runs["warm parsed"]
        assert "contacts.yaml" in runs["warm parsed"]  # it has an error
        assert {"good.md", "dup.md", "control-chars.md", "topics.yaml"}.isdisjoint(
            runs["warm parsed"]
        )
    else:
        assert runs["warm parsed"] == []
    if name == "warnings":
        assert "warning: sumary: unknown field" in runs["warm"][0].out
        assert "holds control characters" in runs["warm"][0].out
        assert "unknown topic 'nosuch'" in runs["warm"][0].out
        assert "unknown field 'colour'" in runs["warm"][0].out


def test_commands_keep_the_cache_in_the_user_cache_folder(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    root = copy_folder(FIXTURES / "content", tmp_path / "content")
    assert run_cli("--articles", str(root), "list").code == 0
    (cached,) = default_cache_dir().glob("front-matter-*.json")
    data = json.loads(cached.read_text())
    assert data["format"] == frontcache.FORMAT
    assert data["root"] == str(root.resolve())
    assert sorted(data["files"]) == [
        "all-blocks.md",
        "contacts.yaml",
        "old-advice.md",
        "topics.yaml",
        "worry-basics.md",
    ]


# Never skips validation


def test_a_warm_load_equals_a_cold_one(tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    for source in (FIXTURES / "broken", FIXTURES / "content"):
        root = copy_folder(source, tmp_path / source.name)
        plain = load_library(root)
        cold = load_library(root, cache)
        parsed.clear()
        warm = load_library(root, cache)
        same(plain, cold)
        same(plain, warm)
        assert "worry-basics.md" not in parsed and "good.md" not in parsed


def test_a_changed_added_or_removed_file_is_read_again(tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    root = write_folder(tmp_path / "content", WARNINGS)
    load_library(root, cache)
    rest = root / "rest.md"

    # Changed: a warning fixed, the time moved on by a second.
    rest.write_text(WARNINGS["rest.md"].replace("sumary: typo\n", "keywords: [rest]\n"))
    age(rest, HOUR_AGO + 1_000_000_000)
    parsed.clear()
    library = load_library(root, cache)
    assert parsed == ["rest.md"]
    assert not any("sumary" in p.message for p in library.problems)
    assert library.articles["rest"].keywords == ("rest",)

    # Same size and time, but another file (an editor's save by rename): read again.
    text = rest.read_text().replace("Rest well.", "Rest more.")
    replacement = root / "rest.md.new"
    replacement.write_text(text)
    age(replacement, HOUR_AGO + 1_000_000_000)
    os.replace(replacement, rest)
    parsed.clear()
    assert load_library(root, cache).articles["rest"].summary == "Rest more."
    assert parsed == ["rest.md"]

    # Added and removed.
    write_folder(root, {"new.md": WARNINGS["rest.md"]})
    (root / "sub" / "worry.md").unlink()
    parsed.clear()
    library = load_library(root, cache)
    assert parsed == ["new.md"]
    assert sorted(library.articles) == ["new", "rest"]
    same(library, load_library(root))


def test_a_file_that_breaks_is_an_error_again(tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    root = write_folder(tmp_path / "content", WARNINGS)
    load_library(root, cache)
    (root / "rest.md").write_text(WARNINGS["rest.md"].replace("title: Rest\n", ""))
    age(root / "rest.md", HOUR_AGO + 2_000_000_000)
    library = load_library(root, cache)
    assert "rest" not in library.articles
    assert any(p.severity == "error" and p.field == "title" for p in library.problems)
    parsed.clear()
    again = load_library(root, cache)
    assert parsed == ["rest.md"]  # errors are never cached
    same(library, again)


def test_topic_ids_that_change_check_every_article_again(tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    root = write_folder(tmp_path / "content", WARNINGS)
    load_library(root, cache)
    write_folder(root, {"topics.yaml": "- id: sleep\n  title: Sleep at night\n"})
    parsed.clear()
    library = load_library(root, cache)
    assert sorted(parsed) == ["contacts.yaml", "rest.md", "topics.yaml", "worry.md"]
    assert "worry" not in library.articles
    assert any("unknown topic 'worry'" in p.message for p in library.problems)
    same(library, load_library(root))

    # A title changed, the ids did not: only topics.yaml is read again (and
    # worry.md, which has an error now, so it is read every time).
    write_folder(root, {"topics.yaml": "- id: sleep\n  title: Sleep well\n"})
    load_library(root, cache)
    parsed.clear()
    write_folder(root, {"topics.yaml": "- id: sleep\n  title: Sleep, well\n"})
    assert load_library(root, cache).topics[0].title == "Sleep, well"
    assert sorted(parsed) == ["topics.yaml", "worry.md"]


def test_other_validating_code_empties_the_cache(
    tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    root = write_folder(tmp_path / "content", WARNINGS)
    load_library(root, cache)
    monkeypatch.setattr(frontcache, "_fingerprint", "another version of the validator")
    parsed.clear()
    load_library(root, cache)
    assert sorted(parsed) == ["contacts.yaml", "rest.md", "topics.yaml", "worry.md"]


def test_the_fingerprint_covers_the_validating_code() -> None:
    """Every module of ours that loading the library runs is in the fingerprint: a change
    to any of them (a new check, say) must empty the cache."""
    code = (
        "import sys; from pathlib import Path; from reader.library.loader import load_library;"
        "load_library(Path('articles'));"
        "print(' '.join(m for m in sys.modules if m.startswith('reader.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout.split()
    skip = {"reader.library", "reader.document", "reader.library.paths", "reader.library.errors"}
    missing = [m for m in loaded if m not in frontcache.VALIDATING and m not in skip]
    assert not missing, missing
    assert "yaml" in frontcache.PARSERS


def test_the_fingerprint_changes_with_the_code(monkeypatch) -> None:
    monkeypatch.setattr(frontcache, "_fingerprint", None)
    before = frontcache.fingerprint()
    monkeypatch.setattr(frontcache, "_fingerprint", None)
    monkeypatch.setattr(frontcache, "VALIDATING", (*frontcache.VALIDATING, "reader.library.places"))
    assert frontcache.fingerprint() != before


def test_links_out_of_the_folder_are_refused_warm_as_cold(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    root = write_folder(tmp_path / "content", WARNINGS)
    outside = write_folder(tmp_path / "outside", {"away.md": WARNINGS["rest.md"]})
    (root / "linked-out.md").symlink_to(outside / "away.md")
    (root / "linked-in.md").symlink_to(root / "rest.md")
    (root / "folder-out").symlink_to(outside, target_is_directory=True)
    plain, cold, warm = (load_library(root, c) for c in (None, cache, cache))
    same(plain, cold)
    same(plain, warm)
    assert "linked-in" in warm.articles and "linked-out" not in warm.articles
    refused = [p.path for p in warm.problems if "leads outside" in p.message]
    assert "content/linked-out.md" in refused

    # A cached file swapped for a link out of the folder is refused at once.
    (root / "rest.md").unlink()
    (root / "rest.md").symlink_to(outside / "away.md")
    library = load_library(root, cache)
    assert "rest" not in library.articles
    assert "content/rest.md" in [p.path for p in library.problems if "leads outside" in p.message]


def test_a_file_changed_just_now_is_not_cached(tmp_path: Path, parsed: list[str]) -> None:
    cache = tmp_path / "cache"
    root = write_folder(tmp_path / "content", WARNINGS)
    (root / "rest.md").write_text(WARNINGS["rest.md"])  # now: its next change may keep the time
    load_library(root, cache)
    parsed.clear()
    load_library(root, cache)
    assert parsed == ["rest.md"]


def test_every_field_is_kept() -> None:
    """A field added to Article or Contact must be added to the cache too."""
    article = {f.name for f in dataclasses.fields(Article)}
    derived = {"slug", "path", "root", "body_problem", "body_fix", "_body"}
    assert article == set(cache_values.ARTICLE_FIELDS) | derived
    for old in load_library(FIXTURES / "content").articles.values():
        entry = json.loads(json.dumps(cache_values._article_json(old)))
        assert cache_values._article(entry, old.slug, old.path, old.root) == old
    contact = {f.name for f in dataclasses.fields(Contact)}
    assert contact == set(
        cache_values.CONTACT_TEXT
        + cache_values.CONTACT_FLAGS
        + cache_values.CONTACT_LISTS
        + cache_values.CONTACT_OTHER
    )


# The cache file


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"\xff\xfe not json",
        b"[]",
        b"[" * 100_000,
        b'{"format": 1}',
        b"null",
    ],
)
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(
    damage: bytes, tmp_path: Path, parsed: list[str]
) -> None:
    cache = tmp_path / "cache"
    root = write_folder(tmp_path / "content", WARNINGS)
    cold = load_library(root, cache)
    (cached,) = cache.glob("front-matter-*.json")
    cached.write_bytes(damage)
    parsed.clear()
    same(cold, load_library(root, cache))
    assert len(parsed) == 4
    json.loads(cached.read_text())  # rebuilt
    parsed.clear()
    load_library(root, cache)
    assert parsed == []


def test_wrong_values_in_the_cache_file_are_misses(tmp_path: Path, parsed: list[str]) -> None:
    """A tampered entry is read again: no list reaches a title, no error is cached."""
    cache = tmp_path / "cache"
    root = write_folder(tmp_path / "content", WARNINGS)
    cold = load_library(root, cache)
    (cached,) = cache.glob("front-matter-*.json")
    data = json.loads(cached.read_text())
    data["files"]["rest.md"]["value"][0] = ["not", "text"]  # the title
    data["files"]["sub/worry.md"]["problems"] = [["error", "made up", "", "", 1]]
    data["files"]["topics.yaml"]["value"] = [["sleep", "Sleep"]]
    data["files"]["contacts.yaml"]["value"]["contacts"][0]["emergency"] = "yes"
    cached.write_text(json.dumps(data))
    parsed.clear()
    same(cold, load_library(root, cache))
    assert sorted(parsed) == ["contacts.yaml", "rest.md", "topics.yaml", "worry.md"]


def test_a_cache_folder_that_cannot_be_written_means_no_cache(
    tmp_path: Path, parsed: list[str]
) -> None:
    root = write_folder(tmp_path / "content", WARNINGS)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    for _ in range(2):
        parsed.clear()
        same(load_library(root), load_library(root, blocked / "cache"))
        assert len(parsed) == 8  # both loads parsed everything, and nothing was raised


def test_the_cache_file_is_replaced_whole(
    tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    root = write_folder(tmp_path / "content", WARNINGS)
    load_library(root, cache)
    (cached,) = cache.glob("front-matter-*.json")
    before = cached.read_bytes()
    write_folder(root, {"new.md": WARNINGS["rest.md"]})

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(frontcache.os, "replace", fail)
    load_library(root, cache)
    assert cached.read_bytes() == before  # the old file, whole
    assert cache_files(cache) == [cached]  # no temporary file left behind
    monkeypatch.undo()
    load_library(root, cache)
    assert "new.md" in json.loads(cached.read_text())["files"]


def test_an_unchanged_library_does_not_rewrite_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    root = write_folder(tmp_path / "content", WARNINGS)
    load_library(root, cache)
    (cached,) = cache.glob("front-matter-*.json")
    age(cached)
    load_library(root, cache)
    assert cached.stat().st_mtime_ns == HOUR_AGO


def test_cache_files_of_old_folders_are_pruned(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    roots = [write_folder(tmp_path / f"content-{n}", WARNINGS) for n in range(12)]
    for root in roots:
        load_library(root, cache)
    assert len(list(cache.glob("front-matter-*.json"))) == frontcache.KEEP
    assert FrontMatterCache(cache, roots[-1]).path in set(cache.glob("*"))


# Start-up


def test_a_warm_start_imports_neither_yaml_nor_markdown_it(tmp_path: Path) -> None:
    root = copy_folder(REPO / "articles", tmp_path / "articles")
    cache = tmp_path / "cache"
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.library.loader import load_library\n"
        f"library = load_library(Path({str(root)!r}), Path({str(cache)!r}))\n"
        "assert len(library.articles) > 10, library.problems\n"
        "print(sorted({'yaml', 'markdown_it'} & set(sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=60,
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["['markdown_it', 'yaml']", "[]"]
