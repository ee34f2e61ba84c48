"""The browser kiosk's web page (``reader serve``), built on textual-serve."""
