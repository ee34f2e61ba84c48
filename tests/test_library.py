"""Loading content folders: good files, broken files, lazy bodies, links kept inside."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from helpers import REPO

from reader.library import load_library
from reader.library.links import resolve_link
from reader.library.models import ERROR, WARNING

ARTICLE = """---
title: {title}
topic: sleep
summary: A summary.
keywords: [a, b]
last_reviewed: 2026-01-01
next_review: 2027-01-01
reviewed_by: Nobody yet.
sources: ["S. 2020."]
---
Body of {title}.
"""


def _folder(tmp_path: Path, **files: str | bytes) -> Path:
    root = tmp_path / "content"
    root.mkdir()
    (root / "topics.yaml").write_text("- id: sleep\n  title: Sleep\n")
    for name, text in files.items():
        path = root / f"{name}.md"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text)
    return root


def test_good_folder_loads_everything(content_dir: Path) -> None:
    library = load_library(content_dir)
    assert set(library.articles) == {"all-blocks", "worry-basics", "old-advice"}
    assert [t.id for t in library.topics] == ["sleep", "worry"]
    article = library.articles["all-blocks"]
    assert article.title == "Every kind of block"
    assert article.last_reviewed == date(2026, 1, 1)
    assert article.keywords == ("test", "can't sleep")
    assert [s.display() for s in article.sources] == [
        "Author A. A book about sleep. Publisher; 2020.",
        "World Health Organization. A fact sheet. https://example.org/fact-sheet",
        "Author B. A paper. Journal 2014;1:1-2. doi:10.1000/example",
    ]
    assert not [p for p in library.problems if p.severity == ERROR]
    assert [a.slug for a in library.articles_in("worry")] == ["old-advice", "worry-basics"]


def test_bundled_articles_load_without_problems() -> None:
    library = load_library(REPO / "articles")
    assert len(library.articles) >= 12
    assert len({a.topic for a in library.articles.values()}) >= 5
    assert library.problems == []
    for article in library.articles.values():
        assert article.sources, article.slug
        assert "not" in article.reviewed_by.lower()  # honest: no clinical review


def test_bodies_are_read_lazily(tmp_path: Path) -> None:
    root = _folder(tmp_path, one=ARTICLE.format(title="One"))
    library = load_library(root)
    article = library.articles["one"]
    assert article._body is None
    assert article.body().strip() == "Body of One."
    assert article.body_line == 10


def test_a_bad_file_is_skipped_and_the_rest_loads(tmp_path: Path) -> None:
    root = _folder(
        tmp_path,
        good=ARTICLE.format(title="Good"),
        nofront="# Heading only\n",
        badyaml="---\ntitle: [unclosed\n---\nBody\n",
        notutf8=b"---\ntitle: Caf\xe9\n---\n",
        scalar="---\njust a string\n---\nBody\n",
    )
    library = load_library(root)
    assert list(library.articles) == ["good"]
    failed = {Path(p.path).stem for p in library.problems if p.severity == ERROR}
    assert failed == {"nofront", "badyaml", "notutf8", "scalar"}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ("title: X", "title", "missing required field"),
        ("topic: sleep", "topic", "missing required field"),
        ("topic: sleeep", "topic", "did you mean 'sleep'"),
        ("last_reviewed: 2026-01-01", "last_reviewed", "missing required field"),
        ("next_review: 2027-01-01", "next_review", "missing required field"),
        ("next_review: 2027-01-01\nnext_review: 2025-01-01", "next_review", "not after"),
        ("last_reviewed: 2026-01-01\nlast_reviewed: soon", "last_reviewed", "not a date"),
        ("keywords: [a, b]\nkeywords: {a: 1}", "keywords", "list of words"),
        ('sources: ["S. 2020."]\nsources: [{url: x}]', "sources", "neither text nor"),
        ("title: X\ntitle: [1, 2]", "title", "must be text"),
    ],
)
def test_each_field_error_names_file_field_and_fix(
    tmp_path: Path, change: str, field: str, words: str
) -> None:
    first, _, second = change.partition("\n")
    text = ARTICLE.format(title="X")
    if second:  # replace a field's value
        text = text.replace(first, second)
    elif first.startswith("topic: sleeep"):
        text = text.replace("topic: sleep", first)
    else:  # remove a field
        text = text.replace(first + "\n", "").replace(first.split(":")[0] + ": X\n", "")
    root = _folder(tmp_path, art=text)
    library = load_library(root)
    assert "art" not in library.articles
    errors = [p for p in library.problems if p.severity == ERROR]
    assert any(p.field == field and words in str(p) for p in errors), errors
    for problem in errors:
        assert problem.path.endswith("art.md") and problem.fix


def test_unknown_fields_and_missing_extras_are_warnings(tmp_path: Path) -> None:
    text = ARTICLE.format(title="X").replace("keywords: [a, b]\n", "sumary: typo\n")
    library = load_library(_folder(tmp_path, art=text))
    assert "art" in library.articles
    warnings = {(p.field, p.severity) for p in library.problems}
    assert ("sumary", WARNING) in warnings and ("keywords", WARNING) in warnings


def test_duplicate_slugs_keep_the_first(tmp_path: Path) -> None:
    root = _folder(tmp_path, same=ARTICLE.format(title="First"))
    (root / "sub").mkdir()
    (root / "sub" / "same.md").write_text(ARTICLE.format(title="Second"))
    library = load_library(root)
    assert library.articles["same"].title == "First"
    assert any("already used" in str(p) for p in library.problems)


def test_control_characters_in_metadata_are_neutralised(tmp_path: Path) -> None:
    text = ARTICLE.format(title='"Evil \x1b]0;owned\x07 title"')
    library = load_library(_folder(tmp_path, art=text))
    title = library.articles["art"].title
    assert "\x1b" not in title and "\x07" not in title and "Evil" in title
    assert any("control characters" in str(p) for p in library.problems)


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    root = _folder(tmp_path)
    outside = tmp_path / "outside.md"
    outside.write_text(ARTICLE.format(title="Outside"))
    os.symlink(outside, root / "linked.md")
    library = load_library(root)
    assert "linked" not in library.articles
    assert any("outside the content folder" in str(p) for p in library.problems)


def test_missing_folder_and_topics_are_reported(tmp_path: Path) -> None:
    assert load_library(tmp_path / "nope").problems[0].message == "is not a folder"
    (tmp_path / "a.md").write_text(ARTICLE.format(title="A"))
    library = load_library(tmp_path)
    assert any(p.path.endswith("topics.yaml") and "missing" in p.message for p in library.problems)


def test_links_stay_inside_the_folder(tmp_path: Path) -> None:
    root = _folder(tmp_path, a=ARTICLE.format(title="A"), b=ARTICLE.format(title="B"))
    (root / "sub").mkdir()
    source = root / "a.md"
    by_path = {(root / "a.md").resolve(): "a", (root / "b.md").resolve(): "b"}

    def kind(href: str, src: Path = source) -> tuple[str, str, str]:
        target = resolve_link(href, src, root, by_path)
        return target.kind, target.slug or target.url, target.anchor

    assert kind("b.md") == ("article", "b", "")
    assert kind("b.md#part-two") == ("article", "b", "part-two")
    assert kind("b") == ("article", "b", "")
    assert kind("../a.md", root / "sub" / "x.md") == ("article", "a", "")
    assert kind("#here") == ("anchor", "", "here")
    assert kind("https://example.org") == ("external", "https://example.org", "")
    assert kind("mailto:a@example.org")[0] == "external"
    for refused in (
        "../../etc/passwd",
        "/etc/passwd",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "C:\\Windows\\x.md",
        "missing.md",
        "",
        "%2e%2e/%2e%2e/etc/passwd",
        "sub/../../outside.md",
    ):
        assert kind(refused)[0] == "refused", refused


def test_a_link_to_a_folder_is_not_walked_so_a_loop_cannot_hang_the_start(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "a").mkdir(parents=True)
    (root / "topics.yaml").write_text("- id: sleep\n  title: Sleep\n  description: D.\n")
    (root / "a" / "one.md").write_text(
        "---\ntitle: One\ntopic: sleep\nsummary: S.\nkeywords: [x]\n"
        "last_reviewed: 2026-01-01\nnext_review: 2099-01-01\nreviewed_by: Nobody.\n"
        "sources: ['S.']\n---\nWords.\n"
    )
    os.symlink(root, root / "a" / "loop")  # a folder that holds itself
    os.symlink(root / "a", root / "b")
    library = load_library(root)
    assert list(library.articles) == ["one"]
