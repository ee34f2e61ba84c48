"""Help contacts: loading ``contacts.yaml`` and choosing which to show, in what order."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reader.document.sanitize import clean_line
from reader.library.models import Contact
from reader.library.validate import Reporter
from reader.library.yamlfile import load_yaml, read_text, safe_loader

INTL = "INTL"
# Tags a contact may serve besides the topic ids of topics.yaml.
EXTRA_TOPICS = ("emergency", "suicide", "general-health")
_TEXT = (
    "organisation",
    "purpose",
    "phone",
    "sms",
    "web",
    "chat",
    "email",
    "hours",
    "notes",
    "checked_at",
)
_FIELDS = (
    "id",
    "region",
    "emergency",
    "always_open",
    "languages",
    "topics",
    "free",
    "last_checked",
    *_TEXT,
)
_REGION = re.compile(r"^(?:[A-Z]{2}|INTL)$")


@dataclass(frozen=True, slots=True)
class ContactGroup:
    """The contacts of one region, in the order they should be shown."""

    region: str
    name: str
    contacts: tuple[Contact, ...]


@dataclass(frozen=True, slots=True)
class Contacts:
    """All contacts and the display names of their regions."""

    contacts: tuple[Contact, ...] = ()
    regions: Mapping[str, str] = field(default_factory=dict)

    def region_name(self, code: str) -> str:
        """A region's display name, or its code."""
        default = "International" if code == INTL else code
        return (self.regions or {}).get(code, default)

    def region_codes(self) -> list[str]:
        """Regions that have contacts, in file order."""
        return list(dict.fromkeys(c.region for c in self.contacts))

    def select(self, region: str | None, topic: str | None = None) -> list[ContactGroup]:
        """Contacts to show: the region's (or every region's), then international ones.

        In each group emergency numbers come first, then contacts serving ``topic``,
        then the rest, each in file order.
        """
        codes = self.region_codes()
        if region:
            wanted = [region.upper()] + ([INTL] if region.upper() != INTL else [])
        else:
            wanted = [c for c in codes if c != INTL] + [INTL]
        groups = []
        for code in wanted:
            members = [c for c in self.contacts if c.region == code]
            if members:
                members.sort(key=lambda c: (not c.emergency, not (topic and c.serves(topic))))
                groups.append(ContactGroup(code, self.region_name(code), tuple(members)))
        return groups


def default_region(available: Iterable[str], environ: Mapping[str, str] = os.environ) -> str | None:
    """The locale's territory (``en_GB.UTF-8`` -> ``GB``) if the contacts cover it."""
    codes = set(available)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        match = re.match(r"^[a-zA-Z]{2,3}_([A-Za-z]{2})\b", value)
        if match:
            territory = match.group(1).upper()
            return territory if territory in codes else None
    return None


def load_contacts(path: Path, topic_ids: Iterable[str], report: Reporter) -> Contacts:
    """Contacts from ``path``; bad entries are reported and skipped."""
    if not path.exists():
        report.warn("no contacts file", "add contacts.yaml with the help contacts for your area")
        return Contacts((), {})
    text = read_text(path, report)
    if text is None:
        return Contacts((), {})
    ok, data = load_yaml(text, report)
    if not ok:
        return Contacts((), {})
    if not isinstance(data, dict) or not isinstance(data.get("contacts"), list):
        report.error(
            "has no 'contacts:' list", "write 'contacts:' followed by '- id: ...' entries", line=1
        )
        return Contacts((), {})
    regions_raw = data.get("regions") or {}
    regions = (
        {str(k).upper(): clean_line(str(v)) for k, v in regions_raw.items()}
        if isinstance(regions_raw, dict)
        else {}
    )
    known = set(topic_ids) | set(EXTRA_TOPICS)
    contacts: list[Contact] = []
    seen: set[str] = set()
    lines = _entry_lines(text)
    for number, entry in enumerate(data["contacts"], start=1):
        line = lines[number - 1] if number <= len(lines) else 0
        contact = _contact(entry, number, known, report, line)
        if contact is None:
            continue
        if contact.id in seen:
            report.error(
                f"contact {number}: id '{contact.id}' is used twice",
                "give each contact its own id",
                "id",
                line,
            )
            continue
        seen.add(contact.id)
        contacts.append(contact)
    return Contacts(tuple(contacts), regions)


