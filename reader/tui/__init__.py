"""The full-screen reader (Textual)."""
