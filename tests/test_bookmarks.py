"""The bookmark store and ``reader bookmarks`` on the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FIXTURES, Result

from reader.library.bookmarks import BookmarkError, BookmarkStore, Place

RunCli = Callable[..., Result]
CONTENT = str(FIXTURES / "content")


def test_store_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "data" / "bookmarks.json"
    store = BookmarkStore.open(path)
    first = store.add("a", Place(3, 10), "Heading", "  the words  ", "a note")
    assert store.add("a", Place(3, 10)) == first  # the same place is one bookmark
    store.add("b", Place(0, 0))
    store.set_position("a", Place(5, 2))
    store.set_preference("theme", "reader-light")
    store.close()
    again = BookmarkStore.open(path)
    assert [(b.slug, b.place, b.snippet, b.note) for b in again.bookmarks()] == [
        ("a", Place(3, 10), "the words", "a note"),
        ("b", Place(0, 0), "", ""),
    ]
    assert again.position("a") == Place(5, 2) and again.position("zzz") is None
    assert again.preference("theme") == "reader-light"
    assert again.find("a", Place(3, 10)) is not None
    assert again.remove(first.id) and not again.remove(first.id)
    assert again.set_note(again.bookmarks()[0].id, "new").note == "new"
    with pytest.raises(BookmarkError):
        again.set_note(999, "x")
    with pytest.raises(BookmarkError):
        again.set_note(again.bookmarks()[0].id, "x" * 501)


def test_memory_store_writes_nothing(tmp_path: Path) -> None:
    store = BookmarkStore.open(None)
    store.add("a", Place(1, 1))
    assert store.bookmarks() and not list(tmp_path.iterdir())


def test_export_and_import_skip_duplicates_and_check_input(tmp_path: Path) -> None:
    store = BookmarkStore.open(tmp_path / "one.json")
    store.add("a", Place(1, 2), "H", "words", "note", created="2020-05-01T10:00:00+00:00")
    exported = tmp_path / "export.json"
    assert store.export(exported) == 1
    other = BookmarkStore.open(tmp_path / "two.json")
    assert other.import_file(exported) == (1, 0)
    assert other.import_file(exported) == (0, 1)
    assert other.bookmarks()[0].created == "2020-05-01T10:00:00+00:00"
    bad = tmp_path / "bad.json"
    for text, words in [
        ("not json", "not a bookmarks file"),
        ('{"bookmarks": 5}', "no list"),
        ('[{"slug": "a", "block": -1}]', "whole numbers"),
        ('[{"block": 1}]', "no article slug"),
        ('[{"slug": "a", "note": 5}]', "must be text"),
    ]:
        bad.write_text(text)
        with pytest.raises(BookmarkError, match=words):
            other.import_file(bad)
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps([{"slug": "a", "block": 9, "snippet": "\x1b]0;x\x07hi"}]))
    other.import_file(hostile)
    assert all("\x1b" not in b.snippet for b in other.bookmarks())


def test_cli_add_list_remove(run_cli: RunCli, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path), "--articles", CONTENT]
    read = run_cli("read", "all-blocks", "--articles", CONTENT).out.splitlines()
    number = next(i for i, line in enumerate(read, 1) if line.startswith("- Second item"))
    result = run_cli("bookmarks", "add", "all-blocks", "--line", str(number), "--note", "hi", *data)
    assert result.code == 0
    assert result.out == (
        f'Bookmark 1: line {number} of Every kind of block: "- Second item with a nested list:"\n'
    )
    listing = run_cli("bookmarks", "list", *data).out
    assert f"1. Every kind of block, line {number}\n   Section: A list\n" in listing
    assert "   Note: hi\n" in listing
    records = json.loads(run_cli("bookmarks", "list", "--json", *data).out)
    assert records[0]["line"] == number and records[0]["slug"] == "all-blocks"
    assert records[0]["snippet"] == "- Second item with a nested list:"
    assert run_cli("bookmarks", "remove", "1", *data).out == "Removed bookmark 1.\n"
    assert json.loads(run_cli("bookmarks", "list", "--json", *data).out) == []


def test_cli_export_import(run_cli: RunCli, tmp_path: Path) -> None:
    one = ["--data-dir", str(tmp_path / "one"), "--articles", CONTENT]
    two = ["--data-dir", str(tmp_path / "two"), "--articles", CONTENT]
    run_cli("bookmarks", "add", "worry-basics", *one)
    file = str(tmp_path / "export.json")
    assert run_cli("bookmarks", "export", file, *one).out == f"Exported 1 bookmark to {file}.\n"
    assert run_cli("bookmarks", "import", file, *two).out == "Imported 1 bookmark.\n"
    assert run_cli("bookmarks", "import", file, *two).out == (
        "Imported 0 bookmarks (1 already there).\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "nope"], "no article 'nope'"),
        (["add", "worry-basics", "--line", "1"], "line 1 is not in the text of worry-basics"),
        (["add", "worry-basics", "--line", "999"], "line 999 is not in the text"),
        (["remove", "7"], "there is no bookmark 7"),
        (["import", "/nonexistent/file.json"], "cannot read"),
    ],
)
def test_cli_mistakes(run_cli: RunCli, tmp_path: Path, args: list[str], message: str) -> None:
    result = run_cli("bookmarks", *args, "--data-dir", str(tmp_path), "--articles", CONTENT)
    assert result.code == 2 and message in result.err, result.err


def test_a_bookmark_whose_article_is_gone(run_cli: RunCli, tmp_path: Path) -> None:
    store = BookmarkStore.in_data_dir(tmp_path)
    store.add("vanished", Place(0, 0), "", "old words")
    store.close()
    out = run_cli("bookmarks", "list", "--data-dir", str(tmp_path), "--articles", CONTENT).out
    assert "1. vanished (article no longer available)" in out