def _entry_lines(text: str) -> list[int]:
    """The file line (1-based) where each entry of the ``contacts:`` list starts."""
    import yaml

    loader = safe_loader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return []
    finally:
        loader.dispose()
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "contacts" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _contact(
    entry: Any, number: int, known: set[str], report: Reporter, line: int
) -> Contact | None:
    where = f"contact {number}"
    if not isinstance(entry, dict):
        report.error(f"{where} is not a mapping", "write it as 'key: value' lines", line=line)
        return None
    errors_before = len(report.problems)
    for key in entry:
        if key not in _FIELDS:
            guess = difflib.get_close_matches(str(key), _FIELDS, n=1)
            report.warn(
                f"{where}: unknown field '{key}' is ignored",
                f"did you mean '{guess[0]}'?" if guess else "remove it",
                str(key),
                line,
            )
    values: dict[str, Any] = {}
    for key in _TEXT:
        value = entry.get(key)
        if value is not None and not isinstance(value, (str, int)):
            report.error(f"{where}: must be text", f"write '{key}: some text'", key, line)
            continue
        values[key] = clean_line(str(value)).strip() if value is not None else ""
    region = str(entry.get("region") or "").upper()
    if not _REGION.match(region):
        report.error(
            f"{where}: region '{clean_line(region)}' is not a two-letter country code",
            "use an ISO code such as GB, or INTL",
            "region",
            line,
        )
    for key in ("organisation", "purpose"):
        if not values.get(key):
            report.error(f"{where}: missing {key}", f"add '{key}: ...'", key, line)
    if not any(values.get(k) for k in ("phone", "sms", "web", "chat", "email")):
        report.error(
            f"{where}: no way to reach it", "add a phone, sms, web, chat or email", "phone", line
        )
    topics = entry.get("topics") or []
    if not isinstance(topics, list):
        report.error(
            f"{where}: topics must be a list", "write topics: [crisis, suicide]", "topics", line
        )
        topics = []
    for topic in topics:
        if str(topic) not in known:
            report.warn(
                f"{where}: unknown topic '{clean_line(str(topic))}'",
                f"use a topic id or one of {', '.join(EXTRA_TOPICS)}",
                "topics",
                line,
            )
    checked = entry.get("last_checked")
    if isinstance(checked, str):
        try:
            checked = date.fromisoformat(checked)
        except ValueError:
            checked = None
    if not isinstance(checked, date):
        report.warn(
            f"{where} ({values.get('organisation') or '?'}) has no check date",
            "check the number against its public page and set last_checked: YYYY-MM-DD",
            "last_checked",
            line,
        )
        checked = None
    languages = entry.get("languages") or []
    if len(report.problems) > errors_before and any(
        p.severity == "error" for p in report.problems[errors_before:]
    ):
        return None
    free = entry.get("free")
    return Contact(
        id=clean_line(str(entry.get("id") or f"{region.lower()}-{number}")),
        region=region,
        organisation=values["organisation"],
        purpose=values["purpose"],
        emergency=bool(entry.get("emergency")),
        phone=values["phone"],
        sms=values["sms"],
        web=values["web"],
        chat=values["chat"],
        email=values["email"],
        hours=values["hours"],
        always_open=bool(entry.get("always_open")),
        languages=tuple(clean_line(str(x)) for x in languages)
        if isinstance(languages, list)
        else (),
        topics=tuple(str(t) for t in topics),
        free=free if isinstance(free, bool) else None,
        notes=values["notes"],
        last_checked=checked,
        checked_at=values["checked_at"],
    )
