"""Keys named in words, for the key bar and the key help."""

from __future__ import annotations

import re

# Keys named in words: a screen reader says "Enter", not "return symbol".
KEY_NAMES = {
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "enter": "Enter",
    "backspace": "Backspace",
    "escape": "Escape",
    "pageup": "PageUp",
    "pagedown": "PageDown",
    "home": "Home",
    "end": "End",
    "tab": "Tab",
    "space": "Space",
    "delete": "Delete",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "plus": "+",
    "minus": "-",
    "slash": "/",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "left_parenthesis": "(",
    "right_parenthesis": ")",
}


def key_name(key: str) -> str:
    """A key as words: "ctrl+t", "F2", "Enter", "shift+Space"."""
    *modifiers, last = key.split("+")
    last = KEY_NAMES.get(last, last.upper() if re.fullmatch(r"f\d{1,2}", last) else last)
    return "+".join([*modifiers, last])
