"""The reader's own words: every one from the catalog, translated, compiled, and shown.

The pseudo-locale tests give the reader a catalog in which every message is
written in look-alike accented letters, and content written the same way: any
plain ASCII word left on screen is then text that did not come from the catalog.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from reader import i18n
from reader.cli import COMMANDS, main
from reader.library.dates import LOCALES, long_date, number
from reader.locale import catalogs

# ASCII letters and their look-alikes: one cell wide each, so layouts do not change.
PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOOK_ALIKE = "àƀçđéƒĝĥíĵķĺɱñóƥʠŕšťúṽŵẋýžÀƁÇĐÉƑĜĤÍĴĶĹṀÑÓƤɊŔŠŤÚṼŴẊÝŽ"
_PSEUDO = str.maketrans(PLAIN, LOOK_ALIKE)
# What must stay as written: placeholders, %-formats, markup tags, escapes.
_KEEP = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrifx%]|\[/?[a-z ]*\]|\\.")


def pseudo(text: str) -> str:
    """``text`` in look-alike letters, its placeholders and markup untouched."""
    out, end = [], 0
    for match in _KEEP.finditer(text):
        out += [text[end : match.start()].translate(_PSEUDO), match.group(0)]
        end = match.end()
    out.append(text[end:].translate(_PSEUDO))
    return "".join(out)


def placeholders(text: str) -> list[str]:
    return sorted(m for m in _KEEP.findall(text) if not m.startswith(("[", "\\")))


# The catalogs


@pytest.fixture(scope="module")
def template() -> Catalog:
    return catalogs.extract()


def test_every_marked_string_is_in_each_catalog(template: Catalog) -> None:
    marked = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    assert len(marked) > 300
    for lang in catalogs.languages():
        kept = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogs.read(lang) if m.id}
        assert sorted(marked - kept) == [], f"run: python -m reader.locale.catalogs ({lang})"
        assert sorted(kept - marked) == [], f"run: python -m reader.locale.catalogs ({lang})"


def test_every_message_is_translated_and_none_is_fuzzy() -> None:
    for lang in catalogs.languages():
        catalog = catalogs.read(lang)
        untranslated = [m.id for m in catalog if m.id and not all(_forms(m.string))]
        fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
        assert untranslated == [] and fuzzy == [], lang


def test_translations_keep_every_placeholder() -> None:
    for lang in catalogs.languages():
        for message in catalogs.read(lang):
            if not message.id:
                continue
            ids = [message.id] if isinstance(message.id, str) else list(message.id)
            for form in _forms(message.string):
                assert placeholders(form) == placeholders(ids[-1]) or placeholders(
                    form
                ) == placeholders(ids[0]), (message.id, form)


def test_the_compiled_catalogs_are_the_catalogs() -> None:
    for lang in catalogs.languages():
        mo = catalogs.po_path(lang).with_suffix(".mo")
        assert mo.read_bytes() == catalogs.compiled(catalogs.read(lang)), (
            f"{mo.name} is stale: run python -m reader.locale.catalogs"
        )


def test_bokmal_is_spoken_where_it_is_asked_for() -> None:
    try:
        i18n.use("nb")
        assert i18n._("Phone") != "Phone"
        assert i18n.language() == "nb"
    finally:
        i18n.use("en")
    assert i18n._("Phone") == "Phone"


def _forms(string: str | tuple[str, ...]) -> list[str]:
    return [string] if isinstance(string, str) else list(string)


# Dates and numbers, as Babel writes them


def test_dates_and_numbers_are_written_as_babel_writes_them() -> None:
    for lang in ("en", "nb"):
        expected = catalogs.formats(lang)
        kept = (Path(catalogs.HERE) / lang / "formats.json").read_text(encoding="utf-8")
        assert kept.strip() and all(str(v)[:1] in kept for v in expected.values())
        for offset in range(0, 400, 7):
            day = date(2026, 1, 1) + timedelta(days=offset)
            assert long_date(day, lang) == format_date(day, "long", locale=LOCALES.get(lang, lang))
    assert long_date(date(2026, 11, 27), "nb") == "27. november 2026"
    assert long_date(date(2026, 11, 1), "en") == "1 November 2026"
    assert number(5000, "nb") == "5\u00a0000" and number(5000, "en") == "5,000"


# The pseudo-locale: nothing on screen that is not from the catalog or the content

# What is not words of ours: ids and slugs, command and option names, key names,
# codes, numbers. Command names are typed as they are in every language.
ALLOWED = {
    "reader", "nb", "en", "NO", "SE", "GB", "US", "INTL", "md", "yaml", "YAML", "README",
    "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "Esc", "Enter", "Tab",
    *(part for name in COMMANDS if name for part in name.split("-")),
    # Dates are written from each language's CLDR formats, not the catalog: the
    # pseudo-locale has none, so they are English (bokmål's are tested above).
    *(date(2026, month, 1).strftime("%B") for month in range(1, 13)),
    "list", "add", "remove", "export", "import",
}  # fmt: skip
_ASCII_WORD = re.compile(r"(?<![\w/.:@-])[A-Za-z][A-Za-z']+(?![\w/.:@-])")
_NOT_WORDS = re.compile(r"https?://\S+|\S+@\S+|--?[a-z][a-z-]*|\S+\.(?:md|yaml|json|txt)\b")


def untranslated(output: str, also: set[str]) -> list[str]:
    """The ASCII words in ``output`` that are neither allowed nor in ``also``."""
    text = _NOT_WORDS.sub(" ", output)
    return sorted({w for w in _ASCII_WORD.findall(text) if w not in ALLOWED | also})


def pseudo_catalog(template: Catalog, folder: Path) -> Path:
    """The template with every message in look-alike letters, compiled under ``folder``."""
    catalog = Catalog(locale="en", domain="reader", charset="utf-8")
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, str):
            catalog.add(message.id, pseudo(message.id))
        else:
            catalog.add(message.id, tuple(pseudo(i) for i in message.id))
    target = folder / "xx" / "LC_MESSAGES" / "reader.mo"
    target.parent.mkdir(parents=True)
    with target.open("wb") as handle:
        write_mo(handle, catalog)
    return folder


@pytest.fixture
def pseudo_locale(
    template: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Whatever language is asked for, the reader speaks the pseudo-locale."""
    folder = pseudo_catalog(template, tmp_path / "locale")
    real = i18n.use
    monkeypatch.setattr(i18n, "use", lambda lang, where=None: real("xx", folder))
    yield
    real("en")


