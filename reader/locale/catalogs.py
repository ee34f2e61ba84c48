"""Extract, update and compile the message catalogs with Babel (a test dependency).

    python -m reader.locale.catalogs

extracts every marked string from ``reader/`` into ``reader.pot``, brings each
``<lang>/LC_MESSAGES/reader.po`` up to date with it (new strings untranslated,
gone ones dropped, never guessed: no fuzzy matching) and compiles each to
``reader.mo``, which is what the reader reads and the wheel carries. The tests
check that all three agree with the source, so a string added without running
this, or left untranslated, fails them.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).parent
SOURCE = HERE.parent  # the reader package
DOMAIN = "reader"
# _("text"), N_("text") (marked, translated where shown), ngettext("one", "many", n).
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    """Every marked string in the reader's source, with where it is used."""
    catalog = Catalog(project="reader", domain=DOMAIN, charset="utf-8")
    found = extract_from_dir(
        SOURCE,
        method_map=[("locale/**.py", "ignore"), ("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, line, message, comments, context in found:
        catalog.add(
            message, None, [(f"reader/{filename}", line)], auto_comments=comments, context=context
        )
    return catalog


def languages() -> list[str]:
    """The languages that have a catalog."""
    return sorted(p.name for p in HERE.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file())


def po_path(lang: str) -> Path:
    """Where a language's catalog is kept."""
    return HERE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(lang: str) -> Catalog:
    """A language's catalog, as kept."""
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    """A catalog as a ``.mo`` file."""
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def formats(lang: str) -> dict[str, object]:
    """What :mod:`reader.library.dates` needs of a language, from Babel's CLDR data."""
    from babel import Locale

    from reader.library.dates import LOCALES

    locale = Locale.parse(LOCALES.get(lang, lang))
    symbols = locale.number_symbols["latn"]
    return {
        "name": Locale.parse(lang).get_display_name(lang),
        "months": [locale.months["format"]["wide"][n] for n in range(1, 13)],
        "long": locale.date_formats["long"].pattern,
        "group": symbols["group"],
        "decimal": symbols["decimal"],
    }


def write_formats(lang: str) -> None:
    """Write a language's formats where the reader reads them."""
    path = HERE / lang / "formats.json"
    path.parent.mkdir(exist_ok=True)
    text = json.dumps(formats(lang), ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def main() -> None:
    """Extract, update and compile every catalog, and write each language's formats."""
    for lang in sorted({"en", *languages()}):
        write_formats(lang)
    template = extract()
    with (HERE / f"{DOMAIN}.pot").open("wb") as handle:
        write_po(handle, template, omit_header=False, sort_output=True, width=100)
    for lang in languages():
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True)
        with po_path(lang).open("wb") as handle:
            write_po(handle, catalog, sort_output=True, width=100, ignore_obsolete=True)
        catalog = read(lang)
        po_path(lang).with_suffix(".mo").write_bytes(compiled(catalog))
        missing = sum(1 for m in catalog if m.id and not m.string)
        print(f"{lang}: {len(catalog) - 1} messages, {missing} untranslated")


if __name__ == "__main__":
    main()
