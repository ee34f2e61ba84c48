"""A content folder in two languages: a folder per language, same slugs, with fallback."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from helpers import REPO, Result
from test_front_matter_cache import parsed, same, write_folder  # noqa: F401  (a fixture)

from reader.library.check import read_library, translation_problems
from reader.library.loader import load_library


def article(
    title: str, topic: str, body: str, lang: str = "en", reviewed: str = "2026-01-01"
) -> str:
    return (
        f"---\ntitle: {title}\ntopic: {topic}\nsummary: {title}.\nlang: {lang}\n"
        f"last_reviewed: {reviewed}\nnext_review: 2099-01-01\nkeywords: [{title}]\n"
        f"reviewed_by: Nobody\nsources: [A book]\n---\n{body}\n"
    )


FOLDER = {
    "topics.yaml": "- id: sleep\n  title: Sleep\n- id: worry\n  title: Worry\n",
    "contacts.yaml": (
        'regions:\n  "NO": Norway\ncontacts:\n'
        '  - id: no-line\n    region: "NO"\n    organisation: The Line\n'
        '    purpose: Someone to talk to.\n    phone: "116 123"\n    always_open: true\n'
        "    last_checked: 2026-11-01\n"
    ),
    "sleep.md": article("Sleep", "sleep", "Read [worry](worry.md) too.\n\n## Nights\n\nRest."),
    "worry.md": article("Worry", "worry", "See [sleep](sleep.md)."),
    "nb/topics.yaml": "- id: sleep\n  title: Søvn\n",
    "nb/contacts.yaml": (
        'regions:\n  "NO": Norge\ncontacts:\n  - id: no-line\n    purpose: Noen å snakke med.\n'
    ),
    "nb/sleep.md": article(
        "Søvn", "sleep", "Les om [bekymring](worry.md).\n\n## Netter\n\nHvile.", lang="nb"
    ),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "content", FOLDER)


def test_the_main_language_alone_does_not_see_the_language_folder(folder: Path) -> None:
    library = load_library(folder)
    assert library.problems == []
    assert library.languages == ("en", "nb")
    assert {a.title for a in library.articles.values()} == {"Sleep", "Worry"}
    assert library.contacts.contacts[0].purpose == "Someone to talk to."


def test_a_language_shows_its_own_words_and_falls_back_for_the_rest(folder: Path) -> None:
    library = load_library(folder, lang="nb")
    assert library.problems == []
    assert library.lang == "nb" and library.main_lang == "en"
    assert [t.title for t in library.topics] == ["Søvn", "Worry"]  # untranslated: the original
    sleep, worry = library.articles["sleep"], library.articles["worry"]
    assert (sleep.title, sleep.lang, library.fallback(sleep)) == ("Søvn", "nb", False)
    assert (worry.title, library.fallback(worry)) == ("Worry", True)
    (line,) = library.contacts.contacts
    assert (line.purpose, line.organisation, line.phone) == (
        "Noen å snakke med.",
        "The Line",
        "116 123",
    )
    assert library.contacts.region_name("NO") == "Norge"


def test_links_cross_between_a_translation_and_the_originals(folder: Path) -> None:
    library = load_library(folder, lang="nb")
    # nb/worry.md does not exist: the link leads to the original worry.
    assert library.resolve(library.articles["sleep"], "worry.md").slug == "worry"
    # The untranslated worry links to sleep: the reader stays in bokmål.
    target = library.resolve(library.articles["worry"], "sleep.md")
    assert target.slug == "sleep" and library.articles[target.slug].lang == "nb"


def test_an_unknown_language_shows_the_originals(folder: Path) -> None:
    library = load_library(folder, lang="sv")
    assert library.lang == "en" and library.articles["sleep"].title == "Sleep"


def test_check_reports_missing_stale_and_mislabelled_translations(tmp_path: Path) -> None:
    files = dict(FOLDER)
    files["sleep.md"] = article("Sleep", "sleep", "Rest.", reviewed="2026-06-01")
    files["nb/worry.md"] = article("Bekymring", "worry", "Tekst.", lang="en")
    files["nb/extra.md"] = article("Ekstra", "nosuch", "Tekst.", lang="nb")
    folder = write_folder(tmp_path / "content", files)
    library, translated = load_library(folder), load_library(folder, lang="nb")
    found = translation_problems(library, translated, date(2026, 11, 29), {})
    said = [f"{p.path}: {p.message}" for p in found]
    assert said == [
        "content/nb/extra.md: unknown topic 'nosuch'",
        "content/nb/sleep.md: the translation was reviewed on 2026-01-01, before its "
        "original's last review (2026-06-01)",
        "content/nb/worry.md: lang is 'en' in the 'nb' folder",
    ]


def test_a_missing_translation_is_named(folder: Path) -> None:
    library, translated = load_library(folder), load_library(folder, lang="nb")
    found = translation_problems(library, translated, date(2026, 11, 29), {})
    assert [p.message for p in found] == ["no nb translation of 'worry' (Worry)"]


def test_readability_of_a_translation_is_measured_in_its_language(folder: Path) -> None:
    readings = read_library(load_library(folder, lang="nb"), only_lang=True)
    assert list(readings) == ["sleep"] and readings["sleep"].lang == "nb"


def test_a_language_from_the_cache_is_the_same_and_parses_nothing(
    folder: Path,
    tmp_path: Path,
    parsed: list[str],  # noqa: F811
) -> None:
    cache = tmp_path / "cache"
    cold = load_library(folder, cache, lang="nb")
    parsed.clear()
    warm = load_library(folder, cache, lang="nb")
    same(cold, warm)
    assert parsed == []
    assert warm.contacts.region_name("NO") == "Norge"


def test_every_bundled_article_is_in_both_languages() -> None:
    library = load_library(REPO / "articles", lang="nb")
    assert library.languages == ("en", "nb")
    assert [slug for slug, a in library.articles.items() if library.fallback(a)] == []
    assert {a.lang for a in library.articles.values()} == {"nb"}
    assert set(library.articles) == set(load_library(REPO / "articles").articles)


def test_reader_check_lists_each_language(run_cli: Callable[..., Result]) -> None:
    result = run_cli("check", str(REPO / "articles"))
    assert result.code == 0, result.out
    assert "18 articles in 2 languages (en, nb)" in result.out
    assert "  nb/sleep-problems: LIX" in result.out


def test_an_article_shown_from_the_originals_says_so(
    folder: Path, run_cli: Callable[..., Result]
) -> None:
    from reader import i18n

    i18n.use("nb")
    try:
        library = load_library(folder, lang="nb")
        note = library.fallback_note(library.articles["worry"])
        assert note == "Denne artikkelen finnes ikke på norsk bokmål ennå: den vises på English."
        assert library.fallback_note(library.articles["sleep"]) == ""
    finally:
        i18n.use("en")
    said = run_cli("--articles", str(folder), "--lang", "nb", "read", "worry").out
    assert "Denne artikkelen finnes ikke på norsk bokmål ennå: den vises på English." in said
    said = run_cli("--articles", str(folder), "--lang", "nb", "read", "sleep").out
    assert "finnes ikke på" not in said