def t(text: str) -> str:
    return pseudo(text)


def pseudo_content(root: Path) -> Path:
    """A content folder whose every word is in look-alike letters (ids stay ASCII)."""
    root.mkdir()
    (root / "topics.yaml").write_text(
        f"- id: sleep\n  title: {t('Sleep')}\n  description: {t('Nights and days.')}\n"
        f"- id: crisis\n  title: {t('In crisis')}\n  description: {t('Who to call.')}\n",
        encoding="utf-8",
    )
    (root / "contacts.yaml").write_text(
        f'regions:\n  "NO": {t("Norway")}\ncontacts:\n'
        f'  - id: no-emergency\n    region: "NO"\n    organisation: {t("Emergency")}\n'
        f"    purpose: {t('Call when a life is in danger.')}\n    emergency: true\n"
        f'    phone: "113"\n    always_open: true\n    free: true\n'
        f"    topics: [emergency, crisis]\n    last_checked: 2026-11-01\n"
        f"    checked_at: https://www.helsenorge.no/\n"
        f'  - id: no-line\n    region: "NO"\n    organisation: {t("The Line")}\n'
        f'    purpose: {t("Someone to talk to.")}\n    phone: "116 123"\n'
        f"    hours: {t('Every day')}\n    topics: [crisis]\n    last_checked: 2026-11-01\n"
        f"    checked_at: https://www.helsenorge.no/\n",
        encoding="utf-8",
    )
    body = "\n\n".join(
        [t("Good sleep helps."), f"## {t('At night')}", t("Rest well and call 113 if needed.")]
    )
    (root / "sleep.md").write_text(
        f"---\ntitle: {t('Sleeping well')}\ntopic: sleep\nsummary: {t('How to sleep.')}\n"
        f"keywords: [{t('sleep')}]\nlast_reviewed: 2026-11-01\nnext_review: 2099-01-01\n"
        f"reviewed_by: {t('Nobody')}\nsources: [{t('A book')}]\n---\n{body}\n",
        encoding="utf-8",
    )
    return root


COMMAND_LINES = [
    ["topics"],
    ["list"],
    ["read", "sleep"],
    ["contacts"],
    ["search", t("sleep")],
    ["check"],
    ["--help"],
    ["read", "--help"],
    ["read", "nosuch"],
    ["bookmarks", "list"],
]


def run(*args: str) -> str:
    """The reader's output and errors for a command line (argparse's exits included)."""
    out, err = io.StringIO(), io.StringIO()
    # SystemExit: --help, and argparse's errors.
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        contextlib.suppress(SystemExit),
    ):
        main(list(args))
    return out.getvalue() + err.getvalue()


@pytest.mark.parametrize("command", COMMAND_LINES, ids=" ".join)
def test_every_command_speaks_only_the_catalog(
    command: list[str], pseudo_locale: None, clean_env: None, tmp_path: Path
) -> None:
    root = pseudo_content(tmp_path / "content")
    args = ["--articles", str(root), "--region", "NO", *command]
    output = run(*(["check", str(root)] if command[0] == "check" else args))
    assert output.strip(), args
    slugs = {"sleep", "crisis", "nosuch", "emergency", "content"}
    assert untranslated(output, slugs) == [], output


def test_check_asks_for_numbers_grouped_as_their_country_writes_them(tmp_path: Path) -> None:
    from reader.library.check import check_library
    from reader.library.loader import load_library

    root = pseudo_content(tmp_path / "content")
    text = (root / "contacts.yaml").read_text(encoding="utf-8")
    (root / "contacts.yaml").write_text(text.replace('"116 123"', '"22400040"'), "utf-8")
    found = [p for p in check_library(load_library(root)) if "22 40 00 40" in p.message]
    assert [p.message for p in found] == ["contact 'no-line': NO writes 22400040 as 22 40 00 40"]
    assert found[0].field == "phone" and found[0].line > 0


def test_a_served_or_supervised_kiosk_speaks_the_language_asked_for() -> None:
    from reader.cli.kiosk import child_command
    from reader.cli.parser import build_parser

    args = build_parser().parse_args(["--lang", "nb", "serve"])
    command = child_command(args)
    assert command[command.index("--lang") + 1] == "nb"
    assert "--lang" not in child_command(build_parser().parse_args(["serve"]))
