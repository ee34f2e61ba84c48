"""Where the bundled articles and the user's files live."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "reader"


def bundled_articles() -> Path:
    """The articles shipped with the reader.

    Inside an installed wheel they sit in the package (``reader/articles``); in a
    source checkout they are the repository's top-level ``articles/``.
    """
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "articles", package.parent / "articles"):
        if (candidate / "topics.yaml").is_file():
            return candidate
    return package / "articles"


def default_data_dir() -> Path:
    """The per-user data folder (bookmarks, reading positions)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_cache_dir() -> Path:
    """The per-user cache folder (the search index)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def default_config_file() -> Path:
    """The per-user config file."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"
