"""Settings: flags beat environment variables, which beat the config file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library.paths import bundled_articles
from reader.library.settings import ConfigError, load_settings


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings(environ={"XDG_CONFIG_HOME": str(tmp_path)})
    assert settings.articles == bundled_articles()
    assert (settings.articles / "topics.yaml").is_file()
    assert settings.region is None


def test_precedence_flag_env_file(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('articles = "content"\nregion = "no"\ndata_dir = "/data/file"\n')
    env = {"READER_CONFIG": str(config), "READER_REGION": "se"}
    settings = load_settings(environ=env)
    assert settings.articles == tmp_path / "content"  # relative to the config file
    assert settings.region == "SE"
    assert settings.data_dir == Path("/data/file")
    assert load_settings(region="gb", environ=env).region == "GB"
    assert load_settings(articles="x", environ=env).articles == Path("x")


def test_config_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(config=str(tmp_path / "missing.toml"), environ={})
    bad = tmp_path / "bad.toml"
    bad.write_text("region = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(config=str(bad), environ={})
    wrong = tmp_path / "wrong.toml"
    wrong.write_text("region = 5\n")
    with pytest.raises(ConfigError, match="'region' must be a string"):
        load_settings(config=str(wrong), environ={})
