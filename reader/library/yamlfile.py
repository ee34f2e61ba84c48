"""Reading untrusted YAML and text files, with problems instead of exceptions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.document.sanitize import clean_text, is_clean
from reader.library.validate import Reporter

MAX_YAML = 1_000_000  # bytes: more than any front matter or contacts file needs


def decode(data: bytes, report: Reporter) -> str | None:
    """UTF-8 text of ``data``, or ``None`` after reporting where it is not UTF-8."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        report.error(f"invalid UTF-8 at byte {error.start}", "save the file as UTF-8", line=line)
        return None


def read_text(path: Path, report: Reporter) -> str | None:
    """A file's text, neutralised, or ``None`` after reporting why it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        report.error(
            f"cannot be read ({error.strerror or error})",
            "check that the file exists and is readable",
        )
        return None
    text = decode(data, report)
    if text is not None and not is_clean(text):
        line = next((n for n, t in enumerate(text.split("\n"), 1) if not is_clean(t)), 0)
        report.warn(
            "holds control characters; they are shown as symbols, never sent to the terminal",
            "remove them from the file",
            line=line,
        )
        text = clean_text(text)
    return text


def safe_loader(text: str) -> Any:
    """PyYAML's safe loader for ``text``: the C one (libyaml) when PyYAML has it.

    Both construct only plain data (what ``yaml.safe_load`` does); the C one is
    several times faster, which matters at start-up with many articles.
    """
    import yaml  # here, not at the top: it costs ~20 ms of every import of the library

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader_class(text)


def load_yaml(text: str, report: Reporter, first_line: int = 1) -> tuple[bool, Any]:
    """``(ok, value)`` from YAML text, loaded safely; errors are reported."""
    import yaml

    if len(text) > MAX_YAML:
        report.error(f"YAML is {len(text)} characters long", f"keep it under {MAX_YAML}")
        return False, None
    loader = safe_loader(text)
    try:
        return True, loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        report.error(
            f"YAML cannot be read: {problem}",
            "check the indentation and quote values that contain ':' or '#'",
            line=line,
        )
        return False, None
    except RecursionError:
        report.error("YAML is nested too deeply", "flatten the structure")
        return False, None
    finally:
        loader.dispose()
