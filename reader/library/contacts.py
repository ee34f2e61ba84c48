"""Help contacts: which to show, in what order (``contacts_file`` loads and checks them)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from reader.i18n import _
from reader.library.language import suggested_region
from reader.library.models import Contact

INTL = "INTL"


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
        # Translators: the name of the group of help contacts that serve every country
        default = _("International") if code == INTL else code
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


def default_region(
    available: Iterable[str], environ: Mapping[str, str] = os.environ, lang: str = "en"
) -> str | None:
    """The locale's territory (``en_GB.UTF-8`` -> ``GB``) if the contacts cover it;
    failing that, the region the language suggests (bokmål: Norway), if covered."""
    codes = set(available)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        match = re.match(r"^[a-zA-Z]{2,3}_([A-Za-z]{2})\b", value)
        if match:
            territory = match.group(1).upper()
            return territory if territory in codes else None
    suggested = suggested_region(lang)
    return suggested if suggested in codes else None
