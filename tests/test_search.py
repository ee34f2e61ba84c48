"""Search: everyday words find the right article; no input ever raises."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, Result

from reader.library import search
from reader.library.loader import load_library
from reader.library.search import SearchIndex, content_key, fts_query, is_crisis, query_terms

LIBRARY = load_library(REPO / "articles")

# An everyday query and the article that must come first for it.
EVERYDAY = [
    ("can't sleep", "sleep-problems"),
    ("insomnia", "sleep-problems"),
    ("tired all the time", "sleep-problems"),
    ("panic", "panic-attacks"),
    ("heart racing", "panic-attacks"),
    ("worry all the time", "understanding-anxiety"),
    ("anxious", "understanding-anxiety"),
    ("stressed out", "coping-with-stress"),
    ("i want to die", "thoughts-of-suicide"),
    ("kill myself", "thoughts-of-suicide"),
    ("self harm", "thoughts-of-suicide"),
    ("suicidal", "thoughts-of-suicide"),
    ("worried about a friend", "helping-someone-you-are-worried-about"),
    ("feeling low", "getting-active-when-you-feel-low"),
    ("hopeless", "understanding-depression"),
    ("sad all the time", "understanding-depression"),
    ("doctor", "talking-to-a-doctor"),
    ("therapy", "talking-to-a-doctor"),
    ("GP", "talking-to-a-doctor"),
    ("overwhelmed", "self-care-on-a-hard-day"),
    ("bad day", "self-care-on-a-hard-day"),
    ("lonely", "self-care-on-a-hard-day"),
    ("kynurenine", "exercise-and-kynurenine"),
    ("mice", "exercise-and-kynurenine"),
    ("yoga", "exercise-for-depression-evidence"),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(LIBRARY)


@pytest.mark.parametrize(("query", "slug"), EVERYDAY)
def test_everyday_words_find_the_right_article(index: SearchIndex, query: str, slug: str) -> None:
    results = index.search(query)
    assert results.hits and results.hits[0].slug == slug, [h.slug for h in results.hits[:3]]


@pytest.mark.parametrize(
    "query",
    [
        "i want to die",
        "kill myself",
        "thinking about suicide",
        "self-harm",
        "I can't go on",
        "no reason to live",
    ],
)
def test_crisis_queries_show_crisis_contacts_first(index: SearchIndex, query: str) -> None:
    results = index.search(query, region="GB")
    assert results.crisis
    assert results.crisis_contacts[0].emergency and results.crisis_contacts[0].phone == "999"
    assert {c.organisation for c in results.crisis_contacts} >= {"Samaritans", "Shout"}
    if results.hits:
        assert results.hits[0].topic == "crisis"


def test_ordinary_queries_are_not_crisis() -> None:
    for query in ("can't sleep", "exercise", "worried about a friend", "die hard film"):
        assert not is_crisis(query), query


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "AND",
        "OR NOT",
        "NEAR(",
        "NEAR(a b",
        "(((",
        ")",
        "a AND",
        "title:x",
        "^start",
        "'",
        "-",
        "x" * 3000,
        "word " * 700,
        "",
        "   ",
        "\x00",
        "café",
        "中文",
        "\u202e",
    ],
)
def test_no_query_raises(index: SearchIndex, query: str) -> None:
    results = index.search(query)
    assert isinstance(results.hits, tuple)
    assert len(results.terms) <= 12


def test_queries_are_quoted_words() -> None:
    assert query_terms("I can't SLEEP!") == ["can", "t", "sleep"]
    assert fts_query(["can", "t", "sleep"], "AND") == '"can" AND "t" AND "sleep"*'
    assert query_terms("i") == ["i"]  # a query of only small words keeps them


def test_snippets_mark_matches_in_brackets(index: SearchIndex) -> None:
    hit = index.search("kynurenine").hits[0]
    assert "[kynurenine]" in hit.snippet.lower()
    assert "](" not in hit.snippet  # Markdown links are reduced to their text


def test_prefixes_match_as_you_type(index: SearchIndex) -> None:
    assert index.search("insom").hits[0].slug == "sleep-problems"
    assert index.search("kynur").hits[0].slug == "exercise-and-kynurenine"


def test_the_index_is_cached_by_content(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for path in (FIXTURES / "content").iterdir():
        (content / path.name).write_bytes(path.read_bytes())
    cache = tmp_path / "cache"
    library = load_library(content)
    key = content_key(library)
    first = SearchIndex.build(library, cache)
    (cached,) = cache.glob("search-*.sqlite")
    assert cached.name == f"search-{key}.sqlite"
    assert first.search("worry").hits[0].slug == "worry-basics"
    with pytest.MonkeyPatch.context() as patch:  # loaded from the cache, not rebuilt
        patch.setattr(search, "_row", lambda *_: pytest.fail("the index was rebuilt"))
        again = SearchIndex.build(library, cache)
    found = [hit.slug for hit in again.search("worry").hits]
    assert found == [hit.slug for hit in first.search("worry").hits]
    (content / "worry-basics.md").write_text(
        (content / "worry-basics.md").read_text().replace("Worry is common.", "Fret is common.")
    )
    changed = load_library(content)
    assert content_key(changed) != key

    SearchIndex.build(changed, cache)
    assert len(list(cache.glob("search-*.sqlite"))) == 1  # the old version is gone


def test_cli_search(run_cli, tmp_path: Path) -> None:
    result: Result = run_cli("search", "i", "want", "to", "die", "--region", "GB", "--limit", "2")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("If you are thinking about suicide or hurting yourself")
    assert lines[1] == "- EMERGENCY: Emergency (GB): Phone 999"
    first = next(line for line in lines if line.startswith("1. "))
    assert "(thoughts-of-suicide)" in first
    nothing = run_cli("search", "zzzzqqq")
    assert nothing.out.startswith('No articles match "zzzzqqq"')
    assert run_cli("search", "NEAR(", '"').code == 0
