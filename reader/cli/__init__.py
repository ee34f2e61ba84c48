"""The ``reader`` command line."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from reader import i18n
from reader.cli.errors import KioskUsageError, UsageError
from reader.cli.output import Output
from reader.cli.parser import build_parser
from reader.library.errors import StorageError
from reader.library.language import DEFAULT, LanguageError, choose
from reader.library.settings import ConfigError, Settings, load_settings

Command = Callable[[argparse.Namespace, Settings, Output], int]

# Imported when run, so that each command loads only what it needs: `reader`
# alone (the full-screen reader) is timed as people start it.
COMMANDS: dict[str | None, str] = {
    None: "commands:cmd_tui",
    "topics": "commands:cmd_topics",
    "list": "commands:cmd_list",
    "read": "commands:cmd_read",
    "contacts": "commands:cmd_contacts",
    "check": "commands:cmd_check",
    "bookmarks": "commands:cmd_bookmarks",
    "search": "commands:cmd_search",
    "kiosk-pin": "kiosk:cmd_kiosk_pin",
    "kiosk-supervise": "kiosk:cmd_kiosk_supervise",
    "serve": "kiosk:cmd_serve",
}


def early_language(argv: list[str]) -> str:
    """The language asked for before the arguments are parsed: ``--lang``, READER_LANG,
    the locale, else English (a wrong name is reported once the settings are read)."""
    chosen = os.environ.get("READER_LANG")
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv):
            chosen = argv[n + 1]
        elif arg.startswith("--lang="):
            chosen = arg.removeprefix("--lang=")
    try:
        return choose(chosen, os.environ)
    except LanguageError:
        return DEFAULT


def command(name: str | None) -> Command:
    """The function that runs command ``name`` (None: the full-screen reader)."""
    module, function = COMMANDS[name].split(":")
    found: Command = getattr(importlib.import_module(f"reader.cli.{module}"), function)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.use(early_language(argv))  # for --help and argparse's own messages
    args = build_parser().parse_args(argv)
    out = Output()
    try:
        settings = load_settings(
            args.articles,
            args.data_dir,
            args.region,
            args.config,
            screen_reader=getattr(args, "screen_reader", None),
            show_cursor=getattr(args, "show_cursor", False),
            kiosk=getattr(args, "kiosk", False),
            idle_timeout=getattr(args, "idle_timeout", None),
            lang=getattr(args, "lang", None),
            speech=False if getattr(args, "no_speech", False) else getattr(args, "speech", False),
            speech_allowed=not getattr(args, "no_speech", False),
            speech_command=getattr(args, "speech_command", None),
        )
        i18n.use(settings.lang)
        return command(args.command)(args, settings, out)
    except (ConfigError, UsageError, KioskUsageError) as error:
        # Translators: an error on the command line: {program} is "reader", {message} what went
        # wrong (already translated); punctuate as your language wants
        report = i18n._("{program}: {message}").format(program="reader", message=error)
        print(report, file=sys.stderr)
        return 2
    except StorageError as error:
        # Translators: an error on the command line: {program} is "reader", {message} what went
        # wrong (already translated); punctuate as your language wants
        report = i18n._("{program}: {message}").format(program="reader", message=error)
        print(report, file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error of ours.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
