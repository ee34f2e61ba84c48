"""Settings from flags, environment variables and the TOML config file, in that order."""

from __future__ import annotations

import os
import shlex
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.i18n import _
from reader.library.kiosk import KioskConfigError, KioskSettings, kiosk_settings
from reader.library.language import LanguageError, choose
from reader.library.paths import bundled_articles, default_config_file, default_data_dir
from reader.speech.settings import SpeechConfigError, SpeechSettings, speech_settings

ENV = {
    "articles": "READER_ARTICLES",
    "data_dir": "READER_DATA_DIR",
    "region": "READER_REGION",
    "lang": "READER_LANG",
    "config": "READER_CONFIG",
    "screen_reader": "READER_SCREEN_READER",
    "show_cursor": "READER_SHOW_CURSOR",
    "speech": "READER_SPEECH",
    "speech_command": "READER_SPEECH_COMMAND",
}
TRUE = ("1", "true", "yes", "on")
# Screen-reader mode's two forms: lines appended as a shell prints, or one pane.
SCREEN_READER_STYLES = ("line", "panes")
FALSE = ("", "0", "false", "no", "off")


class ConfigError(Exception):
    """A config file that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    """Where content and data live, and which region's contacts to show."""

    articles: Path
    data_dir: Path
    region: str | None
    config_file: Path | None
    lang: str = "en"  # the language of the interface and the content shown first
    # True when a flag, READER_LANG or the config named it: F6's last choice gives way.
    lang_chosen: bool = False
    config: Mapping[str, Any] = field(default_factory=dict)
    screen_reader: bool = False
    # Screen-reader mode as line mode (lines appended, as a shell prints), else the
    # one-pane full screen ("panes").
    screen_reader_lines: bool = True
    show_cursor: bool = False
    kiosk: KioskSettings = field(default_factory=KioskSettings)
    speech: SpeechSettings = field(default_factory=SpeechSettings)


def load_settings(
    articles: str | None = None,
    data_dir: str | None = None,
    region: str | None = None,
    config: str | None = None,
    environ: Mapping[str, str] = os.environ,
    screen_reader: bool | str | None = False,
    show_cursor: bool = False,
    kiosk: bool = False,
    idle_timeout: float | None = None,
    lang: str | None = None,
    speech: bool = False,
    speech_command: str | None = None,
    speech_allowed: bool = True,
) -> Settings:
    """Resolve settings: a flag wins over its environment variable, which wins over the file.

    ``screen_reader`` is True or "line" (line mode), "panes" (the one-pane full screen),
    or False or None (as the environment or the file say)."""
    explicit = config or environ.get(ENV["config"])
    path = Path(explicit).expanduser() if explicit else default_config_file()
    data = _read_config(path, required=bool(explicit))
    base = path.parent

    def pick(flag: str | None, key: str) -> str | None:
        if flag:
            return flag
        if environ.get(ENV[key]):
            return environ[ENV[key]]
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(
                # Translators: {key} is a setting's name in the config file
                _("{path}: '{key}' must be a string, e.g. {key} = \"...\"").format(
                    path=path, key=key
                )
            )
        return value

    def folder(value: str | None, default: Path, from_file: bool) -> Path:
        if not value:
            return default
        chosen = Path(value).expanduser()
        return base / chosen if from_file and not chosen.is_absolute() else chosen

    def switch(flag: bool, key: str, styles: tuple[str, ...] = ()) -> bool | str:
        if flag:
            return True
        raw = environ.get(ENV[key])
        if raw is not None:
            if raw.strip().lower() in styles:
                return raw.strip().lower()
            if raw.strip().lower() not in TRUE + FALSE:
                if styles:
                    raise ConfigError(
                        # Translators: {name}={value} is an environment variable as it was
                        # set; {styles} are the other words it takes
                        _("{name}={value}: use 1, 0, {styles}").format(
                            name=ENV[key], value=repr(raw), styles=", ".join(styles)
                        )
                    )
                raise ConfigError(
                    # Translators: {name}={value} is an environment variable as it was set
                    _("{name}={value}: use 1 or 0").format(name=ENV[key], value=repr(raw))
                )
            return raw.strip().lower() in TRUE
        value = data.get(key, False)
        if isinstance(value, str) and value in styles:
            return value
        if styles and not isinstance(value, bool):
            raise ConfigError(
                # Translators: {key} is a setting's name; true, false and {styles} are the
                # words it takes
                _("{path}: '{key}' must be true, false, {styles}").format(
                    path=path, key=key, styles=", ".join(f'"{style}"' for style in styles)
                )
            )
        if not isinstance(value, bool):
            # Translators: {key} is a setting's name; true and false are TOML words
            raise ConfigError(_("{path}: '{key}' must be true or false").format(path=path, key=key))
        return value

    articles_value = pick(articles, "articles")
    data_value = pick(data_dir, "data_dir")
    region_value = pick(region, "region")
    chosen_lang = pick(lang, "lang")
    try:
        language = choose(chosen_lang, environ)
    except LanguageError as error:
        raise ConfigError(str(error)) from None
    data_folder = folder(
        data_value, default_data_dir(), not data_dir and not environ.get(ENV["data_dir"])
    )
    kiosk_settings = _kiosk(data.get("kiosk"), kiosk, idle_timeout, path, data_folder)
    try:
        spoken = speech_settings(
            bool(switch(speech, "speech")) or (kiosk_settings.enabled and kiosk_settings.speech),
            pick(speech_command, "speech_command"),
            data,
            speech_allowed,
        )
    except SpeechConfigError as error:
        raise ConfigError(f"{path}: {error}") from None
    reading = (
        screen_reader
        if isinstance(screen_reader, str)
        else switch(bool(screen_reader), "screen_reader", SCREEN_READER_STYLES)
    )
    return Settings(
        articles=folder(
            articles_value, bundled_articles(), not articles and not environ.get(ENV["articles"])
        ),
        data_dir=data_folder,
        region=region_value.strip().upper() if region_value and region_value.strip() else None,
        config_file=path if path.exists() else None,
        lang=language,
        lang_chosen=bool(chosen_lang),
        config=data,
        screen_reader=bool(reading),
        screen_reader_lines=reading != "panes",
        show_cursor=bool(switch(show_cursor, "show_cursor")),
        kiosk=kiosk_settings,
        speech=spoken,
    )


