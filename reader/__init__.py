"""reader: an accessible terminal reader of mental-health information."""

__version__ = "0.1.0"
