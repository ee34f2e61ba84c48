"""``contacts.yaml``: loading it, and checking every contact and number in it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from reader.document.sanitize import clean_line
from reader.i18n import _
from reader.library.contacts import Contacts
from reader.library.models import ERROR, Contact
from reader.library.validate import Reporter, kind_of, write_text
from reader.library.yamlfile import load_yaml_node, read_text

# Tags a contact may serve besides the topic ids of topics.yaml.
EXTRA_TOPICS = ("emergency", "suicide", "general-health")
NUMBERS = ("phone", "sms")  # a number only, written in quotes
TEXT_FIELDS = (
    "organisation",
    "purpose",
    "sms_keyword",
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
    *NUMBERS,
    *TEXT_FIELDS,
)
_REGION = re.compile(r"^(?:[A-Z]{2}|INTL)$")
# A number as people write it: digits, spaces, hyphens, dots, brackets, a leading +.
_NUMBER = re.compile(r"^\+?\d(?:[\d \u00a0().-]*\d)?$")
MAX_KEYWORD = 40


def load_contacts(path: Path, topic_ids: Iterable[str], report: Reporter) -> Contacts:
    """Contacts from ``path``; bad entries are reported and skipped.

    Here only what is cheap is checked (types, a number that is only a number);
    ``reader.library.numbers.number_problems`` checks the numbers themselves, for
    ``reader check``.
    """
    if not path.exists():
        report.warn(
            _("no contacts file"), _("add contacts.yaml with the help contacts for your area")
        )
        return Contacts((), {})
    text = read_text(path, report)
    if text is None:
        return Contacts((), {})
    ok, data, root = load_yaml_node(text, report)
    if not ok:
        return Contacts((), {})
    if not isinstance(data, dict) or not isinstance(data.get("contacts"), list):
        report.error(
            _("has no 'contacts:' list"),
            _("write 'contacts:' followed by '- id: ...' entries"),
            line=1,
        )
        return Contacts((), {})
    nodes = _fields(root)
    regions = _regions(data.get("regions"), nodes.get("regions"), report)
    known = set(topic_ids) | set(EXTRA_TOPICS)
    contacts: list[Contact] = []
    seen: set[str] = set()
    entries = _items(nodes.get("contacts"))
    for number, entry in enumerate(data["contacts"], start=1):
        node = entries[number - 1] if number <= len(entries) else None
        contact = _contact(entry, number, known, report, node)
        if contact is None:
            continue
        if contact.id in seen:
            report.error(
                _("contact {number}: id '{id}' is used twice").format(number=number, id=contact.id),
                _("give each contact its own id"),
                "id",
                contact.line_of(""),
            )
            continue
        seen.add(contact.id)
        contacts.append(contact)
    return Contacts(tuple(contacts), regions)


def _fields(node: Any) -> dict[str, Any]:
    """A mapping node's values by key, for keys written as plain text."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _items(node: Any) -> list[Any]:
    import yaml

    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _line(node: Any) -> int:
    return node.start_mark.line + 1 if node is not None else 0