def _kiosk(
    section: Any, flag: bool, idle: float | None, path: Path, data_dir: Path
) -> KioskSettings:
    """The ``[kiosk]`` settings; the operator exit's lock is kept in the data folder."""
    try:
        return kiosk_settings(section, flag, idle, data_dir)
    except KioskConfigError as error:
        raise ConfigError(f"{path}: {error}") from None


def _read_config(path: Path, required: bool) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
            # The file as read, not the path again: it cannot be swapped in between.
            status = os.fstat(handle.fileno())
    except FileNotFoundError:
        if required:
            raise ConfigError(_("config file {path} does not exist").format(path=path)) from None
        return {}
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            # Translators: {error} is the TOML reader's own words (in English)
            _("config file {path} is not valid TOML: {error}").format(path=path, error=error)
        ) from None
    except OSError as error:
        raise ConfigError(
            # Translators: {reason} is the system's reason
            _("config file {path} cannot be read: {reason}").format(
                path=path, reason=error.strerror
            )
        ) from None
    kiosk = data.get("kiosk")
    if isinstance(kiosk, Mapping) and "operator_pin_hash" in kiosk:
        _refuse_if_others_can_write(path, status)
    return data


def _refuse_if_others_can_write(path: Path, status: os.stat_result) -> None:
    """Refuse a config file holding the operator PIN hash that others could change.

    Whoever can write it can put in a hash of a PIN of their own and leave the kiosk
    (or lock the operator out), so it must belong to root or to the user running the
    reader, and be writable by its owner only.
    """
    if os.name != "posix":
        return  # no owner and mode bits to go by
    import pwd  # POSIX only

    def name(uid: int) -> str:
        try:
            return pwd.getpwuid(uid).pw_name
        except KeyError:
            return str(uid)

    me = os.geteuid()
    quoted = shlex.quote(str(path))
    if status.st_uid not in (0, me):
        raise ConfigError(
            # Translators: {path} is the config file; {owner} and {user} are user names; the
            # commands after the colon are not translated
            _(
                "config file {path} holds the operator PIN hash but belongs to {owner}, who "
                "could change it; it must belong to root or to {user}, who runs the reader: "
                "{command}"
            ).format(
                path=path,
                owner=name(status.st_uid),
                user=name(me),
                command=f"sudo chown {name(me)} {quoted} && chmod 600 {quoted}",
            )
        )
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        # Root's file read by another user: it must stay readable to the reader.
        command = f"sudo chmod go-w {quoted}" if status.st_uid != me else f"chmod 600 {quoted}"
        raise ConfigError(
            # Translators: {path} is the config file; {mode} its permissions, as "-rw-rw-r--";
            # the command after the colon is not translated
            _(
                "config file {path} holds the operator PIN hash but other users can change "
                "it ({mode}); let only its owner write to it: {command}"
            ).format(path=path, mode=stat.filemode(status.st_mode), command=command)
        )
