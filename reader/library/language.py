"""Which language the reader speaks: a flag, READER_LANG, the config, the locale, else English.

Bokmål, nynorsk and plain "no" in a locale all mean bokmål, the Norwegian the
reader has. A language chosen by name that the reader does not have is an
error that lists the ones it has, in words a reader of either can follow.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from reader.i18n import _

DEFAULT = "en"
# What a locale or a person may write for a language the reader has under another code.
ALIASES = {"nn": "nb", "no": "nb", "nob": "nb", "nno": "nb", "eng": "en"}
LOCALE_NAMES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_LOCALE = re.compile(r"^([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}))?(?:[.@].*)?$")


@cache
def languages() -> dict[str, str]:
    """The languages the reader speaks, each named in itself: those with formats in
    ``reader/locale`` (a language is added there, as data)."""
    from reader.library.dates import FORMATS, formats

    found = {
        folder.name: str(formats(folder.name)["name"])
        for folder in sorted(FORMATS.iterdir())
        if (folder / "formats.json").is_file()
    }
    return found or {DEFAULT: "English"}


def _have(code: str) -> str | None:
    language = ALIASES.get(code.lower(), code.lower())
    return language if language in languages() else None


class LanguageError(ValueError):
    """A language asked for by name that the reader does not have."""


def known(code: str) -> str | None:
    """The reader's language for ``code`` ("nb-NO", "nn", "en_GB"), or None."""
    match = _LOCALE.match(code.strip())
    return _have(match.group(1)) if match else None


def from_locale(environ: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The language and territory the locale asks for: (None, None) if it names none
    the reader has (``C``, ``POSIX``, or another language)."""
    for name in LOCALE_NAMES:
        value = environ.get(name, "")
        # LANGUAGE is a list in order of preference: "nb:nn:en".
        for entry in value.split(":") if name == "LANGUAGE" else [value]:
            match = _LOCALE.match(entry.strip())
            if match and match.group(1).upper() not in ("C", "POSIX"):
                language = _have(match.group(1))
                if language:
                    territory = match.group(2).upper() if match.group(2) else None
                    return language, territory
        if value and name != "LANGUAGE":
            return None, None  # the first locale variable set decides, as in C
    return None, None


def choose(chosen: str | None, environ: Mapping[str, str]) -> str:
    """The language for ``chosen`` (a flag, READER_LANG or the config, in that order,
    already picked by the caller), else the locale's, else English."""
    if chosen:
        language = known(chosen)
        if language is None:
            have = ", ".join(f"{code} ({name})" for code, name in languages().items())
            raise LanguageError(
                # Translators: {have} lists the languages by code and own name: "en (English),
                # nb (norsk bokmål)"
                _("no language '{chosen}'; the reader has: {have}").format(chosen=chosen, have=have)
            )
        return language
    return from_locale(environ)[0] or DEFAULT


def suggested_region(language: str) -> str | None:
    """The region a language suggests when nothing else gives one: bokmål, Norway."""
    return "NO" if language == "nb" else None
