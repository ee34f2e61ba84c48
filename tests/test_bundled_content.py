"""What the bundled content promises people: the corrections made, the youth lines shown."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from helpers import REPO, Result

from reader.library import load_library

RunCli = Callable[..., Result]
LIBRARY = load_library(REPO / "articles")


def body(slug: str) -> str:
    return " ".join(LIBRARY.articles[slug].body().split())


@pytest.mark.parametrize(
    ("region", "topic", "number", "name"),
    [
        ("NO", "young-people", "116 111", "Alarmtelefonen for barn og unge"),
        ("SE", "young-people", "116 111", "BRIS"),
        ("GB", "young-people", "0800 1111", "Childline (NSPCC)"),
        ("GB", "self-harm", "0800 068 4141", "PAPYRUS HOPELINE247"),
        ("US", "young-people", "741741", "Crisis Text Line"),
        ("GB", "pregnancy", "85258", "PANDAS Foundation text line"),
    ],
)
def test_the_lines_for_young_people_and_parents_come_after_the_emergency_number(
    run_cli: RunCli, region: str, topic: str, number: str, name: str
) -> None:
    result = run_cli("contacts", "--region", region, "--topic", topic)
    assert result.code == 0, result.err
    entries = result.out.split("\n- ")[1:]
    assert entries[0].startswith("EMERGENCY")
    names = [entry.split("\n")[0] for entry in entries]
    assert number in entries[names.index(name)]
    # Before every contact of the region that does not serve the topic.
    serving = {c.organisation for c in LIBRARY.contacts.contacts if c.serves(topic)}
    others = [i for i, n in enumerate(names) if n not in serving and not n.startswith("EMERGENCY")]
    assert names.index(name) < min(others, default=len(names))


@pytest.mark.parametrize(
    ("slug", "present", "absent"),
    [
        (
            "talking-to-a-doctor",
            ["a few weeks to work", "within about 4 weeks", "aged 18 to 25", "Never stop suddenly"],
            [],
        ),
        (
            "thoughts-of-suicide",
            ["legevakt on 116 117", "even if you feel all right", "112", "999", "911"],
            ["nearest emergency department", "at any hour"],
        ),
        (
            "exercise-and-kynurenine",
            ["In people, the study showed only this muscle part"],
            ["in both mice and people"],
        ),
        ("exercise-for-depression-evidence", ["CINeMA", "limits of their own evidence"], []),
        (
            "understanding-depression",
            [
                "Bipolar disorder is a separate condition",
                "not usually the first treatment for mild",
            ],
            [],
        ),
        ("panic-attacks", ["lasts more than 15 minutes", "shortness of breath"], []),
        ("sleep-problems", ["snore loudly", "adults in England"], []),
        ("medicines-for-depression-and-anxiety", ["aged 18 to 25", "side effects"], []),
    ],
)
def test_the_corrections_are_in_the_text(slug: str, present: list[str], absent: list[str]) -> None:
    text = body(slug)
    for words in present:
        assert words.casefold() in text.casefold(), (slug, words)
    for words in absent:
        assert words.casefold() not in text.casefold(), (slug, words)


def test_no_article_says_every_crisis_line_is_open_day_and_night() -> None:
    for slug in LIBRARY.articles:
        text = body(slug)
        assert "Crisis lines are open day and night" not in text.replace("Many crisis", "")


def test_every_article_says_it_is_not_clinically_reviewed_and_is_general_information() -> None:
    assert len(LIBRARY.articles) >= 18
    for slug, article in LIBRARY.articles.items():
        assert article.reviewed_by.startswith("Not clinically reviewed"), slug
        assert "general information" in body(slug), slug
        assert article.sources, slug
