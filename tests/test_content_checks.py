"""Content files are checked before they are trusted (issue #11, item 4).

Crisis numbers: written as text, valid for their region, a number only in
``sms``, and the numbers written in articles are those of the contacts. YAML
anchors and aliases are refused before anything is built. An article is read
only while it is inside the content folder, and never when it is too large.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, Result, copy_content

from reader.library import load_library
from reader.library.check import check_library, phone_numbers_in
from reader.library.contacts_file import load_contacts
from reader.library.models import ERROR, UNREADABLE, Contact
from reader.library.numbers import number_problems
from reader.library.validate import Reporter
from reader.library.yamlfile import MAX_FILE, MAX_YAML

RunCli = Callable[..., Result]
NUMBERS = FIXTURES / "numbers"

CONTACT = """contacts:
  - id: gb-line
    region: {region}
    organisation: A line
    purpose: To talk.
    {field}: {value}
    last_checked: 2026-11-01
"""

ARTICLE = """---
title: {title}
topic: sleep
summary: A summary.
keywords: [a]
last_reviewed: 2026-01-01
next_review: 2099-01-01
reviewed_by: Nobody.
sources: ["S. 2020."]
---
{body}
"""


def _contacts(tmp_path: Path, value: str, field: str = "phone", region: str = "GB") -> Path:
    root = copy_content(tmp_path)
    (root / "contacts.yaml").write_text(CONTACT.format(region=region, field=field, value=value))
    return root


def _run_check(folder: Path, timeout: float = 30) -> tuple[int, str, float]:
    """``reader check FOLDER`` through the entry point in a fresh interpreter.

    Returns the exit code, the output and the seconds ``main`` took (interpreter
    start-up left out). A hang is killed after ``timeout`` seconds.
    """
    code = (
        "import sys, time\n"
        "from reader.cli import main\n"
        "start = time.perf_counter()\n"
        "code = main(['check', sys.argv[1]])\n"
        "print(f'{time.perf_counter() - start:.3f}', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, float(done.stderr.strip().splitlines()[-1])


# 1. Numbers are text, and valid for their region ----------------------------


def test_check_reports_each_number_mistake_by_file_line_and_fix(run_cli: RunCli) -> None:
    result = run_cli("check", str(NUMBERS))
    assert result.code == 1
    assert result.out.splitlines() == [
        "numbers/contacts.yaml:14: error: phone: contact 2: 0113 is not in quotes, so YAML "
        'reads it as the number 75. Fix: write it in quotes: phone: "0113"',
        "numbers/contacts.yaml:20: error: phone: contact 'gb-invalid': '0113' is not a valid "
        "phone number in GB (libphonenumber). Fix: check it against the organisation's public "
        "page; write a full number with its area code, or a short number that is valid in the "
        "region",
        "numbers/contacts.yaml:26: error: sms: contact 4: '85258 (send the word SHOUT)' is not "
        "only a number. Fix: put only the number in sms, and the word to send in sms_keyword, "
        'e.g. sms: "85258" and sms_keyword: SHOUT',
        "numbers/contacts.yaml:39: error: phone: contact 'intl-short': '116 123' has no country "
        "code, and an international contact has no region to dial it in. Fix: write the full "
        "number with + and the country code, e.g. +47 22 40 00 40, or list the contact under "
        "its country's region",
        "numbers/crisis.md:13: error: body: '116 132' is written as a phone number, but no "
        "contact in contacts.yaml has it. Fix: check the number against contacts.yaml and the "
        "organisation's public page; if it is right, add the contact to contacts.yaml",
        "Readability (the body of each article, not its sources):",
        "  crisis: too short to score (48 words, under 100), 1 sentence over 25 words",
        "1 article, 1 topic, 4 contacts: 5 errors, 0 warnings.",
    ]


@pytest.mark.parametrize(
    ("field", "written", "read_as"),
    [("phone", "0113", "75"), ("phone", "999", "999"), ("sms", "85258", "85258")],
)
def test_an_unquoted_number_is_an_error_and_never_shown(
    tmp_path: Path, run_cli: RunCli, field: str, written: str, read_as: str
) -> None:
    root = _contacts(tmp_path, written, field)
    result = run_cli("check", str(root))
    assert result.code == 1
    expected = (
        f"content/contacts.yaml:6: error: {field}: contact 1: {written} is not in quotes, so "
        f"YAML reads it as the number {read_as}. Fix: write it in quotes: {field}: "
        f'"{written}"'
    )
    assert expected in result.out.splitlines()
    shown = run_cli("contacts", "--articles", str(root)).out
    assert "A line" not in shown and ": 75" not in shown


@pytest.mark.parametrize("value", ["[999, 112]", "{a: 1}", "true", "2026-01-01"])
def test_a_number_of_another_kind_is_an_error(tmp_path: Path, run_cli: RunCli, value: str) -> None:
    result = run_cli("check", str(_contacts(tmp_path, value)))
    assert result.code == 1
    assert "error: phone: contact 1: must be a number in quotes, not " in result.out
    assert 'Fix: write it in quotes: phone: "116 123"' in result.out


@pytest.mark.parametrize(
    ("region", "number", "valid"),
    [
        ("GB", '"116 123"', True),  # short, valid in GB
        ("GB", '"0800 068 4141"', True),  # full, valid in GB
        ("GB", '"+44 800 068 4141"', True),
        ("GB", '"116 12"', False),
        ("GB", '"0113"', False),
        ("NO", '"22 40 00 40"', True),
        ("NO", '"22 40 00"', False),
        ("US", '"988"', True),
        ("US", '"99"', False),
        ("INTL", '"+47 22 40 00 40"', True),  # INTL: a full number with its country code
        ("INTL", '"116 123"', False),  # INTL: no region to dial a short number in
        ("INTL", '"+47 22 40"', False),
    ],
)
def test_numbers_are_checked_with_libphonenumber(
    tmp_path: Path, run_cli: RunCli, region: str, number: str, valid: bool
) -> None:
    root = _contacts(tmp_path, number, region=f'"{region}"')
    result = run_cli("check", str(root))
    assert (result.code == 0) is valid, result.out
    if not valid:
        assert "content/contacts.yaml:6: error: phone: contact 'gb-line': " in result.out


def test_every_bundled_number_is_valid_and_check_passes(run_cli: RunCli) -> None:
    contacts = load_library(REPO / "articles").contacts
    assert number_problems(contacts, "contacts.yaml") == []
    result = run_cli("check", str(REPO / "articles"))
    assert result.code == 0 and result.out.endswith(": 0 errors, 0 warnings.\n"), result.out


def test_an_emergency_contact_whose_number_is_not_an_emergency_number_is_a_warning(
    tmp_path: Path, run_cli: RunCli
) -> None:
    root = _contacts(tmp_path, '"116 123"')
    text = (
        (root / "contacts.yaml")
        .read_text()
        .replace("    phone:", "    emergency: true\n    phone:")
    )
    (root / "contacts.yaml").write_text(text)
    result = run_cli("check", str(root))
    assert result.code == 0
    assert (
        "content/contacts.yaml:7: warning: phone: contact 'gb-line' is marked emergency, but "
        "116 123 is not an emergency number in GB. Fix: check the number, or remove "
        "'emergency: true'" in result.out
    )


def test_loading_the_library_does_not_import_phonenumbers() -> None:
    # The app's cold start is measured: only `reader check` pays for the import.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.library import load_library\n"
        "library = load_library(Path(sys.argv[1]))\n"
        "assert library.contacts.contacts\n"
        "print('phonenumbers' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(REPO / "articles")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("organisation: [a, b]", "organisation"),
        ("region: [GB]", "region"),
        ("topics: [[a]]", "topics"),
        ("languages: {en: 1}", "languages"),
        ("emergency: 'yes'", "emergency"),
        ("id: {a: b}", "id"),
    ],
)
def test_each_contact_field_has_its_type_checked(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "contacts.yaml"
    entry = CONTACT.format(region="GB", field="phone", value='"999"')
    key = text.split(":")[0]
    lines = [line for line in entry.splitlines() if not line.strip().startswith(f"{key}:")]
    path.write_text("\n".join(lines) + f"\n    {text}\n")
    report = Reporter("contacts.yaml")
    assert load_contacts(path, ["sleep"], report).contacts == ()
    errors = [p for p in report.problems if p.severity == ERROR]
    assert {p.field for p in errors} == {field}, errors


def test_an_unquoted_region_code_says_to_quote_it(tmp_path: Path, run_cli: RunCli) -> None:
    root = _contacts(tmp_path, '"113"', region="NO")  # YAML reads NO as false
    result = run_cli("check", str(root))
    assert result.code == 1
    assert (
        "content/contacts.yaml:3: error: region: contact 1: region NO is not in quotes, so YAML "
        'reads it as False. Fix: write it in quotes: region: "NO"' in result.out
    )


# 2. sms is a number only; the word to send has its own field ----------------


def test_the_bundled_shout_contact_keeps_the_word_beside_the_number(run_cli: RunCli) -> None:
    shout = next(c for c in load_library(REPO / "articles").contacts.contacts if c.id == "gb-shout")
    assert (shout.sms, shout.sms_keyword) == ("85258", "SHOUT")
    assert shout.ways() == [("Text", "85258 (send the word SHOUT)")]
    articles = str(REPO / "articles")
    listing = run_cli("contacts", "--region", "GB", "--articles", articles).out
    assert "- Shout\n  Text: 85258 (send the word SHOUT)\n" in listing
    found = run_cli("--region", "GB", "search", "suicide", "--articles", articles).out
    assert "- Shout (GB): Text 85258 (send the word SHOUT)" in found


def test_a_contact_with_a_number_and_a_word_to_send() -> None:
    contact = Contact("x", "GB", "Shout", "Text support.", sms="85258", sms_keyword="SHOUT")
    assert contact.ways() == [("Text", "85258 (send the word SHOUT)")]
    assert Contact("y", "US", "988", "Crisis.", sms="988").ways() == [("Text", "988")]


def test_a_word_to_send_needs_a_number(tmp_path: Path, run_cli: RunCli) -> None:
    root = _contacts(tmp_path, "SHOUT", field="sms_keyword")
    text = (root / "contacts.yaml").read_text().replace("purpose:", 'phone: "999"\n    purpose:')
    (root / "contacts.yaml").write_text(text)
    result = run_cli("check", str(root))
    assert result.code == 1
    assert "error: sms_keyword: contact 1: sms_keyword without an sms number" in result.out


# 3. No anchors or aliases, and no hang on an alias bomb ----------------------

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)
)


def _indented(text: str, prefix: str) -> str:
    return "".join(prefix + line + "\n" for line in text.splitlines())


@pytest.mark.parametrize("name", ["topics.yaml", "contacts.yaml", "bomb.md"])
def test_an_alias_bomb_is_refused_within_a_second(tmp_path: Path, name: str) -> None:
    root = copy_content(tmp_path)
    if name == "topics.yaml":
        # A title made of nested aliases: a billion x's once built.
        text = "- id: sleep\n" + _indented(BOMB, "  ") + "  title: *j\n"
    elif name == "contacts.yaml":
        bomb = "  - id: bomb\n" + _indented(BOMB, "    ") + "    organisation: *j\n"
        text = (root / name).read_text().replace("contacts:\n", "contacts:\n" + bomb)
    else:
        text = ARTICLE.format(title="*j", body="Body.").replace("---\n", "---\n" + BOMB, 1)
    line = text[: text.index("&a")].count("\n") + 1
    (root / name).write_text(text)
    start = time.perf_counter()
    code, out, took = _run_check(root)
    wall = time.perf_counter() - start
    assert code == 1, out
    assert f"content/{name}:{line}: error: YAML anchor '&a' is not allowed." in out, out
    assert took < 1.0, f"reader check took {took:.2f} s ({wall:.2f} s with start-up)"


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (
            "title: &t Sleep\nsummary: *t",
            "content/art.md:2: error: YAML anchor '&t' is not allowed",
        ),
        ("title: Sleep\nsummary: *t", "content/art.md:3: error: YAML alias '*t' is not allowed"),
        ("title: Sleep\n<<: *t", "content/art.md:3: error: YAML alias '*t' is not allowed"),
    ],
)
def test_any_anchor_or_alias_in_front_matter_is_refused(
    tmp_path: Path, run_cli: RunCli, yaml_text: str, expected: str
) -> None:
    root = copy_content(tmp_path)
    article = ARTICLE.format(title="X", body="Body.").replace("title: X", yaml_text)
    (root / "art.md").write_text(article)
    result = run_cli("check", str(root))
    assert result.code == 1
    assert expected in result.out
    assert "art" not in load_library(root).articles


def test_ampersands_and_asterisks_in_text_are_not_anchors(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    title = "title: Tom & Jerry *and* friends\nsummary: '&quoted *too'"
    article = ARTICLE.format(title="X", body="A & b * c.").replace("title: X", title)
    (root / "art.md").write_text(article.replace("summary: A summary.\n", ""))
    library = load_library(root)
    assert library.articles["art"].title == "Tom & Jerry *and* friends"
    assert library.articles["art"].summary == "&quoted *too"


def test_a_topic_title_that_is_not_text_is_refused(tmp_path: Path, run_cli: RunCli) -> None:
    root = copy_content(tmp_path)
    (root / "topics.yaml").write_text("- id: sleep\n  title: [a, b]\n")
    result = run_cli("check", str(root))
    assert result.code == 1
    assert "content/topics.yaml: error: title: topic 1: title must be text, not a list" in (
        result.out
    )


# 4. Phone numbers in article text are the contacts' numbers -----------------


@pytest.mark.parametrize(
    "prose",
    [
        "In 2024, a review of 218 studies found it.",
        "There were 14,170 participants.",
        "NICE guideline NG222 and CG113 say so.",
        "About 50% of people, and 12.5 % of others.",
        "Open 24/7, call us.",
        "Call us on 2026-11-01 or between 9-17.",
        "Call us: pages 33-45 explain it.",
        "Helplines in about 130 countries; call one.",
        "Call your doctor. 117 people took part.",
        "See https://example.org/call/116132 and doi:10.1016/j.cell.2014.07.051.",
        "Press 1 for the Veterans Crisis Line, or 2 for Spanish.",
        "The 988lifeline.org site, in 1177 words.",
    ],
)
def test_numbers_that_are_not_phone_numbers_are_left_alone(prose: str) -> None:
    assert phone_numbers_in(prose) == []


@pytest.mark.parametrize(
    ("prose", "numbers"),
    [
        ("Call 116 123 now.", ["116 123"]),
        ("- **Samaritans: 116 123.** Open 24/7.", ["116 123"]),
        ("That is 113 in Norway, 112 in Sweden and 999 in the UK.", []),
        (
            "Call the emergency number now.** That is 113 in Norway, 112 in Sweden.",
            ["113", "112"],
        ),
        ("Text SHOUT to 85258.", ["85258"]),
        ("Kirkens SOS 22 40 00 40.", ["22 40 00 40"]),
        ("Ring +47 22 40 00 40 or 0800 068 4141.", ["+47 22 40 00 40", "0800 068 4141"]),
        ("[Call us](tel:+4722400040)", ["+4722400040"]),
    ],
)
def test_phone_numbers_in_prose_are_found(prose: str, numbers: list[str]) -> None:
    assert phone_numbers_in(prose) == numbers


def test_no_number_in_the_bundled_articles_is_flagged() -> None:
    library = load_library(REPO / "articles")
    found = [
        (article.slug, number)
        for article in library.articles.values()
        for line in article.body().split("\n")
        for number in phone_numbers_in(line)
    ]
    # The crisis article names its dozen numbers, and each is a contact's.
    assert len({n for slug, n in found if slug == "thoughts-of-suicide"}) >= 12
    problems = [p for p in check_library(library) if p.field == "body"]
    assert problems == []


def test_a_wrong_number_in_an_article_is_an_error(tmp_path: Path, run_cli: RunCli) -> None:
    root = copy_content(tmp_path)
    body = "In danger? Call 999.\n\nTalk to someone: call 116 132, any time.\n"
    (root / "art.md").write_text(ARTICLE.format(title="Help", body=body))
    result = run_cli("check", str(root))
    assert result.code == 1
    assert (
        "content/art.md:13: error: body: '116 132' is written as a phone number, but no "
        "contact in contacts.yaml has it." in result.out
    )
    assert "'999'" not in result.out  # the emergency number is a contact's


def test_a_number_written_with_its_country_code_matches_the_contact(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    body = "Call +44 116 123 or dial 116 123. A wrong one: call +44 116 132.\n"
    (root / "art.md").write_text(ARTICLE.format(title="Help", body=body))
    problems = [p for p in check_library(load_library(root)) if p.field == "body"]
    assert [p.message.split("'")[1] for p in problems] == ["+44 116 132"]


# 5. Read only inside the folder, and never when too large --------------------


def _swap_for_symlink_after_loading(
    monkeypatch: pytest.MonkeyPatch, root: Path, secret: Path
) -> None:
    """Once art.md's metadata is loaded, it becomes a symlink to ``secret``."""
    import reader.library.loader as loader

    build = loader.build_article

    def build_then_swap(slug: str, path: Path, *args: object, **kwargs: object) -> object:
        article = build(slug, path, *args, **kwargs)  # type: ignore[arg-type]
        if slug == "art":
            path.unlink()
            path.symlink_to(secret)
        return article

    monkeypatch.setattr(loader, "build_article", build_then_swap)


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.md"
    secret.write_text(ARTICLE.format(title="Secret", body="TOP SECRET password"))
    return secret


