"""Plain data classes for the library's contents and the problems found loading it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reader.document.sanitize import clean_text
from reader.i18n import N_, _
from reader.library.dates import long_date
from reader.library.frontmatter import split_front_matter

ERROR = "error"
WARNING = "warning"
# The body shown when an article's file can no longer be read safely (translated
# where it is shown: Article.body()).
UNREADABLE = N_(
    "*This article cannot be shown: its file has changed or moved since the reader "
    "started. Please ask staff to check the content folder.*"
)
# The severity of a problem, in words (translated where shown).
SEVERITY_WORDS = {
    # Translators: a problem's kind in `reader check`: "sleep.md:3: error: ..."
    ERROR: N_("error"),
    # Translators: a problem's kind in `reader check`: "sleep.md:3: warning: ..."
    WARNING: N_("warning"),
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a content file, phrased for the operator who must fix it."""

    severity: str
    path: str
    message: str
    fix: str = ""
    field: str = ""
    line: int = 0

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"{self.field}: {self.message}" if self.field else self.message
        severity = _(SEVERITY_WORDS.get(self.severity, self.severity))
        if self.fix:
            # Translators: a line of `reader check`: file and line, "error" or "warning",
            # what is wrong, then how to fix it
            line = _("{where}: {severity}: {what}. Fix: {fix}")
        else:
            # Translators: a line of `reader check`: file and line, "error" or "warning",
            # what is wrong
            line = _("{where}: {severity}: {what}.")
        return line.format(where=where, severity=severity, what=what, fix=self.fix)


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic from ``topics.yaml``."""

    id: str
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """A cited source: free text, optionally with a URL or a DOI."""

    text: str
    url: str = ""
    doi: str = ""

    def display(self) -> str:
        """One line: the text, then its address unless the text already holds it."""
        address = self.url or (f"doi:{self.doi}" if self.doi else "")
        if address and address.lower() not in self.text.lower():
            return f"{self.text} {address}"
        return self.text


@dataclass(slots=True)
class Article:
    """An article's metadata; the body is read from disk when first asked for, then kept."""

    slug: str
    path: Path
    title: str
    topic: str
    summary: str
    last_reviewed: date
    next_review: date
    keywords: tuple[str, ...] = ()
    author: str = ""
    reviewed_by: str = ""
    sources: tuple[Source, ...] = ()
    lang: str = "en"  # the language of the text, as a BCP 47 tag: en, nb, sv
    body_line: int = 0  # file line (0-based) where the body starts
    root: Path | None = None  # the content folder the file must still be inside when read
    # Why the body could not be read when it was asked for, and the fix ("" if it was read).
    body_problem: str = ""
    body_fix: str = ""
    _body: str | None = field(default=None, repr=False)

    def body(self) -> str:
        """The Markdown body (without front matter), read on first use.

        The file is read only if it still resolves inside the content folder and
        is not over the size limit; otherwise the body is a notice saying so.
        """
        if self._body is UNREADABLE:
            return _(UNREADABLE)
        if self._body is None:
            # Here, not at the top: yamlfile imports this module.
            from reader.library.yamlfile import MAX_FILE, Refused, read_bytes

            try:
                data = read_bytes(self.path, MAX_FILE, self.root)
            except Refused as refused:
                self.body_problem, self.body_fix = refused.message, refused.fix
                self._body = UNREADABLE
                return _(UNREADABLE)
            except OSError as error:
                # Translators: after a file's name; {reason} is the system's reason
                self.body_problem = _("cannot be read ({reason})").format(
                    reason=error.strerror or error
                )
                self.body_fix = _("check that the file exists and is readable")
                self._body = UNREADABLE
                return _(UNREADABLE)
            text = data.decode("utf-8", errors="replace")
            # Cleaned as at load time, so the body starts at the same line.
            self._body = split_front_matter(clean_text(text.removeprefix("\ufeff"))).body
        return self._body

    def review_overdue(self, today: date | None = None) -> bool:
        """True when the next review date has passed."""
        return (today or date.today()) > self.next_review


@dataclass(frozen=True, slots=True)
class Contact:
    """A help contact: a crisis line, a health advice line or an emergency number."""

    id: str
    region: str
    organisation: str
    purpose: str
    emergency: bool = False
    phone: str = ""
    sms: str = ""  # a number only
    sms_keyword: str = ""  # the word to send, shown beside the number
    web: str = ""
    chat: str = ""
    email: str = ""
    hours: str = ""
    always_open: bool = False
    languages: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    free: bool | None = None
    notes: str = ""
    last_checked: date | None = None
    checked_at: str = ""
    # (field, line in contacts.yaml) pairs, for messages; not part of the contact.
    lines: tuple[tuple[str, int], ...] = field(default=(), compare=False, repr=False)

    def line_of(self, name: str) -> int:
        """The line of ``name:`` in contacts.yaml, or of the entry, or 0."""
        found = dict(self.lines)
        return found.get(name) or found.get("", 0)

    def text_to(self) -> str:
        """The sms number and what to send: "85258 (send the word SHOUT)"."""
        if self.sms and self.sms_keyword:
            # Translators: a text-message number and the word to send to it: "85258 (send
            # the word SHOUT)"
            return _("{number} (send the word {keyword})").format(
                number=self.sms, keyword=self.sms_keyword
            )
        return self.sms

    def serves(self, topic: str) -> bool:
        """True if this contact lists ``topic`` among those it serves."""
        return topic in self.topics

    def ways(self) -> list[tuple[str, str]]:
        """How to reach it: ``("Phone", "116 123")`` and the like, in that order."""
        ways = (
            # Translators: a way to reach a help contact, before its number: "Phone: 116 123"
            (N_("Phone"), self.phone),
            # Translators: a way to reach a help contact (a text message / SMS), before
            # its number: "Text: 85258"
            (N_("Text"), self.text_to()),
            # Translators: a way to reach a help contact, before its web address
            (N_("Web"), self.web),
            # Translators: a way to reach a help contact (online chat), before its address
            (N_("Chat"), self.chat),
            # Translators: a way to reach a help contact, before its email address
            (N_("Email"), self.email),
        )
        return [(_(name), value) for name, value in ways if value]

    def details(self) -> str:
        """Opening hours, cost, notes and check date in one sentence."""
        # Translators: a help contact's opening hours: open day and night, every day
        parts = [_("Always open") if self.always_open else self.hours]
        if self.free:
            # Translators: a help contact costs nothing to call or use
            parts.append(_("Free"))
        parts.append(self.notes)
        if self.last_checked:
            checked = long_date(self.last_checked)
            # Translators: when a help contact's details were last checked: "Checked 1
            # November 2026"
            parts.append(_("Checked {date}").format(date=checked))
        return ". ".join(p.rstrip(".") for p in parts if p) + "."
