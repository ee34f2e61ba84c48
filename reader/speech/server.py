"""The reader's own speech server: protocol lines in, espeak-ng or speech-dispatcher out.

``python -m reader.speech.server`` reads the lines of :mod:`reader.speech.protocol`
on standard input and speaks them one after another: through speech-dispatcher
(``spd-say``) where it is installed, else through ``espeak-ng``. ``x`` stops the
utterance being spoken and forgets the queue. ``--wav FOLDER`` writes each
utterance to ``FOLDER/0001.wav`` (and its words to ``0001.txt``) instead of playing
it, through espeak-ng: for tests and for checking a voice without a loudspeaker.
It writes nothing to standard output.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import queue
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from reader.speech.protocol import DEFAULT_RATE, DEFAULT_VOLUME, clamp, words_per_minute

ESPEAK = "espeak-ng"
SPD_SAY = "spd-say"


@dataclass(frozen=True)
class Voice:
    """How the next utterance is spoken."""

    rate: int = DEFAULT_RATE
    volume: int = DEFAULT_VOLUME
    lang: str = ""


@dataclass(frozen=True)
class Utterance:
    """Words to say, how, and whether they are one character to spell."""

    text: str
    voice: Voice
    spell: bool = False
    generation: int = 0  # the stops before it: one stop later, it is not said


def espeak_voices() -> set[str]:
    """The language codes espeak-ng has voices for ("en", "en-gb", "nb", ...)."""
    try:
        listing = subprocess.run(
            [ESPEAK, "--voices"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return {row.split()[1].lower() for row in listing.splitlines()[1:] if len(row.split()) > 1}


def spd_rate(rate: int) -> int:
    """speech-dispatcher's rate (-100 to 100, 0 its normal speed) for ours (0 to 100):
    our default is its normal speed, as it is espeak-ng's."""
    if rate <= DEFAULT_RATE:
        return round((rate - DEFAULT_RATE) * 100 / DEFAULT_RATE)
    return round((rate - DEFAULT_RATE) * 100 / (100 - DEFAULT_RATE))


class Synthesiser:
    """One process per utterance, through espeak-ng or spd-say."""

    def __init__(self, program: str, wav: Path | None = None) -> None:
        self.program = program
        self.wav = wav
        self.count = 0
        self.voices = espeak_voices() if program == ESPEAK else set()

    def voice_for(self, lang: str) -> str:
        """espeak-ng's voice for a language code: itself, its first part, else none."""
        for code in (lang.lower(), lang.lower().split("-")[0]):
            if code and code in self.voices:
                return code
        return ""

    def command(self, utterance: Utterance) -> tuple[list[str], bytes | None]:
        """The command that says ``utterance``, and what to give it on standard input."""
        voice = utterance.voice
        if self.program == SPD_SAY:
            command = [SPD_SAY, "-w", "-r", str(spd_rate(voice.rate))]
            command += ["-i", str(voice.volume * 2 - 100)]
            if voice.lang:
                command += ["-l", voice.lang]
            if utterance.spell:
                command.append("-s")
            return [*command, "--", utterance.text], None
        command = [ESPEAK, "-b", "1", "-s", str(words_per_minute(voice.rate))]
        command += ["-a", str(voice.volume * 2)]
        chosen = self.voice_for(voice.lang)
        if chosen:
            command += ["-v", chosen]
        if utterance.spell:
            command.append("--punct")
        if self.wav is not None:
            self.count += 1
            stem = self.wav / f"{self.count:04d}"
            stem.with_suffix(".txt").write_text(utterance.text, encoding="utf-8")
            command += ["-w", str(stem.with_suffix(".wav"))]
        return [*command, "--stdin"], utterance.text.encode("utf-8")

    def stop(self) -> None:
        """Also stop what speech-dispatcher is saying (it plays on after its client ends)."""
        if self.program == SPD_SAY:
            # A stuck speech-dispatcher: the next utterance will tell.
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                subprocess.run([SPD_SAY, "-S"], capture_output=True, timeout=5, check=False)


class Server:
    """Reads protocol lines; a player thread speaks the queue in order."""

    def __init__(self, synthesiser: Synthesiser) -> None:
        self.synthesiser = synthesiser
        self.voice = Voice()
        self.queue: queue.SimpleQueue[Utterance | None] = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.generation = 0  # bumped by each stop: what was queued before it is dropped
        self.current: subprocess.Popen[bytes] | None = None

    def handle(self, line: str) -> None:
        """One protocol line."""
        kind, value = line[:1], line[1:]
        if kind == "s" and value.strip():
            self.queue.put(Utterance(value, self.voice, generation=self.generation))
        elif kind == "l" and value:
            self.queue.put(Utterance(value[:1], self.voice, True, self.generation))
        elif kind == "x":
            self.stop()
        elif kind in ("r", "v") and value.strip().isdigit():
            field = "rate" if kind == "r" else "volume"
            self.voice = replace(self.voice, **{field: clamp(int(value))})
        elif kind == "L":
            self.voice = replace(self.voice, lang=value.strip())

    def stop(self) -> None:
        """Silence now; forget what was queued."""
        with self.lock:
            self.generation += 1
            playing = self.current is not None and self.current.poll() is None
            if playing:
                self.current.kill()
        if playing:
            self.synthesiser.stop()

    def play(self) -> None:
        """The player thread: each utterance to its end (or to a stop)."""
        while (utterance := self.queue.get()) is not None:
            with self.lock:
                if utterance.generation != self.generation:
                    continue  # stopped before its turn
                command, data = self.synthesiser.command(utterance)
                try:
                    self.current = subprocess.Popen(
                        command,
                        stdin=subprocess.PIPE,
                        stdout=subprocess.DEVNULL,
                        stderr=sys.stderr,
                    )
                except OSError as error:
                    print(f"{command[0]}: {error}", file=sys.stderr)
                    continue
                process = self.current
            try:
                process.communicate(data, timeout=600)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()

    def run(self, lines: object) -> None:
        """Serve ``lines`` (standard input) until they end."""
        player = threading.Thread(target=self.play, name="player", daemon=True)
        player.start()
        for raw in lines:  # type: ignore[attr-defined]
            self.handle(str(raw).rstrip("\n"))
        self.stop()  # the reader has gone: so has what it was saying
        self.queue.put(None)
        player.join()


def choose_program(engine: str, wav: Path | None) -> str | None:
    """spd-say where it is installed (unless writing WAV files), else espeak-ng."""
    order = [engine] if engine != "auto" else [ESPEAK] if wav is not None else [SPD_SAY, ESPEAK]
    return next((program for program in order if shutil.which(program)), None)


def main(argv: list[str] | None = None) -> int:
    """Run the server on standard input."""
    parser = argparse.ArgumentParser(prog="python -m reader.speech.server")
    parser.add_argument("--engine", choices=["auto", ESPEAK, SPD_SAY], default="auto")
    parser.add_argument("--wav", type=Path, help="write each utterance to FOLDER/NNNN.wav")
    args = parser.parse_args(argv)
    program = choose_program(args.engine, args.wav)
    if program is None:
        print(f"no speech synthesiser: install {ESPEAK} or speech-dispatcher", file=sys.stderr)
        return 3
    if args.wav is not None:
        args.wav.mkdir(parents=True, exist_ok=True)
    # The reader writes UTF-8 whatever the locale; a bad byte is not worth a crash.
    lines = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    Server(Synthesiser(program, args.wav)).run(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
