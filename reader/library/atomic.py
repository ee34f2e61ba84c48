"""Writing a file whole or not at all: a temporary file, flushed, then ``os.replace``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str, *, fsync: bool = True) -> None:
    """Replace ``path`` with ``text``; on any error the old file stays and no temp is left.

    ``fsync`` (the default) makes the new bytes durable before the rename, for data
    that must survive a crash; a cache can skip it.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            if fsync:
                out.flush()
                os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
