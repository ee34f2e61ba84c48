"""What a contact's QR code holds, and whether any QR code can hold it."""

from __future__ import annotations

import re

from reader.i18n import _
from reader.library.models import ERROR, Contact, Problem


def qr_payload(contact: Contact) -> str:
    """What the QR code holds: a phone number to call, else a web address, else a text."""
    if contact.phone:
        return "tel:" + re.sub(r"[^\d+]", "", contact.phone)
    if contact.web or contact.chat:
        return contact.web or contact.chat
    if contact.sms:
        # SMSTO opens a text to the number with the word to send already written.
        number = re.sub(r"[^\d+]", "", contact.sms)
        return f"SMSTO:{number}:{contact.sms_keyword}" if contact.sms_keyword else f"sms:{number}"
    return contact.email


def qr_modules(data: str) -> list[list[bool]] | None:
    """``data`` as a QR code's modules (dark: True), quiet zone included; None when it
    is too long for any QR code (about 2,300 characters)."""
    import segno  # here: it costs about 14 ms, and most visitors never open a card
    from segno import DataOverflowError

    try:
        code = segno.make_qr(data, error="m")
    except DataOverflowError:
        return None
    return [[bool(module) for module in row] for row in code.matrix_iter(scale=1, border=2)]


def qr_problems(contacts: tuple[Contact, ...], path: str) -> list[Problem]:
    """Contacts whose card can show no QR code: what it would hold is too long."""
    problems = []
    for contact in contacts:
        payload = qr_payload(contact)
        if payload and qr_modules(payload) is None:
            # The field the payload came from, in qr_payload's order.
            key = next(k for k in ("phone", "web", "chat", "sms", "email") if getattr(contact, k))
            problems.append(
                Problem(
                    ERROR,
                    path,
                    # Translators: {id} is a contact's id in contacts.yaml
                    _("contact '{id}': too long for a QR code ({count} characters)").format(
                        id=contact.id, count=len(payload)
                    ),
                    _("give a shorter address: its card shows no QR code until then"),
                    key,
                    contact.line_of(key),
                )
            )
    return problems
