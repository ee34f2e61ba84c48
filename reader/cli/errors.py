"""The command line's own errors: light, so that dispatching imports nothing heavy."""

from __future__ import annotations


class UsageError(Exception):
    """A mistake in what the person asked for; the message says what to do instead."""


class KioskUsageError(Exception):
    """A kiosk command that cannot be done; the message says why."""
