"""The reader's message catalogs: ``<lang>/LC_MESSAGES/reader.po`` and the compiled ``.mo``."""
