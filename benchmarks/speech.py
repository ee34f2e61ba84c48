"""Key to speech: the time from a key to the first words sent to the speech process.

    python benchmarks/speech.py            # 40 presses of Down per subject
    python benchmarks/speech.py --quick    # 15

The reader runs with ``--speech`` in a real pty (100x30), its speech command the
logging server of the tests (tests/log_speech.py), which stamps each line as it
reads it (time.monotonic: the same clock as perf_counter here). For each Down:
"frame" is send to the end of the first frame drawn after the key (Textual's
synchronized-output frames, as benchmarks/keys.py times them), "speech" is send
to the first ``s`` line the speech process reads. A screen reader such as tdsr
speaks a fixed delay after the cursor moves (20 ms in tdsr): the last column is
the cursor frame plus that delay, what a screen reader on the same terminal
could do at best.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from keys import REPO, Term, pct, private_env

DOWN = b"\x1b[B"
TDSR_DELAY = 0.020
LOGGER = REPO / "tests" / "log_speech.py"


def first_spoken_after(log: Path, start: float, limit: float) -> float | None:
    """Seconds from ``start`` (perf_counter) to the first ``s`` line logged after it."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        for row in log.read_text(encoding="utf-8").splitlines():
            stamp, kind, _text = json.loads(row)
            if kind == "s" and stamp >= start:
                return stamp - start
        time.sleep(0.005)
    return None


def run_subject(
    reader: list[str], env: dict[str, str], setup: bytes, n: int, log: Path | None
) -> dict:
    """``n`` presses of Down: the frame, cursor and speech times of each, in ms (no
    speech times when ``log`` is None: speech off)."""
    term = Term(reader, env)
    frames, cursors, spoken = [], [], []
    try:
        term.settle()
        if setup:
            os.write(term.fd, setup)
            term.settle()
        misses = 0
        while len(cursors) < n:
            start = time.perf_counter()
            press = term.press(DOWN, track_cursor=True)
            said = first_spoken_after(log, start, 2.0) if log is not None else 0.0
            if press.cursor is None or said is None:  # the end of the list: back to the top
                misses += 1
                if misses > 3:
                    raise RuntimeError("no cursor move or no words after four presses")
                os.write(term.fd, b"\x1b[H")
                term.settle(quiet=0.3)
                continue
            misses = 0
            frames.append(press.frame or press.cursor)
            cursors.append(press.cursor)
            spoken.append(said)
            term.settle(quiet=0.3, limit=10)  # let the utterance's gathering end
    finally:
        term.quit()
    return {
        "n": len(cursors),
        **{f"frame_{q}": pct(frames, v) for q, v in (("p50", 0.5), ("p95", 0.95))},
        **{f"speech_{q}": pct(spoken, v) for q, v in (("p50", 0.5), ("p95", 0.95))},
        "tdsr_p95": pct([c + TDSR_DELAY for c in cursors], 0.95),
    }


def measure(reader: list[str], tmp: Path, n: int) -> list[tuple[str, dict]]:
    """Down in the topics, in an article and in the contacts, speech on and off."""
    bundled = [*reader, "--articles", str(REPO / "articles")]
    largest = max((REPO / "articles").glob("*.md"), key=lambda p: p.stat().st_size).stem
    subjects = [
        ("topics", bundled, b""),
        ("article", [*bundled, "--open", largest], b""),
        ("contacts", bundled, b"3"),
    ]
    rows = []
    tmp.mkdir(parents=True, exist_ok=True)
    for name, argv, setup in subjects:
        print(f"speech: {name} ...", file=sys.stderr, flush=True)
        log = tmp / f"speech-{name}.log"
        log.write_text("")
        env = {
            **private_env(tmp / f"home-{name}"),
            "READER_SPEECH_COMMAND": f"{sys.executable} {LOGGER} {log}",
        }
        row = run_subject([*argv, "--speech"], env, setup, n, log)
        # The same presses, speech off: does speaking slow the frames?
        silent = run_subject(argv, private_env(tmp / f"home-{name}-silent"), setup, n, None)
        rows.append((name, {**row, "silent_frame_p95": silent["frame_p95"]}))
    return rows


def show(rows: list[tuple[str, dict]]) -> None:
    """The table."""
    print(
        "| Down in | presses | frame p50 / p95 | speech p50 / p95 | speech p95 / frame p95 "
        "| cursor p95 + tdsr's 20 ms | frame p95, speech off |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, r in rows:
        print(
            f"| {name} | {r['n']} | {r['frame_p50']:.1f} / {r['frame_p95']:.1f} ms "
            f"| {r['speech_p50']:.1f} / {r['speech_p95']:.1f} ms "
            f"| {r['speech_p95'] / r['frame_p95']:.2f}x | {r['tdsr_p95']:.1f} ms "
            f"| {r['silent_frame_p95']:.1f} ms |"
        )
    print(
        "\nspeech = key to the first words read by the speech process; frame = key to the "
        "first frame drawn after it; times in ms\n"
    )


def pty_speech(reader: list[str], tmp: Path, n: int) -> None:
    """The speech table, for benchmarks/run.py."""
    print(f"Key to speech ({n} presses of Down each, `--speech`, a logging speech command):\n")
    show(measure(reader, tmp, n))


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="15 presses per subject, not 40")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reader-speech-") as tmp:
        pty_speech([sys.executable, "-m", "reader"], Path(tmp), 15 if args.quick else 40)
    print(f"load average (1 min) {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
