"""Help contacts: validation, emergency numbers first, topic order, region defaults."""

from __future__ import annotations

from pathlib import Path

from helpers import REPO

from reader.library import load_library
from reader.library.contacts import default_region
from reader.library.contacts_file import load_contacts
from reader.library.validate import Reporter


def test_region_selection_puts_emergency_first_then_topic(content_dir: Path) -> None:
    contacts = load_library(content_dir).contacts
    groups = contacts.select("gb", "sleep")
    assert [(g.region, g.name) for g in groups] == [
        ("GB", "United Kingdom"),
        ("INTL", "International"),
    ]
    assert [c.id for c in groups[0].contacts] == ["gb-emergency", "gb-advice", "gb-line"]
    assert [c.id for c in contacts.select("GB", "worry")[0].contacts] == [
        "gb-emergency",
        "gb-line",
        "gb-advice",
    ]


def test_no_region_groups_every_region_with_international_last(content_dir: Path) -> None:
    groups = load_library(content_dir).contacts.select(None)
    assert [g.region for g in groups] == ["GB", "NO", "INTL"]
    for group in groups:
        flags = [c.emergency for c in group.contacts]
        assert flags == sorted(flags, reverse=True)


def test_default_region_comes_from_the_locale() -> None:
    assert default_region(["GB", "NO"], {"LANG": "en_GB.UTF-8"}) == "GB"
    assert default_region(["GB", "NO"], {"LC_ALL": "nb_NO.UTF-8", "LANG": "en_GB"}) == "NO"
    assert default_region(["GB"], {"LANG": "de_DE.UTF-8"}) is None
    assert default_region(["GB"], {"LANG": "C.UTF-8"}) is None


def test_bad_contacts_are_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "contacts.yaml"
    path.write_text(
        "contacts:\n"
        "  - id: ok\n    region: GB\n    organisation: A\n    purpose: B\n    phone: '1'\n"
        "    last_checked: 2026-01-01\n"
        "  - id: nodate\n    region: GB\n    organisation: A\n    purpose: B\n    phone: '2'\n"
        "  - id: noway\n    region: GB\n    organisation: A\n    purpose: B\n"
        "  - id: badregion\n    region: Britain\n    organisation: A\n    purpose: B\n"
        "    phone: '3'\n"
        "  - just text\n"
    )
    report = Reporter("contacts.yaml")
    contacts = load_contacts(path, ["sleep"], report)
    assert [c.id for c in contacts.contacts] == ["ok", "nodate"]
    messages = [(p.severity, p.line, p.field) for p in report.problems]
    assert ("warning", 8, "last_checked") in messages
    assert ("error", 13, "phone") in messages
    assert ("error", 18, "region") in messages
    assert any(p.line == 22 and "not a mapping" in p.message for p in report.problems)


def test_bundled_contacts_cover_the_brief() -> None:
    contacts = load_library(REPO / "articles").contacts
    assert set(contacts.region_codes()) == {"NO", "SE", "GB", "US", "INTL"}
    emergency = {c.region: c.phone for c in contacts.contacts if c.emergency}
    assert emergency == {"NO": "113", "SE": "112", "GB": "999", "US": "911"}
    for contact in contacts.contacts:
        assert contact.last_checked is not None and contact.checked_at.startswith("https://")
    for region in ("NO", "SE", "GB", "US"):
        first = contacts.select(region)[0].contacts[0]
        assert first.emergency, region


def test_a_text_only_contact_puts_the_word_to_send_in_its_qr_code() -> None:
    from reader.library.models import Contact
    from reader.library.qr import qr_payload

    shout = Contact(
        id="shout", region="GB", organisation="Shout", purpose="Text support.",
        sms="85258", sms_keyword="SHOUT",
    )  # fmt: skip
    assert qr_payload(shout) == "SMSTO:85258:SHOUT"
