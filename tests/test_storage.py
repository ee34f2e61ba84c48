"""Nothing lost: atomic, locked storage; corrupt, read-only and full disks; crashes."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO

from reader.library.bookmarks import BookmarkStore, Place
from reader.library.places import peek_preferences
from reader.library.storage import SafeJSONStorage, StorageError

CONTENT = str(FIXTURES / "content")


def test_a_corrupt_store_is_moved_aside_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    for broken in (b'{"bookmarks": {"1": {"slug": "a"', b"\xff\xfe not json", b"[1, 2]"):
        path.write_bytes(broken)
        store = BookmarkStore.open(path)
        assert store.bookmarks() == []
        assert any("moved aside as bookmarks.json.corrupt-" in n for n in store.notices)
        store.add("a", Place(1, 1))  # the reader goes on with an empty store
        assert json.loads(path.read_text())["bookmarks"]
    moved = sorted(tmp_path.glob("bookmarks.json.corrupt-*"))
    assert len(moved) == 3 and moved[0].read_bytes().startswith(b'{"bookmarks"')


@pytest.mark.parametrize(
    "data",
    [
        '{"bookmarks": {"1": "abc"}}',
        '{"bookmarks": {"1": NaN}}',
        '{"bookmarks": {"1": [1]}}',
        '{"bookmarks": {"1": null}}',
        '{"bookmarks": {"abc": {"slug": "a"}}}',
        '{"bookmarks": {"1": {"slug": "a", "block": NaN}}}',
        '{"bookmarks": {"1": {"slug": "a", "block": "x", "offset": 0}}}',
        '{"bookmarks": {"1": {"slug": ["a"], "block": 0, "offset": 0}}}',
        '{"bookmarks": {"1": {"slug": "a", "block": true}}}',
        '{"meta": {"1": {"schema": "abc"}}}',
        '{"meta": {"1": {"schema": -3}}}',
        '{"positions": "x"}',
        '{"positions": {"1": {"slug": "a", "block": -1}}}',
        '{"preferences": {"1": {"name": 3}}}',
        "[" * 200_000 + "]" * 200_000,
    ],
    ids=lambda data: data[:40],
)
def test_a_wrong_shaped_store_is_moved_aside_and_every_command_goes_on(
    tmp_path: Path, run_cli, data: str
) -> None:
    """Valid JSON of the wrong shape crashed every start, and was never moved aside."""
    path = tmp_path / "bookmarks.json"
    path.write_text(data)
    result = run_cli("bookmarks", "list", "--data-dir", str(tmp_path), "--articles", CONTENT)
    assert result.code == 0, result.err
    assert "moved aside as bookmarks.json.corrupt-" in result.err
    assert len(list(tmp_path.glob("bookmarks.json.corrupt-*"))) == 1
    store = BookmarkStore.open(path)  # a new, empty store in its place
    assert store.bookmarks() == [] and not store.notices
    path.write_text(data)
    assert peek_preferences(tmp_path) == {}  # read before the first frame, and never raises


def test_a_full_disk_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bookmarks.json"
    store = BookmarkStore.open(path)
    store.add("a", Place(1, 1), snippet="kept")
    before = path.read_bytes()

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError, match="No space left on device; the previous version"):
        store.add("b", Place(2, 2))
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".bookmarks.json.*.tmp"))  # no half-written leftovers


def test_a_read_only_or_missing_data_folder_falls_back_to_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    store = BookmarkStore.in_data_dir(not_a_folder / "data")
    store.add("a", Place(0, 0))
    assert store.bookmarks() and "cannot be saved" in store.notices[0]
    monkeypatch.setattr(os, "access", lambda *_: False)  # as root, chmod would not stop us
    read_only = BookmarkStore.in_data_dir(tmp_path / "ro")
    assert "it is read-only" in read_only.notices[0]
    assert not (tmp_path / "ro" / "bookmarks.json").exists()


def test_a_read_only_store_still_shows_its_bookmarks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:
    """A data folder mounted read-only: the bookmarks there are listed, not "none yet"."""
    store = BookmarkStore.in_data_dir(tmp_path)
    store.add("worry-basics", Place(1, 0), heading="What helps", note="kept")
    store.close()
    before = (tmp_path / "bookmarks.json").read_bytes()
    monkeypatch.setattr(os, "access", lambda *_: False)  # as root, chmod would not stop us
    read_only = BookmarkStore.in_data_dir(tmp_path)
    assert [b.note for b in read_only.bookmarks()] == ["kept"]
    assert "it is read-only" in read_only.notices[0]
    result = run_cli("bookmarks", "list", "--data-dir", str(tmp_path), "--articles", CONTENT)
    assert "kept" in result.out and "it is read-only" in result.err, result
    assert (tmp_path / "bookmarks.json").read_bytes() == before


def test_cli_reports_the_fallback(run_cli, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = run_cli(
        "bookmarks", "list", "--data-dir", str(not_a_folder / "d"), "--articles", CONTENT
    )
    assert result.code == 0 and "cannot be saved" in result.err


def test_an_old_store_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    old = {
        "bookmarks": {"1": {"slug": "a", "block": 1, "offset": 2}},
        "positions": {"1": {"slug": "a", "block": 3, "offset": 0}},
    }
    path.write_text(json.dumps(old))
    store = BookmarkStore.open(path)
    assert [b.slug for b in store.bookmarks()] == ["a"]
    data = json.loads(path.read_text())
    assert data["meta"] == {"1": {"schema": 2}}
    # Made before languages: they point into the originals' text, and say so.
    assert data["bookmarks"]["1"]["lang"] == "" and data["positions"]["1"]["lang"] == ""
    assert store.bookmarks("a", "en", original=True)[0].place == Place(1, 2)
    assert store.bookmarks("a", "nb", original=False) == []
    assert store.position("a", "en") == Place(3, 0)
    assert store.position("a", "nb", original=False) is None


def test_bookmarks_and_positions_are_kept_per_language(tmp_path: Path) -> None:
    store = BookmarkStore.open(tmp_path / "bookmarks.json")
    store.add("a", Place(1, 0), lang="en")
    store.add("a", Place(1, 0), lang="nb", original=False)  # the same numbers, another text
    assert [b.lang for b in store.bookmarks()] == ["en", "nb"]
    assert [b.lang for b in store.bookmarks("a", "nb", original=False)] == ["nb"]
    store.set_position("a", Place(5, 0), "en")
    store.set_position("a", Place(7, 0), "nb")
    assert store.position("a", "en") == Place(5, 0)
    assert store.position("a", "nb", original=False) == Place(7, 0)
    exported = tmp_path / "out.json"
    store.export(exported)
    other = BookmarkStore.open(tmp_path / "other.json")
    assert other.import_file(exported) == (2, 0)
    assert sorted(b.lang for b in other.bookmarks()) == ["en", "nb"]


def _worker(path: str, number: int, count: int) -> None:
    store = BookmarkStore.open(Path(path))
    for k in range(count):
        store.add(f"p{number}", Place(k, 0))
    for k in range(0, count, 2):
        found = store.find(f"p{number}", Place(k, 0))
        assert found is not None
        store.remove(found.id)


def test_eight_processes_never_lose_an_update(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    BookmarkStore.open(path).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_worker, args=(str(path), n, 200)) for n in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
        assert worker.exitcode == 0
    expected = {(f"p{n}", k) for n in range(8) for k in range(1, 200, 2)}
    final = BookmarkStore.open(path).bookmarks()
    assert {(b.slug, b.block) for b in final} == expected
    assert len(final) == 800 and len({b.id for b in final}) == 800


def test_the_command_line_beside_itself_loses_nothing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env.update(PYTHONPATH=str(REPO))
    data = str(tmp_path / "data")
    text = subprocess.run(
        [sys.executable, "-m", "reader", "read", "all-blocks", "--articles", CONTENT],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # Eight lines of the text (not blank, not the header), each a different place.
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() and n > 9][:8]
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reader",
                "bookmarks",
                "add",
                "all-blocks",
                "--line",
                str(line),
                "--note",
                f"from process {line}",
                "--data-dir",
                data,
                "--articles",
                CONTENT,
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for line in lines
    ]
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read() if run.stderr else ""
    notes = {b.note for b in BookmarkStore.in_data_dir(Path(data)).bookmarks()}
    assert notes == {f"from process {line}" for line in lines}


WRITER = """
import sys
from pathlib import Path
from reader.library.storage import SafeJSONStorage
storage = SafeJSONStorage(Path(sys.argv[1]))
big = "x" * 200_000
n = 0
print("ready", flush=True)
while True:
    n += 1
    storage.write({"t": {str(i): {"v": n, "pad": big} for i in range(5)}})
