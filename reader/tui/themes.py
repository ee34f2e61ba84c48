"""The reader's own themes (Textual's built-in ones fail contrast in places)."""

from __future__ import annotations

from textual.theme import Theme

from reader.i18n import N_

DARK = Theme(
    name="reader-dark",
    primary="#79b8ff",
    secondary="#d2a8ff",
    accent="#ffb454",
    warning="#ffd166",
    error="#ff8a80",
    success="#7ee787",
    foreground="#ececec",
    background="#111318",
    surface="#181b21",
    panel="#262a33",
    dark=True,
)

LIGHT = Theme(
    name="reader-light",
    primary="#0a4f99",
    secondary="#6a2fa8",
    accent="#8a4500",
    warning="#7a4d00",
    error="#a8201a",
    success="#176b2c",
    foreground="#16181d",
    background="#ffffff",
    surface="#f6f7f9",
    panel="#e3e6eb",
    dark=False,
)

HIGH_CONTRAST = Theme(
    name="reader-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffffff",
    warning="#ffff00",
    error="#ff9090",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    dark=True,
)

THEMES = (DARK, LIGHT, HIGH_CONTRAST)
# Textual's own themes that use the terminal's 16 colours, for people whose
# terminal palette is already tuned to their eyes (the contrast is theirs).
# Labels are marked here and translated where they are shown: _(THEME_LABELS[name]).
TERMINAL_THEMES = {
    # Translators: a colour theme's name, said after "Theme:"
    "ansi-dark": N_("terminal colours, dark"),
    # Translators: a colour theme's name, said after "Theme:"
    "ansi-light": N_("terminal colours, light"),
}
THEME_NAMES = [*(t.name for t in THEMES), *TERMINAL_THEMES]
THEME_LABELS = {
    # Translators: a colour theme's name, said after "Theme:"
    DARK.name: N_("dark"),
    # Translators: a colour theme's name, said after "Theme:"
    LIGHT.name: N_("light"),
    # Translators: a colour theme's name, said after "Theme:"
    HIGH_CONTRAST.name: N_("high contrast"),
    **TERMINAL_THEMES,
}
DEFAULT_THEME = DARK.name
