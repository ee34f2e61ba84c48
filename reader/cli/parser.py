"""The command line's arguments."""

from __future__ import annotations

import argparse

from reader import __version__
from reader.i18n import _
from reader.library.settings import SCREEN_READER_STYLES


def _global_options(parser: argparse.ArgumentParser, default: object) -> None:
    # Translators: a heading in `reader --help`
    group = parser.add_argument_group(_("global options (also environment variables)"))
    group.add_argument(
        "--articles",
        # Translators: a value's name in --help (capitals): a folder
        metavar=_("DIR"),
        default=default,
        help=_("content folder ({variable}; default: the bundled articles)").format(
            variable="READER_ARTICLES"
        ),
    )
    group.add_argument(
        "--data-dir",
        metavar=_("DIR"),
        default=default,
        help=_("where bookmarks are kept ({variable})").format(variable="READER_DATA_DIR"),
    )
    group.add_argument(
        "--region",
        # Translators: a value's name in --help (capitals): a code, such as GB or en
        metavar=_("CODE"),
        default=default,
        help=_("contacts region, e.g. GB or NO ({variable}; default: locale)").format(
            variable="READER_REGION"
        ),
    )
    group.add_argument(
        "--config",
        # Translators: a value's name in --help (capitals): a file
        metavar=_("FILE"),
        default=default,
        help=_("TOML config file ({variable})").format(variable="READER_CONFIG"),
    )
    group.add_argument(
        "--lang",
        metavar=_("CODE"),
        default=default,
        help=_("language: en or nb ({variable}; default: locale, else en)").format(
            variable="READER_LANG"
        ),
    )


MAX_SESSIONS = 8  # `reader serve`: reader processes at once


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            _("{value} is not a whole number of 1 or more").format(value=repr(text))
        )
    return number


def _kiosk_options(parser: argparse.ArgumentParser) -> None:
    """Options passed on to the kiosk processes that a command starts."""
    parser.add_argument(
        "--idle-timeout",
        type=float,
        # Translators: a value's name in --help (capitals): a number of seconds
        metavar=_("SECONDS"),
        default=argparse.SUPPRESS,
        # Translators: help for an option that is handed on to each kiosk process started
        help=_("passed to the kiosk"),
    )
    parser.add_argument(
        "--screen-reader",
        nargs="?",
        const="line",
        choices=SCREEN_READER_STYLES,
        metavar=_("STYLE"),
        default=argparse.SUPPRESS,
        # Translators: help for an option that is handed on to each kiosk process started
        help=_("passed to the kiosk"),
    )
    for option in ("--speech", "--speech-command"):
        parser.add_argument(
            option,
            # Translators: a value's name in --help (capitals): a command that runs a speech server
            **({"action": "store_true"} if option == "--speech" else {"metavar": _("CMD")}),
            default=argparse.SUPPRESS,
            # Translators: help for an option that is handed on to each kiosk process started
            help=_("passed to the kiosk"),
        )


