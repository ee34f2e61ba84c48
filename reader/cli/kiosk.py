"""``reader kiosk-pin`` and ``reader kiosk-supervise``."""

from __future__ import annotations

import argparse
import getpass
import shlex
import sys

from reader.cli.errors import KioskUsageError
from reader.cli.output import Output
from reader.i18n import _, ngettext
from reader.library.pin import MIN_NEW_PIN, KioskConfigError, hash_pin, new_pin_problem
from reader.library.settings import Settings
from reader.supervise import LOG_NAME, Supervisor


def cmd_kiosk_pin(args: argparse.Namespace, settings: Settings, out: Output) -> int:
    """Ask for a PIN (twice on a terminal) and print its hash for the config file."""
    if sys.stdin.isatty():
        # Translators: a prompt; the PIN is typed after it on the same line
        prompt = ngettext(
            "Operator PIN ({count} digit or more): ",
            "Operator PIN ({count} digits or more): ",
            MIN_NEW_PIN,
        )
        pin = getpass.getpass(prompt.format(count=MIN_NEW_PIN))
        # Translators: a prompt; the PIN is typed after it on the same line
        if getpass.getpass(_("The same PIN again: ")) != pin:
            raise KioskUsageError(_("the two PINs differ; nothing was made"))
    else:
        pin = sys.stdin.readline().strip()
    problem = new_pin_problem(pin)
    if problem:
        # Translators: {problem} says what is wrong with the PIN typed
        raise KioskUsageError(_("{problem}; nothing was made").format(problem=problem))
    try:
        pin_hash = hash_pin(pin)
    except KioskConfigError as error:
        raise KioskUsageError(str(error)) from None
    # Translators: {section} is "[kiosk]"; the lines of the config file follow
    out.line(_("Put this in the {section} section of the config file:").format(section="[kiosk]"))
    out.line()
    out.line("[kiosk]")
    out.line(f'operator_pin_hash = "{pin_hash}"')
    return 0


def child_command(args: argparse.Namespace, serving: bool = False) -> list[str]:
    """The command the supervisor runs: this reader, as a kiosk, with the same options
    (``serving``: for `reader serve`, whose visitors' readers may not speak, not even by
    F5: it would play on this machine)."""
    command = [sys.executable, "-m", "reader", "--kiosk"]
    for option in ("articles", "data_dir", "region", "config", "idle_timeout", "lang"):
        value = getattr(args, option, None)
        if value is not None:
            command += [f"--{option.replace('_', '-')}", str(value)]
    style = getattr(args, "screen_reader", None)
    if style and not (serving and style == "line"):  # served: each page chooses line mode
        command.append(f"--screen-reader={style}")
    if serving:
        command.append("--no-speech")
    elif getattr(args, "speech", False):
        command.append("--speech")
    if getattr(args, "speech_command", None) and not serving:
        command += ["--speech-command", args.speech_command]
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
            # Translators: a setting and the config file it is in
            where = _("{setting} (in {file})").format(setting=where, file=settings.config_file)
    if where:
        raise KioskUsageError(
            # Translators: {setting} is "--persist" or the config file's setting; {command} is
            # "reader serve"
            _(
                "{setting} cannot be used with `{command}`: every browser visitor would share "
                "one bookmarks file; remove it to serve (each visitor's bookmarks last one visit)"
            ).format(setting=where, command="reader serve")
        )
    if settings.speech.on or settings.speech.command or settings.kiosk.speech:
        raise KioskUsageError(
            # Translators: {command} is "reader serve"
            _(
                "speech cannot be used with `{command}`: it would play on this machine, not in "
                "the visitor's browser; remove --speech, --speech-command, READER_SPEECH and "
                "speech settings from the config to serve"
            ).format(command="reader serve")
        )
    try:
        from reader.web.server import ReaderServer, ScreenReaderPatchError
    except ImportError:
        raise KioskUsageError(
            # Translators: {command} is the command that installs it
            _("serving needs the web extra: {command}").format(command="pip install 'reader[web]'")
        ) from None
    command = shlex.join(child_command(args, serving=True))
    try:
        server = ReaderServer(
            command,
            host=args.host,
            port=args.port,
            title="reader",
            max_sessions=args.max_sessions,
            help_now=help_now(settings),
            screen_reader=settings.screen_reader and settings.screen_reader_lines,
            allowed_origins=args.allow_origin,
        )
    except ScreenReaderPatchError as error:
        raise KioskUsageError(str(error)) from None
    # Translators: {url} is where to visit, {key} the key that stops serving
    serving = ngettext(
        "Serving the reader as a kiosk on {url} to at most {count} visitor at once "
        "({key} stops it).",
        "Serving the reader as a kiosk on {url} to at most {count} visitors at once "
        "({key} stops it).",
        args.max_sessions,
    )
    out.line(
        serving.format(
            url=f"http://{args.host}:{args.port}/", count=args.max_sessions, key="ctrl+c"
        )
    )
    out.stream.flush()
    server.serve()
    return 0
