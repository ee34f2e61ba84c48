"""Choosing the language: a flag, READER_LANG, the config, the locale, else English."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import Result

from reader.library.language import choose, from_locale
from reader.library.settings import ConfigError, load_settings

RunCli = Callable[..., Result]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "nn_NO.UTF-8"}, "nb"),  # nynorsk readers get bokmål, not English
        ({"LANG": "no_NO"}, "nb"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "nb_NO.UTF-8"}, "en"),  # LC_ALL wins
        ({"LC_MESSAGES": "nb_NO", "LANG": "en_US"}, "nb"),
        ({"LANGUAGE": "sv:nb:en", "LANG": "en_US"}, "nb"),  # the first the reader has
        ({"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_the_locale_chooses_when_nothing_else_does(environ: dict[str, str], expected: str) -> None:
    assert choose(None, environ) == expected


def test_a_flag_beats_the_environment_which_beats_the_config(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('lang = "nb"\n')
    env = {"LANG": "en_GB.UTF-8"}
    assert load_settings(config=str(config), environ=env).lang == "nb"
    assert load_settings(config=str(config), environ={**env, "READER_LANG": "en"}).lang == "en"
    assert load_settings(config=str(config), environ=env, lang="en").lang == "en"
    assert load_settings(environ={"LANG": "nb_NO.UTF-8"}).lang == "nb"


def test_an_unknown_language_says_which_there_are(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no language 'xx'; the reader has: en \(English\)"):
        load_settings(environ={"READER_LANG": "xx"})


def test_bokmal_suggests_norway_only_when_nothing_else_gives_a_region(run_cli: RunCli) -> None:
    assert run_cli("--lang", "nb", "contacts").out.startswith("Norge (NO):")
    assert run_cli("--lang", "nb", "--region", "GB", "contacts").out.startswith("Storbritannia")
    result = run_cli("--lang", "xx", "topics")
    assert result.code == 2 and "no language 'xx'" in result.err and "nb (norsk" in result.err


def test_a_territory_in_the_locale_beats_the_languages_suggestion(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "nb_SE.UTF-8")
    assert from_locale({"LANG": "nb_SE.UTF-8"}) == ("nb", "SE")
    assert run_cli("contacts").out.startswith("Sverige (SE):")
