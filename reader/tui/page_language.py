"""The browser kiosk's page language: ``lang`` follows F6.

A browser screen reader picks its voice from the page's ``lang``. The page's
terminal (xterm.js) hears a private OSC sequence from the reader, and our page
script sets ``lang`` from it (``reader/web/templates/app_index.html``). It is
written only to the web driver: a real terminal never receives it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from reader.tui.line_driver import LineWebDriver

if TYPE_CHECKING:
    from textual.app import App

# An operating-system command number no terminal we know of uses.
PAGE_LANGUAGE_OSC = 7765
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def page_language_sequence(lang: str) -> str:
    """The sequence that sets the page's ``lang`` (ValueError: not a language code)."""
    if not LANGUAGE_CODE.fullmatch(lang):
        raise ValueError(f"not a language code: {lang!r}")
    return f"\x1b]{PAGE_LANGUAGE_OSC};{lang}\x07"


def tell_the_page(app: App[Any], lang: str) -> None:
    """Set the browser page's ``lang`` to ``lang``, where the reader runs in one."""
    driver = app._driver
    if isinstance(driver, LineWebDriver):
        driver.write_text(page_language_sequence(lang.replace("_", "-")))
