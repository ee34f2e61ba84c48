"""``reader search QUERY``: the same search as the full-screen reader, as plain text."""

from __future__ import annotations

import argparse

from reader.cli.output import Output
from reader.i18n import N_, _
from reader.library.contacts import default_region
from reader.library.loader import Library
from reader.library.paths import default_cache_dir
from reader.library.search import SearchIndex
from reader.library.settings import Settings

# Translators: in `reader search`, before crisis lines, when the words searched for
# suggest the person may be thinking of suicide or self-harm
CRISIS_LEAD = N_(
    "If you are thinking about suicide or hurting yourself, you do not have to "
    "face it alone. Help is there now:"
)


def run(args: argparse.Namespace, settings: Settings, library: Library, out: Output) -> int:
    """Print crisis contacts first where they apply, then the articles found."""
    index = SearchIndex.build(library, default_cache_dir())
    region = settings.region or default_region(library.contacts.region_codes(), lang=settings.lang)
    results = index.search(" ".join(args.query), limit=max(args.limit, 1), region=region)
    if results.crisis:
        out.line(_(CRISIS_LEAD), "bold")
        for contact in results.crisis_contacts:
            name = contact.organisation
            if contact.emergency:
                # Translators: a contact for emergencies, e.g. "EMERGENCY: Emergency (medical)"
                name = _("EMERGENCY: {organisation}").format(organisation=name)
            ways = ", ".join(f"{way} {value}" for way, value in contact.ways())
            out.line(f"- {name} ({contact.region}): {ways}")
        out.line()
    if not results.hits:
        out.line(
            # Translators: {query} is the words searched for; {command} is "reader topics"
            _('No articles match "{query}". Try other words, or see: {command}').format(
                query=" ".join(args.query), command="reader topics"
            )
        )
        return 0
    for number, hit in enumerate(results.hits, start=1):
        topic = library.topic(hit.topic)
        out.line(
            f"{number}. {hit.title} ({hit.slug}), {topic.title if topic else hit.topic}", "bold"
        )
        out.line(f"   {hit.snippet}")
    return 0
