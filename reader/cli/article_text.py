"""An article as clean text for ``reader read``: a header, then body and end matter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reader.cli.output import Output
from reader.document.layout import Layout, LayoutOptions, Line, layout_document, wrap_plain
from reader.document.model import BOLD, ITALIC, LINK, Link
from reader.i18n import N_, _
from reader.library.end_matter import review_status
from reader.library.loader import Library
from reader.library.models import Article

# The last line of `reader read`: translated (and {command} filled in) where shown.
# Translators: the last line of `reader read`; {command} is "reader contacts"
CONTACTS_HINT = N_("For help lines, run: {command}")

# One output line: pieces of text, each with the output styles it wants.
Part = tuple[str, tuple[str, ...]]
Parts = list[Part]


@dataclass
class ArticleText:
    """The lines ``reader read`` prints, and where the laid-out document starts."""

    lines: list[Parts]
    layout: Layout
    body_start: int  # index in ``lines`` of the layout's first line


def describe_link(library: Library, article: Article, link: Link) -> str:
    """What a link leads to, in words, for plain text: "(https://...)", "(article sleep)"."""
    target = library.resolve(article, link.href)
    if target.kind == "external":
        return "" if link.text.strip() == target.url else f"({target.url})"
    if target.kind == "refused":
        # Translators: after a link's text in `reader read`; {reason} says why
        return _("(link not followed: {reason})").format(reason=target.reason)
    slug = target.slug or article.slug
    heading = library.document(slug).heading_for_anchor(target.anchor) if target.anchor else None
    if target.kind == "anchor" and heading:
        # Translators: after a link's text in `reader read`: a section of the same article
        return _('(section "{heading}")').format(heading=heading.text)
    if target.kind == "anchor":
        # Translators: after a link's text in `reader read`: a link to a place in the same article
        return _("(this article)")
    if heading:
        # Translators: after a link's text in `reader read`: {slug} is an article's short name
        return _('(article {slug}, section "{heading}")').format(slug=slug, heading=heading.text)
    # Translators: after a link's text in `reader read`: {slug} is an article's short name
    return _("(article {slug})").format(slug=slug)


def article_text(
    library: Library, article: Article, width: int, today: date | None = None
) -> ArticleText:
    """Everything ``reader read`` prints for ``article`` at ``width``."""
    lines: list[Parts] = []

    def add(text: str, *styles: str) -> None:
        lines.extend([(line, styles)] for line in wrap_plain(text, width))

    add(f"# {article.title}", "bold")
    lines.append([])
    add(article.summary)
    lines.append([])
    topic = library.topic(article.topic)
    # Translators: under an article's title in `reader read`: the topic it belongs to
    add(_("Topic: {topic}").format(topic=topic.title if topic else article.topic))
    add(review_status(article, today))
    lines.append([])
    options = LayoutOptions(
        width=width, link_suffix=lambda link: describe_link(library, article, link)
    )
    layout = layout_document(library.document(article.slug), options)
    body_start = len(lines)
    lines.extend(_parts(line) for line in layout.lines)
    lines.append([])
    add(_(CONTACTS_HINT).format(command="reader contacts"))
    return ArticleText(lines, layout, body_start)


def print_article(out: Output, library: Library, article: Article, width: int) -> None:
    """Write an article to ``out``."""
    for parts in article_text(library, article, width).lines:
        out.raw("".join(out.style(text, *styles) for text, styles in parts).rstrip())


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
