"""``reader check``: everything an operator should fix in a content folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reader.document.model import Document
from reader.library.loader import Library, load_library
from reader.library.models import ERROR, WARNING, Article, Problem


def check_library(library: Library, today: date | None = None) -> list[Problem]:
    """Problems from loading plus overdue reviews, empty bodies and broken links."""
    problems = list(library.problems)
    today = today or date.today()
    for article in library.articles.values():
        where = library.relative(article.path)
        if article.review_overdue(today):
            problems.append(
                Problem(
                    WARNING,
                    where,
                    f"review was due on {article.next_review.isoformat()}",
                    "review the article against its sources, then update last_reviewed and "
                    "next_review",
                    "next_review",
                )
            )
        doc = library.document(article.slug)
        if not doc.blocks:
            problems.append(
                Problem(
                    WARNING,
                    where,
                    "the article has no body text",
                    "write the article below the front matter",
                )
            )
        problems.extend(_link_problems(library, article, doc, where))
    return sorted(problems, key=lambda p: (p.path, p.line))


def check_folder(root_path: str, today: date | None = None) -> tuple[Library, list[Problem]]:
    """Load and check a folder."""
    library = load_library(Path(root_path))
    return library, check_library(library, today)


def _link_problems(library: Library, article: Article, doc: Document, where: str) -> list[Problem]:
    problems = []
    for link in doc.links:
        target = library.resolve(article, link.href)
        line = _link_line(article, link.href)
        shown = link.href if len(link.href) < 80 else link.href[:77] + "..."
        if target.kind == "refused":
            problems.append(
                Problem(
                    ERROR,
                    where,
                    f"link '{shown}': {target.reason}",
                    "link to another article by its file name, e.g. sleep-problems.md",
                    "body",
                    line,
                )
            )
        elif target.kind in ("anchor", "article") and target.anchor:
            slug = target.slug or article.slug
            if library.document(slug).heading_for_anchor(target.anchor) is None:
                problems.append(
                    Problem(
                        ERROR,
                        where,
                        f"link '{shown}': no heading '#{target.anchor}' in {slug}",
                        "use a heading's anchor: its text in lower case with spaces as hyphens",
                        "body",
                        line,
                    )
                )
    return problems


def _link_line(article: Article, href: str) -> int:
    for number, text in enumerate(article.body().split("\n")):
        if f"]({href}" in text or f"<{href}>" in text:
            return article.body_line + number + 1
    return 0


def has_errors(problems: list[Problem]) -> bool:
    """True if any problem is an error."""
    return any(p.severity == ERROR for p in problems)
