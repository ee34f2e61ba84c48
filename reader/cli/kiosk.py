"""``reader kiosk-pin`` and ``reader kiosk-supervise``."""

from __future__ import annotations

import argparse
import getpass
import shlex
import sys

from reader.cli.output import Output
from reader.library.kiosk import KioskConfigError, hash_pin
from reader.library.settings import Settings
from reader.supervise import LOG_NAME, Supervisor


class KioskUsageError(Exception):
    """A kiosk command that cannot be done; the message says why."""


def cmd_kiosk_pin(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """Ask for a PIN (twice on a terminal) and print its hash for the config file."""
    if sys.stdin.isatty():
        pin = getpass.getpass("Operator PIN (4 digits or more): ")
        if getpass.getpass("The same PIN again: ") != pin:
            raise KioskUsageError("the two PINs differ; nothing was made")
    else:
        pin = sys.stdin.readline().strip()
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


def cmd_serve(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """Serve the reader in a browser with textual-serve: one kiosk process per visitor."""
    try:
        from reader.web.server import ReaderServer, ScreenReaderPatchError
    except ImportError:
        raise KioskUsageError("serving needs the web extra: pip install 'reader[web]'") from None
    command = shlex.join(child_command(args))
    try:
        server = ReaderServer(command, host=args.host, port=args.port, title="reader")
    except ScreenReaderPatchError as error:
        raise KioskUsageError(str(error)) from None
    out.line(f"Serving the reader as a kiosk on http://{args.host}:{args.port}/ (ctrl+c stops it).")
    out.stream.flush()
    server.serve()
    return 0
