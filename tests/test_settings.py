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


def test_screen_reader_mode_is_line_mode_unless_panes_are_asked_for(tmp_path: Path) -> None:
    config = tmp_path / "reader.toml"
    config.write_text('screen_reader = "panes"\n')
    env = {"READER_CONFIG": str(config)}
    panes = load_settings(environ=env)
    assert panes.screen_reader and not panes.screen_reader_lines
    line = load_settings(environ={**env, "READER_SCREEN_READER": "1"})
    assert line.screen_reader and line.screen_reader_lines
    flag = load_settings(screen_reader="line", environ=env)
    assert flag.screen_reader and flag.screen_reader_lines
    off = load_settings(environ={"READER_SCREEN_READER": "0"})
    assert not off.screen_reader
    with pytest.raises(ConfigError, match="use 1, 0, line, panes"):
        load_settings(environ={"READER_SCREEN_READER": "wide"})
    config.write_text('screen_reader = "wide"\n')
    with pytest.raises(ConfigError, match='must be true, false, "line", "panes"'):
        load_settings(environ=env)