def build_parser() -> argparse.ArgumentParser:
    """The ``reader`` argument parser; global options work before or after the command."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description=_(
            "An accessible reader of mental-health information. "
            "With no command, opens the full-screen reader."
        ),
        epilog=_(
            "In an emergency, call your local emergency number. For help lines: {command}"
        ).format(command="reader contacts"),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"reader {__version__}",
        # argparse's own words for this option, which it does not translate itself.
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--open",
        # Translators: a value's name in --help (capitals): an article's short name
        metavar=_("SLUG"),
        help=_("open the full-screen reader at this article"),
    )
    parser.add_argument(
        "--screen-reader",
        nargs="?",
        const="line",
        choices=SCREEN_READER_STYLES,
        default=None,
        # Translators: a value's name in --help (capitals): line or panes
        metavar=_("STYLE"),
        help=_(
            "screen-reader mode: each key's answer printed once as a line, as a shell "
            "prints (line, the default), or one pane at a time on the full screen (panes) "
            "({setting})"
        ).format(setting="READER_SCREEN_READER=1"),
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help=_(
            "public terminal: no way out but the operator's PIN, nothing kept, "
            "idle reset (see {file})"
        ).format(file="README"),
    )
    parser.add_argument(
        "--idle-timeout",
        type=float,
        metavar=_("SECONDS"),
        help=_("kiosk: seconds without input before the idle countdown (default 180)"),
    )
    parser.add_argument(
        "--show-cursor",
        action="store_true",
        help=_("show the terminal's cursor on the focused line ({setting})").format(
            setting="READER_SHOW_CURSOR=1"
        ),
    )
    parser.add_argument(
        "--speech",
        action="store_true",
        help=_(
            "speak: what changed after each key, and articles read aloud ({key} switches it; "
            "{setting})"
        ).format(key="F5", setting="READER_SPEECH=1"),
    )
    # `reader serve` gives its visitors' readers this: no speech, not even by F5.
    parser.add_argument("--no-speech", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--speech-command",
        # Translators: a value's name in --help (capitals): a command that runs a speech server
        metavar=_("CMD"),
        help=_(
            "the speech server to run instead of the shipped espeak-ng one; it reads "
            "tdsr's speech protocol on standard input ({setting})"
        ).format(setting="READER_SPEECH_COMMAND"),
    )
    _global_options(parser, None)
    # Sub-commands accept the same options; SUPPRESS keeps them from overwriting
    # values given before the command.
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, argparse.SUPPRESS)
    # Translators: a value's name in --help (capitals): what to do: topics, list, read ...
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    commands.add_parser("topics", parents=[common], help=_("list the topics, one per line"))

    listing = commands.add_parser("list", parents=[common], help=_("list articles"))
    # Translators: a value's name in --help (capitals): a topic's short name or a bookmark's number
    listing.add_argument("--topic", metavar=_("ID"), help=_("only this topic's articles"))

    read = commands.add_parser("read", parents=[common], help=_("print an article as plain text"))
    read.add_argument(
        "slug",
        metavar=_("SLUG"),
        help=_("the article (see: {command})").format(command="reader list"),
    )
    read.add_argument(
        "--width",
        type=int,
        metavar="N",
        help=_("wrap at N columns (default: the terminal's, at most 100; 80 piped)"),
    )

    contacts = commands.add_parser(
        "contacts", parents=[common], help=_("help contacts, emergency numbers first")
    )
    contacts.add_argument(
        "--topic", metavar=_("ID"), help=_("put contacts serving this topic first")
    )

    add_bookmarks_parser(commands, common)
    add_search_parser(commands, common)

    supervise = commands.add_parser(
        "kiosk-supervise",
        parents=[common],
        help=_("run the reader as a kiosk and start it again whenever it ends"),
    )
    _kiosk_options(supervise)
    supervise.add_argument(
        "--max-delay",
        type=float,
        default=30.0,
        metavar=_("SECONDS"),
        help=_("longest wait between restarts after repeated crashes"),
    )
    commands.add_parser(
        "kiosk-pin", parents=[common], help=_("make the hash of an operator PIN for the config")
    )
    serve = commands.add_parser(
        "serve", parents=[common], help=_("serve the reader as a kiosk in a web browser")
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        # Translators: a value's name in --help (capitals): a network address
        metavar=_("HOST"),
        help=_("address to listen on"),
    )
    serve.add_argument(
        "--port",
        type=int,
        default=8000,
        # Translators: a value's name in --help (capitals): a network port number
        metavar=_("PORT"),
        help=_("port to listen on"),
    )
    serve.add_argument(
        "--max-sessions",
        type=_at_least_one,
        default=MAX_SESSIONS,
        metavar="N",
        help=_(
            "visitors at once, one reader process each; more get a 'busy' page (default {count})"
        ).format(count=MAX_SESSIONS),
    )
    serve.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        # Translators: a value's name in --help (capitals): a web address such as
        # https://kiosk.example.org, or a host name
        metavar=_("ORIGIN"),
        help=_(
            "a web page's origin (https://host:port) or host whose pages may also open "
            "sessions; may be repeated (default: only the reader's own page)"
        ),
    )
    # Refused with the reason: browser visitors would share one bookmarks file.
    serve.add_argument("--persist", action="store_true", help=argparse.SUPPRESS)
    _kiosk_options(serve)

    check = commands.add_parser(
        "check", parents=[common], help=_("validate a content folder (exit 1 on errors)")
    )
    check.add_argument(
        "dir", nargs="?", metavar=_("DIR"), help=_("the folder (default: the configured articles)")
    )
    return parser


def add_bookmarks_parser(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """The ``bookmarks`` command and its sub-commands."""
    parser = commands.add_parser(
        "bookmarks", parents=[common], help=_("list, add, remove, export or import bookmarks")
    )
    # Translators: a value's name in --help (capitals): a bookmarks command: list, add ...
    actions = parser.add_subparsers(dest="bookmarks_action", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", parents=[common], help=_("every bookmark"))
    listing.add_argument("--json", action="store_true", help=_("a JSON array"))
    add = actions.add_parser("add", parents=[common], help=_("bookmark a line of an article"))
    add.add_argument("slug", metavar=_("SLUG"))
    add.add_argument(
        "--line",
        type=int,
        metavar="N",
        help=_("line N of `{command}` (default: the article's first line)").format(
            command=f"reader read {_('SLUG')}"
        ),
    )
    # Translators: a value's name in --help (capitals): a few words
    add.add_argument("--note", default="", metavar=_("TEXT"), help=_("a short note"))
    remove = actions.add_parser("remove", parents=[common], help=_("delete a bookmark by id"))
    remove.add_argument("id", type=int, metavar=_("ID"))
    export = actions.add_parser("export", parents=[common], help=_("write bookmarks to a file"))
    export.add_argument("file", metavar=_("FILE"))
    imported = actions.add_parser("import", parents=[common], help=_("add bookmarks from a file"))
    imported.add_argument("file", metavar=_("FILE"))


def add_search_parser(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """The ``search`` command."""
    search = commands.add_parser(
        "search", parents=[common], help=_("find articles by everyday words, best first")
    )
    # Translators: a value's name in --help (capitals): the words to search for
    search.add_argument("query", nargs="+", metavar=_("WORDS"))
    search.add_argument("--limit", type=int, default=10, metavar="N", help=_("at most N articles"))
