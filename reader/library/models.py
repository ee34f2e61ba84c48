"""Plain data classes for the library's contents and the problems found loading it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reader.document.sanitize import clean_text
from reader.library.frontmatter import split_front_matter

ERROR = "error"
WARNING = "warning"
# The body shown when an article's file can no longer be read safely.
UNREADABLE = (
    "*This article cannot be shown: its file has changed or moved since the reader "
    "started. Please ask staff to check the content folder.*"
)


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
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{where}: {self.severity}: {what}.{fix}"


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
        if self._body is None:
            # Here, not at the top: yamlfile imports this module.
            from reader.library.yamlfile import MAX_FILE, Refused, read_bytes

            try:
                data = read_bytes(self.path, MAX_FILE, self.root)
            except Refused as refused:
                self.body_problem, self.body_fix = refused.message, refused.fix
                self._body = UNREADABLE
                return self._body
            except OSError as error:
                self.body_problem = f"cannot be read ({error.strerror or error})"
                self.body_fix = "check that the file exists and is readable"
                self._body = UNREADABLE
                return self._body
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
            return f"{self.sms} (send the word {self.sms_keyword})"
        return self.sms

    def serves(self, topic: str) -> bool:
        """True if this contact lists ``topic`` among those it serves."""
        return topic in self.topics

    def ways(self) -> list[tuple[str, str]]:
        """How to reach it: ``("Phone", "116 123")`` and the like, in that order."""
        ways = (
            ("Phone", self.phone),
            ("Text", self.text_to()),
            ("Web", self.web),
            ("Chat", self.chat),
            ("Email", self.email),
        )
        return [(name, value) for name, value in ways if value]

    def details(self) -> str:
        """Opening hours, cost, notes and check date in one sentence."""
        parts = ["Always open" if self.always_open else self.hours]
        if self.free:
            parts.append("Free")
        parts.append(self.notes)
        if self.last_checked:
            parts.append(f"Checked {self.last_checked.day} {self.last_checked:%B %Y}")
        return ". ".join(p.rstrip(".") for p in parts if p) + "."
