"""``reader kiosk-pin`` and ``reader kiosk-supervise``."""

from __future__ import annotations

import argparse
import getpass
import shlex
import sys

from reader.cli.errors import KioskUsageError
from reader.cli.output import Output
from reader.library.pin import MIN_NEW_PIN, KioskConfigError, hash_pin, new_pin_problem
from reader.library.settings import Settings
from reader.supervise import LOG_NAME, Supervisor


def cmd_kiosk_pin(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """Ask for a PIN (twice on a terminal) and print its hash for the config file."""
    if sys.stdin.isatty():
        pin = getpass.getpass(f"Operator PIN ({MIN_NEW_PIN} digits or more): ")
        if getpass.getpass("The same PIN again: ") != pin:
            raise KioskUsageError("the two PINs differ; nothing was made")
    else:
        pin = sys.stdin.readline().strip()
    problem = new_pin_problem(pin)
    if problem:
        raise KioskUsageError(f"{problem}; nothing was made")
    try:
        pin_hash = hash_pin(pin)
    except KioskConfigError as error:
        raise KioskUsageError(str(error)) from None
    out.line("Put this in the [kiosk] section of the config file:")
    out.line()
    out.line("[kiosk]")
    out.line(f'operator_pin_hash = "{pin_hash}"')
    return 0


def child_command(args: argparse.Namespace) -> list[str]:
    """The command the supervisor runs: this reader, as a kiosk, with the same options."""
    command = [sys.executable, "-m", "reader", "--kiosk"]
    for option in ("articles", "data_dir", "region", "config", "idle_timeout"):
        value = getattr(args, option, None)
        if value is not None:
            command += [f"--{option.replace('_', '-')}", str(value)]
    if getattr(args, "screen_reader", False):
        command.append("--screen-reader")
    return command


def cmd_kiosk_supervise(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """Run the kiosk, starting it again within a second whenever it ends."""
    supervisor = Supervisor(
        child_command(args), settings.data_dir / LOG_NAME, max_delay=args.max_delay
    )
    supervisor.install_signal_handlers()
    return supervisor.run()


def help_now(settings: Settings) -> list[tuple[str, str]]:
    """The region's emergency numbers and crisis lines, for the page of a busy kiosk."""
    from reader.library.contacts import default_region
    from reader.library.loader import load_library
    from reader.library.search import crisis_contacts

    library = load_library(settings.articles)
    region = settings.region or default_region(library.contacts.region_codes(), lang=settings.lang)
    return [
        (contact.organisation, f"{ways[0][0].lower()} {ways[0][1]}")
        for contact in crisis_contacts(library, region)
        if (ways := contact.ways())
    ]


def cmd_serve(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """Serve the reader in a browser with textual-serve: one kiosk process per visitor."""
    where = ""
    if getattr(args, "persist", False):
        where = "--persist"
    elif settings.kiosk.persist:
        where = "[kiosk] persist = true"
        if settings.config_file is not None:
            where += f" (in {settings.config_file})"
    if where:
        raise KioskUsageError(
            f"{where} cannot be used with `reader serve`: every browser visitor would share "
            "one bookmarks file; remove it to serve (each visitor's bookmarks last one visit)"
        )
    try:
        from reader.web.server import ReaderServer, ScreenReaderPatchError
    except ImportError:
        raise KioskUsageError("serving needs the web extra: pip install 'reader[web]'") from None
    command = shlex.join(child_command(args))
    try:
        server = ReaderServer(
            command,
            host=args.host,
            port=args.port,
            title="reader",
            max_sessions=args.max_sessions,
            help_now=help_now(settings),
        )
    except ScreenReaderPatchError as error:
        raise KioskUsageError(str(error)) from None
    out.line(
        f"Serving the reader as a kiosk on http://{args.host}:{args.port}/ to at most "
        f"{args.max_sessions} visitors at once (ctrl+c stops it)."
    )
    out.stream.flush()
    server.serve()
    return 0
