"""The shipped speech server with the real espeak-ng: the emergency contact, as audio.

The server writes each utterance to a WAV file (``--wav``: espeak-ng's ``-w``) and
sox measures it. Skipped where espeak-ng or sox is missing; .ci/run installs both.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO

from reader.library.kiosk import KioskSettings
from reader.library.loader import load_library
from reader.library.settings import Settings
from reader.speech.protocol import DEFAULT_RATE, seconds_to_say
from reader.speech.settings import SpeechSettings
from reader.tui.run import build_app

pytestmark = pytest.mark.skipif(
    not (shutil.which("espeak-ng") and shutil.which("sox")), reason="needs espeak-ng and sox"
)


def seconds_and_peak(wav: Path) -> tuple[float, float]:
    """The length of a WAV file and its loudest sample (0 to 1), as sox measures them."""
    stat = subprocess.run(["sox", str(wav), "-n", "stat"], capture_output=True, text=True)
    figures = dict(
        (name.strip(), value.strip())
        for name, _, value in (line.partition(":") for line in stat.stderr.splitlines())
    )
    return float(figures["Length (seconds)"]), float(figures["Maximum amplitude"])


async def test_f2_speaks_the_emergency_contact_into_a_wav_file(tmp_path: Path) -> None:
    audio = tmp_path / "audio"
    command = [sys.executable, "-m", "reader.speech.server", "--wav", str(audio)]
    settings = Settings(
        articles=REPO / "articles",
        data_dir=tmp_path / "data",
        region="GB",
        config_file=None,
        kiosk=KioskSettings(enabled=True),
        speech=SpeechSettings(True, command),
    )
    app = build_app(settings, load_library(REPO / "articles"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("f2")
        words = ""
        for _ in range(200):
            said = sorted(audio.glob("*.txt"))
            if said and "999" in said[-1].read_text():
                wav = said[-1].with_suffix(".wav")
                words = said[-1].read_text()
                if wav.exists() and wav.stat().st_size > 44:
                    break
            await pilot.pause(0.05)
        await pilot.pause(1.0)  # espeak-ng finishes writing the file
    assert words.startswith("Help contacts:") and "Emergency, phone 999" in words
    length, peak = seconds_and_peak(wav)
    expected = seconds_to_say(words, DEFAULT_RATE)
    assert expected / 2 < length < expected * 2, (length, expected, words)
    assert peak > 0.1  # speech, not silence


@pytest.mark.parametrize("rate", [0, 25, 100])
def test_the_pace_of_reading_aloud_follows_what_espeak_takes(tmp_path: Path, rate: int) -> None:
    """Say-all moves the reading line by this estimate: it must stay near the audio's length."""
    texts = [
        "Help contacts: 8 items, Emergency, phone 999 selected. Call when a life is at risk.",
        "If you are thinking about suicide, you do not have to face this alone. People are "
        "ready to listen right now. Many crisis lines answer the phone day and night.",
    ]
    lines = f"r{rate}\n" + "".join(f"s{text}\n" for text in texts)
    server = subprocess.Popen(
        [sys.executable, "-m", "reader.speech.server", "--wav", str(tmp_path)],
        stdin=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert server.stdin is not None
    server.stdin.write(lines)
    server.stdin.flush()
    wavs = [tmp_path / "0001.wav", tmp_path / "0002.wav"]
    sizes: list[int] = []
    for _ in range(300):  # both written, and no longer growing
        now = [w.stat().st_size if w.exists() else 0 for w in wavs]
        if all(now) and now == sizes:
            break
        sizes = now
        time.sleep(0.3)
    server.stdin.close()
    server.wait(timeout=10)
    for text, wav in zip(texts, wavs, strict=True):
        length, _peak = seconds_and_peak(wav)
        assert 0.7 < seconds_to_say(text, rate) / length < 1.3, (rate, text, length)
