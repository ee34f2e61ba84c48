"""A speech server for tdsr that speaks nothing and logs what it was asked to say.

tdsr writes one command a line: ``s<text>`` speak, ``l<char>`` a letter, ``x``
stop, ``r``/``v``/``V`` rate, volume, voice. Each line is logged as JSON:
``[monotonic time, command, text]``.
"""

from __future__ import annotations

import json
import sys
import time


def main() -> None:
    """Log every command from standard input to the file named by the first argument."""
    with open(sys.argv[1], "a", encoding="utf-8") as log:
        for line in sys.stdin:
            line = line.rstrip("\n")
            log.write(json.dumps([time.monotonic(), line[:1], line[1:]]) + "\n")
            log.flush()


if __name__ == "__main__":
    main()
