"""The speech package: protocol lines, the speech process beside the app, the shipped server."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO

from reader.library.settings import ConfigError, load_settings
from reader.speech import protocol
from reader.speech.engine import SpeechEngine
from reader.speech.server import (
    ESPEAK,
    SPD_SAY,
    Server,
    Synthesiser,
    Utterance,
    Voice,
    spd_rate,
)

LOGGER = REPO / "tests" / "log_speech.py"


def logged(log: Path, limit: float = 5.0, count: int = 1) -> list[tuple[str, str]]:
    """The (command, text) lines the logging server wrote, once there are ``count``."""
    end = time.monotonic() + limit
    rows: list[tuple[str, str]] = []
    while time.monotonic() < end:
        rows = [tuple(json.loads(row)[1:]) for row in log.read_text().splitlines()]
        if len(rows) >= count:
            break
        time.sleep(0.02)
    return rows


# -- protocol ----------------------------------------------------------------------


def test_a_speak_line_is_one_line_without_terminal_controls() -> None:
    line = protocol.speak("Call\n999\x1b[2J now\x07 │ ─── please")
    assert line.startswith("s")
    assert "\n" not in line and "\x1b" not in line and "\x07" not in line
    assert "│" not in line and "─" not in line
    assert line == "sCall 999 [2J now please"


def test_nothing_to_say_is_no_line() -> None:
    assert protocol.speak("  \n ") == ""


def test_levels_are_clamped_and_languages_cleaned() -> None:
    assert protocol.rate(150) == "r100" and protocol.volume(-5) == "v0"
    assert protocol.language("nb\nsx") == "Lnbsx"
    assert protocol.letter("\x1b") != "l\x1b"


def test_a_faster_rate_takes_less_time() -> None:
    text = "one two three four five six seven eight nine ten"
    assert protocol.seconds_to_say(text, 100) < protocol.seconds_to_say(text, 25)
    assert protocol.seconds_to_say(text, 0) < 10


# -- the engine --------------------------------------------------------------------


def test_lines_reach_the_speech_command_in_order(tmp_path: Path) -> None:
    log = tmp_path / "speech.log"
    log.write_text("")
    engine = SpeechEngine([sys.executable, str(LOGGER), str(log)], lambda reason: None)
    for line in ("r40", "Len", "sHello", "x", "sCall 999"):
        engine.send(line)
    rows = logged(log, count=5)
    engine.close()
    assert rows == [("r", "40"), ("L", "en"), ("s", "Hello"), ("x", ""), ("s", "Call 999")]


def test_a_command_that_dies_is_started_once_more_then_speech_gives_up_once(
    tmp_path: Path,
) -> None:
    failures: list[str] = []
    starts = tmp_path / "starts"
    starts.write_text("")
    # Each start leaves a mark, then the process ends at once.
    script = f"open({str(starts)!r}, 'a').write('started\\n')"
    engine = SpeechEngine(
        [sys.executable, "-c", script], failures.append, log_path=tmp_path / "speech.log"
    )
    for n in range(20):
        engine.send(f"sline {n}")
        time.sleep(0.05)
    time.sleep(0.3)
    engine.close()
    assert starts.read_text().count("started") == 2  # once, and once again
    assert len(failures) == 1 and "ended" in failures[0]
    assert engine.failed
    log = (tmp_path / "speech.log").read_text()
    assert "started again" in log and "given up" in log


def test_a_missing_command_gives_up_with_its_reason(tmp_path: Path) -> None:
    failures: list[str] = []
    engine = SpeechEngine([str(tmp_path / "no-such-synthesiser")], failures.append)
    engine.send("shello")
    for _ in range(100):
        if failures:
            break
        time.sleep(0.02)
    engine.close()
    assert len(failures) == 1 and "no-such-synthesiser" in failures[0]


def test_a_restarted_process_hears_the_rate_volume_and_language_again(tmp_path: Path) -> None:
    log = tmp_path / "speech.log"
    log.write_text("")
    # Logs one line, then dies: the second process must be told the settings again.
    script = (
        "import sys, json; line = sys.stdin.readline(); "
        f"open({str(log)!r}, 'a').write(json.dumps([0, line[:1], line[1:].strip()]) + '\\n')"
    )
    engine = SpeechEngine([sys.executable, "-c", script], lambda reason: None)
    engine.send("r70")
    time.sleep(0.5)  # the first process reads "r70" and ends
    engine.send("sagain")
    rows = logged(log, count=2)
    engine.close()
    assert rows[:2] == [("r", "70"), ("r", "70")]


def test_what_the_speech_process_prints_never_reaches_our_output(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    script = "import sys\nprint('NOISE-OUT')\nprint('NOISE-ERR', file=sys.stderr)\nsys.stdin.read()"
    engine = SpeechEngine([sys.executable, "-c", script], lambda reason: None, tmp_path / "log")
    engine.send("shello")
    time.sleep(0.5)
    engine.close()
    out, err = capfd.readouterr()
    assert "NOISE" not in out + err
    assert "NOISE-ERR" in (tmp_path / "log").read_text()  # the operator can still find it


# -- the shipped server --------------------------------------------------------------


class Recorder(Synthesiser):
    """A synthesiser that records the commands it would run (and runs `true`)."""

    def __init__(self, program: str, voices: set[str] | None = None) -> None:
        self.program, self.wav, self.count, self.voices = program, None, 0, voices or set()
        self.commands: list[list[str]] = []
        self.texts: list[str] = []

    def command(self, utterance: Utterance) -> tuple[list[str], bytes | None]:
        command, data = super().command(utterance)
        self.commands.append(command)
        self.texts.append(utterance.text)
        return ["true"], data


def test_espeak_is_given_the_voice_rate_and_volume_asked_for() -> None:
    synthesiser = Recorder(ESPEAK, {"en", "nb", "en-gb"})
    command, data = Synthesiser.command(
        synthesiser, Utterance("Ring 113", Voice(rate=100, volume=50, lang="nb-NO"))
    )
    assert command[0] == ESPEAK
    assert command[command.index("-v") + 1] == "nb"
    assert command[command.index("-s") + 1] == "450"
    assert command[command.index("-a") + 1] == "100"
    assert data == b"Ring 113"
    unknown, _ = Synthesiser.command(synthesiser, Utterance("x", Voice(lang="tlh")))
    assert "-v" not in unknown  # no such voice: espeak-ng's default, not an error


def test_speech_dispatcher_is_given_its_own_scales() -> None:
    command, data = Synthesiser.command(
        Recorder(SPD_SAY), Utterance("Hello", Voice(rate=0, volume=100, lang="en"))
    )
    assert command[:2] == [SPD_SAY, "-w"]
    assert command[command.index("-r") + 1] == "-100"
    assert command[command.index("-i") + 1] == "100"
    assert command[-2:] == ["--", "Hello"] and data is None
    spelt, _ = Synthesiser.command(Recorder(SPD_SAY), Utterance("9", Voice(), spell=True))
    assert "-s" in spelt


def test_our_default_rate_is_speech_dispatchers_normal_speed() -> None:
    assert [spd_rate(rate) for rate in (0, protocol.DEFAULT_RATE, 100)] == [-100, 0, 100]


def test_the_server_speaks_in_order_and_a_stop_drops_what_was_queued() -> None:
    synthesiser = Recorder(ESPEAK, {"en", "nb"})
    server = Server(synthesiser)
    for line in ("Lnb", "r60", "sførst", "x", "sandre", "l9", "v30", "stredje"):
        server.handle(line)
    server.queue.put(None)
    server.play()  # what is queued, in order, then the end
    # "først" was stopped before its turn; each is said as things stood when it came.
    assert synthesiser.texts == ["andre", "9", "tredje"]
    rates = [command[command.index("-s") + 1] for command in synthesiser.commands]
    assert rates == [str(protocol.words_per_minute(60))] * 3
    assert all("-v" in command and "nb" in command for command in synthesiser.commands)
    assert "--punct" in synthesiser.commands[1]  # "l": one character, spelt
    volumes = [command[command.index("-a") + 1] for command in synthesiser.commands]
    assert volumes == ["100", "100", "60"]


def test_the_server_without_a_synthesiser_says_why(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.speech import server

    monkeypatch.setattr(server.shutil, "which", lambda name: None)
    assert server.main([]) == 3
    assert "espeak-ng" in capsys.readouterr().err


# -- settings ------------------------------------------------------------------------


def test_speech_is_on_by_flag_environment_config_or_kiosk_section(tmp_path: Path) -> None:
    config = tmp_path / "reader.toml"
    config.write_text("")
    assert not load_settings(config=str(config), environ={}).speech.on
    assert load_settings(config=str(config), environ={}, speech=True).speech.on
    assert load_settings(config=str(config), environ={"READER_SPEECH": "1"}).speech.on
    config.write_text("speech = true\nspeech_rate = 60\nspeech_volume = 30\n")
    settings = load_settings(config=str(config), environ={})
    assert (settings.speech.on, settings.speech.rate, settings.speech.volume) == (True, 60, 30)
    config.write_text("[kiosk]\nspeech = true\n")
    assert not load_settings(config=str(config), environ={}).speech.on  # not a kiosk
    assert load_settings(config=str(config), environ={}, kiosk=True).speech.on


def test_a_speech_command_is_split_as_a_shell_would(tmp_path: Path) -> None:
    config = tmp_path / "reader.toml"
    config.write_text("")
    settings = load_settings(
        config=str(config), environ={"READER_SPEECH_COMMAND": "my-tts --voice 'en gb'"}
    )
    assert settings.speech.server_command() == ["my-tts", "--voice", "en gb"]
    assert load_settings(config=str(config), environ={}).speech.server_command()[1:] == [
        "-m",
        "reader.speech.server",
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("speech_rate = 101\n", "speech_rate"),
        ("speech_volume = true\n", "speech_volume"),
        ("[kiosk]\nspeech = 1\n", "speech"),
    ],
)
def test_bad_speech_settings_are_named(tmp_path: Path, text: str, words: str) -> None:
    config = tmp_path / "reader.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=words):
        load_settings(config=str(config), environ={})


def test_an_unreadable_speech_command_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="speech command"):
        config = tmp_path / "reader.toml"
        config.write_text("")
        load_settings(config=str(config), environ={}, speech_command="say 'oops")
