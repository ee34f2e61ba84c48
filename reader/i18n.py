"""The reader's own words in the reader's language: gettext catalogs, compiled by Babel.

Every string a person sees or hears goes through :func:`_` (or :func:`ngettext`)
when it is shown, never when a module is imported: the language can change while
the reader runs (a key in the TUI, a kiosk's reset). Strings defined at import time
are marked with :func:`N_` and translated where they are shown. Key names (F2,
Enter, Esc, q) are never inside a translated string: they are passed in as
``{key}``, so they stay the same in every language.

The catalogs live in ``reader/locale/<lang>/LC_MESSAGES/reader.po`` (sources) and
``reader.mo`` (compiled by ``python -m reader.i18n_build``, checked by the tests).
argparse's own words (``usage:``, ``options``) are given the same catalog.
"""

from __future__ import annotations

import gettext
import hashlib
from pathlib import Path

DOMAIN = "reader"
LOCALE_DIR = Path(__file__).parent / "locale"

_catalog: gettext.NullTranslations = gettext.NullTranslations()
_lang = "en"
_version = ""
_folder: Path | None = None
_loaded = False  # whether use() has run (the first call always loads)


def use(lang: str, folder: Path | None = None) -> None:
    """Speak ``lang`` from now on (English, the source language, needs no catalog).

    ``folder`` is another catalog folder (the tests' pseudo-locale).
    """
    global _catalog, _lang, _version, _folder, _loaded
    if (lang, folder) == (_lang, _folder) and _loaded:
        return
    _catalog = gettext.translation(DOMAIN, folder or LOCALE_DIR, [lang], fallback=True)
    _lang, _folder = lang, folder
    found = gettext.find(DOMAIN, folder or LOCALE_DIR, [lang])
    _version = hashlib.sha256(Path(found).read_bytes()).hexdigest()[:16] if found else ""
    _give_argparse_our_words()
    _loaded = True


def language() -> str:
    """The language spoken now."""
    return _lang


def version() -> str:
    """Which catalog is spoken: what is worded in it is kept (in caches) under this."""
    return f"{_lang}-{_version}" if _version else _lang


def _(message: str) -> str:
    """``message`` in the language spoken now."""
    return _catalog.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count``, in the language spoken now."""
    return _catalog.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks ``message`` for the catalog; it is translated where it is shown."""
    return message


def _give_argparse_our_words() -> None:
    # argparse looks its words up through module-level names at the time it speaks.
    import argparse

    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
