"""What every article shows after its body: review dates, authorship, sources, the note.

It is written as Markdown and parsed with the body, so every face (the TUI's
article view, ``reader read``) shows the same end matter, laid out and
navigable like the rest of the article.
"""

from __future__ import annotations

import re
from datetime import date

from reader.i18n import N_, _
from reader.library.dates import long_date
from reader.library.models import Article, Source

END_HEADING = N_("About this article")  # translated where shown: _(END_HEADING)
NOT_ADVICE = N_(
    "This is general information, not a diagnosis or medical advice, and it is no "
    "substitute for professional help. If you are worried about your health, talk to a "
    "doctor. If you are in danger now, call your local emergency number."
)
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def spoken_date(day: date) -> str:
    """``2026-11-01`` as "1 November 2026" ("1. november 2026"): clearer read aloud than ISO."""
    return long_date(day)


OVERDUE = N_("Warning: review overdue.")
OVERDUE_DETAIL = N_("Some information may be out of date.")


def review_dates(article: Article) -> str:
    """The review dates in words."""
    return _("Last reviewed {reviewed}. Next review due {due}.").format(
        reviewed=spoken_date(article.last_reviewed), due=spoken_date(article.next_review)
    )


def review_status(article: Article, today: date | None = None) -> str:
    """The review dates in words, with a warning when the review is overdue."""
    status = review_dates(article)
    if article.review_overdue(today):
        status += f" {_(OVERDUE)} {_(OVERDUE_DETAIL)}"
    return status


def escape(text: str) -> str:
    """``text`` with Markdown syntax escaped, so metadata is shown as written."""
    return _SPECIAL.sub(r"\\\1", text)


def end_matter(article: Article, today: date | None = None, note: str = "") -> str:
    """The end matter of ``article`` as Markdown (``note``: why it is in this language)."""
    parts = [f"## {escape(_(END_HEADING))}", *([f"*{escape(note)}*"] if note else [])]
    parts.append(escape(review_dates(article)))
    if article.review_overdue(today):
        parts.append(f"**{escape(_(OVERDUE))}** {escape(_(OVERDUE_DETAIL))}")
    unnamed = _("not named")
    parts.append(escape(_("Author: {name}").format(name=article.author or unnamed)))
    parts.append(escape(_("Reviewed by: {name}").format(name=article.reviewed_by or unnamed)))
    sources = _("Sources")
    parts.append(f"### {escape(sources)}")
    if article.sources:
        parts.append(
            "\n".join(
                f"{number}. {_source(source)}"
                for number, source in enumerate(article.sources, start=1)
            )
        )
    else:
        parts.append(escape(_("No sources are listed for this article.")))
    parts.append(escape(_(NOT_ADVICE)))
    return "\n\n".join(parts) + "\n"


def _source(source: Source) -> str:
    """A source as Markdown: its text, then its address as a link."""
    text = escape(source.text)
    if source.url and not re.search(r"[\s<>]", source.url):
        return f"{text} <{source.url}>"
    if source.doi:
        return f"{text} doi:{escape(source.doi)}"
    return text


TOO_LONG = N_("[This article is too long to show in full: the rest of it is left out.]")


def with_end_matter(
    article: Article, today: date | None = None, limit: int = 0, note: str = ""
) -> str:
    """The article's body (cut at ``limit`` characters, with a notice) and its end matter
    (``note``: why the article is shown in its language, see :meth:`Library.fallback_note`)."""
    body = article.body().rstrip("\n")
    if limit and len(body) > limit:
        cut = body.rfind("\n\n", 0, limit)
        body = body[: cut if cut > 0 else limit] + f"\n\n{escape(_(TOO_LONG))}"

    end = end_matter(article, today, note)
    return f"{body}\n\n{end}" if body else end
