"""Reading untrusted YAML and text files, with problems instead of exceptions.

Files are opened once and checked before they are read: a regular file, no
larger than its limit (at most ``limit + 1`` bytes are ever read, so a file that
grows while it is read is refused too), and, for articles, still inside the
content folder at that moment. YAML is refused if it holds an anchor or an
alias, before anything is built from it: content files need neither, and
aliases are how a few lines expand into billions of values.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from pathlib import Path
from typing import Any

from reader.document.sanitize import clean_line, clean_text, is_clean
from reader.i18n import N_, _
from reader.library.validate import Reporter

MAX_YAML = 1_000_000  # bytes: more than any front matter, topics or contacts file needs
# Bytes in one article file. Bodies over 2 million characters are shown cut with
# a notice (loader.MAX_BODY); a file over this is refused unread.
MAX_FILE = 16_000_000
_OUTSIDE = N_("is a link that leads outside the content folder")
_OUTSIDE_FIX = N_("copy the article into the folder instead of linking to it")


class Refused(Exception):
    """A file that is not read: why, and how to fix it."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


def megabytes(size: int) -> str:
    """``16000001`` -> ``"16.0 MB"``."""
    return f"{size / 1_000_000:.1f} MB"


def read_bytes(path: Path, limit: int, root: Path | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    With ``root``, the file must resolve inside ``root`` when it is opened, and
    the file opened must be the one that resolves there (a path swapped for a
    symlink in between is refused). Raises :class:`Refused`, or ``OSError``.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    target: Path = path
    real_root = None
    if root is not None:
        real_root = _resolve(root)
        target = _inside(path, real_root)
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags)  # non-blocking: a FIFO must not hang the reader
    except OSError as error:
        if error.errno == errno.ELOOP and root is not None:
            raise Refused(_(_OUTSIDE), _(_OUTSIDE_FIX)) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(_("is not a regular file"), _("replace it with an ordinary file"))
        if real_root is not None:
            # The file opened must be the one still found inside the folder now.
            again = _inside(path, real_root)
            if not os.path.samestat(info, os.stat(again)):
                raise Refused(_("changed while it was being read"), _("run reader check again"))
        if info.st_size > limit:
            raise Refused(
                # Translators: after a file's name: "is 17.0 MB"
                _("is {size}").format(size=megabytes(info.st_size)),
                _("keep it under {limit}").format(limit=megabytes(limit)),
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise Refused(
                _("is over {limit}").format(limit=megabytes(limit)),
                _("keep it under {limit}").format(limit=megabytes(limit)),
            )
        return data
    finally:
        os.close(fd)


def _resolve(path: Path) -> Path:
    try:
        return path.resolve(strict=True)
    except RuntimeError:  # a symlink loop
        raise OSError(errno.ELOOP, _("a symbolic link loop")) from None


def _inside(path: Path, real_root: Path) -> Path:
    real = _resolve(path)
    if not real.is_relative_to(real_root):
        raise Refused(_(_OUTSIDE), _(_OUTSIDE_FIX))
    return real


def decode(data: bytes, report: Reporter) -> str | None:
    """UTF-8 text of ``data``, or ``None`` after reporting where it is not UTF-8."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        report.error(
            _("invalid UTF-8 at byte {byte}").format(byte=error.start),
            _("save the file as UTF-8"),
            line=line,
        )
        return None


def read_text(
    path: Path, report: Reporter, limit: int = MAX_YAML, root: Path | None = None
) -> str | None:
    """A file's text, neutralised, or ``None`` after reporting why it cannot be read.

    A file over ``limit`` bytes is refused before it is read; with ``root``, so
    is one that does not resolve inside ``root`` when it is opened.
    """
    try:
        data = read_bytes(path, limit, root)
    except Refused as refused:
        report.error(refused.message, refused.fix)
        return None
    except OSError as error:
        report.error(
            # Translators: after a file's name; {reason} is the system's reason
            _("cannot be read ({reason})").format(reason=error.strerror or error),
            _("check that the file exists and is readable"),
        )
        return None
    text = decode(data, report)
    if text is not None and not is_clean(text):
        line = next((n for n, t in enumerate(text.split("\n"), 1) if not is_clean(t)), 0)
        report.warn(
            _("holds control characters; they are shown as symbols, never sent to the terminal"),
            _("remove them from the file"),
            line=line,
        )
        text = clean_text(text)
    return text


@functools.cache
def _loader_class() -> Any:
    """PyYAML's safe loader (the C one, libyaml, when PyYAML has it), whose impossible
    dates stay text: ``2026-02-30`` is then reported as not a date, never raised."""
    import yaml  # here, not at the top: it costs ~20 ms of every import of the library

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def timestamp(loader: Any, node: Any) -> Any:
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
        except (ValueError, OverflowError):  # day 30 of February, year 0
            return loader.construct_scalar(node)

    loader_class = type("ContentLoader", (base,), {})
    loader_class.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return loader_class


def safe_loader(text: str) -> Any:
    """A safe loader for ``text``: the C one (libyaml) when PyYAML has it.

    Both construct only plain data (what ``yaml.safe_load`` does); the C one is
    several times faster, which matters at start-up with many articles.
    """
    return _loader_class()(text)


def load_yaml(text: str, report: Reporter, first_line: int = 1) -> tuple[bool, Any]:
    """``(ok, value)`` from YAML text, loaded safely; errors are reported."""
    ok, value, _node = load_yaml_node(text, report, first_line)
    return ok, value


def load_yaml_node(text: str, report: Reporter, first_line: int = 1) -> tuple[bool, Any, Any]:
    """``(ok, value, node)``: the value and the node tree it was built from.

    The nodes keep each value as it was written and where (``node.start_mark``),
    for messages about values YAML read as something else.
    """
    import yaml

    if len(text) > MAX_YAML:
        report.error(
            _("YAML is {count} characters long").format(count=len(text)),
            _("keep it under {limit}").format(limit=MAX_YAML),
        )
        return False, None, None
    loader = None
    try:
        if _refuse_anchors(text, report, first_line):
            return False, None, None
        loader = safe_loader(text)
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
        return True, value, node
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        report.error(
            # Translators: {problem} is PyYAML's own words (in English)
            _("YAML cannot be read: {problem}").format(problem=problem),
            _("check the indentation and quote values that contain ':' or '#'"),
            line=line,
        )
        return False, None, None
    except RecursionError:
        report.error(_("YAML is nested too deeply"), _("flatten the structure"))
        return False, None, None
    except (ValueError, TypeError, OverflowError) as error:  # a value PyYAML cannot build
        report.error(
            # Translators: {problem} is Python's own words (in English)
            _("YAML cannot be read: {problem}").format(problem=clean_line(str(error))[:200]),
            _("quote values that are meant as text"),
            line=first_line,
        )
        return False, None, None
    finally:
        if loader is not None:
            loader.dispose()


def _refuse_anchors(text: str, report: Reporter, first_line: int) -> bool:
    """Report the first anchor (``&name``) or alias (``*name``) and return True.

    Only the scanner runs: nothing is built, so a bomb costs what its text does.
    """
    if "&" not in text and "*" not in text:  # neither can be written without them
        return False
    import yaml

    loader = safe_loader(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                name = clean_text(str(token.value))[:40]
                if isinstance(token, yaml.AnchorToken):
                    message = _("YAML anchor '&{name}' is not allowed")
                else:
                    message = _("YAML alias '*{name}' is not allowed")
                report.error(
                    message.format(name=name),
                    _(
                        "content files need no anchors (&name) or aliases (*name): "
                        "write each value out in full, and quote text that starts with & or *"
                    ),
                    line=first_line + token.start_mark.line,
                )
                return True
    finally:
        loader.dispose()
    return False
