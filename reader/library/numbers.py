"""Checking help numbers with libphonenumber (``reader check``): valid for their region.

Here, not in ``contacts_file``: only ``reader check`` needs it, and libphonenumber
is a large import that a start of the reader must not pay.
"""

from __future__ import annotations

from typing import Any

from reader.i18n import _
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
                        # Translators: {id} is a contact's id in contacts.yaml
                        _("contact '{id}': {message}").format(id=contact.id, message=message),
                        fix,
                        key,
                        contact.line_of(key),
                    )
                )
            elif grouped := _grouped(value, contact.region, phonenumbers, shortnumberinfo):
                problems.append(
                    Problem(
                        WARNING,
                        path,
                        # Translators: {region} is a country code (GB, NO)
                        _("contact '{id}': {region} writes {number} as {grouped}").format(
                            id=contact.id, number=value, region=contact.region, grouped=grouped
                        ),
                        _("write it as {grouped}, grouped as people read and dial it").format(
                            grouped=grouped
                        ),
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
                        # Translators: {region} is a country code (GB, NO)
                        _(
                            "contact '{id}' is marked emergency, but {number} is not "
                            "an emergency number in {region}"
                        ).format(id=contact.id, number=value, region=contact.region),
                        _("check the number, or remove 'emergency: true'"),
                        key,
                        contact.line_of(key),
                    )
                )
    return problems


def _grouped(value: str, region: str, phonenumbers: Any, shortnumberinfo: Any) -> str:
    """How the country writes a full number, when ``value`` groups its digits otherwise
    ("" for a short number: libphonenumber has no grouping for those)."""
    try:
        parsed = phonenumbers.parse(value, None if region == INTL else region)
    except phonenumbers.NumberParseException:
        return ""
    if region != INTL and shortnumberinfo.is_valid_short_number_for_region(parsed, region):
        return ""
    style = phonenumbers.PhoneNumberFormat
    written = phonenumbers.format_number(
        parsed, style.INTERNATIONAL if value.startswith("+") else style.NATIONAL
    )
    return written if written != value else ""


def _invalid(
    value: str, region: str, phonenumbers: Any, shortnumberinfo: Any
) -> tuple[str, str] | None:
    """``(message, fix)`` if ``value`` is not a valid number in ``region``, else None."""
    if region == INTL and not value.startswith("+"):
        return (
            _(
                "'{number}' has no country code, and an international contact has no region "
                "to dial it in"
            ).format(number=value),
            _(
                "write the full number with + and the country code, e.g. +47 22 40 00 40, "
                "or list the contact under its country's region"
            ),
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
    if region == INTL:
        message = _(
            "'{number}' is not a valid phone number as an international number (libphonenumber)"
        )
    else:
        # Translators: {region} is a country code (GB, NO); libphonenumber is the library
        # that says so
        message = _("'{number}' is not a valid phone number in {region} (libphonenumber)")
    return (
        message.format(number=value, region=region),
        _(
            "check it against the organisation's public page; write a full number with its "
            "area code, or a short number that is valid in the region"
        ),
    )
