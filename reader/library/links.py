"""Where a link in an article leads, and whether it may be followed.

Links stay inside the content folder: a relative link must resolve (symlinks
followed) to a known article below the content root. Web, mail and phone
addresses are external and are only ever shown or opened with consent. Every
other scheme, absolute path or escape from the folder is refused with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from reader.i18n import _

EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """A resolved link: ``kind`` is "external", "article", "anchor" or "refused"."""

    kind: str
    url: str = ""
    slug: str = ""
    anchor: str = ""
    reason: str = ""


def resolve_link(href: str, source: Path, root: Path, slugs_by_path: dict[Path, str]) -> LinkTarget:
    """Resolve ``href`` written in the file ``source`` below the content ``root``.

    ``slugs_by_path`` maps each article's resolved path to its slug.
    """
    href = href.strip()
    if not href:
        return LinkTarget("refused", reason=_("the link has no target"))
    if href.startswith("#"):
        return LinkTarget("anchor", anchor=unquote(href[1:]))
    scheme = _SCHEME.match(href)
    if scheme and len(scheme.group(1)) > 1:  # one letter is a Windows drive, not a scheme
        if scheme.group(1).lower() in EXTERNAL_SCHEMES:
            return LinkTarget("external", url=href)
        # Translators: {scheme} is the start of a web address, such as ftp or file
        reason = _("'{scheme}:' links are not followed").format(scheme=scheme.group(1))
        return LinkTarget("refused", reason=reason)
    path_part, _hash, anchor = href.partition("#")
    path_part = unquote(path_part.split("?", 1)[0])
    if path_part.startswith(("/", "\\")) or scheme or "\\" in path_part or "\0" in path_part:
        return LinkTarget("refused", reason=_("links to absolute paths are not followed"))
    try:
        real_root = root.resolve()
        target = (source.parent / path_part).resolve()
        if target.suffix != ".md" and not target.exists():
            target = target.with_name(target.name + ".md")
    except (OSError, RuntimeError, ValueError):
        return LinkTarget("refused", reason=_("the link's path cannot be resolved"))
    if not target.is_relative_to(real_root):
        return LinkTarget("refused", reason=_("the link leads outside the content folder"))
    slug = slugs_by_path.get(target)
    if slug is None:
        return LinkTarget("refused", reason=_("no article at '{path}'").format(path=path_part))
    return LinkTarget("article", slug=slug, anchor=unquote(anchor))
