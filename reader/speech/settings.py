"""Speech settings: on or off, the command that speaks, the operator's rate and volume."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

from reader.i18n import _
from reader.speech.protocol import DEFAULT_RATE, DEFAULT_VOLUME


class SpeechConfigError(ValueError):
    """A speech setting that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class SpeechSettings:
    """Whether the reader speaks at start, through what, how fast and how loud."""

    on: bool = False
    command: list[str] = field(default_factory=list)  # empty: the shipped server
    rate: int = DEFAULT_RATE
    volume: int = DEFAULT_VOLUME
    allowed: bool = True  # False where speech would play on the wrong machine (reader serve)

    @property
    def shipped(self) -> bool:
        """True when the reader's own espeak-ng / speech-dispatcher server speaks."""
        return not self.command

    def server_command(self) -> list[str]:
        """The command to start: the operator's, else the shipped server."""
        return self.command or [sys.executable, "-m", "reader.speech.server"]


def speech_settings(
    on: bool, command: str | None, config: dict[str, Any], allowed: bool = True
) -> SpeechSettings:
    """Speech settings from the switch, the command line (a shell-like string) and the
    config file's ``speech_rate`` and ``speech_volume`` (0 to 100); not ``allowed``, no
    speech at all."""
    words: list[str] = []
    if command:
        import shlex  # only for an operator's own command

        try:
            words = shlex.split(command)
        except ValueError as error:
            raise SpeechConfigError(
                _("the speech command {command} cannot be read: {error}").format(
                    command=repr(command), error=error
                )
            ) from None
    levels = {}
    for name, default in (("speech_rate", DEFAULT_RATE), ("speech_volume", DEFAULT_VOLUME)):
        value = config.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise SpeechConfigError(
                # Translators: {name} is a setting's name in the config file
                _("'{name}' must be a whole number from 0 to 100").format(name=name)
            )
        levels[name] = value
    rate, volume = levels["speech_rate"], levels["speech_volume"]
    return SpeechSettings(on and allowed, words, rate, volume, allowed)
