"""Search in bokmål: everyday Norwegian queries find their article, stemmed as typed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import REPO

from reader.library.loader import load_library
from reader.library.search import SearchIndex
from reader.library.stemming import stems_for

LIBRARY = load_library(REPO / "articles", lang="nb")

# Everyday Norwegian queries, as people type them (small words, no capitals, some
# without æ, ø and å), each with the article that must come first.
NORWEGIAN = [
    ("får ikke sove", "sleep-problems"),
    ("far ikke sove", "sleep-problems"),
    ("jeg sover dårlig", "sleep-problems"),
    ("våkner om natta", "sleep-problems"),
    ("angst", "understanding-anxiety"),
    ("bekymrer meg hele tiden", "understanding-anxiety"),
    ("panikkanfall", "panic-attacks"),
    ("hjertet hamrer", "panic-attacks"),
    ("stress på jobben", "coping-with-stress"),
    ("for mye press", "coping-with-stress"),
    ("en tung dag", "self-care-on-a-hard-day"),
    ("mistet mamma", "grief-and-bereavement"),
    ("sorg", "grief-and-bereavement"),
    ("drikker for mye", "alcohol-drugs-and-mood"),
    ("kutte ned på alkohol", "alcohol-drugs-and-mood"),
    ("trening og muskler", "exercise-and-kynurenine"),
    ("virker trening mot depresjon", "exercise-for-depression-evidence"),
    ("orker ikke trene", "getting-active-when-you-feel-low"),
    ("er jeg deprimert", "understanding-depression"),
    ("tegn på depresjon", "understanding-depression"),
    ("bivirkninger av antidepressiva", "medicines-for-depression-and-anxiety"),
    ("slutte med lykkepiller", "medicines-for-depression-and-anxiety"),
    ("snakke med fastlegen", "talking-to-a-doctor"),
    ("fodselsdepresjon", "depression-in-pregnancy-and-after-birth"),
    ("nedstemt etter fødsel", "depression-in-pregnancy-and-after-birth"),
    ("bekymret for en venn", "helping-someone-you-are-worried-about"),
    ("bekymret for barnet mitt", "young-people-and-worried-parents"),
    ("tenåring deprimert", "young-people-and-worried-parents"),
    ("skader meg selv", "self-harm"),
    ("jeg vil ikke leve lenger", "thoughts-of-suicide"),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(LIBRARY)


@pytest.mark.parametrize(("query", "slug"), NORWEGIAN)
def test_everyday_norwegian_finds_the_right_article(
    index: SearchIndex, query: str, slug: str
) -> None:
    results = index.search(query, region="NO")
    assert results.hits, query
    assert results.hits[0].slug == slug, [h.slug for h in results.hits[:3]]


def test_there_are_at_least_25_norwegian_queries() -> None:
    assert len({q for q, _ in NORWEGIAN}) >= 25


def test_a_norwegian_crisis_query_puts_113_and_the_crisis_lines_first(index: SearchIndex) -> None:
    results = index.search("jeg vil ikke leve lenger", region="NO")
    assert results.crisis
    first = results.crisis_contacts[0]
    assert first.phone == "113" and first.emergency
    assert {"116 123", "22 40 00 40"} <= {c.phone for c in results.crisis_contacts}


def test_snippets_show_the_words_as_written(index: SearchIndex) -> None:
    hit = index.search("sove", region="NO").hits[0]
    # The stem "sov" is marked in the text as written, whole words in brackets.
    assert re.search(r"\[[Ss]ov(e|er)\]", hit.snippet), hit.snippet


def test_stems_are_folded_as_people_type_without_the_norwegian_letters() -> None:
    stems = stems_for("nb")
    assert stems.words(["søvn", "sovn"]) == ["sovn", "sovn"]
    assert stems.words(["bekymringer", "bekymring"]) == ["bekymring", "bekymring"]
    assert stems_for("en").words(["sleeping", "sleeps"]) == ["sleep", "sleep"]


def test_an_english_fallback_is_found_by_its_english_words(tmp_path: Path) -> None:
    from test_translations import FOLDER, write_folder

    library = load_library(write_folder(tmp_path / "content", FOLDER), lang="nb")
    index = SearchIndex.build(library)
    assert [h.slug for h in index.search("worrying").hits] == ["worry"]
    assert [h.slug for h in index.search("netter").hits] == ["sleep"]
