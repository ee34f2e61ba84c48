"""Checking help numbers with libphonenumber (``reader check``): valid for their region.

Here, not in ``contacts_file``: only ``reader check`` needs it, and libphonenumber
is a large import that a start of the reader must not pay.
"""

from __future__ import annotations

from typing import Any

from reader.library.contacts import INTL, Contacts
from reader.library.contacts_file import NUMBERS
from reader.library.models import ERROR, WARNING, Problem


def number_problems(contacts: Contacts, path: str) -> list[Problem]:
    """Numbers that libphonenumber does not know as valid in the contact's region.

    A short number (999, 116 123, 85258) must be a valid short number of the
    region; a full one must be a valid number there. An international (INTL)
    contact has no region, so its numbers must be full ones with + and the
    country code. Run by ``reader check`` only: phonenumbers is a large import,
    and a number its data does not know yet is still shown, not hidden.
    """
    import phonenumbers  # here: ~35 ms, and only `reader check` needs it
    from phonenumbers import shortnumberinfo

    problems = []
    for contact in contacts.contacts:
        for key in NUMBERS:
            value = getattr(contact, key)
            if not value:
                continue
            problem = _invalid(value, contact.region, phonenumbers, shortnumberinfo)
            if problem:
                message, fix = problem
                problems.append(
                    Problem(
                        ERROR,
                        path,
                        f"contact '{contact.id}': {message}",
                        fix,
                        key,
                        contact.line_of(key),
                    )
                )
            elif (
                key == "phone"
                and contact.emergency
                and contact.region != INTL
                and not shortnumberinfo.is_emergency_number(value, contact.region)
            ):
                problems.append(
                    Problem(
                        WARNING,
                        path,
                        f"contact '{contact.id}' is marked emergency, but {value} is not "
                        f"an emergency number in {contact.region}",
                        "check the number, or remove 'emergency: true'",
                        key,
                        contact.line_of(key),
                    )
                )
    return problems


def _invalid(
    value: str, region: str, phonenumbers: Any, shortnumberinfo: Any
) -> tuple[str, str] | None:
    """``(message, fix)`` if ``value`` is not a valid number in ``region``, else None."""
    if region == INTL and not value.startswith("+"):
        return (
            f"'{value}' has no country code, and an international contact has no region "
            "to dial it in",
            "write the full number with + and the country code, e.g. +47 22 40 00 40, "
            "or list the contact under its country's region",
        )
    try:
        parsed = phonenumbers.parse(value, None if region == INTL else region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None:
        if phonenumbers.is_valid_number(parsed):
            return None
        if not value.startswith("+") and shortnumberinfo.is_valid_short_number_for_region(
            parsed, region
        ):
            return None
    where = "as an international number" if region == INTL else f"in {region}"
    return (
        f"'{value}' is not a valid phone number {where} (libphonenumber)",
        "check it against the organisation's public page; write a full number with its "
        "area code, or a short number that is valid in the region",
    )
