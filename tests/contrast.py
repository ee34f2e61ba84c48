"""WCAG 2.x contrast of the cells pyte saw drawn."""

from __future__ import annotations

import pyte

# pyte names the 16 basic colours; the audited themes use truecolor, so a named
# or default colour in them is itself a finding.
_NAMED = {"black": "000000", "white": "ffffff"}


def luminance(hex_colour: str) -> float:
    """Relative luminance of an ``rrggbb`` colour."""
    channels = []
    for index in (0, 2, 4):
        value = int(hex_colour[index : index + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def ratio(foreground: str, background: str) -> float:
    """Contrast ratio of two ``rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def cell_colours(char: pyte.screens.Char) -> tuple[str, str]:
    """The (foreground, background) a cell is seen in, reverse video applied."""
    fg = _NAMED.get(char.fg, char.fg)
    bg = _NAMED.get(char.bg, char.bg)
    return (bg, fg) if char.reverse else (fg, bg)


# Borders, scrollbars and other drawing: not text, audited at WCAG's 3:1 for
# user-interface components (1.4.11) rather than the text bound.
UI_BOUND = 3.0


def is_drawing(char: str) -> bool:
    """Box drawing, block elements and the like."""
    return 0x2500 <= ord(char) <= 0x259F


def low_contrast(screen: pyte.Screen, bound: float) -> list[str]:
    """Every text cell below ``bound`` (drawing below 3:1), described; unknown colours too."""
    found: list[str] = []
    for y in range(screen.lines):
        row = screen.buffer[y]
        for x in range(screen.columns):
            char = row[x]
            if not char.data.strip():
                continue
            fg, bg = cell_colours(char)
            if len(fg) != 6 or len(bg) != 6:
                found.append(f"row {y} col {x} {char.data!r}: colour {fg}/{bg} not audited")
                continue
            value = ratio(fg, bg)
            if value < (UI_BOUND if is_drawing(char.data) else bound):
                line = "".join(row[i].data for i in range(screen.columns)).rstrip()
                found.append(f"row {y} col {x} {char.data!r} {fg} on {bg}: {value:.2f} in {line!r}")
    return found


def summary(found: list[str]) -> list[str]:
    """One finding per distinct colour pair, for a readable failure."""
    seen: set[str] = set()
    kept = []
    for finding in found:
        key = finding.split(": ", 1)[1].split(" in ")[0] if ": " in finding else finding
        key = key.split(" ", 1)[-1]
        if key not in seen:
            seen.add(key)
            kept.append(finding[:160])
    return kept
