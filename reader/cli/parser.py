"""The command line's arguments."""

from __future__ import annotations

import argparse

from reader import __version__


def _global_options(parser: argparse.ArgumentParser, default: object) -> None:
    group = parser.add_argument_group("global options (also environment variables)")
    group.add_argument(
        "--articles",
        metavar="DIR",
        default=default,
        help="content folder (READER_ARTICLES; default: the bundled articles)",
    )
    group.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where bookmarks are kept (READER_DATA_DIR)",
    )
    group.add_argument(
        "--region",
        metavar="CODE",
        default=default,
        help="contacts region, e.g. GB or NO (READER_REGION; default: locale)",
    )
    group.add_argument(
        "--config", metavar="FILE", default=default, help="TOML config file (READER_CONFIG)"
    )
    group.add_argument(
        "--lang",
        metavar="CODE",
        default=default,
        help="language: en or nb (READER_LANG; default: locale, else en)",
    )


MAX_SESSIONS = 8  # `reader serve`: reader processes at once


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return number


def _kiosk_options(parser: argparse.ArgumentParser) -> None:
    """Options passed on to the kiosk processes that a command starts."""
    parser.add_argument(
        "--idle-timeout",
        type=float,
        metavar="SECONDS",
        default=argparse.SUPPRESS,
        help="passed to the kiosk",
    )
    parser.add_argument(
        "--screen-reader",
        action="store_true",
        default=argparse.SUPPRESS,
        help="passed to the kiosk",
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``reader`` argument parser; global options work before or after the command."""
    parser = argparse.ArgumentParser(
        prog="reader",
        description="An accessible reader of mental-health information. "
        "With no command, opens the full-screen reader.",
        epilog="In an emergency, call your local emergency number. For help lines: reader contacts",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--open", metavar="SLUG", help="open the full-screen reader at this article"
    )
    parser.add_argument(
        "--screen-reader",
        action="store_true",
        help="screen-reader mode: no animation, nothing redrawn while idle, no borders, "
        "changes said in the status line (READER_SCREEN_READER=1)",
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="public terminal: no way out but the operator's PIN, nothing kept, "
        "idle reset (see README)",
    )
    parser.add_argument(
        "--idle-timeout",
        type=float,
        metavar="SECONDS",
        help="kiosk: seconds without input before the idle countdown (default 180)",
    )
    parser.add_argument(
        "--show-cursor",
        action="store_true",
        help="show the terminal's cursor on the focused line (READER_SHOW_CURSOR=1)",
    )
    _global_options(parser, None)
    # Sub-commands accept the same options; SUPPRESS keeps them from overwriting
    # values given before the command.
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("topics", parents=[common], help="list the topics, one per line")

    listing = commands.add_parser("list", parents=[common], help="list articles")
    listing.add_argument("--topic", metavar="ID", help="only this topic's articles")

    read = commands.add_parser("read", parents=[common], help="print an article as plain text")
    read.add_argument("slug", metavar="SLUG", help="the article (see: reader list)")
    read.add_argument(
        "--width",
        type=int,
        metavar="N",
        help="wrap at N columns (default: the terminal's, at most 100; 80 piped)",
    )

    contacts = commands.add_parser(
        "contacts", parents=[common], help="help contacts, emergency numbers first"
    )
    contacts.add_argument("--topic", metavar="ID", help="put contacts serving this topic first")

    add_bookmarks_parser(commands, common)
    add_search_parser(commands, common)

    supervise = commands.add_parser(
        "kiosk-supervise",
        parents=[common],
        help="run the reader as a kiosk and start it again whenever it ends",
    )
    _kiosk_options(supervise)
    supervise.add_argument(
        "--max-delay",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="longest wait between restarts after repeated crashes",
    )
    commands.add_parser(
        "kiosk-pin", parents=[common], help="make the hash of an operator PIN for the config"
    )
    serve = commands.add_parser(
        "serve", parents=[common], help="serve the reader as a kiosk in a web browser"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument(
        "--max-sessions",
        type=_at_least_one,
        default=MAX_SESSIONS,
        metavar="N",
        help=f"visitors at once, one reader process each; more get a 'busy' page "
        f"(default {MAX_SESSIONS})",
    )
    # Refused with the reason: browser visitors would share one bookmarks file.
    serve.add_argument("--persist", action="store_true", help=argparse.SUPPRESS)
    _kiosk_options(serve)

    check = commands.add_parser(
        "check", parents=[common], help="validate a content folder (exit 1 on errors)"
    )
    check.add_argument(
        "dir", nargs="?", metavar="DIR", help="the folder (default: the configured articles)"
    )
    return parser


def add_bookmarks_parser(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """The ``bookmarks`` command and its sub-commands."""
    parser = commands.add_parser(
        "bookmarks", parents=[common], help="list, add, remove, export or import bookmarks"
    )
    actions = parser.add_subparsers(dest="bookmarks_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="every bookmark")
    listing.add_argument("--json", action="store_true", help="a JSON array")
    add = actions.add_parser("add", parents=[common], help="bookmark a line of an article")
    add.add_argument("slug", metavar="SLUG")
    add.add_argument(
        "--line",
        type=int,
        metavar="N",
        help="line N of `reader read SLUG` (default: the article's first line)",
    )
    add.add_argument("--note", default="", metavar="TEXT", help="a short note")
    remove = actions.add_parser("remove", parents=[common], help="delete a bookmark by id")
    remove.add_argument("id", type=int, metavar="ID")
    export = actions.add_parser("export", parents=[common], help="write bookmarks to a file")
    export.add_argument("file", metavar="FILE")
    imported = actions.add_parser("import", parents=[common], help="add bookmarks from a file")
    imported.add_argument("file", metavar="FILE")


def add_search_parser(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:
    """The ``search`` command."""
    search = commands.add_parser(
        "search", parents=[common], help="find articles by everyday words, best first"
    )
    search.add_argument("query", nargs="+", metavar="WORDS")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="at most N articles")
