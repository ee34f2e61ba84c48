"""Speech output for the talking kiosk: a speech-server process and its line protocol.

Nothing here imports Textual: the TUI decides what to say (``reader.tui.speaking``),
this package only carries the words to a synthesiser.
"""
