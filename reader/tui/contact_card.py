"""A contact in full, with a QR code to carry the helpline away on a phone."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.i18n import N_, _
from reader.library.models import Contact
from reader.library.qr import qr_modules, qr_payload
from reader.tui.screens.dialogs import Prompt

# Dark modules on white, whatever the theme: what phone cameras read best.
QR_STYLE = Style(color="#000000", bgcolor="#ffffff")
HALF_BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def qr_lines(modules: list[list[bool]]) -> list[str]:
    """A QR code's modules as half blocks: two modules a character."""
    rows = list(modules)
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    return [
        "".join(HALF_BLOCKS[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]


def spoken_number(number: str) -> str:
    """A number read digit by digit: "116 123" -> "1 1 6, 1 2 3"."""
    return ", ".join(" ".join(group) for group in re.findall(r"\d+", number))


class ContactCard(ModalScreen[None]):
    """One contact: every way to reach it, and a QR code (or, for screen readers, digits)."""

    # Translators: the heading of a contact card's keys in the list of keys
    help_title = N_("Contact")
    BINDINGS = [Binding("escape,enter,backspace", "close", N_("Close"))]

    def __init__(self, contact: Contact, screen_reader: bool) -> None:
        super().__init__()
        self.contact = contact
        self.screen_reader = screen_reader

    def compose(self) -> ComposeResult:
        """Name, ways, purpose, hours, then the code or the digits."""
        contact = self.contact
        words: list[str] = []  # what the card says aloud: all but the code
        with Vertical(classes="dialog tall"):
            title = contact.organisation
            if contact.emergency:
                # Translators: the title of an emergency number's card
                title = _("EMERGENCY: {organisation}").format(organisation=title)
            words.append(title)
            yield Prompt(title, markup=False, classes="dialog-title")
            for text in [
                *(f"{name}: {value}" for name, value in contact.ways()),
                contact.purpose,
                contact.details(),
            ]:
                words.append(text)
                yield Static(text, markup=False)
            digits = ""
            if contact.phone:
                digits = _("The number, digit by digit: {digits}.").format(
                    digits=spoken_number(contact.phone)
                )
                words.append(digits)
            if self.screen_reader:
                if digits:
                    yield Static(digits, markup=False)
            else:
                payload = qr_payload(contact)
                modules = qr_modules(payload) if payload else None
                if payload and modules is None:
                    yield Static(_("This address is too long for a QR code."), markup=False)
                elif modules is not None:
                    scan = (
                        _("Scan with your phone's camera to call it later:")
                        if payload.startswith("tel:")
                        else _("Scan with your phone's camera to open it later:")
                    )
                    yield Static(scan, markup=False)
                    code = Text("\n".join(qr_lines(modules)), style=QR_STYLE, no_wrap=True)
                    yield Static(code, id="qr", classes="qr")
            # Translators: {escape} and {enter} are key names ("Escape", "Enter")
            closes = _("{escape} or {enter} closes.").format(escape="Escape", enter="Enter")
            words.append(closes)
            yield Static(closes, markup=False)
        self.spoken_title = " ".join(words)

    def on_mount(self) -> None:
        """Focus the name (nothing to focus if the card was closed before it was shown)."""
        for prompt in self.query(Prompt):
            prompt.focus()

    def action_close(self) -> None:
        """Back to the contacts."""
        self.dismiss(None)