"""


def test_a_writer_killed_mid_write_leaves_old_or_new_never_a_mix(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    SafeJSONStorage(path).write({"t": {"0": {"v": 0}}})
    env = dict(os.environ, PYTHONPATH=str(REPO))
    seen = set()
    for attempt in range(100):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], env=env, stdout=subprocess.PIPE
        )
        assert writer.stdout is not None
        writer.stdout.readline()
        time.sleep(0.005 + (attempt % 10) * 0.003)  # at a different point each time
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        data = json.loads(path.read_text())  # always a whole file
        values = {doc["v"] for doc in data["t"].values()}
        assert len(values) == 1, "a mix of two versions"
        seen |= values
    assert SafeJSONStorage(path).read() is not None
    assert len(seen) >= 3  # the kills landed after different numbers of whole writes
    assert not list(tmp_path.glob(".store.json.*.tmp")), "each start removes the strays"


def test_a_write_killed_midway_leaves_no_file_behind_for_good(tmp_path: Path) -> None:
    """A kill between the temporary file and its rename left it there for ever."""
    stray = tmp_path / ".bookmarks.json.k1ll3d.tmp"
    stray.write_text('{"bookmarks": {"1": {"slug": "half')
    other = tmp_path / ".notes.json.x.tmp"  # not the store's
    other.write_text("")
    BookmarkStore.in_data_dir(tmp_path)
    assert not stray.exists() and other.exists()


def test_an_imported_bokmal_bookmark_is_not_taken_for_an_old_one(tmp_path: Path) -> None:
    path = tmp_path / "bookmarks.json"
    path.write_text(json.dumps({"bookmarks": {"1": {"slug": "a", "block": 1, "offset": 0}}}))
    store = BookmarkStore.open(path)  # an old bookmark: the originals' text
    exported = tmp_path / "other.json"
    exported.write_text(json.dumps({"bookmarks": [{"slug": "a", "block": 1, "lang": "nb"}]}))
    assert store.import_file(exported) == (1, 0)
    assert sorted(b.lang for b in store.bookmarks()) == ["", "nb"]
