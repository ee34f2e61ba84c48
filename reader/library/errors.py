"""The data layer's errors, apart from the modules that raise them (which import more)."""

from __future__ import annotations


class StorageError(Exception):
    """The store could not be written; the message says why, and nothing was lost."""