def test_an_article_that_became_a_symlink_outside_is_not_read(
    tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_content(tmp_path)
    (root / "art.md").write_text(ARTICLE.format(title="Art", body="Harmless."))
    _swap_for_symlink_after_loading(monkeypatch, root, _secret(tmp_path))
    shown = run_cli("read", "art", "--articles", str(root))
    assert "TOP SECRET" not in shown.out
    assert "This article cannot be shown" in shown.out
    result = run_cli("check", str(root))
    assert "TOP SECRET" not in result.out
    assert result.code == 1
    assert (
        "content/art.md: error: is a link that leads outside the content folder. Fix: copy "
        "the article into the folder instead of linking to it" in result.out
    )


def test_body_refuses_a_file_swapped_for_a_symlink_outside(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    (root / "art.md").write_text(ARTICLE.format(title="Art", body="Harmless."))
    article = load_library(root).articles["art"]
    (root / "art.md").unlink()
    (root / "art.md").symlink_to(_secret(tmp_path))
    assert article.body() == UNREADABLE
    assert "outside the content folder" in article.body_problem


def test_a_symlink_inside_the_folder_is_still_read(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    (root / "sub").mkdir()
    (root / "sub" / "real.md").write_text(ARTICLE.format(title="Real", body="Inside."))
    (root / "art.md").symlink_to(root / "sub" / "real.md")
    library = load_library(root)
    assert library.articles["art"].body().strip() == "Inside."


def test_an_article_over_the_limit_is_refused_unread(tmp_path: Path, run_cli: RunCli) -> None:
    root = copy_content(tmp_path)
    with (root / "huge.md").open("wb") as file:
        file.write(ARTICLE.format(title="Huge", body="Text.").encode())
        file.truncate(MAX_FILE + 1_000_000)  # sparse: costs no disk
    tracemalloc.start()
    try:
        library = load_library(root)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "huge" not in library.articles
    assert peak < MAX_FILE // 4, f"{peak} bytes were allocated: the file was read"
    result = run_cli("check", str(root))
    assert result.code == 1
    assert "content/huge.md: error: is 17.0 MB. Fix: keep it under 16.0 MB" in result.out


def test_a_yaml_file_over_the_limit_is_refused_unread(tmp_path: Path, run_cli: RunCli) -> None:
    root = copy_content(tmp_path)
    with (root / "contacts.yaml").open("ab") as file:
        file.truncate(MAX_YAML * 3)
    result = run_cli("check", str(root))
    assert result.code == 1
    assert "content/contacts.yaml: error: is 3.0 MB. Fix: keep it under 1.0 MB" in result.out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    os.mkfifo(root / "pipe.md")
    code, out, _ = _run_check(root, timeout=20)
    assert code == 1
    assert "content/pipe.md: error: is not a regular file." in out


# 5. Values PyYAML builds that content never means ------------------------------


@pytest.mark.parametrize("command", ["check", "list", "read", "search"])
def test_an_impossible_date_is_reported_and_the_article_skipped(
    tmp_path: Path, run_cli: RunCli, command: str
) -> None:
    """PyYAML raises on 2026-02-30 as it builds the date: every command ended with it."""
    root = copy_content(tmp_path)
    worry = root / "worry-basics.md"
    worry.write_text(worry.read_text().replace("2026-01-01", "2026-02-30"))
    args = {
        "check": ["check", str(root)],
        "list": ["--articles", str(root), "list"],
        "read": ["--articles", str(root), "read", "all-blocks"],
        "search": ["--articles", str(root), "search", "worry"],
    }[command]
    result = run_cli(*args)
    assert "Traceback" not in result.out + result.err
    if command == "check":
        assert result.code == 1
        assert "worry-basics.md:6: error: last_reviewed: '2026-02-30' is not a date" in result.out
    else:
        assert result.code == 0, result.err
        assert "Worry basics" not in result.out  # skipped, the rest shown


def test_an_address_too_long_for_a_qr_code_is_an_error(tmp_path: Path, run_cli: RunCli) -> None:
    root = copy_content(tmp_path)
    contacts = root / "contacts.yaml"
    address = "https://example.org/" + "a" * 3000
    contacts.write_text(contacts.read_text().replace("https://example.org/helplines", address))
    result = run_cli("check", str(root))
    assert result.code == 1
    assert (
        "contacts.yaml:46: error: web: contact 'intl-directory': too long for a QR code "
        "(3020 characters). Fix: give a shorter address" in result.out
    ), result.out