def _written(node: Any, value: object) -> str:
    """A scalar as it was written in the file (``0113``, not ``75``), made safe to show."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return clean_line(str(node.value))[:40]
    small = isinstance(value, (str, int, float)) or value is None
    return clean_line(str(value))[:40] if small else ""  # a list or mapping is never printed


def _regions(value: Any, node: Any, report: Reporter) -> dict[str, str]:
    import yaml

    if value is None:
        return {}
    if not isinstance(value, dict) or not isinstance(node, yaml.MappingNode):
        report.error(
            _("regions must be a mapping of codes to names"),
            _("write 'regions:' followed by lines such as 'GB: United Kingdom'"),
            "regions",
            _line(node),
        )
        return {}
    regions = {}
    for key, name in node.value:
        if not (_is_text(key) and _is_text(name)):
            # ``NO: Norway`` is read as ``false: Norway``.
            shown = _written(key, "")
            report.error(
                _("region {code}: the code and the name must be text").format(code=shown),
                # Translators: "Norway" is an example of a region's name in contacts.yaml
                _('write the code in quotes: "{code}": Norway').format(code=shown),
                "regions",
                _line(key),
            )
            continue
        regions[clean_line(key.value).strip().upper()] = clean_line(name.value).strip()
    return regions


def _is_text(node: Any) -> bool:
    import yaml

    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str"


def _contact(
    entry: Any, number: int, known: set[str], report: Reporter, node: Any = None
) -> Contact | None:
    # Translators: the start of a message about an entry of contacts.yaml: "contact 3: ..."
    where = _("contact {number}").format(number=number)
    line = _line(node)
    if not isinstance(entry, dict):
        report.error(
            # Translators: {where} is "contact 3"
            _("{where} is not a mapping").format(where=where),
            _("write it as 'key: value' lines"),
            line=line,
        )
        return None
    fields = _fields(node)
    lines = {"": line}
    lines.update({key: _line(value) for key, value in fields.items()})
    errors_before = len(report.problems)
    for key in entry:
        name = clean_line(str(key))[:40]
        if name not in _FIELDS:
            guess = difflib.get_close_matches(name, _FIELDS, n=1)
            report.warn(
                _("{where}: unknown field '{name}' is ignored").format(where=where, name=name),
                _("did you mean '{guess}'?").format(guess=guess[0]) if guess else _("remove it"),
                name,
                lines.get(name) or line,
            )
    values: dict[str, str] = {}
    for key in NUMBERS:
        values[key] = _number(entry, key, fields.get(key), where, report, lines.get(key) or line)
    for key in TEXT_FIELDS:
        value = entry.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
            report.error(
                _("{where}: must be text, not {kind}").format(where=where, kind=kind_of(value)),
                write_text(key),
                key,
                lines.get(key) or line,
            )
            continue
        values[key] = clean_line(str(value)).strip() if value is not None else ""
    _check_keyword(values, where, report, lines.get("sms_keyword") or line)
    region_line = lines.get("region") or line
    region = _region(entry.get("region"), fields.get("region"), where, report, region_line)
    for key in ("emergency", "always_open"):
        if entry.get(key) is not None and not isinstance(entry[key], bool):
            report.error(
                # Translators: {key} is a field name; true and false are YAML words
                _("{where}: {key} must be true or false, not {kind}").format(
                    where=where, key=key, kind=kind_of(entry[key])
                ),
                _("write {key}: true (without quotes), or leave it out").format(key=key),
                key,
                lines.get(key) or line,
            )
    contact_id = entry.get("id")
    if contact_id is not None and (
        isinstance(contact_id, bool) or not isinstance(contact_id, (str, int))
    ):
        report.error(
            _("{where}: id must be text").format(where=where),
            _("write 'id: gb-samaritans'"),
            "id",
            line,
        )
    for key in ("organisation", "purpose"):
        if not values.get(key):
            report.error(
                # Translators: {key} is a field name: "contact 3: missing purpose"
                _("{where}: missing {key}").format(where=where, key=key),
                _("add '{key}: ...'").format(key=key),
                key,
                line,
            )
    reachable = any(values.get(k) for k in ("phone", "sms", "web", "chat", "email"))
    # A phone or sms written wrongly has been reported already.
    if not reachable and all(entry.get(k) is None for k in NUMBERS):
        report.error(
            _("{where}: no way to reach it").format(where=where),
            _("add a phone, sms, web, chat or email"),
            "phone",
            line,
        )
    topics = _words(entry, "topics", where, report, lines.get("topics") or line)
    for topic in topics:
        if topic not in known:
            report.warn(
                _("{where}: unknown topic '{topic}'").format(where=where, topic=topic),
                _("use a topic id or one of {tags}").format(tags=", ".join(EXTRA_TOPICS)),
                "topics",
                lines.get("topics") or line,
            )
    checked = entry.get("last_checked")
    if isinstance(checked, str):
        try:
            checked = date.fromisoformat(checked)
        except ValueError:
            checked = None
    if not isinstance(checked, date):
        report.warn(
            # Translators: {where} is "contact 3", {name} the organisation's name
            _("{where} ({name}) has no check date").format(
                where=where, name=values.get("organisation") or "?"
            ),
            _("check the number against its public page and set last_checked: YYYY-MM-DD"),
            "last_checked",
            line,
        )
        checked = None
    languages = _words(entry, "languages", where, report, lines.get("languages") or line)
    if any(p.severity == ERROR for p in report.problems[errors_before:]):
        return None
    free = entry.get("free")
    return Contact(
        id=clean_line(str(contact_id or f"{region.lower()}-{number}")),
        region=region,
        organisation=values["organisation"],
        purpose=values["purpose"],
        emergency=bool(entry.get("emergency")),
        phone=values["phone"],
        sms=values["sms"],
        sms_keyword=values["sms_keyword"],
        web=values["web"],
        chat=values["chat"],
        email=values["email"],
        hours=values["hours"],
        always_open=bool(entry.get("always_open")),
        languages=languages,
        topics=topics,
        free=free if isinstance(free, bool) else None,
        notes=values["notes"],
        last_checked=checked,
        checked_at=values["checked_at"],
        lines=tuple(lines.items()),
    )


def _number(
    entry: dict[str, Any], key: str, node: Any, where: str, report: Reporter, line: int
) -> str:
    """A phone or sms number as text, or "" after reporting why it is not one.

    It must be written in quotes: YAML reads ``phone: 0113`` as the number 75.
    """
    value = entry.get(key)
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        written = _written(node, value)
        report.error(
            _("{where}: {written} is not in quotes, so YAML reads it as the number {value}").format(
                where=where, written=written, value=value
            ),
            _('write it in quotes: {key}: "{written}"').format(key=key, written=written),
            key,
            line,
        )
        return ""
    if not isinstance(value, str):
        report.error(
            _("{where}: must be a number in quotes, not {kind}").format(
                where=where, kind=kind_of(value)
            ),
            _('write it in quotes: {key}: "116 123"').format(key=key),
            key,
            line,
        )
        return ""
    text = clean_line(value).strip()
    if not _NUMBER.match(text):
        fix = (
            _(
                "put only the number in sms, and the word to send in sms_keyword, "
                'e.g. sms: "85258" and sms_keyword: SHOUT'
            )
            if key == "sms"
            else _("put only the number in phone, and anything else in notes or hours")
        )
        report.error(
            _("{where}: '{text}' is not only a number").format(where=where, text=text[:60]),
            fix,
            key,
            line,
        )
        return ""
    return text


def _check_keyword(values: dict[str, str], where: str, report: Reporter, line: int) -> None:
    keyword = values.get("sms_keyword", "")
    if keyword and not values.get("sms"):
        report.error(
            _("{where}: sms_keyword without an sms number").format(where=where),
            _('add the number to send it to, e.g. sms: "85258"'),
            "sms_keyword",
            line,
        )
    elif len(keyword) > MAX_KEYWORD:
        report.error(
            _("{where}: sms_keyword is {count} characters long").format(
                where=where, count=len(keyword)
            ),
            _(
                "write only the word to send (under {limit} characters); "
                "anything else goes in notes"
            ).format(limit=MAX_KEYWORD),
            "sms_keyword",
            line,
        )


def _region(value: Any, node: Any, where: str, report: Reporter, line: int) -> str:
    if isinstance(value, str):
        region = clean_line(value).strip().upper()
        if _REGION.match(region):
            return region
        shown: str | None = region[:20]
    else:
        # ``region: NO`` is read as false: say how to write it.
        written = _written(node, value) if value is not None else ""
        if written and _REGION.match(written.upper()):
            report.error(
                _("{where}: region {written} is not in quotes, so YAML reads it as {value}").format(
                    where=where, written=written, value=value
                ),
                _('write it in quotes: region: "{written}"').format(written=written),
                "region",
                line,
            )
            return ""
        shown = written or None
    if shown is not None:
        message = _("{where}: region '{region}' is not a two-letter country code")
    else:
        message = _("{where}: region is not a two-letter country code")
    report.error(
        message.format(where=where, region=shown),
        _("use an ISO code such as GB, or INTL"),
        "region",
        line,
    )
    return ""


def _words(
    entry: dict[str, Any], key: str, where: str, report: Reporter, line: int
) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(
        isinstance(item, (str, int)) and not isinstance(item, bool) for item in value
    ):
        report.error(
            _("{where}: {key} must be a list of words").format(where=where, key=key),
            (
                _("write {key}: [crisis, suicide]")
                if key == "topics"
                else _("write {key}: [en, nb]")
            ).format(key=key),
            key,
            line,
        )
        return ()
    return tuple(clean_line(str(item)).strip() for item in value)
