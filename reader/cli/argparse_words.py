"""argparse's own words, listed here so that they are extracted into the reader's catalog.

argparse speaks some of ``reader --help`` and every parse error itself ("usage: ",
"options", "the following arguments are required: %s"). It looks each message
up through ``argparse._`` and ``argparse.ngettext`` when it speaks, and
:func:`reader.i18n.use` points those at the reader's catalog. But those strings
live in the standard library, which Babel does not read, so without this module
they would never reach ``reader.pot`` and would stay in English.

Each msgid is copied exactly from Python 3.11's ``argparse.py`` (``%`` placeholders
included: argparse fills them in with ``%``, so a translation keeps every one of
them and adds no other ``%``). A newer Python may add or reword a few; those then
show in English until they are added here.

The help of ``--version`` is not here: Python 3.11's argparse does not translate
it, so :mod:`reader.cli.parser` gives it in its own words.

Nothing imports this module; it exists only to be extracted.
"""

from __future__ import annotations

from reader.i18n import N_, ngettext

# Said to the person at the command line: help headings and parse errors (a few only
# by kinds of option that `reader` has none of today, such as mutually exclusive ones).
SEEN = (
    # Translators: argparse's, before the command's synopsis; keep the space at the end
    N_("usage: "),
    N_("positional arguments"),
    # Translators: argparse's heading over the options in --help (it adds the colon)
    N_("options"),
    N_("show this help message and exit"),
    N_("subcommands"),  # argparse's _(title) default, not a literal of its own
    N_("argument %(argument_name)s: %(message)s"),
    # Translators: argparse's; keep every %(...)s and the line break at the end
    N_("%(prog)s: error: %(message)s\n"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_('argument "-" with mode %r'),
    N_("can't open '%(filename)s': %(error)s"),
)

# Said only to a programmer who builds a parser wrongly (never by `reader` as shipped);
# listed so that every message argparse translates is in the catalog.
PROGRAMMING = (
    N_(".__call__() not defined"),
    N_("conflicting subparser: %s"),
    N_("conflicting subparser alias: %s"),
    N_("cannot merge actions - two groups are named %r"),
    N_("'required' is an invalid argument for positionals"),
    N_("invalid option string %(option)r: must start with a character %(prefix_chars)r"),
    N_("dest= is required for options like %r"),
    N_("invalid conflict_resolution value: %r"),
    N_("mutually exclusive arguments must be optional"),
    N_("cannot have multiple subparser arguments"),
    N_("%r is not callable"),
)

# The messages argparse says with ngettext: (singular, plural).
PLURALS = (
    ("expected %s argument", "expected %s arguments"),
    ("conflicting option string: %s", "conflicting option strings: %s"),
)


def _marked_plurals() -> None:  # pragma: no cover - never called
    """The pairs of :data:`PLURALS` as Babel extracts plurals: through ngettext."""
    ngettext("expected %s argument", "expected %s arguments", 1)
    ngettext("conflicting option string: %s", "conflicting option strings: %s", 1)
