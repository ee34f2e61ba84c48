"""Textual's own words that the key help (F1) shows, listed for the reader's catalog.

The key help lists every key of the focused screen's widgets, Textual's own
bindings among them (a text field's "Paste text from the clipboard", a scrolling
container's "Scroll Down"). It shows each description through ``_()``; these live
in Textual's source, which Babel does not read, so they are listed here (Textual
is pinned, so they do not change under us). Nothing imports this module.
"""

from __future__ import annotations

from reader.i18n import N_

TEXTUAL = (
    N_("Quit"),
    N_("Delete character left"),
    N_("Delete right to start of word"),
    N_("Copy selected text"),
    N_("Delete all to the right"),
    N_("Move cursor left a word"),
    N_("Move cursor right a word"),
    N_("Select all"),
    N_("Move cursor left a word and select"),
    N_("Move cursor right a word and select"),
    N_("Delete all to the left"),
    N_("Paste text from the clipboard"),
    N_("Delete left to start of word"),
    N_("Cut selected text"),
    N_("Delete character right"),
    N_("Go to end"),
    N_("Submit"),
    N_("Go to start"),
    N_("Move cursor left"),
    N_("Move cursor right or accept the completion suggestion"),
    N_("Select line end"),
    N_("Select line start"),
    N_("Move cursor left and select"),
    N_("Move cursor right and select"),
    N_("Down"),
    N_("Last"),
    N_("Select"),
    N_("First"),
    N_("Page Down"),
    N_("Page Up"),
    N_("Up"),
    N_("Focus Previous"),
    N_("Focus Next"),
    N_("Page Right"),
    N_("Page Left"),
    N_("Scroll Down"),
    N_("Scroll End"),
    N_("Scroll Home"),
    N_("Scroll Left"),
    N_("Scroll Right"),
    N_("Scroll Up"),
)
