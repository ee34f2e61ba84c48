"""An article as clean text for ``reader read``: body, sources, review dates, the note."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from reader.cli.output import Output
from reader.document.layout import LayoutOptions, Line, layout_document, wrap_plain
from reader.document.model import BOLD, ITALIC, LINK, Link
from reader.library.loader import Library
from reader.library.models import Article

NOT_ADVICE = (
    "This is general information, not a diagnosis or medical advice, and it is no "
    "substitute for professional help. If you are worried about your health, talk to a "
    "doctor. If you are in danger now, call your local emergency number. "
    "For help lines, run: reader contacts"
)


def spoken_date(day: date) -> str:
    """``2026-11-01`` as "1 November 2026": clearer read aloud than ISO."""
    return f"{day.day} {day:%B %Y}"


def describe_link(library: Library, article: Article, link: Link) -> str:
    """What a link leads to, in words, for plain text: "(https://...)", "(article sleep)"."""
    target = library.resolve(article, link.href)
    if target.kind == "external":
        return "" if link.text.strip() == target.url else f"({target.url})"
    if target.kind == "refused":
        return f"(link not followed: {target.reason})"
    slug = target.slug or article.slug
    heading = library.document(slug).heading_for_anchor(target.anchor) if target.anchor else None
    section = f'section "{heading.text}"' if heading else ""
    if target.kind == "anchor":
        return f"({section or 'this article'})"
    return f"(article {slug}{', ' + section if section else ''})"


# One output line: pieces of text, each with the output styles it wants.
Part = tuple[str, tuple[str, ...]]
Parts = list[Part]


def article_lines(
    library: Library, article: Article, width: int, today: date | None = None
) -> Iterator[Parts]:
    """The output lines of ``article`` at ``width``, as styled parts."""
    today = today or date.today()
    yield from _wrapped(f"# {article.title}", width, ("bold",))
    yield []
    yield from _wrapped(article.summary, width)
    yield []
    topic = library.topic(article.topic)
    yield [(f"Topic: {topic.title if topic else article.topic}", ())]
    yield from _review_lines(article, width, today)
    yield []
    options = LayoutOptions(
        width=width, link_suffix=lambda link: describe_link(library, article, link)
    )
    for line in layout_document(library.document(article.slug), options).lines:
        yield _parts(line)
    yield []
    yield [("## Sources", ("bold",))]
    yield []
    if not article.sources:
        yield [("No sources are listed for this article.", ())]
    for number, source in enumerate(article.sources, start=1):
        lines = wrap_plain(source.display(), width - 4)
        for index, text in enumerate(lines):
            yield [((f"{number:>2}. " if index == 0 else "    ") + text, ())]
    yield []
    yield [("## About this article", ("bold",))]
    yield []
    yield from _wrapped(f"Author: {article.author or 'not named'}", width)
    yield from _wrapped(f"Reviewed by: {article.reviewed_by or 'not named'}", width)
    yield from _review_lines(article, width, today)
    yield []
    yield from _wrapped(NOT_ADVICE, width)


def print_article(out: Output, library: Library, article: Article, width: int) -> None:
    """Write an article to ``out``."""
    for parts in article_lines(library, article, width):
        out.raw("".join(out.style(text, *styles) for text, styles in parts).rstrip())


def _review_lines(article: Article, width: int, today: date) -> Iterator[Parts]:
    yield from _wrapped(
        f"Last reviewed: {spoken_date(article.last_reviewed)}. "
        f"Next review due: {spoken_date(article.next_review)}.",
        width,
    )
    if article.review_overdue(today):
        yield from _wrapped(
            f"Warning: review overdue since {spoken_date(article.next_review)}."
            " Some information may be out of date.",
            width,
            ("bold",),
        )


def _wrapped(text: str, width: int, styles: tuple[str, ...] = ()) -> Iterator[Parts]:
    for line in wrap_plain(text, width):
        yield [(line, styles)]


def _parts(line: Line) -> Parts:
    parts: Parts = []
    for segment in line.segments:
        styles: list[str] = []
        if line.kind == "heading" or BOLD in segment.style:
            styles.append("bold")
        if ITALIC in segment.style:
            styles.append("italic")
        if LINK in segment.style:
            styles.append("underline")
        if parts and parts[-1][1] == tuple(styles):
            parts[-1] = (parts[-1][0] + segment.text, parts[-1][1])
        else:
            parts.append((segment.text, tuple(styles)))
    return parts
