"""A content folder in other languages: one folder per language beside the originals.

``articles/nb/`` holds the bokmål library: its own ``topics.yaml`` (the same topic
ids, titled in bokmål), articles with the same file names (slugs) as the originals
they translate, and an optional ``contacts.yaml`` giving region names and each
contact's organisation, purpose, hours and notes in the language (names and numbers
stay as the main file has them). A top-level folder is a language's when its name
is a language code and it holds a ``topics.yaml``. An article missing in a
language is shown from the originals, with a note.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any

from reader.document.sanitize import clean_line
from reader.i18n import _
from reader.library.contacts import Contacts
from reader.library.models import Article, Contact, Problem
from reader.library.validate import Reporter
from reader.library.yamlfile import load_yaml, read_text

CODE = re.compile(r"^[a-z]{2,3}$")
TOPICS_FILE = "topics.yaml"
CONTACTS_FILE = "contacts.yaml"
# What a language's contacts.yaml may give for each contact: its words, not its numbers.
CONTACT_TEXTS = ("organisation", "purpose", "hours", "notes")


def language_folders(root: Path) -> dict[str, Path]:
    """The languages the content folder ``root`` is translated into, and their folders."""
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return {}
    return {
        name: root / name
        for name in names
        if CODE.match(name) and os.path.isfile(os.path.join(root, name, TOPICS_FILE))
    }


def main_language(articles: dict[str, Article]) -> str:
    """The language most of the original articles are written in (English if none)."""
    counts: dict[str, int] = {}
    for article in articles.values():
        counts[article.lang] = counts.get(article.lang, 0) + 1
    return max(counts, key=lambda lang: counts[lang]) if counts else "en"


def contact_texts(
    path: Path, where: str, known: set[str]
) -> tuple[dict[str, str], dict[str, dict[str, str]], list[Problem]]:
    """A language's contacts.yaml: region names, and each contact's texts by id."""
    report = Reporter(where)
    regions: dict[str, str] = {}
    texts: dict[str, dict[str, str]] = {}
    text = read_text(path, report)
    ok, data = load_yaml(text, report) if text is not None else (False, None)
    if ok and not isinstance(data, dict):
        report.error(_("is not a mapping"), _("write 'regions:' and 'contacts:' sections"), line=1)
    data = data if ok and isinstance(data, dict) else {}
    for code, name in _mapping(data.get("regions")).items():
        if isinstance(code, str) and isinstance(name, str) and name.strip():
            regions[code.upper()] = clean_line(name).strip()
        else:
            report.warn(
                _("region {code} needs a name in words").format(code=repr(code)),
                # Translators: an example line of a language's contacts.yaml: a region's
                # code and its name in that language
                _("write 'NO: Norge'"),
                "regions",
            )
    for number, entry in enumerate(_sequence(data.get("contacts")), 1):
        contact_id = entry.get("id") if isinstance(entry, dict) else None
        if contact_id not in known:
            report.warn(
                _("contact {number} names no contact of the main contacts.yaml ({id})").format(
                    number=number, id=repr(contact_id)
                ),
                _("give the id of the contact this entry translates"),
                "contacts",
            )
            continue
        assert isinstance(entry, dict) and isinstance(contact_id, str)
        given = {
            k: clean_line(v).strip()
            for k, v in entry.items()
            if k in CONTACT_TEXTS and type(v) is str
        }
        others = sorted(str(k) for k in entry if k not in (*CONTACT_TEXTS, "id"))
        if others:
            report.warn(
                # Translators: {fields} lists field names of contacts.yaml
                _("contact '{id}' gives {fields}: only its words are translated").format(
                    id=contact_id, fields=", ".join(others)
                ),
                _("give only {fields}; numbers stay in the main contacts.yaml").format(
                    fields=", ".join(CONTACT_TEXTS)
                ),
                "contacts",
            )
        texts[contact_id] = {k: v for k, v in given.items() if v}
    return regions, texts, report.problems


def translated_contacts(
    contacts: Contacts, regions: dict[str, str], texts: dict[str, dict[str, str]]
) -> Contacts:
    """``contacts`` with the language's words where it gives them."""

    def translated(contact: Contact) -> Contact:
        given = texts.get(contact.id)
        return dataclasses.replace(contact, **given) if given else contact

    names = {**contacts.regions, **{k: v for k, v in regions.items() if k in contacts.regions}}
    return Contacts(tuple(translated(c) for c in contacts.contacts), names)


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _sequence(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
