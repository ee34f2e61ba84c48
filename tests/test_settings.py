"""Settings: flags beat environment variables, which beat the config file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FIXTURES, Result

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


def _config_with_a_pin(folder: Path, mode: int) -> Path:
    """A config file holding an operator PIN hash, with permissions ``mode``."""
    from reader.library.pin import MIN_SCRYPT_N, hash_pin

    config = folder / "config.toml"
    config.write_text(f'[kiosk]\noperator_pin_hash = "{hash_pin("246813", n=MIN_SCRYPT_N)}"\n')
    config.chmod(mode)
    return config


@pytest.mark.parametrize(("mode", "shown"), [(0o664, "-rw-rw-r--"), (0o606, "-rw----rw-")])
def test_a_pin_config_others_can_write_stops_the_start(
    tmp_path: Path, run_cli: Callable[..., Result], mode: int, shown: str
) -> None:
    """Whoever can write the file can set a PIN of their own: the reader does not start."""
    config = _config_with_a_pin(tmp_path, mode)
    result = run_cli("--config", str(config), "topics", "--articles", str(FIXTURES / "content"))
    assert result.code == 2 and result.out == ""
    assert result.err == (
        f"reader: config file {config} holds the operator PIN hash but other users can "
        f"change it ({shown}); let only its owner write to it: chmod 600 {config}\n"
    )
    config.chmod(0o600)  # as the message says
    fixed = run_cli("--config", str(config), "topics", "--articles", str(FIXTURES / "content"))
    assert fixed.code == 0, fixed.err


def test_a_group_writable_config_without_a_pin_still_loads(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('region = "GB"\n[kiosk]\nenabled = true\n')
    config.chmod(0o664)
    assert load_settings(config=str(config), environ={}).region == "GB"


def test_a_pin_config_of_another_user_stops_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Owned by someone other than root or the user running the reader: refused."""
    config = _config_with_a_pin(tmp_path, 0o644)
    if os.geteuid() == 0:
        os.chown(config, 4242, -1)  # root may give it away
    else:
        me = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: me + 1)  # the file is now someone else's
    with pytest.raises(ConfigError) as caught:
        load_settings(config=str(config), environ={})
    message = str(caught.value)
    assert message.startswith(f"config file {config} holds the operator PIN hash but belongs to")
    assert "it must belong to root or to" in message
    assert message.endswith(f"&& chmod 600 {config}") and "sudo chown " in message
