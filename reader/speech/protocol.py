"""The speech-server protocol: one command a line on the server's standard input.

The protocol of tdsr's speech servers, so that any of them (or an operator's own)
can speak for the reader: ``s<text>`` speak (queued after what is being said),
``l<char>`` spell one character, ``x`` stop and forget everything queued,
``r<0-100>`` rate, ``v<0-100>`` volume. The reader adds ``L<code>``, the language
of what follows (a server may ignore it).
"""

from __future__ import annotations

import re

from reader.document.sanitize import clean_line

DEFAULT_RATE = 25  # about 175 words a minute, espeak-ng's own default
DEFAULT_VOLUME = 50  # espeak-ng's own loudness (amplitude 100 of 200)
STEP = 10  # one press of faster/slower, louder/softer

_SPACES = re.compile(r"\s+")
# Drawn marks a listener does not need: the list's "> ", rules, box corners.
_MARKS = re.compile(r"[\u2500-\u257f\u2580-\u259f\u2400-\u2421\ufffd]+")


def clamp(value: int) -> int:
    """A rate or volume within 0 to 100."""
    return max(0, min(100, int(value)))


def spoken(text: str) -> str:
    """``text`` as one line a server can take: no controls, no line breaks, no box drawing."""
    return _SPACES.sub(" ", _MARKS.sub(" ", clean_line(text))).strip()


def speak(text: str) -> str:
    """The line that speaks ``text`` ("" if there is nothing to say)."""
    words = spoken(text)
    return f"s{words}" if words else ""


def letter(char: str) -> str:
    """The line that spells one character."""
    char = spoken(char)[:1] or " "
    return f"l{char}"


STOP = "x"


def rate(value: int) -> str:
    """The line that sets the rate (0 slowest, 100 fastest)."""
    return f"r{clamp(value)}"


def volume(value: int) -> str:
    """The line that sets the volume (0 to 100)."""
    return f"v{clamp(value)}"


def language(code: str) -> str:
    """The line that names the language of what follows ("en", "nb")."""
    return f"L{re.sub(r'[^A-Za-z0-9-]', '', code)[:16]}"


def words_per_minute(rate_value: int) -> int:
    """The shipped server's speed at ``rate_value``: 80 to 450 words a minute."""
    return 80 + round(clamp(rate_value) * 3.7)


def seconds_to_say(text: str, rate_value: int) -> float:
    """About how long ``text`` takes to say at ``rate_value`` (pauses included).

    Fitted to espeak-ng at rates 0 to 100 (within about a quarter, on prose and on
    contacts): a number is said as about a word a digit ("999": nine hundred and
    ninety-nine), prose runs a little faster than the nominal rate, and punctuation
    pauses (a third of a second at espeak-ng's own rate, shorter when faster).
    """
    words = sum(max(sum(c.isdigit() for c in token), 1) for token in text.split()) or 1
    pauses = sum(text.count(mark) for mark in ".,:;!?")
    minutes_a_word = 1 / words_per_minute(rate_value)
    return 60 * minutes_a_word * (0.85 * words + 0.9 * pauses) + 0.25
